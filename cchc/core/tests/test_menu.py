"""The site menu and the landing page, as each persona sees them.

The entries come from the apps (each registers its own in its `menu.py`); these tests read the
rendered page, so they hold whatever assembles the menu: the labels and links a person sees,
in the order they see them, and where `/` sends them after signing in.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.utils import timezone

from cchc.org.choices import Role
from cchc.testing.factories import PlanFactory, TaskFactory, UserFactory, member
from cchc.tracking.models import Assignment

# the PAR Index entry (parindex/menu.py): a unit's assessment of this year, or the ranking
YEAR = timezone.localdate().year
PAR_COMMUNE = ("Chỉ số CCHC", f"/par/xa-a/{YEAR}/")


def indices(code: str, par: str, *, survey: bool = True) -> tuple:
    """The "Chỉ số" dropdown (core/menu.py) of a person whose unit is `code`."""
    return (
        "Chỉ số ▾",
        (
            ("Chỉ số giải quyết TTHC", f"/units/{code}/indicators/"),
            ("Chỉ số 766", f"/units/{code}/index766/"),
            ("Chỉ số CCHC", par),
            *([("Khảo sát hài lòng", f"/khao-sat/don-vi/{code}/")] if survey else []),
        ),
    )


INDICES_COMMUNE = indices("xa-a", f"/par/xa-a/{YEAR}/")


class _NavLinks(HTMLParser):
    """(text, href) of every link inside the main menu, text with spaces folded; a dropdown
    is one item (its button's text + " ▾", the tuple of its links)."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple] = []
        self._depth = 0  # inside <nav aria-label="Trình đơn chính"> while > 0
        self._href: str | None = None
        self._text: list[str] = []
        self._button: list[str] | None = None  # the text of a dropdown's button being read
        self._group: list[tuple[str, str]] | None = None  # the links of an open dropdown

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("aria-label") == "Trình đơn chính":
            self._depth = 1
        elif tag == "nav" and self._depth:
            self._depth += 1
        elif tag == "a" and self._depth:
            self._href, self._text = attrs.get("href", ""), []
        elif tag == "button" and self._depth and attrs.get("data-bs-toggle") == "dropdown":
            self._button = []
        elif tag == "ul" and "dropdown-menu" in (attrs.get("class") or ""):
            self._group = []

    def handle_endtag(self, tag):
        if tag == "nav" and self._depth:
            self._depth -= 1
        elif tag == "a" and self._href is not None:
            link = (" ".join("".join(self._text).split()), self._href)
            (self.links if self._group is None else self._group).append(link)
            self._href = None
        elif tag == "button" and self._button is not None:
            self._label = " ".join("".join(self._button).split()) + " ▾"
            self._button = None
        elif tag == "ul" and self._group is not None:
            self.links.append((self._label, tuple(self._group)))
            self._group = None

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)
        elif self._button is not None:
            self._button.append(data)


