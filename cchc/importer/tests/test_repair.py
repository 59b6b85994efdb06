"""Diacritics and words damaged by PDF extraction are put back by the spelling rules."""

import pytest

from cchc.importer.columns import split_items
from cchc.importer.repair import join_fragments, repair_diacritics, split_glued_words
from cchc.importer.vietnamese import is_valid_syllable, syllable_validity

BROKEN = [
    ("quy phaṃ phaṕ luâṭ", "quy phạm pháp luật"),
    ("Ty ̉lê ̣sô ́hoá hô ̀sơ", "Tỷ lệ số hoá hồ sơ"),
    ("Ty ̉ lê ̣ tiêṕ nhâṇ", "Tỷ lệ tiếp nhận"),
    ("cań bô,̣ công chức", "cán bộ, công chức"),
    ("cuả thành phố", "của thành phố"),
    ("hiêụ lực đam̉ baỏ", "hiệu lực đảm bảo"),
    ("giaỉ quyêt́ thu ̉tuc̣ haǹh chińh", "giải quyết thủ tục hành chính"),
    ("chôńg lañg phi ́(thông", "chống lãng phí (thông"),
    ("Chińh phu.̉", "Chính phủ."),
    ("Côn̉g TTĐT", "Cổng TTĐT"),
    ("ngaỳ 07/10/2013", "ngày 07/10/2013"),
]


@pytest.mark.parametrize(("broken", "fixed"), BROKEN)
def test_displaced_tone_marks_go_back_to_their_vowel(broken, fixed):
    repaired, _ = repair_diacritics(broken)
    assert " ".join(repaired.split()) == fixed


@pytest.mark.parametrize(
    "text", ["hoà bình", "hòa bình", "thuý", "quả", "giải", "người", "khuỷu tay", "Zalo"]
)
def test_correct_text_is_left_alone(text):
    assert repair_diacritics(text) == (text, 0)


def test_syllable_phonotactics():
    assert all(map(is_valid_syllable, ["nghiêng", "quốc", "giếng", "xoong", "thuở", "Thống"]))
    assert not any(map(is_valid_syllable, ["g", "ce", "ngê", "hat", "phaṃ", "cuả"]))
    assert syllable_validity("Tỷ lệ số hoá, CCHC") == (4, 4)


def test_words_cut_across_lines_or_cells_are_rejoined():
    assert join_fragments("Văn phòng-Thốn", "g kê") == "Văn phòng-Thống kê"
    assert join_fragments("Tài chính-", "Kế toán") == "Tài chính-Kế toán"
    assert join_fragments("Kế hoạch số 3989/KH-U", "BND ngày") == "Kế hoạch số 3989/KH-UBND ngày"
    assert join_fragments("Năm 2024", "-2025") == "Năm 2024-2025"
    assert join_fragments("Công chức", "Văn phòng") == "Công chức Văn phòng"
    assert split_glued_words("Công chứcBộ phận") == "Công chức Bộ phận"
    assert split_glued_words("eForm iPhone") == "eForm iPhone"


def test_a_number_or_a_date_cut_by_a_printed_cell_is_rejoined():
    # the type code cut before its hyphen, a date cut in its year (decision 0166)
    assert join_fragments("Nghị định 130/2005/N", "Đ-CP ngày") == "Nghị định 130/2005/NĐ-CP ngày"
    assert join_fragments("Quyết định số 35/2022/Q", "Đ-UBND") == "Quyết định số 35/2022/QĐ-UBND"
    assert join_fragments("Trước ngày 15/12/20", "25") == "Trước ngày 15/12/2025"
    assert join_fragments("ngày 15/12/", "2025") == "ngày 15/12/2025"
    # not a number, not a date: two words stay two words
    assert join_fragments("Quý II", "Đ-CP") == "Quý II Đ-CP"
    assert join_fragments("ngày 15/12/2025", "25 hồ sơ") == "ngày 15/12/2025 25 hồ sơ"


def test_an_abbreviation_cut_by_a_printed_column_is_rejoined():
    # wider than its column, the abbreviation is cut where the line is full (decision 0170)
    assert join_fragments("kiểm tra VBQPP", "L trên địa bàn") == "kiểm tra VBQPPL trên địa bàn"
    assert join_fragments("bồi dưỡng CBCCV", "N năm 2025") == "bồi dưỡng CBCCVN năm 2025"
    assert join_fragments("Văn phòng HĐND&", "UBND thị xã") == "Văn phòng HĐND&UBND thị xã"
    # two whole names stay two words
    assert join_fragments("Văn phòng HĐND", "UBND xã") == "Văn phòng HĐND UBND xã"
    assert join_fragments("Ban Chỉ đạo CCHC", "UBND xã") == "Ban Chỉ đạo CCHC UBND xã"


def test_cell_items_split_on_lines_and_semicolons_but_not_inside_a_wrapped_name():
    assert split_items("Công chức\nVăn phòng\n– Thống kê") == ["Công chức Văn phòng – Thống kê"]
    assert split_items("- Phòng Nội vụ\n- Phòng Tư pháp") == ["Phòng Nội vụ", "Phòng Tư pháp"]
    assert split_items("Công chức Tư pháp; Bộ phận Một cửa") == [
        "Công chức Tư pháp", "Bộ phận Một cửa",
    ]  # fmt: skip
    assert split_items("Kế hoạch của UBND thị xã Báo cáo kết quả", kind="products") == [
        "Kế hoạch của UBND thị xã", "Báo cáo kết quả",
    ]  # fmt: skip
    assert split_items("Quyết định và Kế hoạch CCHC", kind="products") == [
        "Quyết định và Kế hoạch CCHC"
    ]


def _repair_benchmark():
    """bench/diacritics_repair.py, the script that reports the repair figure of issue 3."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[3] / "bench" / "diacritics_repair.py"
    spec = importlib.util.spec_from_file_location("diacritics_repair", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_on_seed_000_the_repair_leaves_only_foreign_words_and_codes_unreadable():
    from cchc.importer.readers import decode_text
    from cchc.importer.tests.conftest import SEEDS
    from cchc.importer.vietnamese import is_acronym, is_valid_syllable, words

    raw = decode_text(next(SEEDS.glob("000_*.txt")).read_bytes())
    repaired = _repair_benchmark().repaired_text(raw)
    v0, t0 = syllable_validity(raw)
    v1, t1 = syllable_validity(repaired)
    assert v0 / t0 < 0.97  # the PDF extraction broke about one word in thirty
    assert v1 / t1 > 0.995
    left = {w for w in words(repaired) if not is_acronym(w) and not is_valid_syllable(w)}
    # What is still not a Vietnamese syllable is not Vietnamese: an app's name, the
    # "TTg" of a Prime Minister's decision number, a web address, list letters.
    assert left <= {"Zalo", "TTg", "tayninh", "gov", "vn", "b", "V"}
