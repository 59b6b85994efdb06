"""The procedure catalogue, dossier records and the monthly facts every indicator reads.

A dossier row keeps what the one-stop system exported plus three values derived once, at
import, by `classify.py`: the local day and month it was received, whether it counts at all
(status 3, refused at intake, does not) and `on_time_until` — the last window end for which
it still counts as on time. Finished dossiers are on time or late for good (the sentinels
`ALWAYS` and `NEVER`); an unfinished one is on time for any window ending on or before its
appointment (plus supplement time). That one date is what makes the facts exact for any
window: on-time = facts with `on_time_until >= window end`.

`DossierFact` holds, per unit × month received × procedure × on_time_until, the sums of every
counter an indicator needs. Facts are rebuilt from the dossiers of each (unit, month) an
import touched, so a re-import corrects them exactly; pages never scan dossiers except for the
days of a window that cut a month in two. The month roll-up's tables, sums of the facts that
a province's pages read, are in `rollup_tables.py`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.formats import moment, month_year
from cchc.org.access import ScopedQuerySet

# the month roll-up's tables live beside (rollup_tables.py); named here so Django finds them
from .rollup_tables import MonthFinished, MonthProcedures, MonthRollup  # noqa: F401

ALWAYS = dt.date(9999, 12, 31)  # finished on time: on time for every window
NEVER = dt.date(1, 1, 1)  # late whatever the window


class Procedure(models.Model):
    """One administrative procedure of the national database (thủ tục hành chính)."""

    code = models.CharField(_("procedure code"), max_length=40, unique=True)
    name = models.CharField(_("procedure name"), max_length=1000)
    field = models.CharField(_("field"), max_length=255, blank=True)
    level = models.CharField(_("level"), max_length=100, blank=True)
    full_online_eligible = models.BooleanField(_("eligible for full-online service"), default=False)
    has_fee = models.BooleanField(_("fee-charging"), default=False)
    payment_integrated = models.BooleanField(_("online payment integrated"), default=False)
    returns_document = models.BooleanField(_("returns a document"), default=False)
    legal_time = models.CharField(_("legal processing time"), max_length=40, blank=True)
    time_unit = models.CharField(_("time unit"), max_length=40, blank=True)
    # Publication (công bố, công khai): what the transparency criteria of the index read
    # (publication.py); edited on the publication page or imported, never typed as rates.
    deciding_act = models.CharField(_("deciding legal act"), max_length=255, blank=True)
    act_effective = models.DateField(_("act in force from"), null=True, blank=True)
    publication_decided = models.DateField(_("publication decided on"), null=True, blank=True)
    on_national_db = models.BooleanField(_("published on the national database"), default=False)
    national_db_on = models.DateField(
        _("published on the national database on"), null=True, blank=True
    )
    parts = models.JSONField(_("parts published"), default=list, blank=True)
    unclassified = models.BooleanField(
        _("unclassified"),
        default=False,
        help_text=_("Created from a dossier whose procedure was not in the catalogue."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class ImportBatch(models.Model):
    """One import of a dossier or procedure file (or an API push): who, what, the outcome."""

    class Kind(models.TextChoices):
        DOSSIERS = "dossiers", _("dossiers")
        PROCEDURES = "procedures", _("procedure catalogue")

    class Source(models.TextChoices):
        CLI = "cli", _("command line")
        WEB = "web", _("web")
        API = "api", _("API")

    class State(models.TextChoices):
        STAGING = "staging", _("reading the file")
        APPLYING = "applying", _("being saved")
        DONE = "done", _("saved")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    source = models.CharField(_("source"), max_length=4, choices=Source.choices)
    # A dossier import is staged, then applied in short transactions (saving.py): until it is
    # DONE its dossiers are not counted anywhere, and an abandoned one is rolled back.
    state = models.CharField(
        _("state"), max_length=8, choices=State.choices, default=State.DONE, editable=False
    )
    heartbeat = models.DateTimeField(_("heartbeat"), null=True, blank=True, editable=False)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    skipped = models.PositiveIntegerField(_("skipped invalid rows"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    seconds = models.FloatField(_("seconds"), default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name} ({moment(self.started_at)})"


class DossierQuerySet(models.QuerySet):
    def visible(self) -> DossierQuerySet:
        """The dossiers readers may see: not those of an import that is not published yet
        (its rows are in the table while it is written or applied, `staging.py`). An import
        being applied still has the versions it replaces in `StagedDossier`; SQL readers get
        them through `staging.visible_dossiers()`, lookups of one code here do not."""
        hidden = list(
            ImportBatch.objects.filter(
                state__in=[ImportBatch.State.STAGING, ImportBatch.State.APPLYING]
            ).values_list("pk", flat=True)
        )
        return self.exclude(batch_id__in=hidden) if hidden else self


class Dossier(models.Model):
    """One dossier (hồ sơ TTHC) as exported by the one-stop system, plus derived fields.

    Rows of an import that is not published yet are in the table but seen by no reader:
    read through `Dossier.objects.visible()` or `staging.visible_dossiers()` (decision 0103).
    """

    code = models.CharField(_("dossier code"), max_length=80, unique=True)
    # found by unit through the (unit, day) and (unit, month) indexes: none of its own
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, db_index=False
    )
    procedure = models.ForeignKey(Procedure, verbose_name=_("procedure"), on_delete=models.PROTECT)
    received = models.DateTimeField(_("received"))
    due = models.DateTimeField(_("appointment"))
    processing_ended = models.DateTimeField(_("processing ended"), null=True, blank=True)
    returned = models.DateTimeField(_("result returned"), null=True, blank=True)
    status = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    channel = models.PositiveSmallIntegerField(_("channel"), default=1)
    full_online = models.BooleanField(_("full-online"), default=False)
    paid_online = models.PositiveSmallIntegerField(_("paid online"), default=0)
    has_fee = models.BooleanField(_("carries a fee"), default=False)
    digitised = models.BooleanField(_("components digitised"), default=False)
    reused = models.BooleanField(_("digitised data reused"), default=False)
    e_result = models.BooleanField(_("electronic result"), default=False)
    supplements = models.PositiveSmallIntegerField(_("supplement requests"), default=0)
    supplement_requested = models.DateTimeField(_("supplement requested"), null=True, blank=True)
    supplement_supplied = models.DateTimeField(_("supplement supplied"), null=True, blank=True)
    apology = models.BooleanField(_("apology letter"), default=False)
    # Derived at import (classify.py); never edited by hand.
    received_on = models.DateField(_("received on"), editable=False)
    month = models.DateField(_("month"), editable=False)
    counted = models.BooleanField(_("counted"), editable=False, default=True)
    on_time_until = models.DateField(_("on time until"), editable=False)
    batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        verbose_name=_("batch"),
    )

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            models.Index(fields=["unit", "received_on"], name="dossier_unit_day"),
            models.Index(fields=["unit", "month"], name="dossier_unit_month"),
        ]

    def __str__(self) -> str:
        return self.code


class StagedDossier(models.Model):
    """A dossier row of an import that is not finished yet (see `saving.py`).

    New rows (`old` false) wait here, validated, until the import is applied; while it is
    applied, the version of each dossier it replaces is kept here (`old` true), so that pages
    still count the dossiers as they were and an interrupted import can be put back. Columns
    carry the names of `Dossier`'s, so rows move between the tables in one INSERT … SELECT;
    `batch_id` of an old row is the import that had stored it.
    """

    # indexed by the (owner, old) index below: one index less to write per staged row
    owner = models.ForeignKey(
        ImportBatch,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("owner"),
    )
    old = models.BooleanField(_("old"), default=False)
    code = models.CharField(_("code"), max_length=80)
    procedure_code = models.CharField(_("procedure code"), max_length=40, blank=True)
    unit_id = models.BigIntegerField(_("unit id"))
    procedure_id = models.BigIntegerField(
        _("procedure id"), null=True
    )  # set when an unknown code is added
    received = models.DateTimeField(_("received"))
    due = models.DateTimeField(_("due"))
    processing_ended = models.DateTimeField(_("processing ended"), null=True)
    returned = models.DateTimeField(_("result returned"), null=True)
    status = models.PositiveSmallIntegerField(_("status"), null=True)
    channel = models.PositiveSmallIntegerField(_("channel"), default=1)
    full_online = models.BooleanField(_("full online"), default=False)
    paid_online = models.PositiveSmallIntegerField(_("paid online"), default=0)
    has_fee = models.BooleanField(_("has fee"), default=False)
    digitised = models.BooleanField(_("digitised"), default=False)
    reused = models.BooleanField(_("reused"), default=False)
    e_result = models.BooleanField(_("e result"), default=False)
    supplements = models.PositiveSmallIntegerField(_("supplement requests"), default=0)
    supplement_requested = models.DateTimeField(_("supplement requested"), null=True)
    supplement_supplied = models.DateTimeField(_("supplement supplied"), null=True)
    apology = models.BooleanField(_("apology"), default=False)
    received_on = models.DateField(_("received on"))
    month = models.DateField(_("month"))
    counted = models.BooleanField(_("counted"), default=True)
    on_time_until = models.DateField(_("on time until"))
    batch_id = models.BigIntegerField(_("batch id"), null=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "old"], name="staged_owner_old")]
        verbose_name = _("staged dossier")
        verbose_name_plural = _("staged dossiers")

    def __str__(self) -> str:
        return self.code


class DossierFact(models.Model):
    """Sums over the counted dossiers of one unit × month received × procedure × on_time_until.

    Invariant: equal to the aggregation of the `Dossier` rows with the same key (kept by
    `facts.rebuild()` after every import). Column names are the counters of `facts.COUNTERS`.
    """

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.CASCADE, db_constraint=False, verbose_name=_("unit")
    )
    month = models.DateField(_("month"))
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, db_constraint=False, verbose_name=_("procedure")
    )
    on_time_until = models.DateField(_("on time until"))
    received = models.PositiveIntegerField(_("received"), default=0)
    apology = models.PositiveIntegerField(_("apology"), default=0)
    online = models.PositiveIntegerField(_("online"), default=0)
    postal = models.PositiveIntegerField(_("postal"), default=0)
    full_online = models.PositiveIntegerField(_("full online"), default=0)
    fee = models.PositiveIntegerField(_("fee"), default=0)
    fee_paid_online = models.PositiveIntegerField(_("fee paid online"), default=0)
    paid_online = models.PositiveIntegerField(_("paid online"), default=0)
    e_result = models.PositiveIntegerField(_("e result"), default=0)
    digitised = models.PositiveIntegerField(_("digitised"), default=0)
    digitised_e_result = models.PositiveIntegerField(_("digitised e result"), default=0)
    reused = models.PositiveIntegerField(_("reused"), default=0)

    class Meta:
        verbose_name = _("monthly dossier fact")
        verbose_name_plural = _("monthly dossier facts")
        # no index of its own on (unit, month): the unique key begins with them and serves
        # every read by unit and month; one index less to keep for ~0.6 facts a dossier
        # written by every import (decision 0128)
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month", "procedure", "on_time_until"], name="fact_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {month_year(self.month)} {self.procedure_id}"


class UnitToken(models.Model):
    """A secret that lets a one-stop system push dossiers for one unit (and units below it).

    Only a hash of the token is stored; the token itself is shown once, when it is made.
    """

    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=120)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class DossierUploadQuerySet(ScopedQuerySet):
    scope = "unit"


class DossierUpload(models.Model):
    """A file uploaded on the web import page, from preview to outcome.

    The file is kept (under a random name, outside the web root) only while the upload is
    pending: the user checks the detected columns on a preview and confirms. Once imported or
    refused, the file is deleted and `result` keeps the counts and the per-row errors, so the
    unit's import history stays readable.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        QUEUED = "queued", _("waiting to be imported")
        RUNNING = "running", _("being imported")
        INTERRUPTED = "interrupted", _("interrupted, nothing saved")
        IMPORTED = "imported", _("imported")
        REFUSED = "refused", _("refused, nothing saved")
        DISCARDED = "discarded", _("discarded")

    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ImportBatch.Kind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    stored_name = models.CharField(_("stored name"), max_length=255, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    skip_invalid = models.BooleanField(_("valid rows only"), default=False)
    result = models.JSONField(_("result"), default=dict, blank=True)
    batch = models.ForeignKey(
        ImportBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        verbose_name=_("batch"),
    )
    # A confirmed dossier file is imported by the worker (uploads.queue): who confirmed it,
    # and how far it got ({"total": rows estimated, "read", "valid", "invalid", "saving"}),
    # written every few thousand rows with `heartbeat`, by which an import whose process
    # died is found (uploads.mark_interrupted).
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    progress = models.JSONField(_("progress"), default=dict, blank=True, editable=False)
    heartbeat = models.DateTimeField(_("heartbeat"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = DossierUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
