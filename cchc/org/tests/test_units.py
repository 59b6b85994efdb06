import datetime as dt

import pytest

from cchc.org.access import (
    Action,
    access_for,
    links_read_once,
    succession_links,
    with_predecessors,
    within,
)
from cchc.org.choices import Role, SuccessionKind, UnitKind
from cchc.org.matching import match_name
from cchc.org.models import Membership, Unit, UnitSuccession, holders
from cchc.testing.factories import UnitFactory, UserFactory, member, merge


@pytest.mark.django_db
def test_a_unit_path_follows_its_parents_and_moves_with_them():
    province = UnitFactory(code="p", kind=UnitKind.PROVINCE)
    district = UnitFactory(code="d", kind=UnitKind.DISTRICT, parent=province)
    commune = UnitFactory(code="c", parent=district)
    assert commune.path == f"/{province.pk}/{district.pk}/{commune.pk}/"
    assert commune.depth == 2
    other_province = UnitFactory(code="q", kind=UnitKind.PROVINCE)
    district.parent = other_province
    district.save()
    commune.refresh_from_db()
    assert commune.path == f"/{other_province.pk}/{district.pk}/{commune.pk}/"
    assert list(Unit.objects.subtree(other_province)) == [other_province, district, commune]


@pytest.mark.django_db
def test_units_under_several_subtrees_and_under_none():
    province = UnitFactory(code="p", kind=UnitKind.PROVINCE)
    d1 = UnitFactory(code="d1", kind=UnitKind.DISTRICT, parent=province)
    c1 = UnitFactory(code="c1", parent=d1)
    d2 = UnitFactory(code="d2", kind=UnitKind.DISTRICT, parent=province)
    c2 = UnitFactory(code="c2", parent=d2)
    UnitFactory(code="d3", kind=UnitKind.DISTRICT, parent=province)
    assert set(Unit.objects.under([d1.path, c2.path])) == {d1, c1, c2}
    # no scope means no units, never every unit
    assert not Unit.objects.under([]).exists()


@pytest.mark.django_db
def test_units_under_many_subtrees_of_several_path_lengths_and_nested_ones():
    province = UnitFactory(code="p", kind=UnitKind.PROVINCE)
    districts = [
        UnitFactory(code=f"d{n}", kind=UnitKind.DISTRICT, parent=province) for n in range(4)
    ]
    communes = [UnitFactory(code=f"c{n}", parent=districts[n % 4]) for n in range(14)]
    # ids of one and two digits: the roots asked for have paths of several lengths
    asked = [c.path for c in communes[::2]] + [districts[1].path]
    assert len({len(path) for path in asked}) > 1
    expected = {u for u in Unit.objects.all() if any(u.path.startswith(path) for path in asked)}
    assert set(Unit.objects.under(asked)) == expected
    assert set(Unit.objects.under(asked)) == (
        {c for c in communes[::2]}
        | {districts[1]}
        | {c for c in communes if c.parent == districts[1]}
    )
    # a root inside another adds nothing: the province alone is the whole tree
    assert set(Unit.objects.under([province.path, *asked])) == {province, *districts, *communes}


@pytest.mark.django_db
def test_after_the_2025_merger_the_new_commune_still_sees_the_old_communes_data():
    province = UnitFactory(code="p", kind=UnitKind.PROVINCE)
    old_district = UnitFactory(code="d", kind=UnitKind.DISTRICT, parent=province)
    old_a = UnitFactory(code="old-a", parent=old_district)
    old_b = UnitFactory(code="old-b", parent=old_district)
    unrelated = UnitFactory(code="old-c", parent=old_district)
    new = UnitFactory(code="new", parent=province)
    for old in (old_a, old_b):
        UnitSuccession.objects.create(
            predecessor=old, successor=new, kind=SuccessionKind.MERGE, effective_on="2025-07-01"
        )
    user = member(UserFactory(), new, Role.FOCAL_POINT)
    access = access_for(user)
    assert set(access.units()) == {new, old_a, old_b}
    assert access.can(Action.VIEW, old_a)
    assert not access.can(Action.VIEW, unrelated)


@pytest.mark.parametrize(
    "written",
    [
        "Công chức Văn phòng – Thống kê",
        "CC Văn phòng - Thống kê",
        "van phong thong ke",
        "VP-TK",
        "Văn phòng-Thống kê",
    ],
)
def test_a_lead_written_in_the_usual_ways_matches_the_post(written):
    posts = [("office", ["Văn phòng – Thống kê"]), ("justice", ["Tư pháp – Hộ tịch"])]
    assert match_name(written, posts) == "office"


