import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cchc.core.management.commands.serve import users_with_demo_password
from cchc.org.models import Membership, Unit, User
from cchc.testing.demo import demo_data

# the demo as of today is loaded once per test process and copied (cchc/testing/demo.py)
pytestmark = pytest.mark.xdist_group("demo-today")

SPEC_UNITS = {
    "tay-ninh": None,
    "tp-tay-ninh": "tay-ninh",
    "thanh-tan": "tp-tay-ninh",
    "phuong-2": "tp-tay-ninh",
    "an-giang": None,
    "tan-chau": "an-giang",
    "long-an-xa": "tan-chau",
    "thai-nguyen": None,
    "phu-binh": "thai-nguyen",
    "tan-duc": "phu-binh",
    "long-an": None,
    "kien-tuong": "long-an",
}


def _sign_in(client, username):
    """Through the login form, as a person would (the demo password is "demo")."""
    client.logout()
    response = client.post(reverse("login"), {"username": username, "password": "demo"})
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_the_demo_creates_the_units_and_logins_of_the_spec_and_keeps_data_on_rerun():
    out = io.StringIO()
    call_command("demo", no_serve=True, stdout=out)
    for code, parent in SPEC_UNITS.items():
        unit = Unit.objects.get(code=code)
        assert (unit.parent.code if unit.parent else None) == parent
    assert Unit.objects.filter(parent__code="kien-tuong").count() >= 3
    printed = out.getvalue()
    assert "http://127.0.0.1:8000/" in printed
    for username in [
        "admin",
        "thanhtan",
        "thanhtan.tuphap",
        "thanhtan.chutich",
        "phuong2",
        "noivu.tayninh",
        "longan",
        "tanduc",
        "kientuong",
        "sonoivu.tayninh",
    ]:
        assert username in printed
        assert User.objects.get(username=username).check_password("demo")
    assert Membership.objects.get(user__username="noivu.tayninh").unit.code == "tp-tay-ninh"
    province = Membership.objects.get(user__username="sonoivu.tayninh")
    assert (province.unit.code, province.role, province.post.name) == (
        "tay-ninh",
        "reviewer",
        "Sở Nội vụ",
    )
    # the home-affairs offices open the admin, to look at their units' set-up (decision 0180)
    staff = User.objects.filter(is_staff=True, is_superuser=False).values_list("username")
    assert sorted(u for (u,) in staff) == ["kientuong", "noivu.tayninh", "sonoivu.tayninh"]
    assert "trang quản trị /admin/" in printed
    assert Membership.objects.get(user__username="thanhtan.tuphap").post.name == "Tư pháp – Hộ tịch"
    counts = (Unit.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("demo", no_serve=True, stdout=io.StringIO())
    assert (Unit.objects.count(), User.objects.count(), Membership.objects.count()) == counts


@pytest.mark.django_db
def test_serve_refuses_to_start_in_production_while_a_demo_password_remains(settings):
    user = User.objects.create_user("thanhtan", password="demo")
    settings.PRODUCTION = True
    assert users_with_demo_password() == ["thanhtan"]
    with pytest.raises(CommandError, match="thanhtan"):
        call_command("serve")
    user.set_password("a-much-better-passphrase")
    user.save()
    assert users_with_demo_password() == []


@pytest.mark.django_db
def test_serve_says_it_is_making_the_database_before_a_first_start_s_long_silence(monkeypatch):
    """A first `cchc serve` migrates an empty database (most of a minute on an old PC) before
    it can say where it serves: it says so first. An up-to-date database starts at once."""
    from cchc.core import servers
    from cchc.core.management.commands import serve

    served = []
    monkeypatch.setattr(servers, "run_waitress", lambda *args: served.append(args))
    out = io.StringIO()
    call_command("serve", stdout=out)
    assert served and out.getvalue().startswith("Đang phục vụ tại http://")
    monkeypatch.setattr(serve, "migrations_pending", lambda alias: True)
    out = io.StringIO()
    call_command("serve", stdout=out)
    said = out.getvalue().splitlines()
    assert said[0] == "Đang tạo hoặc cập nhật cơ sở dữ liệu (lần đầu có thể mất vài phút)…"
    assert said[1].startswith("Đang phục vụ tại http://")


@pytest.mark.django_db(transaction=True)
def test_the_demo_logins_see_exactly_their_scope(client):
    from django.urls import reverse

    from cchc.plans.models import Plan

    demo_data(io.StringIO(), today=dt.date.today())  # what `cchc demo` loads (the test above)
    thanh_tan = Plan.objects.filter(unit__code="thanh-tan")
    # the 2024 seed, the current year's plan and next year's draft (appraised, decision 0050)
    assert thanh_tan.count() == 3
    assert thanh_tan.get(status="draft").appraisals.filter(verdict="revise").exists()
    seed = thanh_tan.get(source_name__startswith="000_")
    assert seed.tasks.count() == 44 and seed.targets.exists()
    assert Plan.objects.filter(unit__code="kien-tuong").get().tasks.count() == 30
    detail = reverse("plans:detail", args=[seed.pk])
    export = reverse("plans:export", args=[seed.pk])
    edit = reverse("plans:edit", args=[seed.pk])

    _sign_in(client, "phuong2")
    assert client.get(detail).status_code == 404
    assert client.get(export).status_code == 404
    assert client.post(edit, {"title": "x"}).status_code == 404
    assert "Thạnh Tân" not in client.get(reverse("plans:list")).content.decode()

    _sign_in(client, "noivu.tayninh")
    assert client.get(detail).status_code == 200
    assert client.get(edit).status_code == 403
    listing = client.get(reverse("plans:list")).content.decode()
    assert "xã Thạnh Tân" in listing and "phường 2" in listing.lower()
    assert "Kiến Tường" not in listing

    _sign_in(client, "thanhtan")
    assert client.get(edit).status_code == 200


# specs/demo.md, as written there: a unit's name and its agency e-ID code
SPEC_NAMES_AND_EID = {
    "tay-ninh": ("Tỉnh Tây Ninh", "000.00.00.H55"),
    "tp-tay-ninh": ("Thành phố Tây Ninh", "000.00.31.H55"),
    "thanh-tan": ("Xã Thạnh Tân", "000.31.35.H55"),
    "phuong-2": ("Phường 2", "000.02.31.H55"),
    "an-giang": ("Tỉnh An Giang", "000.00.00.H01"),
    "tan-chau": ("Thị xã Tân Châu", "000.00.12.H01"),
    "long-an-xa": ("Xã Long An", "000.07.12.H01"),
    "thai-nguyen": ("Tỉnh Thái Nguyên", "000.00.00.H54"),
    "phu-binh": ("Huyện Phú Bình", "000.00.09.H54"),
    "tan-duc": ("Xã Tân Đức", "000.14.09.H54"),
    "long-an": ("Tỉnh Long An", "000.00.00.H39"),
    "kien-tuong": ("Thị xã Kiến Tường", "000.00.04.H39"),
}


@pytest.mark.django_db(transaction=True)
def test_the_demo_units_carry_the_names_and_e_id_codes_of_the_spec_and_answer_to_both():
    import json

    demo_data(io.StringIO(), today=dt.date.today())
    found = {u.code: (u.name, u.eid_code) for u in Unit.objects.filter(code__in=SPEC_UNITS)}
    assert found == SPEC_NAMES_AND_EID
    year = dt.date.today().year
    window = ("--from", f"{year}-01-01", "--to", f"{year}-12-31", "--format", "json")
    by_code, by_eid = io.StringIO(), io.StringIO()
    call_command("indicators", "--unit", "thanh-tan", *window, stdout=by_code)
    call_command("indicators", "--unit", "000.31.35.H55", *window, stdout=by_eid)
    figures = [json.loads(out.getvalue())["indicators"] for out in (by_code, by_eid)]
    assert figures[0] == figures[1] and figures[0]["dossiers_received"]["numerator"] > 0
