"""Where a page's time goes: for each request of the load mix (`run.py`), the queries it makes,
their total time, the query shapes repeated most (N+1 shows here) and, with --cprofile, the
functions that took the most time. Runs in process through Django's test client against the
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
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from cchc.org.models import User  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SHAPE = re.compile(r"\b\d+\b|'[^']*'")


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

    def send(self, username, method, url, body):
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
    args = parser.parse_args()
    setup_test_environment()
    settings.DEBUG = True
    mix = Mix()
    plan = list(mix.requests())
    print(f"{'request':32} {'p50 ms':>8} {'queries':>8} {'sql ms':>8}")
    for name, username, method, url, body in plan:
        times, counts, sql = [], [], []
        shapes: Counter[str] = Counter()
        profiler = cProfile.Profile() if name in args.cprofile else None
        for _ in range(args.runs):
            reset_queries()
            started = time.perf_counter()
            if profiler:
                profiler.enable()
            response = mix.send(username, method, url, body)
            if profiler:
                profiler.disable()
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code >= 400:
                raise SystemExit(f"{name}: HTTP {response.status_code}")
            counts.append(len(connection.queries))
            sql.append(sum(float(q["time"]) for q in connection.queries) * 1000)
            shapes = Counter(shape(q["sql"]) for q in connection.queries)
        print(
            f"{name:32} {statistics.median(times):8.0f} {statistics.median(counts):8.0f} "
            f"{statistics.median(sql):8.0f}"
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
