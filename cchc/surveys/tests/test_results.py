"""The indices equal an independent computation from the raw values."""

import datetime as dt
import json
import random
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cchc.surveys import actions, results
from cchc.surveys.choices import Aggregation

from .conftest import items_of, make_dossier

pytestmark = pytest.mark.django_db


def _answers(campaign, unit, n, seed):
    """n answers with random values (some "no opinion"); the raw values, kept by the test."""
    rng = random.Random(seed)
    items = items_of(campaign)
    raw = []
    for k in range(n):
        row = {i.pk: rng.choice([None, 1, 2, 3, 4, 5, 5, 4]) for i in items}
        if all(v is None for v in row.values()):
            row[items[0].pk] = 3
        data = {f"q{pk}": "" if v is None else str(v) for pk, v in row.items()}
        code = f"MA-{seed}-{k}" if k % 3 == 0 else ""
        if code and k % 2 == 0:
            make_dossier(unit, code)  # a real dossier: the answer is verified
        actions.submit(campaign, unit, data, today=timezone.localdate(), code=code)
        raw.append((row, bool(code) and k % 2 == 0))
    return items, raw


def _expected(items, raw):
    """Share of 4–5 among valid answers per item; mean per element; mean of elements."""
    per_item = {}
    for item in items:
        valid = [row[item.pk] for row, _ in raw if row[item.pk] is not None]
        per_item[item.pk] = 100 * sum(1 for v in valid if v >= 4) / len(valid) if valid else None
    per_element = {}
    for item in items:
        if item.kind == "expectation" or per_item[item.pk] is None:
            continue
        per_element.setdefault(item.element.code, []).append(per_item[item.pk])
    elements = {code: sum(v) / len(v) for code, v in per_element.items()}
    overall = sum(elements.values()) / len(elements)
    scored = [i for i in items if i.kind != "expectation"]
    num = sum(1 for row, _ in raw for i in scored if row[i.pk] is not None and row[i.pk] >= 4)
    den = sum(1 for row, _ in raw for i in scored if row[i.pk] is not None)
    return per_item, elements, overall, 100 * num / den


def test_item_element_and_overall_indices_equal_an_independent_computation(world, campaign):
    items, raw = _answers(campaign, world.commune, 120, seed=7)
    per_item, elements, overall, pooled = _expected(items, raw)
    today = timezone.localdate()
    figures = results.compute(world.commune, today, today)
    by_code = {(f.element, f.code): f.value for f in figures.items}
    for item in items:
        assert by_code[(item.element.code, item.code)] == pytest.approx(per_item[item.pk])
    assert {e.code: e.value for e in figures.elements} == pytest.approx(elements)
    assert figures.overall.value == pytest.approx(overall)
    assert figures.verified == sum(1 for _, v in raw if v) and figures.answers == 120
    pooled_figure = results.compute(world.commune, today, today, aggregation=Aggregation.POOLED)
    assert pooled_figure.overall.value == pytest.approx(pooled)


def test_the_sample_warning_follows_n_equals_n_over_one_plus_n_e_squared(world, campaign):
    assert results.required_sample(1000, 0.05) == 286  # 1000 / 3.5 = 285.7
    assert results.required_sample(0) == 0
    for k in range(12):
        make_dossier(world.commune, f"HS-{k}")
    _answers(campaign, world.commune, 5, seed=1)
    today = timezone.localdate()
    figures = results.compute(world.commune, today, today)
    # 12 + the one dossier answering with its code: 13 / 1.0325 = 12.6 → 13 needed, 5 given
    assert figures.dossiers == 13 and figures.required == 13
    assert figures.sample_too_small


def test_the_satisfaction_figure_for_the_par_index_and_the_plans(world, campaign):
    items, raw = _answers(campaign, world.commune, 30, seed=3)
    _per_item, _elements, overall, _pooled = _expected(items, raw)
    value = results.satisfaction(world.commune, timezone.localdate().year)
    assert value == Decimal(str(round(overall, 2)))
    assert results.satisfaction(world.other, timezone.localdate().year) is None


def test_survey_results_command_prints_numerators_denominators_and_counts(world, campaign):
    items, raw = _answers(campaign, world.commune, 40, seed=11)
    _per_item, elements, overall, _ = _expected(items, raw)
    today = timezone.localdate()
    out = StringIO()
    call_command(
        "survey_results",
        unit="xa-a",
        start=str(today - dt.timedelta(days=1)),
        end=str(today),
        format="json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    first = items[0]
    valid = [row[first.pk] for row, _ in raw if row[first.pk] is not None]
    assert data["items"][first.code]["denominator"] == len(valid)
    assert data["items"][first.code]["numerator"] == sum(1 for v in valid if v >= 4)
    assert data["overall"]["value"] == round(overall, 2)
    verified = sum(1 for _, v in raw if v)  # codes of real dossiers; the others unverified
    assert verified == 7
    assert data["answers"] == {"verified": verified, "unverified": 40 - verified, "total": 40}
    assert set(data["elements"]) == set(elements)


def test_survey_link_prints_the_address_of_the_units_open_survey(world, campaign, settings):
    settings.SITE_URL = "https://cchc.example.vn"
    out = StringIO()
    call_command("survey_link", unit="xa-a", stdout=out)
    assert out.getvalue().strip() == f"https://cchc.example.vn/y-kien/{campaign.pk}/xa-a/"
    campaign.closed = True
    campaign.save()
    with pytest.raises(Exception, match="không có đợt khảo sát nào đang mở"):
        call_command("survey_link", unit="xa-a", stdout=StringIO())
