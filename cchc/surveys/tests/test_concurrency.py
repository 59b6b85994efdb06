"""One answer per dossier code, even when 20 submissions of the same code arrive at once."""

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from cchc.surveys import actions
from cchc.surveys.models import Rating, Response, UsedCode
from cchc.testing.sites import Site

from .conftest import form_data
from .race import race

EXPECTED = sorted(["saved"] + [actions.ALREADY_ANSWERED] * 19)


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_answers_with_one_code_save_exactly_one(
    world, campaign, tmp_path, migrated_site
):
    if connection.vendor == "sqlite":
        # a file database in WAL mode, as `cchc serve` runs on (see race.py): a copy of the
        # installation migrated once for the tests that need one, so race.py's migrate has
        # nothing left to do (decision 0165)
        site = Site(tmp_path, "race", like=migrated_site)
        env = dict(os.environ, DATABASE_URL=site.url, CCHC_DATA_DIR=str(site.data))
        out = subprocess.run(
            [sys.executable, "-m", "cchc.surveys.tests.race"],
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
            check=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        assert sorted(result["outcomes"]) == EXPECTED, result["outcomes"]
        assert (result["responses"], result["used"]) == (1, 1)
        assert result["ratings"] == result["items"]
        return
    data = form_data(campaign, "4", code="H01.1-CONCURRENT-0001")
    outcomes = race(campaign, world.commune, data)
    assert sorted(outcomes) == EXPECTED, outcomes
    assert Response.objects.count() == 1
    assert UsedCode.objects.count() == 1
    assert Rating.objects.count() == len(data) - 1
