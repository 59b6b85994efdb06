"""Date windows are bounded before any figure is read: years 1990–2100, at most
CCHC_MAX_WINDOW_YEARS calendar years. A window from year 1 took 22 s, and one reaching
9999-12-31 was an OverflowError (a bare 500) on the page, its Excel file and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cchc import periods
from cchc.dossiers import facts, tokens
from cchc.indicators.tests.test_pages import text_of

EXTREME = {"from": "0001-01-01", "to": "9999-12-31"}


def page(client, unit, name="indicators:unit", **query):
    return client.get(reverse(name, args=[unit.code]), query)


@pytest.mark.parametrize(
    "query",
    [EXTREME, {"from": "2024-01-01", "to": "9999-12-31"}, {"period": "0001-01-01_9999-12-31"}],
)
def test_an_extreme_window_on_the_page_says_so_and_shows_the_current_year(world, login, query):
    response = page(login(world.people.focal), world.commune, **query)
    assert response.status_code == 200
    assert "từ năm 1990 đến năm 2100" in text_of(response)
    assert response.context["period"].kind == "year"


def test_a_window_of_more_than_five_years_on_the_page_says_so(world, login, settings):
    settings.MAX_WINDOW_YEARS = 5
    response = page(
        login(world.people.focal), world.commune, **{"from": "2015-01-01", "to": "2024-12-31"}
    )
    assert "tối đa 5 năm" in text_of(response)
    assert response.context["period"].kind == "year"
    five = page(
        login(world.people.focal), world.commune, **{"from": "2020-01-01", "to": "2024-12-31"}
    )
    assert five.context["period"].start == dt.date(2020, 1, 1)


def test_the_excel_file_of_an_extreme_window_is_the_current_year(world, login):
    response = page(login(world.people.focal), world.commune, "indicators:export", **EXTREME)
    assert response.status_code == 200
    assert f"chi-so-xa-a-{dt.date.today().year}.xlsx" in response["Content-Disposition"]


def test_a_window_is_checked_where_periods_are_made():
    with pytest.raises(periods.WindowError, match="1990"):
        periods.checked_window(dt.date(1, 1, 1), dt.date(2024, 12, 31))
    with pytest.raises(ValueError):
        periods.parse("2024-01-01_9999-12-31")
    assert periods.checked_window(dt.date(2024, 1, 1), dt.date(2024, 3, 31)).key == (
        "2024-01-01_2024-03-31"
    )


def test_the_last_month_of_the_calendar_has_an_end():
    assert facts.month_end(dt.date(9999, 12, 5)) == dt.date(9999, 12, 31)
    assert facts.month_end(dt.date(2024, 2, 10)) == dt.date(2024, 2, 29)


@pytest.fixture
def token(world):
    return tokens.issue(world.commune, "Một cửa")[1]


@pytest.mark.parametrize(
    ("window", "message"),
    [
        (EXTREME, "từ năm 1990 đến năm 2100"),
        ({"from": "2024-01-01", "to": "9999-12-31"}, "từ năm 1990 đến năm 2100"),
        ({"from": "2010-01-01", "to": "2024-12-31"}, "tối đa 5 năm"),
    ],
)
def test_the_api_answers_an_extreme_window_with_a_json_422(client, token, window, message):
    response = client.get(
        "/api/v1/indicators", {"unit": "xa-a", **window}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_the_command_names_a_date_outside_the_years(world):
    with pytest.raises(CommandError, match="1990"):
        call_command("indicators", "--unit", "xa-a", "--from", "0001-01-01", "--to", "2024-12-31")


def test_a_plan_report_window_typed_with_extreme_dates_is_refused_on_the_page(world, login):
    from cchc.plans.choices import ReportKind
    from cchc.plans.models import ReportingPeriod
    from cchc.testing.factories import PlanFactory

    window = ReportingPeriod.objects.create(
        plan=PlanFactory(unit=world.commune, year=2024),
        kind=ReportKind.Q1,
        name="Báo cáo gõ nhầm",
        start=dt.date(1, 1, 1),
        end=dt.date(9999, 12, 31),
    )
    response = page(login(world.people.focal), world.commune, period=f"r{window.pk}")
    assert response.status_code == 200
    assert "từ năm 1990 đến năm 2100" in text_of(response)
    assert response.context["period"].kind == "year"
