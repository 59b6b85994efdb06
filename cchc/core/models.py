"""Small cross-cutting tables."""

from django.db import models


class PeriodicRun(models.Model):
    """When each periodic job (core/periodic.py) was last enqueued, so a restarted worker, or a
    second one, does not run it again within its interval."""

    name = models.CharField(max_length=60, unique=True)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)
    last_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = "periodic job run"

    def __str__(self) -> str:
        return self.name
