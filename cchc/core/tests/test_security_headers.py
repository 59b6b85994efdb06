"""Security headers on every page, and the production settings that `check --deploy` accepts."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import cchc

PROJECT = Path(cchc.__file__).resolve().parent.parent
TEMPLATES = Path(cchc.__file__).resolve().parent / "templates"


@pytest.mark.django_db
def test_pages_forbid_inline_scripts_framing_and_foreign_sources(client):
    response = client.get("/accounts/login/")

    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_no_template_carries_an_inline_script_or_event_handler():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path.name}: {tag}")
        offenders += [f"{path.name}: {m}" for m in re.findall(r"\son[a-z]+=\"", text)]
    assert offenders == []


def _production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "CCHC_", "DJANGO_"))}
    env.update(
        CCHC_ENV="production",
        CCHC_SECRET_KEY="k" * 20 + "a-long-random-production-secret-for-the-check",
        CCHC_ALLOWED_HOSTS="cchc.tayninh.gov.vn",
        **extra,
    )
    return env


def test_the_deployment_check_is_clean_in_production(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "cchc.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env=_production_env(CCHC_DATA_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "no issues" in run.stdout


def test_production_redirects_to_https_and_sends_hsts_behind_the_proxy(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.core.management import call_command;"
        "call_command('collectstatic', interactive=False, verbosity=0);"
        "from django.test import Client;"
        "c = Client();"
        "plain = c.get('/accounts/login/', HTTP_HOST='cchc.tayninh.gov.vn');"
        "tls = c.get('/accounts/login/', HTTP_HOST='cchc.tayninh.gov.vn',"
        " HTTP_X_FORWARDED_PROTO='https');"
        "print(plain.status_code, plain['Location']);"
        "print(tls.status_code, tls['Strict-Transport-Security'])"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=_production_env(CCHC_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="cchc.settings"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    plain, tls = run.stdout.strip().splitlines()[-2:]
    assert plain == "301 https://cchc.tayninh.gov.vn/accounts/login/"
    assert tls == "200 max-age=31536000; includeSubDomains"


def test_behind_the_proxy_the_server_trusts_only_its_forwarded_scheme(settings):
    from cchc.core.servers import gunicorn_options, waitress_proxy_options

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    options = waitress_proxy_options()
    assert options["trusted_proxy"] == "127.0.0.1"
    assert options["trusted_proxy_headers"] == {"x-forwarded-proto"}
    assert gunicorn_options("127.0.0.1", 8000, 3, 4)["forwarded_allow_ips"] == "127.0.0.1"
    settings.SECURE_PROXY_SSL_HEADER = None
    assert waitress_proxy_options() == {}
    assert gunicorn_options("127.0.0.1", 8000, 3, 4)["forwarded_allow_ips"] == ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, **headers) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers.get("Strict-Transport-Security", "")
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers.get("Location", "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _children(pid: int, at_least: int) -> list[str]:
    """The processes `pid` started, waiting (up to 60 s) until there are `at_least`: gunicorn
    forks its workers one after the other, and the first may answer before the last is up."""
    for _ in range(600):
        children = subprocess.run(
            ["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        if len(children) >= at_least:
            break
        time.sleep(0.1)
    return children


def test_with_several_workers_the_server_runs_gunicorn_processes_behind_the_proxy(
    tmp_path, migrated_site
):
    from cchc.testing.sites import Site

    site = Site(tmp_path, "served", like=migrated_site)
    port = _free_port()
    env = _production_env(
        CCHC_DATA_DIR=str(site.data),
        DATABASE_URL=site.url,
        CCHC_WORKERS="2",
        CCHC_THREADS="2",
        PORT=str(port),
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "cchc.cli", "serve"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/accounts/login/"
        for _ in range(3000):  # it migrates and collects static files first (slow when busy)
            try:
                _get(base)
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.1)
        tls = _get(base, Host="cchc.tayninh.gov.vn", **{"X-Forwarded-Proto": "https"})
        plain = _get(base, Host="cchc.tayninh.gov.vn")
        workers = _children(server.pid, at_least=2)
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
        site.drop()
    assert tls == (200, "max-age=31536000; includeSubDomains"), output[-2000:]
    assert plain == (301, "https://cchc.tayninh.gov.vn/accounts/login/")
    assert len(workers) == 2
    assert "2 tiến trình × 2 luồng" in output
