"""Targets stated in words (decision 0070): judged achieved or not, all of it (100%), or done
before a date. Stored as targets, shown on the plan, kept by the importer."""

import datetime as dt
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook

from cchc.importer.parse import parse_file
from cchc.importer.saving import save_parsed_plan
from cchc.plans import actions
from cchc.plans.choices import Comparator, PlanStatus
from cchc.plans.models import Target
from cchc.testing.factories import PlanFactory, TargetFactory

SEEDS = Path("/work/shared/seeds")
_here = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
if _here.is_dir():
    SEEDS = _here


@pytest.fixture
def draft(world):
    return PlanFactory(unit=world.commune, year=2026, status=PlanStatus.DRAFT, number="")


def _post(client, plan, **data):
    fields = {"area": "procedures", "text": "Rà soát thủ tục hành chính", "value": "", "unit": ""}
    return client.post(reverse("plans:target_create", args=[plan.pk]), fields | data)


def test_a_target_in_words_is_saved_without_a_figure_and_shown_as_achieved_or_not(
    draft, world, login
):
    client = login(world.people.focal)
    assert _post(client, draft, comparator="achieved").status_code == 302
    target = draft.targets.get()
    assert (target.comparator, target.value, target.unit, target.indicator) == (
        "achieved",
        None,
        "",
        None,
    )
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "đạt / không đạt" in page and "định tính" in page


def test_a_target_by_a_date_needs_its_date_and_shows_it(draft, world, login):
    client = login(world.people.focal)
    response = _post(client, draft, comparator="before")
    assert response.status_code == 400
    assert "Nhập ngày phải đạt chỉ tiêu" in response.content.decode()
    assert not draft.targets.exists()
    assert _post(client, draft, comparator="before", by_date="30/06/2026").status_code == 302
    assert draft.targets.get().by_date == dt.date(2026, 6, 30)
    assert "trước ngày 30/06/2026" in client.get(draft.get_absolute_url()).content.decode()


def test_all_of_it_is_one_hundred_percent(draft, world, login):
    client = login(world.people.focal)
    assert _post(client, draft, comparator="all").status_code == 302
    target = draft.targets.get()
    assert (target.value, target.unit, target.summary) == (Decimal(100), "%", "100%")
    response = _post(client, draft, comparator="all", value="80", unit="%")
    assert response.status_code == 400 and draft.targets.count() == 1


def test_a_compared_target_still_needs_its_figure_and_unit(draft, world, login):
    client = login(world.people.focal)
    response = _post(client, draft, comparator=">=")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nhập con số" in page and "Chọn đơn vị tính" in page
    response = _post(client, draft, comparator="achieved", value="5", unit="%")
    assert "không có con số" in response.content.decode()
    assert not draft.targets.exists()


def test_the_database_refuses_a_figureless_target_that_is_compared(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(plan=draft, text="x", comparator=Comparator.AT_LEAST, unit="%")
    with pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(plan=draft, text="x", comparator=Comparator.BEFORE)


def test_the_export_lists_the_comparator_and_the_date(draft, world, login):
    TargetFactory(
        plan=draft,
        text="Số hóa hồ sơ",
        comparator="before",
        value=None,
        unit="",
        by_date=dt.date(2026, 6, 30),
    )
    TargetFactory(plan=draft, text="Công khai TTHC", comparator="achieved", value=None, unit="")
    response = login(world.people.focal).get(reverse("plans:export", args=[draft.pk]))
    sheet = load_workbook(BytesIO(response.content))["Chỉ tiêu"]
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    before = next(r for r in rows if r[1] == "Số hóa hồ sơ")
    assert before[2] == "hoàn thành trước ngày" and before[3] == dt.datetime(2026, 6, 30)
    achieved = next(r for r in rows if r[1] == "Công khai TTHC")
    assert achieved[2] == "đạt / không đạt" and achieved[3] is None


def test_the_target_page_of_a_target_in_words_opens(draft, world, login):
    target = TargetFactory(plan=draft, comparator="achieved", value=None, unit="")
    response = login(world.people.focal).get(reverse("plans:target", args=[target.pk]))
    assert response.status_code == 200
    assert "đạt / không đạt" in response.content.decode()


def test_the_objectives_seed_004_states_without_a_figure_are_imported_as_targets(world):
    data = parse_file(sorted(SEEDS.glob("004_*.txt"))[0])
    words = data["qualitative_targets"]
    assert len(words) == 9  # Phụ lục 1's rows without a planned value
    plan = save_parsed_plan(data, unit=world.commune, by=world.people.focal)
    kept = plan.targets.filter(comparator=Comparator.ACHIEVED)
    assert kept.count() == 9
    first = kept.get(text=words[0]["text"])
    assert (first.area, first.value, first.indicator) == ("institutions", None, None)
    assert first.source_line == words[0]["source_line"]
    assert plan.targets.exclude(comparator=Comparator.ACHIEVED).count() == len(data["targets"])


def test_a_target_in_words_copied_into_next_year_keeps_its_date_moved(world):
    plan = PlanFactory(unit=world.commune, year=2026, status=PlanStatus.DRAFT, number="")
    TargetFactory(plan=plan, comparator="before", value=None, unit="", by_date=dt.date(2026, 6, 30))
    copy = actions.copy_plan(plan, year=2027, by=world.people.focal)
    assert copy.targets.get().by_date == dt.date(2027, 6, 30)
