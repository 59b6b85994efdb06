"""How a lead / coordinators cell is cut into units, as a person reads it."""

import pytest

from cchc.importer.columns import split_items

CASES = [
    ("Phòng Nội vụ; Phòng Tư pháp", False, ["Phòng Nội vụ", "Phòng Tư pháp"]),
    ("Phòng Nội vụ, Phòng Tư pháp", False, ["Phòng Nội vụ", "Phòng Tư pháp"]),
    ("Các phòng, ban, đơn vị thuộc UBND xã", False, ["Các phòng, ban, đơn vị thuộc UBND xã"]),
    ("Văn phòng HĐND, UBND xã", False, ["Văn phòng HĐND, UBND xã"]),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", False, ["Phòng Kinh tế, Hạ tầng và Đô thị"]),
    ("Văn phòng HĐND và\nUBND xã", True, ["Văn phòng HĐND và UBND xã"]),
    ("Công chức Văn phòng -\nThống kê\nCông chức Tư pháp -\nHộ tịch", True,
     ["Công chức Văn phòng - Thống kê", "Công chức Tư pháp - Hộ tịch"]),
    ("Trung tâm Phục vụ hành\nchính công xã", True, ["Trung tâm Phục vụ hành chính công xã"]),
    # 0167: narrow PDF columns wrap before a dash, after "Ủy ban", after a post
    ("Phòng Văn hóa\n- Xã hội", True, ["Phòng Văn hóa - Xã hội"]),
    ("Bộ phận Một cửa;\nỦy ban\nMTTQ Việt Nam xã", True,
     ["Bộ phận Một cửa", "Ủy ban MTTQ Việt Nam xã"]),
    ("Chủ tịch\nUBND xã", True, ["Chủ tịch UBND xã"]),
    ("Chủ tịch UBND xã\nCông chức Văn phòng - Thống kê", False,
     ["Chủ tịch UBND xã", "Công chức Văn phòng - Thống kê"]),
    # a bulleted cell wrapped before the dash of an office's name: one office, not two
    ("- Văn phòng HĐND và UBND phường\n- Phòng\nVăn hóa\n- Xã hội", True,
     ["Văn phòng HĐND và UBND phường", "Phòng Văn hóa - Xã hội"]),
    ("- Công chức Văn hóa\n- Xã hội\n- Người có uy tín", True,
     ["Công chức Văn hóa - Xã hội", "Người có uy tín"]),
    ("- Công chức Tư pháp\n- Hộ tịch\n- Công chức Văn phòng - Thống kê", True,
     ["Công chức Tư pháp - Hộ tịch", "Công chức Văn phòng - Thống kê"]),
    ("- Hội Cựu chiến binh\n- Hội Nông dân", True, ["Hội Cựu chiến binh", "Hội Nông dân"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "wrapped", "expected"), CASES)
def test_units_in_a_cell(text, wrapped, expected):
    assert split_items(text, kind="units", wrapped=wrapped) == expected
