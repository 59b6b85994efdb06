"""What the public pages keep of their own: one counter telling every process when the
published data last changed (the pages' caches are keyed by it)."""

from __future__ import annotations

from django.db import models


class Freshness(models.Model):
    """A single row (pk 1) whose `generation` grows whenever data a public page shows is
    saved or deleted (`refresh.py`). Kept in the database, not the cache, so that a change
    made by the worker or another server process is seen by all of them."""

    generation = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.generation)
