"""A task table kept in an Excel workbook imports like the same table in Word."""

import io

import pytest
from docx import Document as WordDocument
from openpyxl import Workbook

from cchc.importer.errors import PlanImportError
from cchc.importer.parse import parse_bytes

HEADER = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm",
          "Thời gian hoàn thành", "Kinh phí (triệu đồng)"]  # fmt: skip
ROWS = [
    ["I. CẢI CÁCH THỦ TỤC HÀNH CHÍNH"],
    ["1", "Rà soát, đơn giản hóa TTHC", "Công chức Văn phòng – Thống kê",
     "Công chức Tư pháp – Hộ tịch\nCông chức Địa chính", "Báo cáo rà soát", "Quý II, III/2025",
     "15"],
    ["2", "Niêm yết công khai TTHC", "Bộ phận Một cửa", "", "- Bảng niêm yết\n- Báo cáo",
     "Thường xuyên", "0"],
    ["II. XÂY DỰNG CHÍNH QUYỀN SỐ"],
    ["3", "Cập nhật cổng thông tin điện tử", "Công chức Văn hóa – Xã hội", "", "Tin bài",
     "Tháng 10/2025", ""],
]  # fmt: skip
FIELDS = ("ref", "area", "title", "lead", "coordinators", "products", "deadline", "due",
          "recurrence", "budget_million_vnd")  # fmt: skip


def word_table() -> bytes:
    doc = WordDocument()
    doc.add_paragraph("PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ CCHC NĂM 2025")
    table = doc.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for i, label in enumerate(HEADER):
        table.cell(0, i).text = label
    for r, values in enumerate(ROWS, start=1):
        if len(values) == 1:
            table.cell(r, 0).merge(table.cell(r, len(HEADER) - 1)).text = values[0]
            continue
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def workbook(rows, *, title="PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ CCHC NĂM 2025", order=None) -> bytes:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.append([])
    for row in rows:
        sheet.append([row[i] if i < len(row) else None for i in (order or range(len(row)))])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def tasks(result):
    return [{k: t[k] for k in FIELDS} for t in result["tasks"]]


def test_an_excel_task_table_imports_with_the_same_fields_as_the_word_table():
    word = parse_bytes(word_table(), "phu-luc.docx")
    excel = parse_bytes(workbook([HEADER, *ROWS]), "phu-luc.xlsx")
    assert excel["source"]["format"] == "xlsx"
    assert len(excel["tasks"]) == 3
    assert tasks(excel) == tasks(word)
    second = excel["tasks"][1]
    assert second["products"] == ["Bảng niêm yết", "Báo cáo"]
    assert second["recurrence"] == "regular"
    assert excel["tasks"][0]["due"] == "2025-09-30"
    assert excel["tasks"][0]["budget_million_vnd"] == 15


def test_excel_columns_are_found_by_their_names_in_any_order():
    order = [5, 4, 3, 2, 1, 0, 6]  # deadline first, the number column sixth
    rows = [HEADER, *[r for r in ROWS if len(r) > 1]]
    shuffled = parse_bytes(workbook(rows, order=order, title=""), "bang.xlsx")
    plain = parse_bytes(workbook(rows, title=""), "bang.xlsx")
    assert [t["lead"] for t in shuffled["tasks"]] == [
        ["Công chức Văn phòng – Thống kê"], ["Bộ phận Một cửa"], ["Công chức Văn hóa – Xã hội"]
    ]  # fmt: skip
    assert [{k: t[k] for k in FIELDS if k != "area"} for t in shuffled["tasks"]] == [
        {k: t[k] for k in FIELDS if k != "area"} for t in plain["tasks"]
    ]


def test_a_workbook_without_a_task_header_is_refused_in_vietnamese():
    data = workbook([["Họ tên", "Ngày sinh"], ["Nguyễn Văn A", "01/01/1990"]], title="")
    with pytest.raises(PlanImportError, match="Không tìm thấy bảng nhiệm vụ trong tệp Excel"):
        parse_bytes(data, "danh-sach.xlsx")


def test_an_empty_workbook_is_refused_in_vietnamese():
    with pytest.raises(PlanImportError, match="Bảng tính Excel không có dữ liệu"):
        parse_bytes(workbook([], title=""), "trong.xlsx")


def test_a_damaged_workbook_is_refused_in_vietnamese():
    data = workbook([HEADER, *ROWS])
    with pytest.raises(PlanImportError, match="Tệp Excel bị hỏng"):
        parse_bytes(data[: len(data) // 2], "hong.xlsx")


def test_a_workbook_over_the_unzipped_limit_is_refused_before_loading(settings):
    settings.MAX_UNZIPPED_MB = 0
    with pytest.raises(PlanImportError, match="Tệp Excel khi giải nén"):
        parse_bytes(workbook([HEADER, *ROWS]), "lon.xlsx")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
def test_a_workbook_declaring_xml_entities_is_refused_before_loading(encoding):
    import zipfile

    doctype = '<!DOCTYPE x [<!ENTITY a "aaaa">]>'.encode(encoding)
    source = zipfile.ZipFile(io.BytesIO(workbook([HEADER, *ROWS])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = doctype + data
            target.writestr(item, data)
    assert doctype in zipfile.ZipFile(out).read("xl/workbook.xml")
    with pytest.raises(PlanImportError, match="khai báo thực thể XML"):
        parse_bytes(out.getvalue(), "the.xlsx")


def test_an_excel_task_table_uploaded_on_the_web_opens_the_review_page(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from cchc.importer.models import PlanImport

    client = login(world.people.focal)
    response = client.post(
        reverse("importer:upload"),
        {
            "unit": world.commune.pk,
            "file": SimpleUploadedFile("phu-luc.xlsx", workbook([HEADER, *ROWS])),
        },
    )
    draft = PlanImport.objects.get()
    assert response["Location"] == reverse("importer:review", args=[draft.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Kiểm tra kế hoạch vừa nhập" in page
    assert "Rà soát, đơn giản hóa TTHC" in page and "Cập nhật cổng thông tin điện tử" in page
