"""Evidence (tài liệu kiểm chứng): a document proving what an object says — its number, date
and issuer, and usually its file.

One table for every kind of owner: a progress report, a target figure, and next a periodic
report or a scoring criterion. A row points at its owner through a generic relation
(`owner_type`, `owner_id`) and carries the owner's unit, whose scope guards the file: the
download view (`views.download`) finds a row only through `Evidence.objects.visible_to(user)`.
Rows are written by `actions.attach()` inside the owner's action, never edited.
"""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cchc.audit.fields import acted_by
from cchc.org.access import ScopedQuerySet
from cchc.org.models import Unit


def evidence_path(instance, filename: str) -> str:
    """A random name under evidence/YYYY/MM/; the extension comes from the detected type."""
    today = timezone.localdate()
    return f"evidence/{today:%Y/%m}/{uuid.uuid4().hex}{instance.extension}"


class EvidenceQuerySet(ScopedQuerySet):
    scope = "unit"

    def of(self, owner):
        return self.filter(
            owner_type=ContentType.objects.get_for_model(type(owner)), owner_id=owner.pk
        )


class Evidence(models.Model):
    """A document proving the work: what it is, its number, date and issuer, and its file.

    Invariants: a row names a document (`title`) or holds a file, or both; a file was checked
    by its content (`files.check_upload`) and its detected extension, content type, size and
    SHA-256 are stored beside it; it lives under a random name outside the web root and is
    served only through the scoped download view. `unit` is the owner's unit.
    """

    owner_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner type")
    )
    owner_id = models.PositiveBigIntegerField(_("owner id"))
    owner = GenericForeignKey("owner_type", "owner_id")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="evidence", verbose_name=_("unit")
    )
    title = models.CharField(_("document"), max_length=300, blank=True)
    number = models.CharField(_("number"), max_length=80, blank=True)
    issued_on = models.DateField(_("dated"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    extension = models.CharField(_("extension"), max_length=8, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("sha256"), max_length=64, blank=True)
    uploaded_by = acted_by(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="evidence_owner")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title="") | ~models.Q(file=""), name="evidence_says_something"
            ),
        ]

    def __str__(self) -> str:
        return " ".join(p for p in (self.number, self.title) if p) or self.original_name


def evidence_relation(related_query_name: str) -> GenericRelation:
    """The field an owner model declares to reach its evidence (`owner.evidence.all()`)."""
    return GenericRelation(
        Evidence,
        content_type_field="owner_type",
        object_id_field="owner_id",
        related_query_name=related_query_name,
    )
