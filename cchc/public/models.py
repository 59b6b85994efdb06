"""What the public pages keep of their own: one counter telling every process when the
published data last changed (the pages' caches are keyed by it)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Freshness(models.Model):
    """A single row (pk 1) whose `generation` grows whenever data a public page shows is
    saved or deleted (`refresh.py`). Kept in the database, not the cache, so that a change
    made by the worker or another server process is seen by all of them."""

    generation = models.BigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("freshness")
        verbose_name_plural = _("freshness")

    def __str__(self) -> str:
        return str(self.generation)


class UnitFreshness(models.Model):
    """One row per unit whose `generation` grows whenever the unit's own plans, sections,
    tasks, their parties or occurrences are saved or deleted (`refresh.py`), so a unit's
    dashboard is recomputed after a change of that unit only — not after every progress
    report anywhere (decision 0102)."""

    # the unit's id, without a foreign key: a row may be written while the unit's plans are
    # deleted with the unit itself, and an orphan row is harmless
    unit_id = models.BigIntegerField(_("unit id"), primary_key=True)
    generation = models.BigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("unit freshness")
        verbose_name_plural = _("unit freshness")

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.generation}"
