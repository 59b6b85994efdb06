"""The files an outside check uploads to every file box (decision 0179): nothing in it, a
picture renamed to what the box asks for, a Word or Excel file cut in half, a file over the
size limit, a name climbing out of the folder and a name far too long."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64  # a picture's first bytes
LIMIT_MB = 1  # the size limits, lowered while the files are posted


def _zip_cut_in_half() -> bytes:
    """The start of an Office file (a zip) whose second half is lost."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>" * 200)
        archive.writestr("word/document.xml", "<w:document/>" * 400)
    whole = buffer.getvalue()
    return whole[: len(whole) // 2]


OFFICE = (".xlsx", ".docx", ".xlsm")


def extension(accept: tuple[str, ...]) -> str:
    """A Word or Excel extension the box accepts, else its first (".xlsx" when it names
    none): a zip cut in half means something only there."""
    named = [a for a in accept if a.startswith(".")]
    return next((a for a in named if a in OFFICE), named[0] if named else ".xlsx")


def bad_files(accept: tuple[str, ...]) -> dict[str, SimpleUploadedFile]:
    ext = extension(accept)
    office = ext in OFFICE
    return {
        "0 bytes": SimpleUploadedFile(f"trong{ext}", b""),
        "a picture renamed": SimpleUploadedFile(f"anh{ext}", PNG),
        "cut in half": SimpleUploadedFile(
            f"hong{ext}", _zip_cut_in_half() if office else b"%PDF-1.4\n1 0 obj<<"
        ),
        "over the limit": SimpleUploadedFile(f"lon{ext}", PNG + b"\x00" * (LIMIT_MB << 20)),
        "../ in its name": SimpleUploadedFile(f"../../../etc/passwd{ext}", PNG),
        "a name far too long": SimpleUploadedFile("d" * 300 + ext, PNG),
    }
