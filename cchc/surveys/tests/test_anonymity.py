"""After 1,000 answers, a dump of the database holds no dossier code, no address and no time
of day for them."""

import re

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from cchc.surveys import actions

from .conftest import form_data, make_dossier

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.45"


def _dump(models) -> str:
    """Every row of the given models, every column, as text."""
    lines = []
    for model in models:
        for row in model.objects.values_list():
            lines.append(f"{model._meta.db_table}: " + " | ".join(map(str, row)))
    return "\n".join(lines)


def test_a_dump_after_1000_answers_holds_no_dossier_code_address_or_time(
    client, world, campaign, settings
):
    settings.SURVEY_RATE_PER_ADDRESS = 10_000
    codes = [f"H01.1-261206-{n:04d}" for n in range(1000)]
    for code in codes[:50]:
        make_dossier(world.commune, code)
    today = timezone.localdate()
    # most answers through the action, some through the public page with an address
    for code in codes[:980]:
        actions.submit(campaign, world.commune, form_data(campaign, "4"), today=today, code=code)
    for code in codes[980:]:
        reply = client.post(
            f"/y-kien/{campaign.pk}/{world.commune.code}/?ma={code}",
            form_data(campaign, "5", code=code),
            REMOTE_ADDR=ADDRESS,
        )
        assert reply.status_code == 302

    survey_dump = _dump(apps.get_app_config("surveys").get_models())
    assert survey_dump.count("\n") > 20_000  # the answers and their ratings are there
    for code in codes:
        assert code not in survey_dump and code.lower() not in survey_dump
    assert not re.search(r"\d{1,2}:\d{2}", survey_dump), "a time of day in the survey tables"

    # the address nowhere in the whole database
    everything = _dump([m for m in apps.get_models() if m._meta.managed])
    assert ADDRESS not in everything
    if connection.vendor == "sqlite":
        raw = "\n".join(connection.connection.iterdump())
        assert ADDRESS not in raw
        survey_sql = "\n".join(line for line in raw.splitlines() if '"surveys_' in line)
        assert not any(code in survey_sql for code in codes)
        assert not re.search(r"\d{1,2}:\d{2}:\d{2}", survey_sql)
