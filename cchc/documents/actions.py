"""Keeping a unit's report template, and finding the template a unit's reports use."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from cchc.audit.log import record

from . import word
from .models import ReportTemplate


def upload_template(unit, *, name: str, content: bytes, by) -> ReportTemplate:
    """Check `content` by rendering the sample report (ValidationError in Vietnamese naming
    the missing placeholder or the error: nothing saved), then keep it as the unit's next
    version and make it the one in use."""
    word.check_template(content)
    with transaction.atomic():
        versions = ReportTemplate.objects.select_for_update().filter(unit=unit)
        last = versions.aggregate(last=Max("version"))["last"] or 0
        versions.filter(active=True).update(active=False)
        template = ReportTemplate.objects.create(
            unit=unit, version=last + 1, name=name[:200], content=content, uploaded_by=by
        )
        record(
            "report_template.upload",
            by=by,
            obj=template,
            unit=unit,
            after={"version": template.version, "name": template.name},
        )
    return template


def template_for(unit) -> bytes | None:
    """The active template of the unit or of the nearest unit above it; None: the shipped one."""
    ancestors = [int(part) for part in unit.path.strip("/").split("/") if part.isdigit()]
    if unit.pk not in ancestors:
        ancestors.append(unit.pk)
    found = {
        t.unit_id: t
        for t in ReportTemplate.objects.filter(unit_id__in=ancestors, active=True).only(
            "unit_id", "content"
        )
    }
    for unit_id in reversed(ancestors):
        if unit_id in found:
            return bytes(found[unit_id].content)
    return None
