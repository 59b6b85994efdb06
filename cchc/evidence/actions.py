"""Attaching evidence to an object. Called inside the owner's action — which holds the
transaction and writes the one audit event naming the evidence — never on its own.

    with keeping_files() as stored:
        with transaction.atomic():
            report = ...
            attach(report, unit=unit, by=user, file=upload, title="Báo cáo", stored=stored)
            record(...)

A file is checked by its content before anything is written (`check_upload`); when the
transaction fails, `keeping_files` deletes the files stored inside it, so nothing is left
half-saved: no row without its file, no file without its row.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from .files import CheckedFile, check_upload
from .models import Evidence


@contextmanager
def keeping_files() -> Iterator[list[str]]:
    """A list `attach()` adds each stored file to; the files are deleted if the block fails."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def remove_file_on_commit(sender, instance: Evidence, **kwargs) -> None:
    """An evidence row was deleted: its file leaves the disk when the transaction commits."""
    name = instance.file.name if instance.file else ""
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def attach(
    owner,
    *,
    unit,
    by,
    file=None,
    checked: CheckedFile | None = None,
    title: str = "",
    number: str = "",
    issued_on=None,
    issuer: str = "",
    stored: list[str] | None = None,
) -> Evidence:
    """Save one evidence row for `owner` (already saved), with its file when one is given.

    `unit` is the owner's unit: its scope decides who may download the file. `checked` is the
    result of `check_upload(file)` when the caller checked the file before its transaction.
    """
    title = (title or "").strip()
    if file is None and not title:
        raise ValidationError(_("Give the evidence: the document or its file."))
    evidence = Evidence(
        owner=owner,
        unit=unit,
        title=title,
        number=(number or "").strip(),
        issued_on=issued_on,
        issuer=(issuer or "").strip(),
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if file is not None:
        checked = checked or check_upload(file)
        evidence.original_name = (file.name or "")[-255:]
        evidence.content_type = checked.content_type
        evidence.extension = checked.extension
        evidence.size = checked.size
        evidence.sha256 = checked.sha256
        evidence.file.save("upload", file, save=False)
        if stored is not None and evidence.file.name:
            stored.append(evidence.file.name)
    evidence.save()
    return evidence
