"""Shared personas: a province reviewer, a district reviewer, a commune focal point, a commune
official, a commune leader and an outsider (the focal point of another commune)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from cchc.org.choices import PostKind, Role, UnitKind
from cchc.testing.factories import PostFactory, UnitFactory, UserFactory, member, merge


@pytest.fixture(autouse=True)
def _fast_hasher(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "files")},
        },
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Figures are cached per process under a freshness counter (cchc.core.freshness) that a
    rolled-back test resets: no test may find another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Calendar overrides are cached per process; a rolled-back test must not leave its own."""
    from cchc.workdays.calendar import clear_cache

    clear_cache()
    yield
    clear_cache()


SITE_FIXTURES = {"migrated_site", "demo_site"}
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}
# words of a module that may reach the database without pytest-django's leave (a program it
# starts reads DATABASE_URL), or whose code asks which database it runs on
OTHER_WAYS_IN = (
    "subprocess",
    "Popen",
    "sys.executable",
    "DATABASE",
    "vendor",
    "connection",
    "Site(",
)


def pytest_addoption(parser):
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that can touch the database (the Makefile's second run, on "
        "PostgreSQL: the others ran on SQLite and do not depend on the database; decision 0182)",
    )


def _touches_database(item, sources: dict) -> bool:
    """Whether a test can reach the database: marked for it, using a fixture that opens it
    (pytest-django refuses every query to any other test), copying an installation, or in a
    module that starts programs or names the database (`OTHER_WAYS_IN`)."""
    if item.get_closest_marker("django_db"):
        return True
    if (DATABASE_FIXTURES | SITE_FIXTURES) & set(getattr(item, "fixturenames", ())):
        return True
    path = Path(str(item.fspath))
    if path not in sources:
        sources[path] = path.read_text(encoding="utf-8") if path.suffix == ".py" else ""
    return any(word in sources[path] for word in OTHER_WAYS_IN)


def _keep_database_tests(config, items) -> None:
    sources: dict = {}
    kept = [item for item in items if _touches_database(item, sources)]
    if len(kept) < len(items):
        chosen = {id(item) for item in kept}
        config.hook.pytest_deselected(items=[i for i in items if id(i) not in chosen])
        items[:] = kept


_LOST_GROUP = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """The tests that copy a whole installation run in one test process (`--dist loadgroup`,
    the Makefile), so it migrates one and loads one demo, not one per process: marked before
    the other hooks, as xdist's names each grouped test after its group. After them, a test
    process told to group whose grouped tests do not carry their group in their names would
    hand them out one by one, each process building its own installations, the suite minutes
    longer and nothing said (so it was with pytest 9.2, decision 0139): those tests fail."""
    if config.getoption("database_tests_only"):
        _keep_database_tests(config, items)
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("sites"))
    result = yield
    if getattr(config.option, "loadgroup", False):
        for item in items:
            if item.get_closest_marker("xdist_group") and "@" not in item.nodeid:
                item.stash[_LOST_GROUP] = True
    return result


def pytest_runtest_setup(item):
    if item.stash.get(_LOST_GROUP, False):
        pytest.fail(
            "--dist loadgroup did not group this test: pytest and pytest-xdist disagree on "
            "test names (decision 0139)",
            pytrace=False,
        )


_MIGRATED: list = []  # (django_db_blocker, the rows of the test database just migrated)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, and its rows as the migrations left them (what the data
    migrations wrote: built-in indicators and figures, questionnaires, the index's version 1)."""
    from cchc.testing import dbcopy

    with django_db_blocker.unblock():
        _MIGRATED.append((django_db_blocker, dbcopy.take()))


