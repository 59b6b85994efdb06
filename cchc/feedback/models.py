"""Citizens' feedback (phản ánh, kiến nghị — PAKN) received by a unit, and how it was handled.

A row keeps what the one-stop office entered or a file brought (received, answered, answer
published, the citizen's rating) plus two dates derived by `deadlines.py` when it is saved:
the day the answer is due and the day its publication is due, both in working days on the
unit's calendar. Invariant (kept by `actions.py`, the only writer): `answered` is not before
`received`, `published` is not before `answered`, and the due dates match the dates they are
computed from. The sender's name, address and phone are personal data: shown to the unit's
staff only, never on a public page or in open data.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.org.access import ScopedQuerySet


class FeedbackQuerySet(ScopedQuerySet):
    scope = "unit"


class Feedback(models.Model):
    """One piece of feedback (MaPAKN) of one unit."""

    class Source(models.TextChoices):
        ENTRY = "entry", _("entered by the one-stop office")
        CLI = "cli", _("command line")
        WEB = "web", _("web import")
        API = "api", _("API")

    code = models.CharField(_("feedback code"), max_length=80, unique=True)
    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT)
    received = models.DateField(_("received on"))
    answered = models.DateField(_("answered on"), null=True, blank=True)
    published = models.DateField(_("answer published on"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=100, blank=True)
    field = models.CharField(_("field"), max_length=255, blank=True)
    content = models.TextField(_("content"), blank=True)
    unsatisfied = models.BooleanField(_("rated unsatisfactory"), default=False)
    repeated = models.BooleanField(_("repeated with a complaint"), default=False)
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    sender_address = models.CharField(_("sender's address"), max_length=500, blank=True)
    sender_phone = models.CharField(_("sender's phone"), max_length=40, blank=True)
    # Derived when saved (deadlines.py); never edited by hand.
    answer_due = models.DateField(_("answer due"), editable=False)
    publish_due = models.DateField(_("publication due"), null=True, blank=True, editable=False)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-received", "code"]
        indexes = [models.Index(fields=["unit", "received"], name="feedback_unit_received")]

    def __str__(self) -> str:
        return self.code
