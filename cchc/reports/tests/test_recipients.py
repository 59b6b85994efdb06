"""Whom a unit's report is sent to ("Nơi nhận"), as an official would write it (decision 0159):
a commune under a province since the 2025 reorganisation reports to the Department of Home
Affairs (Sở Nội vụ), one under a district to the district's Office (Phòng Nội vụ)."""

from cchc.reports.content import default_recipients


def test_a_commune_under_the_province_sends_to_the_department_of_home_affairs(world):
    world.commune.parent = world.province
    world.commune.save()
    assert default_recipients(world.commune) == [
        "UBND tỉnh Tây Ninh",
        "Sở Nội vụ tỉnh Tây Ninh",
        "Lưu: VT.",
    ]


def test_a_commune_under_a_district_sends_to_its_office_of_home_affairs(world):
    assert default_recipients(world.commune) == [
        "UBND thành phố Tây Ninh",
        "Phòng Nội vụ thành phố Tây Ninh",
        "Lưu: VT.",
    ]


def test_a_unit_at_the_top_only_files_its_copy(world):
    assert default_recipients(world.province) == ["Lưu: VT."]
