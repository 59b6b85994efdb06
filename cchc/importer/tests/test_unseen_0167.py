"""Decision 0167: five plans written here, unlike the seeds, each as the .txt its author
would paste, the .docx they typed (letterhead and task tables as Word tables) and the PDF
LibreOffice prints from it; every contract field of the import equals the expectation
written by reading the document (plans0167/NAME.expected.json)."""

import io
import json

import pytest
from django.core.management import call_command

from cchc.importer.parse import parse_bytes
from cchc.importer.tests.unseen0167 import HERE, PLANS, differences

# every plan in every format: the ward's 766 plan printed to PDF has a row cut by the page
# break (read since 0166), Ea Kar's and the ward's bulleted cells wrap "- Công chức Văn hóa" /
# "- Xã hội" (one office, `columns.DASHED_OFFICES`)
CASES = [(name, ext) for name in PLANS for ext in ("txt", "docx", "pdf")]


def _expected(name: str) -> dict:
    return json.loads((HERE / f"{name}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("name", "ext"), CASES)
def test_every_field_is_read_as_a_person_reads_the_plan(name, ext):
    path = HERE / f"{name}.{ext}"
    assert differences(_expected(name), parse_bytes(path.read_bytes(), path.name)) == []


@pytest.mark.django_db
def test_the_dry_run_prints_the_same_fields():
    out = io.StringIO()
    path = HERE / "xa_my_quy.docx"
    call_command("import_plan", str(path), "--dry-run", "--format", "json", stdout=out)
    assert differences(_expected("xa_my_quy"), json.loads(out.getvalue())) == []


def test_the_expectations_are_the_plans_own_words():
    """Guard against an expectation drifting from its document: every task title, lead and
    deadline written in an expectation is in the plan's text."""
    for name in PLANS:
        text = " ".join((HERE / f"{name}.txt").read_text(encoding="utf-8").split())
        for task in _expected(name)["tasks"]:
            for words in [task["title"], task["deadline"], *task["lead"], *task["coordinators"]]:
                assert words in text, (name, words)
