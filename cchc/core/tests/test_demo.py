import io

import pytest
from django.core.management import CommandError, call_command

from cchc.core.management.commands.serve import users_with_demo_password
from cchc.org.models import Membership, Unit, User

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
    ]:
        assert username in printed
        assert User.objects.get(username=username).check_password("demo")
    assert Membership.objects.get(user__username="noivu.tayninh").unit.code == "tp-tay-ninh"
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
