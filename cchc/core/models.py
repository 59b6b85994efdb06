"""Small cross-cutting tables."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicRun(models.Model):
    """When each periodic job (core/periodic.py) was last enqueued, so a restarted worker, or a
    second one, does not run it again within its interval."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    last_enqueued_at = models.DateTimeField(_("last enqueued at"), null=True, blank=True)
    last_result_id = models.CharField(_("last result id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")

    def __str__(self) -> str:
        return self.name
