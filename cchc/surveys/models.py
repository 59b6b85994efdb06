"""Satisfaction surveys: questionnaires as data, campaigns, kiosk devices and anonymous answers.

Anonymity is a property of the tables, not of the pages (decision 0063):
- an answer (`Response`) holds its campaign, unit, version, a date (never a time), its channel
  and whether it was verified by a dossier code: no code, no address, no device, no user;
- the codes already used are kept in `UsedCode` as keyed hashes (HMAC), as the primary key
  itself: no foreign key to the answer, no date, no sequence number that would line up with
  the answers' order;
- `Response` has a random primary key for the same reason.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.formats import day

from .choices import DEFAULT_SCALE, Aggregation, Channel, ItemKind, TemplateKind


def default_scale() -> list[str]:
    return list(DEFAULT_SCALE)


def all_channels() -> list[str]:
    return [c.value for c in Channel]


class Questionnaire(models.Model):
    """A survey template (SIPAS-style five elements, or the per-dossier rating); its wording
    lives in versions, so answers given to an older wording keep it."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=10, choices=TemplateKind.choices)

    class Meta:
        verbose_name = _("mẫu phiếu khảo sát")
        verbose_name_plural = _("mẫu phiếu khảo sát")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def current(self) -> QuestionnaireVersion | None:
        return self.versions.filter(published=True).order_by("-number").first()


class QuestionnaireVersion(models.Model):
    """One wording of a questionnaire: its elements, items and five scale labels."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions", verbose_name=_("mẫu")
    )
    number = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    published = models.BooleanField(_("đang dùng"), default=True)
    intro = models.TextField(_("lời mở đầu"), blank=True)
    scale = models.JSONField(_("nhãn thang điểm (5 mức, từ thấp đến cao)"), default=default_scale)

    class Meta:
        verbose_name = _("phiên bản phiếu")
        verbose_name_plural = _("phiên bản phiếu")
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="survey_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire.name} – v{self.number}"

    def clean(self) -> None:
        if (
            not isinstance(self.scale, list)
            or len(self.scale) != 5
            or not all(isinstance(label, str) and label.strip() for label in self.scale)
        ):
            raise ValidationError({"scale": _("Thang điểm cần đúng 5 nhãn, không nhãn nào trống.")})

    @property
    def unit(self):
        return None


class Part(models.Model):
    """What an element and an item share: a code unique within what holds it, and a place in
    its order."""

    code = models.SlugField(_("mã"), max_length=40)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]


class Element(Part):
    """A group of items (access, procedure, civil servants, result, feedback handling)."""

    version = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.CASCADE,
        related_name="elements",
        verbose_name=_("version"),
    )
    title = models.CharField(_("tên yếu tố"), max_length=300)

    class Meta(Part.Meta):
        verbose_name = _("yếu tố")
        verbose_name_plural = _("yếu tố")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="survey_element_code_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Item(Part):
    """One question, answered on the version's five-point scale."""

    element = models.ForeignKey(
        Element, on_delete=models.CASCADE, related_name="items", verbose_name=_("element")
    )
    text = models.CharField(_("nội dung câu hỏi"), max_length=500)
    kind = models.CharField(
        _("loại câu"), max_length=12, choices=ItemKind.choices, default=ItemKind.SATISFACTION
    )

    class Meta(Part.Meta):
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")
        constraints = [
            models.UniqueConstraint(fields=["element", "code"], name="survey_item_code_unique")
        ]

    def __str__(self) -> str:
        return self.text


