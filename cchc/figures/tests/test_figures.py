"""Figures that are not dossiers: entry rules, sums over the unit tree, targets, pages, scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from cchc import periods
from cchc.audit.models import AuditEvent
from cchc.figures import rollup
from cchc.figures.actions import enter_figure
from cchc.figures.builtins import BUILTINS
from cchc.figures.models import FigureDefinition, FigureEntry, FigureTargetLink
from cchc.plans import measures
from cchc.plans.choices import Comparator, TargetUnit
from cchc.testing.factories import (
    PlanFactory,
    TargetFactory,
    UnitFactory,
    UserFactory,
    member,
    merge,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
Q1 = periods.quarter(2024, 1)


def figure(code: str) -> FigureDefinition:
    return FigureDefinition.objects.get(code=code, version=1)


def enter(world, code, numerator, denominator=None, *, unit=None, period=Q1, by=None, **extra):
    extra.setdefault("document", "Báo cáo số 1/BC-UBND")
    return enter_figure(
        figure(code),
        unit or world.commune,
        period,
        numerator=numerator,
        denominator=denominator,
        by=by or world.people.focal,
        **extra,
    )


def test_the_builtin_figures_are_defined_as_data(db):
    codes = set(FigureDefinition.objects.values_list("code", flat=True))
    # and the service index's criteria no app computes (index766/entered.py)
    assert codes == {row[0] for row in BUILTINS} | {
        "index766_dossiers_synchronised",
        "index766_dossier_satisfaction",
        "index766_certified_copies",
        "index766_citizen_store",
        "index766_population_dossiers",
        "index766_population_procedures",
    }
    assert figure("legal_docs_reviewed").is_ratio
    assert not figure("news_items").is_ratio and not figure("news_items").requires_evidence


def test_a_figure_is_saved_with_its_evidence_and_audited(world):
    entry = enter(world, "legal_docs_self_checked", 3, 4, file=SimpleUploadedFile("bc.pdf", PDF))
    assert (entry.numerator, entry.denominator, entry.period_key) == (3, 4, "2024-q1")
    assert entry.evidence.count() == 1
    event = AuditEvent.objects.get(action="figure.enter")
    assert event.after == {"numerator": 3, "denominator": 4, "note": ""}


def test_a_correction_updates_the_same_entry_and_records_before_and_after(world):
    enter(world, "inspections_held", 1, 2)
    enter(world, "inspections_held", 2, 2, document="")  # the evidence is already there
    entry = FigureEntry.objects.get()
    assert entry.numerator == 2
    event = AuditEvent.objects.filter(action="figure.enter").order_by("-pk").first()
    assert event.before["numerator"] == 1 and event.after["numerator"] == 2


def test_a_numerator_above_the_denominator_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as refused:
        enter(world, "legal_docs_reviewed", 5, 4)
    assert "(5)" in refused.value.message_dict["numerator"][0]
    assert "(4)" in refused.value.message_dict["numerator"][0]
    assert not FigureEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="figure.enter").exists()


def test_a_figure_without_evidence_where_it_is_required_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        enter(world, "inspections_held", 1, 1, document="")
    assert "Cuộc kiểm tra CCHC" in refused.value.message_dict["file"][0]
    assert not FigureEntry.objects.exists()
    # a figure that needs none is kept without
    enter(world, "news_items", 7, document="")
    assert FigureEntry.objects.get().numerator == 7


def test_a_share_without_its_denominator_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        enter(world, "staff_trained", 3, None)
    assert "denominator" in refused.value.message_dict
    assert not FigureEntry.objects.exists()


def test_entering_outside_ones_scope_is_refused(world):
    with pytest.raises(Http404):
        enter(world, "news_items", 1, by=world.people.outsider)
    with pytest.raises(PermissionDenied):  # a leader sees the unit but does not enter data
        enter(world, "news_items", 1, by=world.people.leader)
    assert not FigureEntry.objects.exists()


def test_figures_sum_over_the_unit_tree_and_the_window_their_period_ends_in(world):
    enter(world, "legal_docs_reviewed", 3, 4)
    enter(world, "legal_docs_reviewed", 1, 2, unit=world.other, by=_focal(world.other))
    enter(world, "legal_docs_reviewed", 2, 2, period=periods.month(2023, 12))
    enter(world, "legal_docs_reviewed", 5, 5, period=periods.month(2024, 3))
    # Thạnh Tân's Q1 report window: 15/12/2023 → 29/02/2024 holds the December entry only
    window = rollup.totals(world.commune, dt.date(2023, 12, 15), dt.date(2024, 2, 29))
    assert window["legal_docs_reviewed"].as_dict() == {
        "numerator": 2,
        "denominator": 2,
        "value": 100.0,
    }
    quarter = rollup.totals(world.district, Q1.start, Q1.end)["legal_docs_reviewed"]
    assert (quarter.numerator, quarter.denominator) == (3 + 1 + 5, 4 + 2 + 5)
    commune = rollup.totals(world.commune, Q1.start, Q1.end)["legal_docs_reviewed"]
    other = rollup.totals(world.other, Q1.start, Q1.end)["legal_docs_reviewed"]
    assert quarter.numerator == commune.numerator + other.numerator
    assert quarter.denominator == commune.denominator + other.denominator
    # a plain count carries its numerator as denominator, as indicator counts do
    enter(world, "news_items", 4)
    assert rollup.totals(world.province, Q1.start, Q1.end)["news_items"].denominator == 4


def test_a_merged_communes_figures_carry_what_its_predecessor_entered(world):
    enter(world, "legal_docs_reviewed", 3, 4)
    enter(world, "legal_docs_reviewed", 1, 2, unit=world.other, by=_focal(world.other))
    merged = merge(world.commune, into=UnitFactory(code="xa-moi", parent=world.district))
    value = rollup.totals(merged, Q1.start, Q1.end)["legal_docs_reviewed"]
    assert (value.numerator, value.denominator) == (3, 4)
    other = rollup.totals(world.other, Q1.start, Q1.end)["legal_docs_reviewed"]
    assert (other.numerator, other.denominator) == (1, 2)


def _focal(unit):
    return member(UserFactory(), unit)


def test_a_plan_target_is_measured_by_a_linked_figure(world):
    plan = PlanFactory(unit=world.commune, year=2024)
    target = TargetFactory(
        plan=plan,
        text="100% văn bản QPPL được rà soát",
        comparator=Comparator.AT_LEAST,
        value=100,
        unit=TargetUnit.PERCENT,
    )
    FigureTargetLink.objects.create(target=target, definition=figure("legal_docs_reviewed"))
    enter(world, "legal_docs_reviewed", 3, 4)
    progress = measures.progress_of_plan(plan, dt.date(2025, 1, 10), [target])[target.pk]
    assert (progress.numerator, progress.denominator, progress.value) == (3, 4, 75.0)
    assert progress.status == "not_met"
    enter(world, "legal_docs_reviewed", 4, 4)
    progress = measures.progress_of_plan(plan, dt.date(2025, 1, 10), [target])[target.pk]
    assert (progress.value, progress.status) == (100.0, "met")


# --- pages -----------------------------------------------------------------------------------
def url(world, name="figures:unit", unit=None):
    return reverse(name, args=[(unit or world.commune).code])


def post_entry(client, world, code: str, numerator: int, denominator: int, **evidence):
    data = {"definition": figure(code).pk, "period": "2024-q1", "numerator": numerator}
    return client.post(url(world), {**data, "denominator": denominator, **evidence})


def test_the_focal_point_enters_a_figure_on_the_page(world, login, django_assert_max_num_queries):
    client = login(world.people.focal)
    response = post_entry(
        client, world, "legal_docs_self_checked", 2, 3, file=SimpleUploadedFile("bc.pdf", PDF)
    )
    assert response.status_code == 302
    entry = FigureEntry.objects.get()
    assert (entry.unit, entry.numerator, entry.denominator) == (world.commune, 2, 3)
    with django_assert_max_num_queries(25):
        page = client.get(url(world) + "?period=2024-q1")
    assert page.status_code == 200
    assert "bc.pdf" in page.content.decode()
    assert f"{world.people.focal.full_name} · " in page.content.decode()  # who entered it


def test_the_page_shows_a_refusal_in_vietnamese_and_saves_nothing(world, login):
    client = login(world.people.focal)
    response = post_entry(client, world, "legal_docs_reviewed", 9, 4, document="BC 1")
    assert response.status_code == 400
    assert "lớn hơn" in response.content.decode()
    assert not FigureEntry.objects.exists()


def test_a_period_that_is_not_a_month_or_quarter_is_refused(world, login):
    response = login(world.people.focal).post(
        url(world),
        {"definition": figure("news_items").pk, "period": "2024", "numerator": 1},
    )
    assert response.status_code == 400
    assert not FigureEntry.objects.exists()


def test_outsiders_get_404_read_only_roles_403_and_no_form(world, login):
    assert login(world.people.outsider).get(url(world)).status_code == 404
    post = {"definition": figure("news_items").pk, "period": "2024-q1", "numerator": 1}
    assert login(world.people.outsider).post(url(world), post).status_code == 404
    leader = login(world.people.leader)
    page = leader.get(url(world))
    assert page.status_code == 200 and 'name="numerator"' not in page.content.decode()
    assert leader.post(url(world), post).status_code == 403
    assert login(world.people.outsider).get(url(world, "figures:table")).status_code == 404
    assert not FigureEntry.objects.exists()


def test_the_table_page_answers_get_only(world, login):
    assert login(world.people.focal).post(url(world, "figures:table")).status_code == 405
    assert login(world.people.focal).put(url(world)).status_code == 405


def test_the_district_table_sums_its_communes_by_quarter(
    world, login, django_assert_max_num_queries
):
    enter(world, "legal_docs_reviewed", 3, 4)
    enter(world, "legal_docs_reviewed", 1, 2, unit=world.other, by=_focal(world.other))
    client = login(world.people.district)
    with django_assert_max_num_queries(25):
        page = client.get(url(world, "figures:table", world.district) + "?year=2024")
    assert page.status_code == 200
    row = next(r for r in page.content.decode().split("<tr>") if "Văn bản QPPL rà soát" in r)
    assert "4/6" in row
    # the commune's own table holds only its own entry
    own = login(world.people.focal).get(url(world, "figures:table") + "?year=2024")
    row = next(r for r in own.content.decode().split("<tr>") if "Văn bản QPPL rà soát" in r)
    assert "3/4" in row and "4/6" not in row


def test_changing_what_a_used_figure_counts_makes_a_new_version(world, client):
    from cchc.testing.auth import admin_login

    enter(world, "news_items", 3)
    admin_login(client, UserFactory(is_staff=True, is_superuser=True))
    old = figure("news_items")
    response = client.post(
        reverse("admin:figures_figuredefinition_change", args=[old.pk]),
        {
            "name": "Tin, bài về CCHC trên cổng thông tin",
            "numerator_label": old.numerator_label,
            "denominator_label": "",
            "measured_in": old.measured_in,
            "order": old.order,
            "active": "on",
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    new = FigureDefinition.objects.get(code="news_items", version=2)
    assert (old.active, old.name, new.active) == (False, "Tin, bài tuyên truyền CCHC", True)
    assert FigureEntry.objects.get().definition == old
    assert [d.version for d in rollup.current_definitions() if d.code == "news_items"] == [2]


def test_the_demo_enters_a_few_figures_for_thanh_tan_once(world):
    import io

    from cchc.demo import DemoContext
    from cchc.figures import demo

    ctx = DemoContext(today=dt.date(2024, 5, 10), out=io.StringIO())
    ctx.units["thanh-tan"], ctx.users["thanhtan"] = world.commune, world.people.focal
    demo.load(ctx)
    demo.load(ctx)
    entries = FigureEntry.objects.filter(unit=world.commune)
    assert entries.count() == len(demo.ENTRIES)
    assert set(entries.values_list("period_key", flat=True)) == {"2024-q1", "2023-q4"}
    assert rollup.totals(world.district, Q1.start, Q1.end)["legal_docs_issued"].numerator == 2


def test_the_figures_table_stacks_into_labelled_cards_on_a_phone(world, login):
    enter(world, "legal_docs_self_checked", 2, 3)
    html = login(world.people.focal).get(url(world) + "?period=2024-q1").content.decode()
    assert 'class="table table-sm table-bordered align-middle stack-sm"' in html
    assert 'data-label="Tử số">2</td>' in html and 'data-label="Mẫu số">3</td>' in html
    # a figure nobody entered: its evidence and who-entered cells are written empty (:empty hides)
    assert '<td data-label="Minh chứng"></td>' in html
