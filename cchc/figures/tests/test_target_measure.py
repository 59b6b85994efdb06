"""Choosing the figure that measures a plan's target, on its own page (atomic, audited,
scoped), and the target's page showing the figure's value against the target."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc import periods
from cchc.audit.models import AuditEvent
from cchc.figures.actions import enter_figure
from cchc.figures.models import FigureDefinition, FigureTargetLink
from cchc.indicators.models import IndicatorDefinition
from cchc.plans.choices import Comparator, TargetUnit
from cchc.testing.factories import PlanFactory, TargetFactory


def figure(code: str) -> FigureDefinition:
    return FigureDefinition.objects.get(code=code, version=1)


def make_target(world, text: str, value: int, unit: str):
    plan = PlanFactory(unit=world.commune, year=2024, status="issued")
    return TargetFactory(
        plan=plan, text=text, comparator=Comparator.AT_LEAST, value=value, unit=unit
    )


@pytest.fixture
def target(world):
    return make_target(world, "100% văn bản QPPL được rà soát", 100, TargetUnit.PERCENT)


def page(target) -> str:
    return reverse("figures:target", args=[target.pk])


def enter(world, code, numerator, denominator=None, period=None):
    enter_figure(
        figure(code),
        world.commune,
        period or periods.quarter(2024, 1),
        numerator=numerator,
        denominator=denominator,
        by=world.people.focal,
        document="Báo cáo rà soát số 3",
    )


def test_the_focal_point_chooses_the_figure_and_the_target_page_shows_its_value(
    world, target, login, django_assert_max_num_queries
):
    client = login(world.people.focal)
    with django_assert_max_num_queries(25):
        form = client.get(page(target))
    assert form.status_code == 200
    assert "Văn bản QPPL rà soát" in form.content.decode()
    response = client.post(page(target), {"definition": figure("legal_docs_reviewed").pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:target", args=[target.pk])
    assert FigureTargetLink.objects.get(target=target).definition.code == "legal_docs_reviewed"
    event = AuditEvent.objects.get(action="figure.measure")
    assert event.before["figure"] == "—" and event.after["figure"] == "Văn bản QPPL rà soát"
    assert event.user == world.people.focal

    enter(world, "legal_docs_reviewed", 3, 4)
    enter(world, "legal_docs_reviewed", 1, 2, periods.quarter(2024, 2))
    detail = client.get(reverse("plans:target", args=[target.pk])).content.decode()
    assert "Đo bằng số liệu “Văn bản QPPL rà soát”" in detail
    assert "66,67%" in detail  # (3 + 1) / (4 + 2), against the target ≥ 100%
    assert "4 / 6" in detail
    assert "Không đạt" in detail  # the year 2024 is over: the final value
    assert 'name="as_of"' not in detail  # no value to enter by hand on the target itself
    assert page(target) in detail  # the target's page links to the choice


def test_choosing_a_figure_takes_the_place_of_the_indicator(world, target, login):
    indicator = IndicatorDefinition.objects.filter(kind="rate").first()
    target.indicator, target.indicator_confirmed = indicator, True
    target.save()
    client = login(world.people.focal)
    assert indicator.name in client.get(page(target)).content.decode()
    client.post(page(target), {"definition": figure("legal_docs_reviewed").pk})
    target.refresh_from_db()
    assert target.indicator is None
    event = AuditEvent.objects.get(action="figure.measure")
    assert event.before["indicator"] == str(indicator) and event.after["indicator"] == "—"


def test_no_figure_removes_the_link(world, target, login):
    FigureTargetLink.objects.create(target=target, definition=figure("legal_docs_reviewed"))
    response = login(world.people.focal).post(page(target), {"definition": ""})
    assert response.status_code == 302
    assert not FigureTargetLink.objects.filter(target=target).exists()


def test_a_percentage_target_refuses_a_plain_count_and_saves_nothing(world, target, login):
    response = login(world.people.focal).post(page(target), {"definition": figure("news_items").pk})
    assert response.status_code == 400
    assert "Chỉ tiêu này tính theo phần trăm" in response.content.decode()
    assert not FigureTargetLink.objects.exists()
    assert not AuditEvent.objects.filter(action="figure.measure").exists()


def test_a_count_target_is_measured_by_the_sum_of_a_count(world, login):
    target = make_target(world, "Tổ chức ít nhất 4 hội nghị, đối thoại", 4, TargetUnit.COUNT)
    client = login(world.people.focal)
    client.post(page(target), {"definition": figure("meetings_dialogues").pk})
    enter(world, "meetings_dialogues", 2)
    enter(world, "meetings_dialogues", 3, period=periods.quarter(2024, 3))
    detail = client.get(reverse("plans:target", args=[target.pk])).content.decode()
    assert 'fs-3 fw-semibold">5' in detail  # 2 + 3 meetings against the target ≥ 4


def test_outsiders_get_404_read_only_roles_403_and_other_methods_405(world, target, login):
    chosen = {"definition": figure("legal_docs_reviewed").pk}
    outsider = login(world.people.outsider)
    assert outsider.get(page(target)).status_code == 404
    assert outsider.post(page(target), chosen).status_code == 404
    leader = login(world.people.leader)
    assert leader.get(page(target)).status_code == 403
    assert leader.post(page(target), chosen).status_code == 403
    # the target page offers the choice only to those who may make it
    detail = leader.get(reverse("plans:target", args=[target.pk])).content.decode()
    assert page(target) not in detail
    focal = login(world.people.focal)
    assert focal.put(page(target)).status_code == 405
    assert focal.delete(page(target)).status_code == 405
    assert not FigureTargetLink.objects.exists()


def test_a_closed_plans_target_is_not_changed(world, target, login):
    type(target.plan).objects.filter(pk=target.plan_id).update(status="closed")
    response = login(world.people.focal).post(
        page(target), {"definition": figure("legal_docs_reviewed").pk}
    )
    assert response.status_code == 403
    assert not FigureTargetLink.objects.exists()


def test_a_hand_value_is_refused_for_a_target_measured_by_a_figure(world, target, login):
    FigureTargetLink.objects.create(target=target, definition=figure("legal_docs_reviewed"))
    response = login(world.people.focal).post(
        reverse("plans:target_figure", args=[target.pk]),
        {"as_of": "2024-03-31", "value": "80", "document": "BC 1"},
    )
    assert response.status_code == 400
    assert "được đo bằng số liệu nhập theo kỳ" in response.content.decode()
    assert not target.figures.exists()
