"""Section II is written from what the product holds for the window: legal documents (figures
entered by hand), dossiers received, on time, late and late with an apology letter (the
dossiers' apology flag), online service and digitisation — in the page, the JSON and the .docx."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from cchc import periods
from cchc.dossiers.models import Procedure
from cchc.dossiers.publication import PART_CODES
from cchc.dossiers.saving import import_dossiers
from cchc.feedback.actions import enter_feedback
from cchc.reports import actions, content, sentences
from cchc.reports import document as word

from .conftest import dossier
from .test_figures_in_report import enter

LEGAL = (
    "Công tác xây dựng, kiểm tra, rà soát văn bản quy phạm pháp luật: ban hành 3 văn bản quy "
    "phạm pháp luật; tự kiểm tra 3/3 văn bản (đạt 100,00%); rà soát 10/12 văn bản (đạt "
    "83,33%); qua kiểm tra 5 văn bản, phát hiện 1 văn bản trái pháp luật; đã xử lý 1/1 văn "
    "bản trái pháp luật (đạt 100,00%)."
)
# Xã Thạnh Tân in seed 000's Q1/2024 window (15/12/2023 → 29/02/2024): A1 on time; A2 late
# without an apology; A3 unfinished, due 29/02 at 17:00, judged at the window's end (29/02
# 23:59:59): late, no apology; A6 (below) late with one, came online. 4 received, 1 on time,
# 3 late, 1 apologised; none digitised, no e-result (the procedure returns a document).
DOSSIERS = [
    "Tiếp nhận 4 hồ sơ thủ tục hành chính, trong đó 1 hồ sơ nộp trực tuyến (25,00%); giải "
    "quyết trước hạn, đúng hạn hoặc còn trong hạn 1/4 hồ sơ (đạt 25,00%).",
    "Có 3 hồ sơ trễ hạn; đã gửi văn bản xin lỗi và hẹn lại ngày trả kết quả 1/3 hồ sơ (đạt "
    "33,33%).",
    "Dịch vụ công trực tuyến, số hóa hồ sơ: 0/4 hồ sơ tiếp nhận được số hóa (0,00%); 0/4 hồ "
    "sơ có kết quả là giấy tờ được cấp kết quả điện tử (0,00%); 0/4 hồ sơ tiếp nhận có tái sử "
    "dụng dữ liệu số hóa (0,00%).",
]


def legal_documents(world) -> None:
    enter(world, "legal_docs_issued", periods.month(2024, 1), 3)
    enter(world, "legal_docs_self_checked", periods.month(2024, 1), 3, 3)
    enter(world, "legal_docs_reviewed", periods.month(2024, 2), 10, 12)
    enter(world, "legal_docs_unlawful", periods.month(2024, 2), 1, 5)
    enter(world, "legal_docs_handled", periods.month(2024, 2), 1, 1)


def late_with_apology() -> None:
    late = dossier("A6", "xa-a", "2024-02-01", "2024-02-10", apology=True, channel=2)
    assert import_dossiers([late]).saved


def test_section_two_writes_legal_documents_dossiers_and_apology_letters(thanh_tan):
    world = thanh_tan.world
    legal_documents(world)
    late_with_apology()
    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    second = word.document_content(content.content_of(report))["sections"][1]
    assert second["heading"] == "II. Kết quả thực hiện các nhiệm vụ cải cách hành chính"
    assert second["paragraphs"][1:5] == [LEGAL, *DOSSIERS]


def test_the_word_file_and_the_page_carry_section_two(thanh_tan, login):
    world = thanh_tan.world
    legal_documents(world)
    late_with_apology()
    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    client = login(world.people.focal)
    docx = Document(io.BytesIO(client.get(f"/reports/{report.pk}/report.docx").content))
    text = [p.text for p in docx.paragraphs]
    start = text.index("II. Kết quả thực hiện các nhiệm vụ cải cách hành chính")
    assert LEGAL in text[start:] and DOSSIERS[1] in text[start:]
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert "đã gửi văn bản xin lỗi và hẹn lại ngày trả kết quả 1/3 hồ sơ" in page
    assert "rà soát 10/12 văn bản (đạt 83,33%)" in page


def test_without_dossier_data_the_apology_letters_entered_by_hand_are_written():
    figures = {"apology_letters": {"numerator": 2, "denominator": 3, "value": 66.67}}
    assert sentences.results_sentences({}, figures) == [
        "Gửi 2 văn bản xin lỗi đối với 3 hồ sơ trễ hạn (đạt 66,67%)."
    ]


def test_with_dossier_data_the_letters_entered_by_hand_are_not_written_twice():
    indicators = {
        "on_time_rate": {"numerator": 9, "denominator": 10, "value": 90.0},
        "late_apology_rate": {"numerator": 1, "denominator": 1, "value": 100.0},
    }
    figures = {"apology_letters": {"numerator": 1, "denominator": 1, "value": 100.0}}
    assert sentences.results_sentences(indicators, figures) == [
        "Tiếp nhận 10 hồ sơ thủ tục hành chính; giải quyết trước hạn, đúng hạn hoặc còn trong "
        "hạn 9/10 hồ sơ (đạt 90,00%).",
        "Có 1 hồ sơ trễ hạn; đã gửi văn bản xin lỗi và hẹn lại ngày trả kết quả 1/1 hồ sơ (đạt "
        "100,00%).",
    ]


def test_a_window_with_nothing_counted_claims_nothing(thanh_tan):
    assert sentences.results_sentences({}, {}) == []
    assert (
        sentences.results_sentences(
            {"on_time_rate": {"numerator": 0, "denominator": 0, "value": None}},
            {"legal_docs_issued": {"numerator": 0, "denominator": 0, "value": None}},
        )
        == []
    )


def feedback(world) -> None:
    """PA1 answered and published in time; PA2 answered after its 15 working days; PA3 not
    answered yet, not due before 29/02 either (on time as seen then); PA4 after the window."""
    for code, received, answered, published in (
        ("PA1", "2024-01-02", "2024-01-10", "2024-01-11"),
        ("PA2", "2024-01-05", "2024-02-20", "2024-02-21"),
        ("PA3", "2024-02-26", None, None),
        ("PA4", "2024-03-05", None, None),
    ):
        data = {"code": code, "received": dt.date.fromisoformat(received)}
        if answered:
            data["answered"] = dt.date.fromisoformat(answered)
            data["published"] = dt.date.fromisoformat(published)
        enter_feedback(world.commune, data, by=world.people.focal)


def procedures() -> None:
    """1.001 (no level: every unit's competence) decided in the window with its seven parts;
    1.002 decided before it with two parts only."""
    Procedure.objects.filter(code="1.001").update(
        publication_decided=dt.date(2024, 1, 15), parts=list(PART_CODES)
    )
    Procedure.objects.create(
        code="1.002",
        name="Chứng thực bản sao",
        publication_decided=dt.date(2023, 6, 1),
        parts=list(PART_CODES[:2]),
    )


def test_section_two_writes_the_procedures_published_and_the_feedback(thanh_tan):
    world = thanh_tan.world
    feedback(world)
    procedures()
    report = actions.open_report(world.commune, "q1", 2024, by=world.people.focal)
    written = content.assemble(report)["results"]["sentences"]
    assert written[0] == (
        "Công bố, công khai thủ tục hành chính thuộc thẩm quyền: trong kỳ có 1 thủ tục được "
        "quyết định công bố; 1/2 thủ tục đã công bố được công khai đủ 7 bộ phận (50,00%)."
    )
    # after the dossiers (3 received in the window by the fixture) and their late ones
    assert written[3] == (
        "Tiếp nhận 3 phản ánh, kiến nghị của người dân, doanh nghiệp; đã trả lời 2/3; xử lý "
        "đúng hạn 2/3 (đạt 66,67%)."
    )
