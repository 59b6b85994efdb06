"""The month roll-up's tables: what a province's pages read instead of the facts, kept equal
to them by `rollup.refresh()` (decisions 0093, 0099). Models of the `dossiers` app, named in
`models.py` so Django finds them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.formats import month_year


class MonthRollup(models.Model):
    """Every measure of one unit's dossiers received in one month, summed over procedures.

    One row per unit × month × `bucket`, the last month end on or before the facts'
    `on_time_until` (a window of whole months ends on a month end, so `on_time_until >= end`
    and `bucket >= end` say the same). Procedure flags are applied when the row is made.
    Invariant: equal to the sums of `DossierFact` with the same unit and month (kept by
    `rollup.refresh()` in the transaction that publishes an import or changes the catalogue).
    A province's window reads units × months × buckets rows, however many dossiers it has.
    """

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.CASCADE, db_constraint=False, verbose_name=_("unit")
    )
    month = models.DateField(_("month"))
    bucket = models.DateField(_("bucket"))
    received = models.PositiveIntegerField(_("received"), default=0)
    apology = models.PositiveIntegerField(_("apology"), default=0)
    online = models.PositiveIntegerField(_("online"), default=0)
    postal = models.PositiveIntegerField(_("postal"), default=0)
    full_online_eligible = models.PositiveIntegerField(_("full online eligible"), default=0)
    full_online = models.PositiveIntegerField(_("full online"), default=0)
    fee_dossiers = models.PositiveIntegerField(_("fee dossiers"), default=0)
    fee_paid_online = models.PositiveIntegerField(_("fee paid online"), default=0)
    paid_online = models.PositiveIntegerField(_("paid online"), default=0)
    document_dossiers = models.PositiveIntegerField(_("document dossiers"), default=0)
    e_result = models.PositiveIntegerField(_("e result"), default=0)
    digitised = models.PositiveIntegerField(_("digitised"), default=0)
    reused = models.PositiveIntegerField(_("reused"), default=0)

    class Meta:
        indexes = [
            models.Index(fields=["unit", "month"], name="rollup_unit_month"),
            # a province's months in order: SQLite sums them without sorting every row
            models.Index(fields=["month", "unit"], name="rollup_month_unit"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["unit", "month", "bucket"], name="rollup_key_unique")
        ]
        verbose_name = _("month rollup")
        verbose_name_plural = _("month rollups")

    def __str__(self) -> str:
        return f"{self.unit_id} {month_year(self.month)} {self.bucket}"


class MonthProcedures(models.Model):
    """The fee-charging procedures one unit received dossiers of in one month (`used`), and
    those of them with a dossier paid online (`paid`), as bitmaps of procedure ids (bit n is
    procedure n): procedure counts are not sums, a window's set is the union of its months'.
    """

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.CASCADE, db_constraint=False, verbose_name=_("unit")
    )
    month = models.DateField(_("month"))
    used = models.BinaryField(_("used"), default=b"")
    paid = models.BinaryField(_("paid"), default=b"")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="month_procedures_unique")
        ]
        verbose_name = _("month procedures")
        verbose_name_plural = _("month procedures")

    def __str__(self) -> str:
        return f"{self.unit_id} {month_year(self.month)}"


class MonthFinished(models.Model):
    """The counted dossiers one unit received in one month, by the local month their handling
    ended in (`ended`; null while unfinished) and by `MonthRollup`'s on-time `bucket`.

    What the dossiers carried over into a window of whole months are summed from (decision
    0099): those received before its first day (`month` earlier) and unfinished or ended on or
    after its first day 00:00 (`ended` null or not earlier). A dossier finished without a known
    moment is never carried, nor one finished in the month it was received: they have no
    row. Invariant: equal to the grouping of the
    `Dossier` rows with the same unit and month (kept by `rollup.refresh()` with the rest of
    the roll-up). A window reads units × months × a few rows, however many dossiers there are.
    """

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.CASCADE, db_constraint=False, verbose_name=_("unit")
    )
    month = models.DateField(_("month"))
    ended = models.DateField(_("ended"), null=True)
    bucket = models.DateField(_("bucket"))
    dossiers = models.PositiveIntegerField(_("dossiers"), default=0)

    class Meta:
        indexes = [
            models.Index(fields=["unit", "month"], name="finished_unit_month"),
            # everything a province's months read, in the order they are summed: SQLite sums
            # them from the index alone, without sorting (`rollup._carried_whole`)
            models.Index(
                fields=["month", "ended", "bucket", "unit", "dossiers"], name="finished_by_month"
            ),
        ]
        verbose_name = _("month finished")
        verbose_name_plural = _("month finished")

    def __str__(self) -> str:
        return f"{self.unit_id} {month_year(self.month)} {self.ended} {self.bucket}"
