"""The signer read from the plan's signature block: the name, or nothing, never a wrong guess."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from cchc.importer.parse import parse_bytes
from cchc.importer.signature import read_signer
from cchc.importer.tests.builders import FONT_DIR, plan_docx
from cchc.importer.tests.test_review import draft_for, form_data
from cchc.importer.tests.test_saving import parsed
from cchc.importer.tests.unseen_word import commune_2026_docx
from cchc.importer.tests.unseen_word_more import district_split_table_docx, ward_without_table_docx
from cchc.plans.models import Plan


@pytest.mark.parametrize(
    ("prefix", "signer"),
    [
        ("000", None),  # a task appendix without its plan's signature
        ("001", "Nguyễn Thị Ngọc Giàu"),  # "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / (đã ký) / name"
        ("002", "Võ Nhật Quân"),
        ("003", "Dương Văn Hậu"),  # the name run together with the appendix title below it
        ("004", "Nguyễn Văn Vũ"),  # the block before the appendices, not at the very end
    ],
)
def test_the_seeds_give_the_name_under_their_signature_block(seed, prefix, signer):
    assert seed(prefix)["plan"]["signer"] == signer


@pytest.mark.parametrize(
    ("build", "signer"),
    [
        (commune_2026_docx, "Nguyễn Văn Hùng"),  # "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / name"
        (ward_without_table_docx, "Trần Thị Lan"),
        (district_split_table_docx, None),  # a block with no name under it
        (plan_docx, None),  # no signature block at all
    ],
)
def test_a_word_plan_gives_the_name_in_its_signature_table(build, signer):
    assert parse_bytes(build(), "ke-hoach.docx")["plan"]["signer"] == signer


def _signature_pdf(rows: list[tuple[str, str | None]]) -> bytes:
    """A one-page plan whose "Nơi nhận" list and signature block share baselines."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=10)
    pdf.add_page()
    y = 20.0
    for line in (
        "ỦY BAN NHÂN DÂN XÃ PHÚ HÒA",
        "Số: 12/KH-UBND",
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2025",
        "I. MỤC TIÊU",
        "- Tỷ lệ hồ sơ giải quyết đúng hạn đạt tối thiểu 98%.",
        "Trên đây là Kế hoạch cải cách hành chính năm 2025 của UBND xã Phú Hòa./.",
    ):
        pdf.text(20, y, line)
        y += 6
    for left, right in rows:
        if left:
            pdf.text(20, y, left)
        if right:
            pdf.text(120, y, right)
        y += 6
    return bytes(pdf.output())


RECIPIENTS_BESIDE_THE_BLOCK = [
    ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"),
    ("- UBND huyện Định Quán;", "KT. CHỦ TỊCH"),
    ("- Phòng Nội vụ huyện;", "PHÓ CHỦ TỊCH"),
    ("- Thường trực: Huyện Ủy Định Quán", None),
    ("- Ban Chỉ Đạo Cải Cách;", None),
    ("- Lưu: VT.", "(đã ký)"),
]


def test_a_pdf_whose_recipients_interleave_with_the_block_gives_the_name():
    pdf = _signature_pdf([*RECIPIENTS_BESIDE_THE_BLOCK, ("", "Nguyễn Thị Hồng Nhung")])
    assert parse_bytes(pdf, "ke-hoach.pdf")["plan"]["signer"] == "Nguyễn Thị Hồng Nhung"


def test_a_pdf_block_without_a_name_never_gives_a_recipient():
    pdf = _signature_pdf(RECIPIENTS_BESIDE_THE_BLOCK)
    assert parse_bytes(pdf, "ke-hoach.pdf")["plan"]["signer"] is None


@pytest.mark.parametrize(
    "lines",
    [
        ["Nơi nhận:", "- Sở Nội vụ;", "Nguyễn Văn An"],  # a name with no capacity above it
        ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "NGUYỄN VĂN AN"],  # capitals: a title or a name
        ["CHỦ TỊCH", "- Thường trực: Phòng Nội Vụ", "- Ông Trần Văn Bình, Bí thư;", "- Lưu: VT"],
        ["V. TRÁCH NHIỆM CỦA CHỦ TỊCH", "Lê Văn Tám"],  # a heading, not a signature block
        ["CHỦ TỊCH", "Phụ lục I", "Phòng Văn Hóa"],
        ["CHỦ TỊCH", "- Lưu: VT, Nguyễn Văn Hòa."],  # who keeps the file, not who signed
        ["CHỦ TỊCH", "- Lưu: VT, Nguyễn Văn Hòa"],
    ],
)
def test_without_a_name_under_a_capacity_line_the_signer_is_empty(lines):
    assert read_signer(lines) is None


@pytest.mark.parametrize(
    ("lines", "signer"),
    [
        (["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Đã ký Lê Thị Bích Ngọc"], "Lê Thị Bích Ngọc"),
        (["- Sở Nội vụ; PHÓ CHỦ TỊCH", "- Lưu: VT. Trần Văn Bình"], "Trần Văn Bình"),
        (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Phạm Minh Đức Phụ lục I"], "Phạm Minh Đức"),
        (["TRƯỞNG PHÒNG", "", "Hồ Thị Kim Thoa"], "Hồ Thị Kim Thoa"),
    ],
)
def test_the_name_is_read_beside_notes_recipients_and_a_title_run_into_it(lines, signer):
    assert read_signer(lines) == signer


def test_the_import_command_prints_the_signer_or_null(tmp_path):
    signed, unsigned = tmp_path / "co-ky.docx", tmp_path / "khong-ky.docx"
    signed.write_bytes(commune_2026_docx())
    unsigned.write_bytes(plan_docx())
    for path, signer in ((signed, "Nguyễn Văn Hùng"), (unsigned, None)):
        out = io.StringIO()
        call_command("import_plan", str(path), "--dry-run", "--format", "json", stdout=out)
        plan = json.loads(out.getvalue())["plan"]
        assert "signer" in plan and plan["signer"] == signer


def test_the_review_page_shows_the_signer_and_saving_keeps_the_corrected_one(world, login):
    data = parsed()
    data["plan"]["signer"] = "Nguyễn Thị Ngọc Giàu"
    draft = draft_for(world, data)
    client = login(world.people.focal)
    html = client.get(reverse("importer:review", args=[draft.pk])).content.decode()
    assert 'name="plan-signer"' in html and 'value="Nguyễn Thị Ngọc Giàu"' in html
    client.post(
        reverse("importer:review", args=[draft.pk]),
        form_data(draft, **{"plan-signer": "Nguyễn Thị Ngọc Giàu "}),
    )
    assert Plan.objects.get().signer == "Nguyễn Thị Ngọc Giàu"


def test_saving_a_read_plan_stores_its_signer(world, tmp_path):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(commune_2026_docx())
    call_command("import_plan", str(path), "--unit", world.commune.code, stdout=io.StringIO())
    assert Plan.objects.get().signer == "Nguyễn Văn Hùng"
