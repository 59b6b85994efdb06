"""Median and 95th-percentile render time of "Việc của tôi", the unit dashboard and the
upper-level comparison, through Django's test client (the whole request: middleware, session,
access, queries, template), on the database `generate.py` filled.

    export DATABASE_URL=sqlite:////tmp/cchc-bench.sqlite3   # or
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_exec_bench
    .venv/bin/python bench/execution/measure.py

Each page is requested `--warmup` times (not counted) then `--runs` times, for users spread over
the province.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
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


def pages(runs: int):
    """(name, username, url) for each measured request, cycling over communes/districts."""
    for i in range(runs):
        d, c = i % 10, (i * 7) % 30
        yield "Việc của tôi", f"bench.tp{d}-{c}", "/my-tasks/"
        yield "Bảng theo dõi đơn vị", f"bench.dm{d}-{c}", f"/units/bench-x{d}-{c}/dashboard/"
        yield "So sánh (huyện, 30 xã)", f"bench.noivu{d}", f"/units/bench-h{d}/compare/"
        yield "So sánh (tỉnh, 300 xã)", "bench.tinh", "/units/bench-tinh/compare/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    setup_test_environment()
    settings.DEBUG = False
    clients: dict[str, Client] = {}
    timings: dict[str, list[float]] = {}
    queries: dict[str, int] = {}

    def get(username: str, url: str) -> float:
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(User.objects.get(username=username))
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} as {username}: HTTP {response.status_code}")
        return elapsed

    for _name, username, url in pages(args.warmup):
        get(username, url)
    for name, username, url in pages(args.runs):
        timings.setdefault(name, []).append(get(username, url))
    settings.DEBUG = True  # count queries of one request per page
    for name, username, url in pages(1):
        reset_queries()
        get(username, url)
        queries[name] = len(connection.queries)

    vendor = connection.vendor
    print(
        f"CSDL: {vendor} ({settings.DATABASES['default']['NAME']}), Django test client, "
        f"{args.runs} lượt mỗi trang"
    )
    print(f"{'trang':28} {'trung vị':>10} {'p95':>10} {'truy vấn':>9}")
    for name, values in timings.items():
        values.sort()
        p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
        print(f"{name:28} {statistics.median(values):8.1f}ms {p95:8.1f}ms {queries[name]:9d}")


if __name__ == "__main__":
    main()
