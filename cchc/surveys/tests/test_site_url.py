"""The survey's links and QR codes are built from CCHC_SITE_URL. An installation that never set
it printed posters pointing at 127.0.0.1:8000, which no citizen's phone opens (decision 0159):
the campaign page now says so before anyone prints."""

import pytest


@pytest.mark.parametrize(
    ("site_url", "host", "warned"),
    [
        ("http://127.0.0.1:8000", "cchc.tayninh.gov.vn", True),  # the default, opened elsewhere
        ("http://127.0.0.1:8000", "127.0.0.1:8000", False),  # trying it on the server itself
        ("https://cchc.tayninh.gov.vn", "cchc.tayninh.gov.vn", False),  # set as deploy.md says
    ],
)
def test_the_campaign_page_warns_while_the_site_address_names_only_the_server(
    client, world, campaign, login, settings, site_url, host, warned
):
    settings.SITE_URL = site_url
    settings.ALLOWED_HOSTS = ["*"]
    login(world.people.district)
    page = client.get(f"/khao-sat/dot/{campaign.pk}/", HTTP_HOST=host).content.decode()
    assert ("điện thoại của người dân không mở được" in page) is warned
    assert ("CCHC_SITE_URL" in page) is warned
