"""What a page costs an old office PC or a phone on 3G (decision 0160): pages and data go
gzipped, static files go compressed and cached for ever, and a page loads htmx only when it
uses it."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from cchc.core.compression import CompressTextMiddleware
from cchc.testing.factories import PlanFactory

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
HTMX = "vendor/htmx.min.js"


def test_a_page_goes_gzipped_to_a_browser_that_accepts_it(world, login):
    response = login(world.people.focal).get(reverse("tracking:dashboard", args=["xa-a"]), **GZIP)
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert html.startswith("<!doctype html>") and "Xã Thạnh Tân" in html
    assert len(response.content) * 2 < len(html)


def test_a_browser_that_asks_for_no_compression_gets_the_page_as_it_is(world, login):
    response = login(world.people.focal).get(reverse("tracking:dashboard", args=["xa-a"]))
    assert not response.has_header("Content-Encoding")
    assert response.content.decode().startswith("<!doctype html>")


def test_open_data_goes_gzipped_a_word_document_as_it_is():
    request = RequestFactory().get("/", **GZIP)
    middleware = CompressTextMiddleware(lambda r: None)
    body = "đơn vị;hồ sơ;đúng hạn\n" * 200
    csv = middleware.process_response(request, HttpResponse(body, content_type="text/csv"))
    assert csv["Content-Encoding"] == "gzip"
    assert gzip.decompress(csv.content).decode() == body
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    docx = middleware.process_response(request, HttpResponse(b"PK" * 2000, content_type=word))
    assert not docx.has_header("Content-Encoding") and docx.content == b"PK" * 2000


def test_htmx_is_loaded_by_the_plan_page_that_uses_it_and_not_by_the_dashboard(world, login):
    client = login(world.people.focal)
    plan = PlanFactory(unit=world.commune)
    plan_page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert 'hx-get="' in plan_page and HTMX in plan_page
    dashboard = client.get(reverse("tracking:dashboard", args=["xa-a"])).content.decode()
    assert HTMX not in dashboard and "vendor/bootstrap.bundle.min.js" in dashboard


TEMPLATES = Path(settings.BASE_DIR) / "templates"
HX_ATTRIBUTE = re.compile(r"\shx-(get|post|put|patch|delete|trigger)=")
USED_BY = re.compile(r'{%\s*(?:include|extends)\s+"([^"]+)"')


def test_every_template_with_htmx_attributes_is_on_a_page_that_loads_htmx():
    texts = {str(p.relative_to(TEMPLATES)): p.read_text() for p in TEMPLATES.rglob("*.html")}
    users: dict[str, set[str]] = {}
    for name, text in texts.items():
        for used in USED_BY.findall(text):
            users.setdefault(used, set()).add(name)

    def loads_htmx(name: str, seen: frozenset = frozenset()) -> bool:
        if 'include "includes/htmx.html"' in texts[name]:
            return True
        around = users.get(name, set()) - seen
        return bool(around) and all(loads_htmx(u, seen | {name}) for u in around)

    with_htmx = [name for name, text in texts.items() if HX_ATTRIBUTE.search(text)]
    assert len(with_htmx) >= 2
    assert [name for name in with_htmx if not loads_htmx(name)] == []


PRODUCTION_STATIC = """
import django; django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
url = static("vendor/bootstrap.min.css")
r = Client().get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip, deflate")
print(url, r.status_code, r.get("Content-Encoding"), r.get("Cache-Control"), sep="|")
"""


def test_static_files_in_production_are_gzipped_and_cached_for_ever(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cchc.settings",
        "CCHC_ENV": "production",
        "CCHC_SECRET_KEY": "a-test-key-that-is-long-enough-0123456789abcdefghijklmnopqrstuv",
        "CCHC_DATA_DIR": str(tmp_path / "data"),
        "CCHC_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "-c", PRODUCTION_STATIC], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    url, status, encoding, cache = done.stdout.strip().splitlines()[-1].split("|")
    assert re.fullmatch(r"/static/vendor/bootstrap\.min\.[0-9a-f]{12}\.css", url)
    assert (status, encoding) == ("200", "gzip")
    assert "immutable" in cache and int(re.search(r"max-age=(\d+)", cache)[1]) >= 365 * 86400
