"""Recording changes. Actions call `record()` inside their transaction, so a change and its
record are saved together or not at all."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Collection
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def snapshot(obj: models.Model, fields: Collection[str] | None = None) -> dict[str, Any]:
    """The object's concrete field values as JSON-safe data (foreign keys by id)."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"created_at", "updated_at"}:
            continue
        data[field.name] = _jsonable(field.value_from_object(obj))
    return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        # Plain digits: 90.00 is "90", never "9E+1" (what normalize() alone gives).
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def record(
    action: str,
    *,
    by=None,
    obj: models.Model | None = None,
    unit=None,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    subject: models.Model | None = None,
) -> AuditEvent:
    """Write one audit event. `by` may be None for system jobs.

    `subject` is what holds `obj` (the event is part of its history too); when not given it is
    `obj.audit_subject` if the model has one (a task's or a target's plan)."""
    user = by if getattr(by, "is_authenticated", False) else None
    if subject is None and obj is not None:
        subject = getattr(obj, "audit_subject", None)
    return AuditEvent.objects.create(
        user=user,
        unit=unit,
        action=action,
        content_type=ContentType.objects.get_for_model(type(obj)) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        subject_type=(
            ContentType.objects.get_for_model(type(subject)) if subject is not None else None
        ),
        subject_id=str(subject.pk) if subject is not None else "",
        before=before,
        after=after,
        reason=reason,
    )