def menu_of(client, url="/plans/") -> list[tuple[str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    parser = _NavLinks()
    parser.feed(response.content.decode())
    return parser.links


def around(user, *entries) -> list[tuple[str, str]]:
    """The brand, the person's entries, the help link (to the guide's page on plans, the page
    these menus are read on), the bell and their name: what frames every menu."""
    return [
        ("CCHC", "/"),
        *entries,
        ("Trợ giúp", "/huong-dan/nhap-ke-hoach/"),
        ("Thông báo", "/notifications/"),
        (str(user), "/accounts/password/"),
    ]


@pytest.fixture
def admin(world):
    user = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    return member(user, world.province, Role.ADMIN)


def test_an_official_sees_their_tasks_their_communes_follow_up_and_indicators(world, login):
    user = world.people.official
    assert menu_of(login(user)) == around(
        user,
        ("Việc của tôi", "/my-tasks/"),
        ("Theo dõi thực hiện", "/units/xa-a/dashboard/"),
        INDICES_COMMUNE,
        ("Báo cáo", "/units/xa-a/reports/"),
        ("Kế hoạch", "/plans/"),
        ("Phản ánh, kiến nghị", "/units/xa-a/feedback/"),
    )


def test_a_focal_point_sees_the_same_entries_as_an_official_of_their_commune(world, login):
    user = world.people.focal
    assert menu_of(login(user)) == around(
        user,
        ("Việc của tôi", "/my-tasks/"),
        ("Theo dõi thực hiện", "/units/xa-a/dashboard/"),
        INDICES_COMMUNE,
        ("Báo cáo", "/units/xa-a/reports/"),
        ("Kế hoạch", "/plans/"),
        ("Phản ánh, kiến nghị", "/units/xa-a/feedback/"),
    )


def test_a_leader_without_a_post_is_not_offered_my_tasks(world, login):
    user = world.people.leader
    assert menu_of(login(user)) == around(
        user,
        ("Theo dõi thực hiện", "/units/xa-a/dashboard/"),
        INDICES_COMMUNE,
        ("Báo cáo", "/units/xa-a/reports/"),
        ("Kế hoạch", "/plans/"),
        ("Phản ánh, kiến nghị", "/units/xa-a/feedback/"),
    )


def test_a_leader_asked_to_carry_a_task_is_offered_my_tasks(world, login):
    user = world.people.leader
    task = TaskFactory(plan=PlanFactory(unit=world.commune))
    Assignment.objects.create(task=task, user=user)
    assert menu_of(login(user)) == around(
        user,
        ("Việc của tôi", "/my-tasks/"),
        ("Theo dõi thực hiện", "/units/xa-a/dashboard/"),
        INDICES_COMMUNE,
        ("Báo cáo", "/units/xa-a/reports/"),
        ("Kế hoạch", "/plans/"),
        ("Phản ánh, kiến nghị", "/units/xa-a/feedback/"),
    )


def test_an_upper_level_reviewer_sees_the_comparison_of_the_units_below(world, login):
    user = world.people.district
    assert menu_of(login(user)) == around(
        user,
        ("So sánh đơn vị", "/units/thanh-pho/compare/"),
        indices("thanh-pho", f"/par/ranking/thanh-pho/{YEAR}/"),
        ("Báo cáo", "/units/thanh-pho/reports/"),
        ("Kế hoạch", "/plans/"),
    )


def test_an_administrator_sees_the_indicators_the_plans_and_the_administration(admin, login):
    assert menu_of(login(admin)) == around(
        admin,
        indices("tinh", f"/par/ranking/tinh/{YEAR}/", survey=False),
        ("Kế hoạch", "/plans/"),
        ("Phản ánh, kiến nghị", "/units/tinh/feedback/"),
        ("Người dùng", "/units/tinh/people/"),
        ("Quản trị", "/admin/"),
    )


def test_a_person_without_a_role_sees_only_the_plans(db, login):
    user = UserFactory(username="khach")
    assert menu_of(login(user)) == around(user, ("Kế hoạch", "/plans/"))


def test_the_page_being_shown_is_marked_in_the_menu(world, login):
    client = login(world.people.focal)
    page = client.get("/my-tasks/").content.decode()
    assert 'class="nav-link active" href="/my-tasks/"' in page
    assert 'class="nav-link active" href="/units/xa-a/dashboard/"' not in page
    page = client.get("/units/xa-a/dashboard/").content.decode()
    assert 'class="nav-link active" href="/units/xa-a/dashboard/"' in page
    assert 'class="nav-link active" href="/my-tasks/"' not in page


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("official", "/my-tasks/"),
        ("focal", "/units/xa-a/dashboard/"),
        ("leader", "/units/xa-a/dashboard/"),
        ("district", "/units/thanh-pho/compare/"),
        ("province", "/units/tinh/compare/"),
    ],
)
def test_each_persona_lands_on_the_page_of_their_role(world, login, persona, landing):
    response = login(getattr(world.people, persona)).get("/")
    assert response.status_code == 302 and response["Location"] == landing


def test_an_administrator_and_a_person_without_a_role_land_on_the_plans(admin, login):
    assert login(admin).get("/")["Location"] == "/plans/"
    assert login(UserFactory(username="khach")).get("/")["Location"] == "/plans/"