def test_a_lead_with_a_note_in_brackets_matches_the_post():
    # seed 001: "1. Công chức văn phòng – thống kê (phụ trách Nội vụ)" leads its office's duties
    posts = [("office", ["Văn phòng – Thống kê"]), ("justice", ["Tư pháp – Hộ tịch"])]
    assert match_name("Công chức văn phòng – thống kê (phụ trách Nội vụ)", posts) == "office"
    assert match_name("Công chức văn hoá – xã hội (phụ trách VHTT-TDTT)", posts) is None


def test_an_unknown_lead_is_not_matched_to_a_post():
    posts = [("office", ["Văn phòng – Thống kê"]), ("justice", ["Tư pháp – Hộ tịch"])]
    assert match_name("Bưu điện và các cơ quan liên quan", posts) is None


def test_holders_gives_each_path_every_scope_holding_it_once():
    # scope 1: a subtree and the subtree of a unit it succeeded, one inside the other
    holding = holders({1: ["/1/2/", "/1/"], 2: ["/1/2/3/"], 3: ["/9/"], 4: []})
    assert holding("/1/2/3/4/") == [1, 2]
    assert holding("/1/5/") == [1]
    assert holding("/9/") == [3]
    # "/1/" holds "/1/…", not "/10/": subtrees end at a "/"
    assert holding("/10/") == []


@pytest.mark.django_db
def test_inside_one_reading_the_succession_links_are_read_once_and_not_kept_after(
    django_assert_num_queries,
):
    province = UnitFactory(code="p", kind=UnitKind.PROVINCE)
    old = UnitFactory(code="old", parent=province)
    new = UnitFactory(code="new", parent=province)
    UnitSuccession.objects.create(
        predecessor=old, successor=new, kind=SuccessionKind.MERGE, effective_on="2025-07-01"
    )
    with django_assert_num_queries(1), links_read_once():
        first = succession_links()
        with links_read_once():  # a reading inside another: the outer one stands
            assert with_predecessors([new.path]) == [new.path, old.path]
        first.clear()  # a caller changing its list changes no one else's
        assert succession_links() == [(old.path, new.path)]
    later = UnitFactory(code="later", parent=province)
    UnitSuccession.objects.create(
        predecessor=new, successor=later, kind=SuccessionKind.MERGE, effective_on="2026-01-01"
    )
    with django_assert_num_queries(2):  # outside a reading: each call reads them afresh
        assert with_predecessors([later.path]) == [later.path, new.path, old.path]
        assert len(succession_links()) == 2


@pytest.mark.django_db
def test_what_a_unit_holds_reaches_the_units_it_succeeded_and_theirs_not_its_neighbours(
    django_assert_num_queries,
):
    province = UnitFactory(code="p", kind=UnitKind.PROVINCE)
    district = UnitFactory(code="d", kind=UnitKind.DISTRICT, parent=province)
    old_a = UnitFactory(code="old-a", parent=district)
    office = UnitFactory(code="old-a-office", kind=UnitKind.AGENCY, parent=old_a)
    older = UnitFactory(code="older", parent=district)
    neighbour = UnitFactory(code="neighbour", parent=district)
    new = UnitFactory(code="new", parent=province)
    merge(older, into=old_a, on=dt.date(2024, 1, 1))
    merge(old_a, into=new)
    assert set(Unit.objects.filter(within(new, ""))) == {new, old_a, office, older}
    assert set(Unit.objects.filter(within(old_a, ""))) == {old_a, office, older}
    assert set(Unit.objects.filter(within(neighbour, ""))) == {neighbour}
    for unit in (old_a, neighbour):
        member(UserFactory(username=f"u-{unit.code}"), unit)
    # through a relation; inside one reading the links are read once for every filter
    with django_assert_num_queries(3), links_read_once():
        codes = Membership.objects.values_list("unit__code", flat=True)
        assert set(codes.filter(within(new))) == {"old-a"}
        assert set(codes.filter(within(district))) == {"old-a", "neighbour"}


def test_a_dissolved_units_successor_in_force_follows_mergers_and_renames_not_splits(world):
    on = dt.date(2026, 1, 5)
    merged = merge(world.commune, into=UnitFactory(code="xa-moi", parent=world.district))
    assert world.commune.successor_in_force(on) == merged
    assert merged.successor_in_force(on) is None  # in force itself
    assert world.commune.successor_in_force(dt.date(2025, 6, 30)) is None  # not yet merged
    # renamed later: the old commune's work reaches the name in force now
    renamed = merge(merged, into=UnitFactory(code="xa-moi-2", parent=world.district), on=on)
    assert world.commune.successor_in_force(on) == renamed
    # split in two: no one successor
    halves = [UnitFactory(code=f"nua-{n}", parent=world.district) for n in (1, 2)]
    merge(world.other, into=halves[0])
    UnitSuccession.objects.create(
        predecessor=world.other,
        successor=halves[1],
        kind=SuccessionKind.SPLIT,
        effective_on=dt.date(2025, 7, 1),
    )
    assert world.other.successor_in_force(on) is None
