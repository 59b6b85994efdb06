"""A plan pasted from its PDF into Word keeps every printed line as a paragraph of its own
(decision 0162). Its office duties must read as the same tasks as the text does: a wrapped line
of a duty ("chức triển khai, …", "cao hiệu quả …") used to close the office's list, and the
office's remaining bullets were lost without a word (7 tasks instead of 14 for seed 001); a
duty's last line "2030." was then read as a numbered heading and three targets lost the end of
their wording. Such a file's paragraphs are read as a text file's lines."""

from cchc.importer.parse import parse_bytes

from .builders import lines_docx
from .conftest import SEEDS
from .test_prose_duties import SEED_001_OFFICES, _offices


def test_a_plan_pasted_line_by_line_into_word_keeps_every_office_duty(seed):
    [path] = sorted(SEEDS.glob("001_*.txt"))
    result = parse_bytes(
        lines_docx(path.read_text(encoding="utf-8").splitlines(), pasted=True), "ke-hoach.docx"
    )
    assert _offices(result) == SEED_001_OFFICES
    pasted = [t["title"] for t in result["tasks"]]
    typed = [t["title"] for t in seed("001")["tasks"]]
    assert pasted[10].endswith("định hướng 2025-2030.")
    assert pasted == typed
    assert any("14 nhiệm vụ được đọc từ văn bản" in w for w in result["warnings"])


def test_a_plan_pasted_line_by_line_into_word_keeps_its_targets_whole(seed):
    [path] = sorted(SEEDS.glob("001_*.txt"))
    result = parse_bytes(
        lines_docx(path.read_text(encoding="utf-8").splitlines(), pasted=True), "ke-hoach.docx"
    )
    pasted = [(t["text"], t["comparator"], t["value"]) for t in result["targets"]]
    typed = [(t["text"], t["comparator"], t["value"]) for t in seed("001")["targets"]]
    assert pasted == typed
    assert (
        "Phấn đấu tối thiểu 85% thủ tục hành chính có yêu cầu nghĩa vụ tài chính, được triển khai "
        "thanh toán trực tuyến"
    ) in [text for text, _, _ in pasted]


def test_tab_separated_rows_pasted_into_word_are_read_as_a_table():
    lines = [
        "ỦY BAN NHÂN DÂN XÃ AN PHÚ",
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2025",
        "PHỤ LỤC PHÂN CÔNG NHIỆM VỤ",
        "STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian",
        "I. Cải cách thể chế\t\t\t\t",
        "1\tRà soát văn bản QPPL\tCông chức Tư pháp – Hộ tịch\tVăn phòng UBND\tQuý II/2025",
        "2\tTự kiểm tra văn bản\tCông chức Tư pháp – Hộ tịch\tVăn phòng UBND\tTháng 6/2025",
    ]
    result = parse_bytes(lines_docx(lines), "ke-hoach.docx")
    assert [(t["ref"], t["area"], t["lead"], t["due"]) for t in result["tasks"]] == [
        ("1", "institutions", ["Công chức Tư pháp – Hộ tịch"], "2025-06-30"),
        ("2", "institutions", ["Công chức Tư pháp – Hộ tịch"], "2025-06-30"),
    ]
