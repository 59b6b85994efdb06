"""A signed document is never dated after today, whoever writes it: the rule lives in the
actions (issuing a plan or an amendment, saving a plan typed by hand), so a command, the API
and the demo meet it as the pages do; the demo, loaded before June, dates its amendment
today rather than on 10/06 still to come (decision 0177)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from cchc.formats import day
from cchc.plans import actions, demo_life
from cchc.plans.choices import AmendmentStatus, PlanStatus
from cchc.plans.models import Plan

from .test_lifecycle import _submitted, draft  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

REFUSED = "văn bản đã ký không thể mang ngày sau hôm nay"


def test_issuing_a_plan_dated_tomorrow_is_refused_by_the_action_itself(draft, world):  # noqa: F811
    _submitted(draft, world)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        actions.issue_plan(
            draft, by=world.people.leader, number="5/KH-UBND", issued_on=tomorrow, signer="A"
        )
    assert refused.value.message_dict["issued_on"] == [
        f"Ngày ký: {REFUSED} ({day(timezone.localdate())}); xin kiểm tra lại ngày, tháng, năm."
    ]
    assert Plan.objects.get(pk=draft.pk).status == PlanStatus.SUBMITTED


def test_a_plan_typed_by_hand_with_a_date_of_issue_to_come_is_refused_beside_the_box(world, login):
    today = timezone.localdate()
    data = {"unit": world.commune.pk, "year": today.year + 1, "kind": "annual"}
    data |= {"title": "Kế hoạch CCHC", "number": "9/KH-UBND"}
    client = login(world.people.focal)
    response = client.post(
        reverse("plans:create"), data | {"issued_on": day(today + dt.timedelta(days=3))}
    )
    assert response.status_code == 400
    assert f"Ngày ban hành: {REFUSED} ({day(today)})" in response.content.decode()
    assert not Plan.objects.exists()
    response = client.post(reverse("plans:create"), data | {"issued_on": day(today)})
    assert response.status_code == 302 and Plan.objects.get().issued_on == today


def test_the_demo_loaded_in_march_issues_its_amendment_that_day(draft, world, monkeypatch):  # noqa: F811
    march = dt.date(timezone.localdate().year, 3, 2)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: march)
    _submitted(draft, world)
    plan = actions.issue_plan(
        draft, by=world.people.leader, number="15/KH-UBND", issued_on=march, signer="A"
    )
    people = world.people
    users = {"thanhtan": people.focal, "thanhtan.chutich": people.leader}
    ctx = SimpleNamespace(users=users | {"noivu.tayninh": people.district}, today=march)
    demo_life.show(ctx, plan)
    amendment = plan.amendments.get()
    assert (amendment.status, amendment.issued_on) == (AmendmentStatus.ISSUED, march)
