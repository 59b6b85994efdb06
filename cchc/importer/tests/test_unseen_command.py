"""`cchc import-plan FILE --dry-run --format json` end to end on every unseen plan, from the
file on disk to the printed JSON (counts read by hand from the documents)."""

import io
import json

import pytest
from django.core.management import call_command

from cchc.importer.tests.unseen_pdf import borderless_pdf, borderless_two_pages_pdf, ward_pdf
from cchc.importer.tests.unseen_text import DISTRICT_PIPES_TXT, WARD_MARKDOWN, web_copy_text
from cchc.importer.tests.unseen_word import commune_2026_docx, department_docx
from cchc.importer.tests.unseen_word_more import (
    district_split_table_docx,
    ward_without_table_docx,
)
from cchc.importer.tests.unseen_word_numbered import numbered_ward_docx

# file name, how to build it, issuer, tasks, targets, report periods
PLANS = [
    ("tan-phu.docx", commune_2026_docx, "UBND xã Tân Phú", 13, 8, 4),
    ("so-noi-vu.docx", department_docx, "Sở Nội vụ tỉnh Quảng Ninh", 11, 5, 4),
    ("ba-dinh.docx", ward_without_table_docx, "UBND phường Ba Đình", 0, 11, 4),
    ("yen-phong.docx", district_split_table_docx, "UBND huyện Yên Phong", 10, 3, 2),
    ("phu-hoa.pdf", ward_pdf, "UBND xã Phú Hòa", 8, 2, 4),
    ("hai-chau.txt", lambda: DISTRICT_PIPES_TXT.encode(), "UBND quận Hải Châu", 7, 5, 4),
    ("hac-thanh.md", lambda: WARD_MARKDOWN.encode(), "UBND phường Hạc Thành", 6, 3, 2),
    ("dan-phuong.txt", lambda: web_copy_text().encode(), "UBND huyện Đan Phượng", 5, 3, 2),
    ("long-bien.docx", numbered_ward_docx, "UBND phường Long Biên", 4, 4, 2),
    ("lam-dong.pdf", borderless_pdf, "UBND tỉnh Lâm Đồng", 4, 1, 0),
    ("dai-phuoc.pdf", borderless_two_pages_pdf, "UBND xã Đại Phước", 12, 0, 0),
]


@pytest.mark.parametrize(("name", "build", "issuer", "tasks", "targets", "periods"), PLANS)
def test_import_plan_dry_run_prints_the_plan(tmp_path, name, build, issuer, tasks, targets,
                                             periods):  # fmt: skip
    path = tmp_path / name
    path.write_bytes(build())
    out = io.StringIO()
    call_command("import_plan", str(path), "--dry-run", "--format", "json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["plan"]["issuer"] == issuer
    counts = (len(result["tasks"]), len(result["targets"]), len(result["reporting_periods"]))
    assert counts == (tasks, targets, periods)
    assert all(t["area"] for t in result["tasks"] + result["targets"])


@pytest.mark.parametrize(("name", "build", "issuer", "tasks", "targets", "periods"), PLANS)
def test_each_unseen_plan_saves_as_a_draft(world, name, build, issuer, tasks, targets, periods):
    from cchc.importer.parse import parse_bytes
    from cchc.importer.saving import save_parsed_plan

    data = parse_bytes(build(), name)
    plan = save_parsed_plan(data, unit=world.commune, by=world.people.focal, source_name=name)
    assert (plan.tasks.count(), plan.targets.count()) == (tasks, targets)
    assert plan.reporting_periods.count() == periods