class Campaign(models.Model):
    """A survey period run by a unit for itself and its units below, with one questionnaire
    version; answers are taken only while it is open (dates inclusive, not closed)."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, verbose_name=_("đơn vị tổ chức"))
    name = models.CharField(_("tên đợt khảo sát"), max_length=200)
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, verbose_name=_("phiếu")
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    closed = models.BooleanField(_("đã đóng"), default=False)
    aggregation = models.CharField(
        _("cách tổng hợp"),
        max_length=10,
        choices=Aggregation.choices,
        default=Aggregation.ELEMENTS,
    )
    margin = models.DecimalField(
        _("sai số cho phép (e)"), max_digits=4, decimal_places=3, default=0.05
    )
    channels = models.JSONField(
        _("kênh nhận ý kiến"),
        default=all_channels,
        help_text=_("Mã QR / đường dẫn, đường dẫn theo hồ sơ, máy kiosk."),
    )

    class Meta:
        verbose_name = _("đợt khảo sát")
        verbose_name_plural = _("đợt khảo sát")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="survey_campaign_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_open(self, today) -> bool:
        return not self.closed and self.starts_on <= today <= self.ends_on

    def opens_later(self, today) -> bool:
        """Not closed, its first day still to come: a poster may be up before it opens."""
        return not self.closed and today < self.starts_on

    def covers(self, unit) -> bool:
        """Whether `unit` is the campaign's unit or lies below it; never a unit the campaign's
        unit succeeded (an answer is new: it belongs where it is given, decision 0140)."""
        return unit.is_within(self.unit)

    def accepts(self, channel: str) -> bool:
        """Whether answers come in by `channel`: the kiosk by its own switch; the public
        form (QR code, link, a dossier code typed in) when the QR or the dossier link is on."""
        if channel == Channel.KIOSK:
            return Channel.KIOSK in self.channels
        return Channel.QR in self.channels or Channel.DOSSIER in self.channels


class SampleTarget(models.Model):
    """How many answers the organising level wants from one unit in a campaign."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="targets", verbose_name=_("campaign")
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, verbose_name=_("đơn vị"))
    target = models.PositiveIntegerField(_("số phiếu cần thu"))

    class Meta:
        verbose_name = _("chỉ tiêu số phiếu")
        verbose_name_plural = _("chỉ tiêu số phiếu")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="survey_target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.target}"


class KioskDevice(models.Model):
    """A tablet at a one-stop office allowed to take answers for its unit. The token is shown
    once when issued; only its hash is kept. Revoked or expired devices are refused."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, verbose_name=_("đơn vị"))
    name = models.CharField(_("tên thiết bị"), max_length=100)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    issued_on = models.DateField(_("ngày cấp"))
    expires_on = models.DateField(_("hết hạn ngày"))
    revoked = models.BooleanField(_("đã thu hồi"), default=False)

    class Meta:
        verbose_name = _("thiết bị kiosk")
        verbose_name_plural = _("thiết bị kiosk")
        ordering = ["unit", "name"]

    def __str__(self) -> str:
        return self.name

    def usable(self, today) -> bool:
        return not self.revoked and today <= self.expires_on


class Response(models.Model):
    """One person's answers. Nothing here identifies the person or the dossier: a random id,
    the date only, no code, no address, no device."""

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="responses", verbose_name=_("campaign")
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, verbose_name=_("unit"))
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, verbose_name=_("version")
    )
    answered_on = models.DateField(_("ngày trả lời"))
    channel = models.CharField(_("kênh"), max_length=8, choices=Channel.choices)
    verified = models.BooleanField(_("đã xác thực bằng mã hồ sơ"), default=False)

    class Meta:
        verbose_name = _("phiếu trả lời")
        verbose_name_plural = _("phiếu trả lời")
        indexes = [models.Index(fields=["unit", "answered_on"])]

    def __str__(self) -> str:
        return f"{self.unit} – {day(self.answered_on)}"


class Rating(models.Model):
    """The value one answer gave one item: 1–5, or empty for "no opinion"."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("response")
    )
    item = models.ForeignKey(Item, on_delete=models.PROTECT, verbose_name=_("item"))
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(value__gte=1, value__lte=5),
                name="survey_rating_on_scale",
            ),
            models.UniqueConstraint(fields=["response", "item"], name="survey_rating_once"),
        ]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"


class UsedCode(models.Model):
    """A dossier code that has answered, as HMAC(CCHC_SURVEY_KEY, code). The hash is the
    primary key: a second answer for the same code fails on it, even under concurrency. No link
    to the answer, no date."""

    hash = models.CharField(_("hash"), max_length=64, primary_key=True)

    class Meta:
        verbose_name = _("used code")
        verbose_name_plural = _("used codes")

    def __str__(self) -> str:
        return self.hash[:12]
