"""A plan is issued by a document already signed: the leader who typed next year by mistake
(15/01/2027 in December 2026) used to issue the plan with a signing date still to come; the
page now refuses it, says why, and the plan stays waiting (decision 0172)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.formats import day
from cchc.plans.choices import PlanStatus
from cchc.plans.models import Plan

from .test_lifecycle import _submitted, draft  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def _issue_page(client, plan, signed_on: dt.date):
    url = reverse("plans:issue", args=[plan.pk])
    data = {"number": "05/KH-UBND", "issued_on": day(signed_on), "signer": "Lê Văn Hùng"}
    return client.post(url, data)


def test_a_plan_signed_on_a_day_to_come_is_refused_with_the_reason(draft, world, login):  # noqa: F811
    _submitted(draft, world)
    today = timezone.localdate()
    response = _issue_page(login(world.people.leader), draft, today + dt.timedelta(days=39))
    assert response.status_code == 400
    assert (
        f"Ngày ký: văn bản đã ký không thể mang ngày sau hôm nay ({day(today)})"
        in response.content.decode()
    )
    plan = Plan.objects.get(pk=draft.pk)
    assert plan.status == PlanStatus.SUBMITTED and plan.number != "05/KH-UBND"


def test_a_plan_signed_today_is_issued(draft, world, login):  # noqa: F811
    _submitted(draft, world)
    today = timezone.localdate()
    response = _issue_page(login(world.people.leader), draft, today)
    assert response.status_code == 302
    plan = Plan.objects.get(pk=draft.pk)
    assert plan.status == PlanStatus.ISSUED and plan.issued_on == today
