"""How long the readers take to refuse the audit's hostile files (issue 18, finding 5).

Builds each file at the audit's size, then times reading it as the web import does:
a .docx of ~0.8 MB whose text unzips to 300 MB, a .docx of 60,000 short paragraphs, a CSV with
100,000 columns, an .xlsx with 3 million empty rows after its header, and a billion-laughs
.docx. Prints the time to the refusal (or to the end of reading) and the message.

    .venv/bin/python bench/hostile_files.py
"""

from __future__ import annotations

import io
import os
import sys
import time
import zipfile

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django

django.setup()

from cchc.dossiers import reading  # noqa: E402
from cchc.dossiers.tests.test_hostile_files import HEADER, ROW, _cells, xlsx  # noqa: E402
from cchc.importer.errors import PlanImportError  # noqa: E402
from cchc.importer.parse import parse_bytes  # noqa: E402
from cchc.importer.tests.test_hostile_files import billion_laughs, body, docx  # noqa: E402


def expanding_docx(megabytes: int) -> bytes:
    head, tail = body("Kế hoạch").split("<w:body>")
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx(body("x"))), "r") as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
    ):
        for info in source.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info, source.read(info))
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(head.encode() + b"<w:body>")
            chunk = b" " * (1024 * 1024)
            for _ in range(megabytes):
                part.write(chunk)
            part.write(tail.encode())
    return buffer.getvalue()


def report(label: str, data: bytes, start: float, outcome: str) -> None:
    took = time.perf_counter() - start
    print(f"{label:<34} {len(data) / 1024:>8.0f} KB {took:>7.2f} s  {outcome}")


def plan(label: str, data: bytes, name: str) -> None:
    start = time.perf_counter()
    try:
        parse_bytes(data, name)
        outcome = "read"
    except PlanImportError as exc:
        outcome = f"{exc.code}: {exc.message[:70]}…"
    report(label, data, start, outcome)


def dossiers(label: str, data: bytes, name: str) -> None:
    start = time.perf_counter()
    try:
        table = reading.open_table(io.BytesIO(data), filename=name, required=())
        rows = sum(1 for _ in table.rows)
        outcome = f"{rows} rows given, {table.rows_read} read from the file"
    except reading.DossierFileError as exc:
        outcome = exc.message[:70] + "…"
    report(label, data, start, outcome)


def main() -> None:
    plan("docx unzipping to 300 MB", expanding_docx(300), "bom.docx")
    plan("docx of 60,000 paragraphs", docx(body(*(f"Dòng {n}" for n in range(60_000)))), "p.docx")
    plan("billion-laughs docx", docx(billion_laughs()), "lol.docx")
    wide = ",".join([*HEADER, *(f"C{n}" for n in range(100_000))]) + "\n" + ",".join(ROW) + "\n"
    dossiers("CSV with 100,000 columns", wide.encode(), "wide.csv")
    empty = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(2, 3_000_002))
    dossiers("xlsx with 3,000,000 empty rows", xlsx(_cells(1, HEADER) + empty), "empty.xlsx")


if __name__ == "__main__":
    main()
