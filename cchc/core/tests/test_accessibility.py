"""The pages each kind of user opens first, on the demo's data, in a real browser at a
desktop's and a phone's width: axe-core finds no accessibility violation — text on the site's
grey background and the menu's blue with enough contrast, every field labelled, a table wider
than the phone reachable by keyboard (site.js names and focuses its scrolling box)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from cchc.conftest import browser_login, screenshot
from cchc.surveys.models import Campaign
from cchc.testing.axe import violations
from cchc.testing.demo import demo_data

# the demo as of today is loaded once per test process and copied (cchc/testing/demo.py)
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("demo-today")]

YEAR = timezone.localdate().year
PAGES = {
    # a commune's focal point: the day's work, the plan, reports, PAR, feedback, figures
    "thanhtan": [
        "/",
        "/plans/",
        "/units/thanh-tan/reports/",
        f"/par/thanh-tan/{YEAR}/",
        "/units/thanh-tan/feedback/",
        "/units/thanh-tan/feedback/new/",
        "/units/thanh-tan/indicators/",
        "/units/thanh-tan/figures/",
        "/khao-sat/don-vi/thanh-tan/",
        "/khao-sat/don-vi/thanh-tan/thiet-bi/",
        "/units/thanh-tan/dossiers/import/",
        f"/par/thanh-tan/{YEAR}/win-back/",
        "/huong-dan/nhap-ho-so/",
    ],
    # the district's reviewer: its communes compared, their reports, the service index
    "noivu.tayninh": [
        "/",
        "/units/tp-tay-ninh/compare/",
        "/units/tp-tay-ninh/reports/",
        "/units/tp-tay-ninh/index766/",
        "/khao-sat/dot/{campaign}/",
        "/khao-sat/don-vi/tp-tay-ninh/ap-phich/{campaign}/",
    ],
}


def test_the_first_pages_of_each_kind_of_user_pass_axe(page, tmp_path):
    files = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path)},
    }
    with override_settings(STORAGES={**settings.STORAGES, "default": files}):
        demo_data(io.StringIO(), today=dt.date.today())
    campaign = Campaign.objects.get(unit__code="tp-tay-ninh").pk
    found = {}
    for user, addresses in PAGES.items():
        page.context.clear_cookies()
        browser_login(page, user, "demo")
        for width, height in ((1366, 768), (390, 844)):
            page.set_viewport_size({"width": width, "height": height})
            for address in addresses:
                address = address.format(campaign=campaign)
                response = page.goto(page.base_url + address)
                assert response.status == 200, (user, address)
                broken = violations(page)
                if broken:
                    found[(user, width, address)] = broken
                    screenshot(page, f"axe-{user}-{width}-{address.strip('/').replace('/', '-')}")
    assert found == {}