def test_a_focal_point_who_is_also_an_official_elsewhere_lands_on_the_focal_points_page(
    world, login
):
    user = member(world.people.official, world.other, Role.FOCAL_POINT)
    assert login(user).get("/")["Location"] == "/units/xa-b/dashboard/"


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, db):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_app_adds_its_entry_and_landing_page_by_registering_them(world, login, monkeypatch):
    from cchc.core import navigation
    from cchc.core.navigation import Landing, MenuEntry

    reports = MenuEntry(
        "reports",
        "Báo cáo",
        lambda viewer: f"/units/{viewer.unit(Role.FOCAL_POINT)}/reports/",
        visible=lambda viewer: viewer.unit(Role.FOCAL_POINT) is not None,
        order=45,
    )
    monkeypatch.setitem(navigation._entries, "reports", reports)
    first = Landing("reports", 5, lambda viewer: "/reports/" if viewer.unit(Role.LEADER) else None)
    monkeypatch.setitem(navigation._landings, "reports", first)
    focal = world.people.focal
    assert menu_of(login(focal)) == around(
        focal,
        ("Việc của tôi", "/my-tasks/"),
        ("Theo dõi thực hiện", "/units/xa-a/dashboard/"),
        INDICES_COMMUNE,
        ("Báo cáo", "/units/xa-a/reports/"),
        ("Kế hoạch", "/plans/"),
        ("Phản ánh, kiến nghị", "/units/xa-a/feedback/"),
    )
    assert "Báo cáo" not in [label for label, _url in menu_of(login(world.people.district))]
    assert login(world.people.leader).get("/")["Location"] == "/reports/"
    assert login(focal).get("/")["Location"] == "/units/xa-a/dashboard/"


def test_a_page_of_the_dropdown_marks_the_dropdown_and_its_entry(world, login):
    page = login(world.people.focal).get("/units/xa-a/index766/").content.decode()
    assert 'class="nav-link dropdown-toggle active"' in page
    assert 'class="dropdown-item active" href="/units/xa-a/index766/" aria-current="page"' in page
    assert 'class="dropdown-item active" href="/units/xa-a/indicators/"' not in page
    page = login(world.people.focal).get("/units/xa-a/dashboard/").content.decode()
    assert 'class="nav-link dropdown-toggle active"' not in page


def test_the_dropdown_needs_no_inline_script(world, login):
    """The site's CSP forbids inline scripts: the dropdown is Bootstrap's, from its static file,
    opened by a real <button> (keyboard: Tab, Enter or Space, arrows, Escape)."""
    page = login(world.people.focal).get("/units/xa-a/index766/").content.decode()
    assert 'type="button" id="menu-indices" data-bs-toggle="dropdown"' in page
    assert 'aria-labelledby="menu-indices"' in page
    assert "onclick" not in page
    scripts = [chunk.split(">", 1)[0] for chunk in page.split("<script")[1:]]
    assert scripts and all(" src=" in tag for tag in scripts)


def test_a_group_shows_its_only_entry_itself_and_hides_when_it_has_none(world, login, monkeypatch):
    from cchc.core import navigation
    from cchc.core.navigation import MenuEntry, MenuGroup

    monkeypatch.setattr(navigation, "_groups", {"g": MenuGroup("g", "Nhóm", order=5)})
    monkeypatch.setattr(
        navigation,
        "_entries",
        {
            "a": MenuEntry("a", "Một", "plans:list", order=1, group="g"),
            "b": MenuEntry("b", "Hai", "plans:list", order=2, group="g", visible=lambda v: False),
            "c": MenuEntry("c", "Ba", "plans:list", order=9),
        },
    )
    links = navigation.menu_for(world.people.focal)
    assert [(link.label, link.url, link.children) for link in links] == [
        ("Một", "/plans/", []),
        ("Ba", "/plans/", []),
    ]
    monkeypatch.setitem(navigation._entries, "a", MenuEntry("a", "Một", lambda v: None, group="g"))
    assert [link.label for link in navigation.menu_for(world.people.focal)] == ["Ba"]
