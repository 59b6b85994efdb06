"""Writes about targets and what measures them; each is atomic and leaves one audit event."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cchc.audit.log import record, snapshot
from cchc.evidence.actions import attach, keeping_files
from cchc.evidence.files import check_upload
from cchc.plans.rules import ensure_open

from .models import TargetFigure
from .targets import figure_value_error

_LINK_FIELDS = ["indicator", "indicator_confirmed", "owner_post"]


def _link_state(target) -> dict[str, object]:
    """What measures the target, by name (ids would mean nothing in the history)."""
    return {
        "indicator": str(target.indicator) if target.indicator_id else "—",
        "indicator_confirmed": target.indicator_confirmed,
        "owner_post": str(target.owner_post) if target.owner_post_id else "—",
    }


@transaction.atomic
def link_target(target, *, indicator, owner_post, by):
    """Say what measures a target: an indicator (confirmed by a person) or none, so that its
    owner enters the figures by hand. The version linked is the one compared from now on."""
    ensure_open(target.plan)
    before = _link_state(target)
    target.indicator = indicator
    target.indicator_confirmed = True
    target.owner_post = owner_post
    target.save(update_fields=_LINK_FIELDS)
    record(
        "target.link",
        by=by,
        obj=target,
        unit=target.plan.unit,
        before=before,
        after=_link_state(target),
    )
    return target


def add_figure(target, *, as_of, value, note="", document="", file=None, by) -> TargetFigure:
    """Record a hand-entered value of a target with its evidence (a new row, never an edit):
    the evidence document in words, its file checked by content, or both."""
    ensure_open(target.plan)
    message = figure_value_error(target, value)
    if message:
        raise ValidationError({"value": message})
    document = document.strip()
    if not document and file is None:
        raise ValidationError(
            _("Give the evidence: the document (number, date, issuer) or its file, or both.")
        )
    checked = check_upload(file) if file is not None else None
    with keeping_files() as stored, transaction.atomic():
        figure = TargetFigure.objects.create(
            target=target,
            as_of=as_of,
            value=value,
            note=note.strip(),
            entered_by=by if getattr(by, "is_authenticated", False) else None,
        )
        evidence = attach(
            figure,
            unit=target.plan.unit,
            by=by,
            file=file,
            checked=checked,
            title=document,
            stored=stored,
        )
        record(
            "target.figure",
            by=by,
            obj=target,
            unit=target.plan.unit,
            after={
                **snapshot(figure, ["as_of", "value", "note"]),
                "document": evidence.title,
                "file_name": evidence.original_name,
            },
        )
    return figure
