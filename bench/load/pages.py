"""Where a page's time goes: for each request of the load mix (`run.py`), the CPU it costs (this
process's and the PostgreSQL backend's, read from /proc: what the two cores must serve, and
what a busy machine stretches least), the queries it makes, their total time, the query
shapes repeated most (N+1 shows here) and, with --cprofile, the functions that took the most
time. Runs in process through Django's test client against the
database in DATABASE_URL (the demo's data, `cchc demo --no-serve`).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_load17
    .venv/bin/python bench/load/pages.py [--runs 10] [--cprofile "task page"]

Bench-only: it turns on DEBUG's query log inside this process; nothing in the settings changes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.template import Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import _TestState, setup_test_environment  # noqa: E402

from cchc.org.models import User  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SHAPE = re.compile(r"\b\d+\b|'[^']*'")


LOGIN_USER, LOGIN_PASSWORD = "thanhtan.tuphap", "Do-CPU-dang-nhap-2026"
TICK = os.sysconf("SC_CLK_TCK")


def backend_cpu() -> float | None:
    """CPU seconds the PostgreSQL backend of this connection has used (None on SQLite or when
    the server is not on this machine)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def shape(sql: str) -> str:
    return SHAPE.sub("?", sql)[:160]


class Mix:
    """The requests of run.py, as the same demo people."""

    def __init__(self):
        self.clients: dict[str, Client] = {}

    def client(self, username: str) -> Client:
        if username not in self.clients:
            client = self.clients[username] = Client(HTTP_HOST="127.0.0.1")
            client.force_login(User.objects.get(username=username))
        return self.clients[username]

    def requests(self):
        official = self.client("thanhtan.tuphap")
        mine = official.get("/my-tasks/").content.decode()
        link = re.findall(r'href="(/follow-up/tasks/\d+/\?occ=\d+)"', mine)[0].replace("&amp;", "&")
        page = official.get(link).content.decode()
        report = re.search(r'action="(/follow-up/occurrences/\d+/report/)"', page).group(1)
        yield "my tasks", "thanhtan.tuphap", "get", "/my-tasks/", None
        yield "task page", "thanhtan.tuphap", "get", link, None
        yield "progress report with evidence", "thanhtan.tuphap", "post", report, "evidence"
        yield "unit dashboard", "thanhtan", "get", "/units/thanh-tan/dashboard/", None
        yield "indicator page", "thanhtan", "get", "/units/thanh-tan/indicators/?period=2026", None
        yield "comparison", "noivu.tayninh", "get", "/units/tp-tay-ninh/compare/", None
        yield "import page", "thanhtan", "get", "/units/thanh-tan/dossiers/import/", None
        yield "login page", None, "get", "/accounts/login/", None
        yield "login", None, "post", "/accounts/login/", "login"

    def send(self, username, method, url, body):
        if username is None:  # signing in: a new visitor each time, the password checked
            client = Client(HTTP_HOST="127.0.0.1")
            if body == "login":
                return client.post(url, {"username": LOGIN_USER, "password": LOGIN_PASSWORD})
            return client.get(url)
        client = self.client(username)
        if method == "get":
            return client.get(url)
        from django.core.files.uploadedfile import SimpleUploadedFile

        data = {
            "state": "working",
            "percent": "40",
            "note": "Đang thực hiện (đo)",
            "evidence_title": "Báo cáo tiến độ",
            "evidence_number": "1/BC-UBND",
            "evidence_issued_on": "2026-12-01",
            "evidence_issuer": "UBND xã",
            "evidence_file": SimpleUploadedFile("bao-cao.pdf", PDF, "application/pdf"),
        }
        return client.post(url, data)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cprofile", action="append", default=[])
    parser.add_argument("--shapes", type=int, default=4)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument(
        "--cold",
        action="store_true",
        help="empty the cache before every request: what the first visit after an import costs",
    )
    args = parser.parse_args()
    setup_test_environment()
    # the test environment records every template rendered (a copy of each context): the
    # server does not, so neither does this measure
    Template._render = _TestState.saved_data.template_render
    settings.DEBUG = True
    mix = Mix()
    # a known password for the login request, set before anyone signs in (a new password ends
    # the sessions made before it)
    login_user = User.objects.get(username=LOGIN_USER)
    login_user.set_password(LOGIN_PASSWORD)
    login_user.save(update_fields=["password"])
    plan = list(mix.requests())
    print(f"{'request':32} {'p50 ms':>8} {'cpu ms':>8} {'db cpu':>8} {'queries':>8} {'sql ms':>8}")
    for name, username, method, url, body in plan:
        times, cpu, counts, sql = [], [], [], []
        db_before = backend_cpu()
        shapes: Counter[str] = Counter()
        # timed by CPU, not the clock: waits for the database and a busy machine stay out of it
        profiler = cProfile.Profile(time.process_time) if name in args.cprofile else None
        for _ in range(args.runs):
            if args.cold:
                cache.clear()
            reset_queries()
            started, cpu_started = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            response = mix.send(username, method, url, body)
            if profiler:
                profiler.disable()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            if response.status_code >= 400:
                raise SystemExit(f"{name}: HTTP {response.status_code}")
            counts.append(len(connection.queries))
            sql.append(sum(float(q["time"]) for q in connection.queries) * 1000)
            shapes = Counter(shape(q["sql"]) for q in connection.queries)
        db_after = backend_cpu()
        # the backend's clock ticks are 10 ms: its CPU is read over all the runs, as a mean
        db_cpu = (
            f"{(db_after - db_before) * 1000 / args.runs:8.0f}"
            if db_before is not None and db_after is not None
            else f"{'-':>8}"
        )
        print(
            f"{name:32} {statistics.median(times):8.0f} {statistics.median(cpu):8.0f} {db_cpu} "
            f"{statistics.median(counts):8.0f} {statistics.median(sql):8.0f}"
        )
        for text, n in shapes.most_common(args.shapes):
            if n > 1:
                print(f"    {n:4} × {text}")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
