"""Checking an uploaded evidence file by what it contains, not by what it is called.

Allowed: PDF, Word (docx), Excel (xlsx), JPEG and PNG. PDF and images are recognised by their
signature (the `filetype` package); docx and xlsx are zip containers, recognised by opening the
archive and reading `[Content_Types].xml`, which must declare a Word document or an Excel
workbook and name a main part that the archive holds. A renamed program, an HTML page called
".pdf", a zip called ".docx" are refused. The size limit is `settings.MAX_UPLOAD_MB`.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# extension → (content type, name shown to people)
ALLOWED = {
    ".pdf": ("application/pdf", "PDF"),
    ".docx": (DOCX, "Word (.docx)"),
    ".xlsx": (XLSX, "Excel (.xlsx)"),
    ".jpg": ("image/jpeg", "JPG"),
    ".png": ("image/png", "PNG"),
}
_SIGNATURES = {"pdf": ".pdf", "jpg": ".jpg", "png": ".png"}
_CONTENT_TYPES_LIMIT = 512 * 1024


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str
    size: int
    sha256: str


def allowed_names() -> str:
    return ", ".join(name for _type, name in ALLOWED.values())


def max_bytes() -> int:
    return settings.MAX_UPLOAD_MB * 1024 * 1024


def check_upload(upload) -> CheckedFile:
    """The file's real type, size and checksum, or a ValidationError saying what is wrong."""
    name = upload.name or ""
    if upload.size == 0:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": name})
    if upload.size > max_bytes():
        raise ValidationError(
            _("The file “%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": name,
                "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
                "limit": settings.MAX_UPLOAD_MB,
            }
        )
    upload.seek(0)
    head = upload.read(8192)
    extension = _detect(upload, head)
    if extension is None:
        raise ValidationError(
            _(
                "The file “%(name)s” is not an accepted document: its content is not %(allowed)s "
                "(the type is checked from the content, not the name)."
            )
            % {"name": name, "allowed": allowed_names()}
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        extension=extension,
        content_type=ALLOWED[extension][0],
        size=upload.size,
        sha256=digest.hexdigest(),
    )


def _detect(upload, head: bytes) -> str | None:
    kind = filetype.guess(head)
    if kind is not None and kind.extension in _SIGNATURES:
        return _SIGNATURES[kind.extension]
    if head.startswith(b"PK\x03\x04"):
        return _office_type(upload)
    return None


def _office_type(upload) -> str | None:
    """docx or xlsx when the zip declares that document type and holds its main part."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_LIMIT:
                return None
            declared = archive.read(info).decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return None
    finally:
        upload.seek(0)
    for main_type, extension in ((WORD_MAIN, ".docx"), (EXCEL_MAIN, ".xlsx")):
        part = _part_named(declared, main_type)
        if part and part.lstrip("/") in names:
            return extension
    return None


def _part_named(declared: str, content_type: str) -> str | None:
    """The PartName of the Override carrying `content_type` in [Content_Types].xml."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(declared)
    except ET.ParseError:
        return None
    for element in root:
        if element.tag.endswith("Override") and element.get("ContentType") == content_type:
            return element.get("PartName")
    return None


def download_name(original: str, extension: str) -> str:
    """The name a download is offered under: the uploaded name, with the real extension."""
    path = PurePath(original.replace("\\", "/")).name or "tai-lieu"
    if PurePath(path).suffix.lower() in {extension, ".jpeg" if extension == ".jpg" else extension}:
        return path
    return f"{PurePath(path).stem or 'tai-lieu'}{extension}"
