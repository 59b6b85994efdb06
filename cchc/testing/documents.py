"""Opening a generated .docx the way a reader would: LibreOffice converts it to PDF and the
first page is kept as an image under test-artifacts/ for a person to look at."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from cchc.conftest import ARTIFACTS


def pdf_of(source: Path) -> Path:
    """The PDF LibreOffice makes of `source`, beside it (its own profile: parallel runs do not
    share a lock)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "make test installs libreoffice-writer-nogui (target doc-deps)"
    profile = source.parent / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(source.parent),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return source.with_suffix(".pdf")


def first_page_image(pdf: Path, name: str) -> Path:
    """Page 1 of `pdf` as test-artifacts/<name>.png (80 dpi)."""
    assert shutil.which("pdftoppm"), "make test installs poppler-utils (target doc-deps)"
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / name
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(target),
        ],
        check=True,
        timeout=60,
    )
    return target.with_suffix(".png")
