"""The service index (Bộ chỉ số 766/QĐ-TTg) as data, and its monthly publications.

A version holds six groups and their criteria with their maxima, targets and sources; the
figures of one version are never set beside those of another. A publication freezes a unit's
index for one month: the numbers of every criterion are stored, so later imports do not change
what was published; a correction is a new publication of the same month with its reason, and
the earlier ones stay readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cchc.formats import month_year


class IndexVersionQuerySet(models.QuerySet):
    def for_day(self, day):
        """The version in force on `day`: the latest begun by then (else the first one)."""
        begun = self.filter(valid_from__lte=day).order_by("-valid_from", "-number").first()
        return begun or self.order_by("valid_from", "number").first()


class IndexVersion(models.Model):
    """One version of the index's definitions, in force from `valid_from`."""

    number = models.PositiveSmallIntegerField(_("version"), unique=True)
    name = models.CharField(_("name"), max_length=255)
    valid_from = models.DateField(_("in force from"))
    note = models.TextField(_("note"), blank=True)

    objects = IndexVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("index version")
        verbose_name_plural = _("index versions")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.name} (v{self.number})"


class IndexGroup(models.Model):
    """A group of criteria (transparency, progress …) and its maximum points."""

    version = models.ForeignKey(
        IndexVersion, on_delete=models.CASCADE, related_name="groups", verbose_name=_("version")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("index group")
        verbose_name_plural = _("index groups")
        ordering = ["version", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="index766_group_code")
        ]

    def __str__(self) -> str:
        return self.name

    @cached_property
    def listed_criteria(self) -> list[IndexCriterion]:
        """The group's criteria, read once (from the prefetch when there is one): a province's
        page scores hundreds of units on them, and `criteria.all()` makes a queryset a time."""
        return list(self.criteria.all())


class IndexCriterion(models.Model):
    """A criterion: its maximum, its target for full points, where its figures come from.

    Invariant: exactly one source — an indicator code (the dossier figures) or, when that is
    empty, a source registered under the criterion's code (`sources.register`)."""

    group = models.ForeignKey(
        IndexGroup, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("group")
    )
    code = models.SlugField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=255)
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)
    target = models.DecimalField(
        _("target for full points (%)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    indicator = models.SlugField(_("indicator code"), max_length=64, blank=True)
    full_when_empty = models.BooleanField(
        _("full points when there is nothing to handle"), default=False
    )
    description = models.TextField(_("formula"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("index criterion")
        verbose_name_plural = _("index criteria")
        ordering = ["group__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["group", "code"], name="index766_criterion_code")
        ]

    def __str__(self) -> str:
        return self.name


class Publication(models.Model):
    """A unit's index for one month, frozen and published. Never edited: a correction is a
    new row of the same unit and month with the next `revision` and its reason."""

    unit = models.ForeignKey("org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE)
    month = models.DateField(_("month"))  # its first day
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    version = models.ForeignKey(
        IndexVersion, verbose_name=_("index version"), on_delete=models.PROTECT
    )
    total = models.DecimalField(_("points"), max_digits=7, decimal_places=2, null=True)
    max_points = models.DecimalField(_("out of"), max_digits=7, decimal_places=2)
    snapshot = models.JSONField(_("figures"))
    reason = models.TextField(_("reason for the correction"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        verbose_name = _("index publication")
        verbose_name_plural = _("index publications")
        ordering = ["unit", "-month", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month", "revision"], name="index766_publication_revision"
            )
        ]

    def __str__(self) -> str:
        # what the audit log's "Đối tượng" and the admin say: "Chỉ số 766 tháng 11/2026 (lần
        # công bố 1)" — it read "26 11/2026 r1", the unit's id (decision 0177)
        return str(
            _("Index 766 of %(month)s (publication %(revision)s)")
            % {"month": month_year(self.month), "revision": self.revision}
        )

    @property
    def is_correction(self) -> bool:
        return self.revision > 1
