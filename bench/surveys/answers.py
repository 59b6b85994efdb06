"""50 survey answers per second for a minute against `cchc serve` on SQLite.

    .venv/bin/python bench/surveys/answers.py [--rate 50] [--seconds 60] [--port 8765]

Creates a fresh SQLite database in a temporary directory, a unit and an open campaign, starts
`cchc serve` on it (rate limits raised: every request comes from 127.0.0.1), then sends answers
at a steady rate from a pool of threads, each a "phone" that loaded the form once (its CSRF
cookie and token) and posts answers, one in three with a dossier code (half of them codes of
the unit's 50,000 dossiers). Reports the answers sent, errors by kind, latency p50/p95/p99/max
and the answers found in the database,
the public page's weight (HTML + stylesheet), and the server's CPU time per answer — the figure
that compares two versions fairly on a machine shared with other work.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CCHC = str(ROOT / ".venv" / "bin" / "cchc")

SETUP = """
import datetime as dt
from django.utils import timezone
from cchc.org.models import Unit
from cchc.surveys.models import Campaign, Questionnaire
unit = Unit.objects.create(code="xa-bench", name="Xã đo tải", kind="commune")
today = timezone.localdate()
version = Questionnaire.objects.get(code="sipas-5").current()
c = Campaign.objects.create(unit=unit, name="Đo tải", version=version,
    starts_on=today - dt.timedelta(days=1), ends_on=today + dt.timedelta(days=1))
print(c.pk)
"""

# the unit's dossiers, so that an answer's code is checked against a table of realistic size
DOSSIERS = """
import datetime as dt
from django.utils import timezone
from cchc.dossiers.models import Dossier, Procedure
from cchc.org.models import Unit
unit = Unit.objects.get(code="xa-bench")
procedure = Procedure.objects.create(code="1.000001", name="Thủ tục đo tải")
now = timezone.now()
day = timezone.localdate()
for start in range(0, {count}, 5000):
    Dossier.objects.bulk_create(
        Dossier(code=f"HS-{{n:07d}}", unit=unit, procedure=procedure, received=now, due=now,
                received_on=day, month=day.replace(day=1), on_time_until=day)
        for n in range(start, min(start + 5000, {count}))
    )
print(Dossier.objects.count())
"""

COUNT = """
from cchc.surveys.models import Response, UsedCode
print(Response.objects.count(), UsedCode.objects.count())
"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (Linux /proc): what the server spent,
    whatever else the machine was doing meanwhile."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--dossiers", type=int, default=50_000)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="cchc-survey-bench-"))
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{work / 'bench.sqlite3'}",
        CCHC_DATA_DIR=str(work),
        CCHC_SURVEY_RATE_PER_ADDRESS="1000000",
        CCHC_LOG_LEVEL="WARNING",
        PORT=str(args.port),
        HOST="127.0.0.1",
    )
    subprocess.run([CCHC, "migrate", "-v0"], env=env, check=True)
    campaign = (
        subprocess.run(
            [CCHC, "shell", "-c", SETUP], env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    subprocess.run(
        [CCHC, "shell", "-c", DOSSIERS.format(count=args.dossiers)],
        env=env,
        check=True,
        capture_output=True,
    )
    log = open(work / "serve.log", "w")  # noqa: SIM115 — open while the server runs
    server = subprocess.Popen([CCHC, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{args.port}"
    form_url = f"{base}/y-kien/{campaign}/xa-bench/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        html = urllib.request.urlopen(form_url).read()
        css = sum(
            len(urllib.request.urlopen(base + href.decode()).read())
            for href in re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
        )
        print(f"public page: {len(html)} B HTML + {css} B CSS/JS = {len(html) + css} B")
        items = re.findall(rb'name="(q\d+)"', html)
        items = sorted(set(i.decode() for i in items))

        local = threading.local()

        def phone():
            if not hasattr(local, "opener"):
                jar = http.cookiejar.CookieJar()
                local.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
                page = local.opener.open(form_url).read().decode()
                local.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
            return local.opener, local.token

        latencies: list[float] = []
        errors: dict[str, int] = {}
        lock = threading.Lock()
        counter = iter(range(10**9))

        def send():
            n = next(counter)
            opener, token = phone()
            data = {i: str(1 + (n + k) % 5) for k, i in enumerate(items)}
            data["csrfmiddlewaretoken"] = token
            if n % 6 == 0:  # a dossier of the unit: verified
                data["ma"] = f"HS-{n % max(args.dossiers, 1):07d}"
            elif n % 6 == 3:  # a code no dossier has: kept unverified
                data["ma"] = f"BENCH-{n:07d}"
            body = urllib.parse.urlencode(data).encode()
            request = urllib.request.Request(form_url, data=body, headers={"Referer": form_url})
            started = time.perf_counter()
            try:
                reply = opener.open(request, timeout=30)
                reply.read()
                ok = reply.geturl().endswith("/y-kien/cam-on/")
                kind = None if ok else "not-thanked"
            except urllib.error.HTTPError as exc:
                kind = f"HTTP {exc.code}"
            except OSError as exc:
                kind = type(exc).__name__
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if kind:
                    errors[kind] = errors.get(kind, 0) + 1

        total = int(args.rate * args.seconds)
        cpu_before = cpu_seconds(server.pid)
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=32) as pool:
            for n in range(total):
                due = started + n / args.rate
                pause = due - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                pool.submit(send)
        took = time.perf_counter() - started
        server_cpu = cpu_seconds(server.pid) - cpu_before
        latencies.sort()

        def q(p):
            return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

        print(f"sent {total} answers in {took:.1f} s ({total / took:.1f}/s)")
        print(f"errors: {errors or 'none'}")
        print(
            f"latency ms: p50 {statistics.median(latencies) * 1000:.0f}, p95 {q(0.95):.0f}, "
            f"p99 {q(0.99):.0f}, max {latencies[-1] * 1000:.0f}"
        )
        print(
            f"server CPU: {server_cpu:.1f} s, {server_cpu / total * 1000:.1f} ms per answer "
            f"(the POST and the thanks page it leads to); load average {os.getloadavg()[0]:.1f}"
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
    saved = (
        subprocess.run(
            [CCHC, "shell", "-c", COUNT], env=env, check=True, capture_output=True, text=True
        )
        .stdout.strip()
        .splitlines()[-1]
        .split()
    )
    print(f"in the database: {saved[0]} answers, {saved[1]} used dossier codes")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