def _committing(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & fixtures
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A committing test ends on a flushed database. pytest-django runs them after the others,
    so no other test finds one; a group (`xdist_group`) of committing tests runs first in its
    process (xdist hands out the groups first), so after each of them the rows the migrations
    wrote are put back: the next test, committing or not, starts as the first one did, and
    the demo's copy (cchc/testing/demo.py) serves each of the group's tests (decision 0165)."""
    result = yield
    if _MIGRATED and item.get_closest_marker("xdist_group") and _committing(item):
        from cchc.testing import dbcopy

        blocker, rows = _MIGRATED[0]
        with blocker.unblock():
            dbcopy.put_back(rows)
    return result


@pytest.fixture(scope="session")
def migrated_site(tmp_path_factory):
    """An installation whose empty database `cchc migrate` has made, once per test process; a
    test copies it (`Site(root, name, like=migrated_site)`) instead of migrating its own."""
    from cchc.testing.sites import Site

    site = Site(tmp_path_factory.mktemp("migrated-site"), "migrated")
    made = site.run("migrate", "-v", "0")
    assert made.returncode == 0, made.stderr
    yield site
    site.drop()


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, migrated_site):
    """An installation on which `cchc demo` has run, made once per test process (from a copy
    of `migrated_site`); a test copies it (`Site(root, name, like=demo_site)`) instead of
    changing it."""
    from cchc.testing.sites import Site

    site = Site(tmp_path_factory.mktemp("demo-site"), "demo", like=migrated_site)
    loaded = site.run("demo", "--no-serve")
    assert loaded.returncode == 0, loaded.stderr
    yield site
    site.drop()


@pytest.fixture
def world(db):
    """Province → district → two communes, with a person in each role."""
    province = UnitFactory(code="tinh", name="Tỉnh Tây Ninh", kind=UnitKind.PROVINCE)
    district = UnitFactory(
        code="thanh-pho", name="Thành phố Tây Ninh", kind=UnitKind.DISTRICT, parent=province
    )
    commune = UnitFactory(code="xa-a", name="Xã Thạnh Tân", kind=UnitKind.COMMUNE, parent=district)
    other = UnitFactory(code="xa-b", name="Phường 2", kind=UnitKind.WARD, parent=district)
    office = PostFactory(unit=commune, name="Văn phòng – Thống kê", aliases="VP-TK")
    justice = PostFactory(unit=commune, name="Tư pháp – Hộ tịch", aliases="Tư pháp")
    PostFactory(unit=commune, name="Bộ phận Một cửa", kind=PostKind.OFFICE)
    PostFactory(unit=district, name="Phòng Nội vụ", kind=PostKind.OFFICE)
    people = SimpleNamespace(
        province=member(UserFactory(username="tinh.reviewer"), province, Role.REVIEWER),
        district=member(UserFactory(username="noivu"), district, Role.REVIEWER),
        focal=member(UserFactory(username="focal"), commune, Role.FOCAL_POINT, office),
        official=member(UserFactory(username="tuphap"), commune, Role.OFFICIAL, justice),
        leader=member(UserFactory(username="chutich"), commune, Role.LEADER),
        outsider=member(UserFactory(username="outsider"), other, Role.FOCAL_POINT),
    )
    return SimpleNamespace(
        province=province,
        district=district,
        commune=commune,
        other=other,
        office=office,
        justice=justice,
        people=people,
    )


@pytest.fixture
def merged(world):
    """Xã Thạnh Tân (xa-a) merged on 1 July 2025 into “Xã Mới” (xa-moi) of the same district,
    with its focal point: the 2025 reorganisation as most communes now live it."""
    new = merge(
        world.commune, into=UnitFactory(code="xa-moi", name="Xã Mới", parent=world.district)
    )
    new.focal = member(UserFactory(username="xa-moi.focal"), new, Role.FOCAL_POINT)
    return new


@pytest.fixture
def login(client):
    """Log the test client in as a persona: `login(world.people.focal)`."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not
    available offline). `make test` installs the chromium package when it is missing."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test still talks to the
    # database synchronously, which Django would otherwise refuse.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    # A browser test runs against a live server on a flushed database, which loses what the
    # data migrations wrote; put the built-in indicators and the index's version 1 back.
    from cchc.index766 import seed
    from cchc.index766.models import IndexCriterion, IndexGroup, IndexVersion
    from cchc.indicators.builtins import install
    from cchc.indicators.models import IndicatorDefinition

    install(IndicatorDefinition)
    seed.install(IndexVersion, IndexGroup, IndexCriterion)
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15000)
    tab = context.new_page()
    tab.base_url = live_server.url
    yield tab
    context.close()


def screenshot(tab, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def browser_login(tab, username: str, password: str = "secret-pass-1") -> None:
    tab.goto(tab.base_url + "/accounts/login/")
    tab.get_by_label("Tên đăng nhập").fill(username)
    tab.get_by_label("Mật khẩu").fill(password)
    tab.get_by_role("button", name="Đăng nhập").click()
    tab.wait_for_load_state()
