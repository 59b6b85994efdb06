"""What each key page costs an old office PC or a cheap phone: bytes by kind, requests, DOM
nodes, and load time under Chromium's CPU throttle (6x) and a slow network (1.6 Mbps down,
150 ms round trip), cold cache and warm cache. On the demo's data, served as production serves
it (whitenoise, compressed and hashed static files), by waitress in a child process.

    export DATABASE_URL=sqlite:////tmp/cchc-weight.sqlite3 CCHC_DATA_DIR=/tmp/cchc-weight
    .venv/bin/cchc demo --no-serve                      # the data (~25 s)
    .venv/bin/python bench/pages_weight/measure.py [--port 8093] [--runs 3] [--json out.json] \
        [--baseline DIR]          # DIR: another checkout, e.g. `git archive main | tar -x -C DIR`

The numbers are a median of `--runs` loads; the tables are printed as Markdown (RESULTS.md).
With `--baseline` both checkouts are served (port, port+1) and measured turn about.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
# Production's settings without TLS: the bench talks plain HTTP to waitress on 127.0.0.1.
SERVER_ENV = {
    "CCHC_ENV": "production",
    "CCHC_SECRET_KEY": "bench-pages-weight-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
    "CCHC_TWO_STEP_REQUIRED": "0",
    "CCHC_SECURE_COOKIES": "0",
    "CCHC_HTTPS_PROXY": "0",
    "CCHC_SSL_REDIRECT": "0",
    "CCHC_HSTS_SECONDS": "0",
}
SERVE = (
    "import django; django.setup();"
    "from django.core.management import call_command;"
    "call_command('collectstatic', interactive=False, verbosity=0);"
    "from waitress import serve; from cchc.wsgi import application;"
    "serve(application, host='127.0.0.1', port={port}, threads=4)"
)
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
           "uploadThroughput": 750_000 / 8}  # fmt: skip
CPU_SLOWDOWN = 6
KINDS = {"Document": "html", "Stylesheet": "css", "Script": "js", "Font": "font", "Image": "img"}


def pages() -> list[tuple[str, str | None, str]]:
    """(name, login or None, path) of the pages measured, read from the demo's data."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    django.setup()
    from django.db.models import Count

    from cchc.org.models import User
    from cchc.parindex.models import Assessment
    from cchc.plans.models import Plan
    from cchc.reports.models import Report
    from cchc.surveys.models import Campaign
    from cchc.tracking.models import Occurrence

    commune = User.objects.get(username="thanhtan").memberships.first().unit
    # the demo's upper level: the district's home-affairs office (longan is a commune's)
    upper = User.objects.get(username="noivu.tayninh").memberships.first().unit
    plan = Plan.objects.filter(unit=commune).annotate(n=Count("tasks")).order_by("-n").first()
    occurrence = Occurrence.objects.filter(task__plan=plan).order_by("due").first()
    report = Report.objects.filter(unit=commune).order_by("-pk").first()
    par = Assessment.objects.filter(unit=commune).order_by("-pk").first()
    campaign = Campaign.objects.order_by("-pk").first()
    c, p = commune.code, upper.code
    return [
        ("login", None, "/accounts/login/"),
        ("home, focal point", "thanhtan", "/"),
        ("home, leader", "thanhtan.chutich", "/"),
        ("home, upper level", "noivu.tayninh", "/"),
        ("plans list", "thanhtan", "/plans/"),
        (f"plan ({plan.n} tasks)", "thanhtan", f"/plans/{plan.pk}/"),
        ("task page", "thanhtan", f"/follow-up/tasks/{occurrence.task_id}/"),
        ("dashboard, upper level", "noivu.tayninh", f"/units/{p}/dashboard/"),
        ("compare, upper level", "noivu.tayninh", f"/units/{p}/compare/"),
        ("reports list", "thanhtan", f"/units/{c}/reports/"),
        ("report page", "thanhtan", f"/reports/{report.pk}/"),
        ("PAR page", "thanhtan", f"/par/{c}/{par.year}/"),
        ("indicators", "thanhtan", f"/units/{c}/indicators/"),
        ("indicators, upper level", "noivu.tayninh", f"/units/{p}/indicators/"),
        ("service index", "thanhtan", f"/units/{c}/index766/"),
        ("survey form (citizen)", None, f"/y-kien/{campaign.pk}/{c}/"),
        ("public page", None, f"/cong-khai/{c}/"),
        ("guide", "thanhtan", "/huong-dan/"),
    ]


def start_server(port: int, static_root: str, code: Path) -> subprocess.Popen:
    """Waitress on production's settings, the code of `code` (another checkout: a baseline)."""
    env = {**os.environ, **SERVER_ENV, "CCHC_STATIC_ROOT": static_root,
           "DJANGO_SETTINGS_MODULE": "cchc.settings"}  # fmt: skip
    server = subprocess.Popen([str(PYTHON), "-c", SERVE.format(port=port)], cwd=code, env=env)
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not start")


def signed_in_state(browser, base: str, login: str | None) -> dict | None:
    if login is None:
        return None
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", "demo")
    page.click("form [type=submit]")
    page.wait_for_load_state("load")
    state = context.storage_state()
    context.close()
    return state


def load(page, cdp, url: str) -> dict:
    """One load of `url` in an already throttled tab: bytes on the wire by kind, requests that
    went to the network, DOM nodes, DOMContentLoaded and load (ms from navigation start)."""
    kinds: dict[str, str] = {}
    wire: dict[str, int] = {}
    cached: set[str] = set()
    cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e["type"]))
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    cdp.on(
        "Network.loadingFinished",
        lambda e: wire.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)  # the last loadingFinished events
    timing = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return [n.domContentLoadedEventEnd, n.loadEventEnd,"
        " document.getElementsByTagName('*').length]; }"
    )
    result = {"requests": 0, "html": 0, "css": 0, "js": 0, "font": 0, "img": 0, "other": 0}
    for request_id, size in wire.items():
        if request_id in cached or size == 0:
            continue
        result["requests"] += 1
        result[KINDS.get(kinds.get(request_id, ""), "other")] += size
    result.update(dcl=round(timing[0]), load=round(timing[1]), nodes=timing[2])
    return result


def measure(browser, base: str, state: dict | None, path: str) -> dict:
    """Cold: a fresh context (empty cache) loads the page; warm: the same tab loads it again."""
    context = browser.new_context(storage_state=state, viewport={"width": 1366, "height": 768})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    cold = load(page, cdp, base + path)
    warm = load(page, cdp, base + path)
    context.close()
    return {"cold": cold, "warm": warm}


def median(runs: list[dict], key: str) -> dict:
    return {k: statistics.median(r[key][k] for r in runs) for k in runs[0][key]}


def table(results: list[tuple[str, dict, dict]]) -> str:
    head = (
        "| page | HTML kB | CSS kB | JS kB | img+font kB | requests | DOM nodes "
        "| cold load ms | warm: requests, kB | warm load ms |\n|" + " --- |" * 10
    )
    rows = [head]
    for name, cold, warm in results:
        kb = lambda n: f"{n / 1024:.1f}"  # noqa: E731
        warm_bytes = sum(warm[k] for k in ("html", "css", "js", "font", "img", "other"))
        rows.append(
            f"| {name} | {kb(cold['html'])} | {kb(cold['css'])} | {kb(cold['js'])} "
            f"| {kb(cold['img'] + cold['font'])} | {cold['requests']:.0f} | {cold['nodes']:.0f} "
            f"| {cold['load']:.0f} | {warm['requests']:.0f}, {kb(warm_bytes)} "
            f"| {warm['load']:.0f} |"
        )
    return "\n".join(rows)


def measure_all(browser, bases: list[str], wanted: list, runs: int) -> list[list]:
    """Every page on every server, the servers taking turns page by page and run by run, so
    that a machine busy with something else slows them alike. One result list per server."""
    states = [{login: signed_in_state(browser, b, login) for _, login, _ in wanted} for b in bases]
    results: list[list] = [[] for _ in bases]
    for name, login, path in wanted:
        loads: list[list[dict]] = [[] for _ in bases]
        try:
            for _ in range(runs):
                for i, base in enumerate(bases):
                    loads[i].append(measure(browser, base, states[i][login], path))
        except Exception as error:  # a page that fails is named, the others measured
            print(name, "FAILED", error, file=sys.stderr)
            continue
        for i, found in enumerate(loads):
            results[i].append((name, median(found, "cold"), median(found, "warm")))
            print(bases[i], name, results[i][-1][1], file=sys.stderr)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8093)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="measure the pages whose name contains this")
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--baseline", type=Path, help="another checkout (e.g. main) measured turn about, port+1"
    )
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    wanted = [p for p in pages() if not args.only or args.only in p[0]]
    codes = [ROOT] + ([args.baseline] if args.baseline else [])
    bases = [f"http://127.0.0.1:{args.port + i}" for i in range(len(codes))]
    servers = []
    with tempfile.TemporaryDirectory() as static_root:
        try:
            for i, code in enumerate(codes):
                servers.append(start_server(args.port + i, f"{static_root}/{i}", code))
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox"])  # fmt: skip
                results = measure_all(browser, bases, wanted, args.runs)
                browser.close()
        finally:
            for server in servers:
                server.terminate()
                server.wait()
    for code, found in zip(codes, results, strict=True):
        print(f"\n{code}\n\n{table(found)}")
    if args.json:
        args.json.write_text(json.dumps(dict(zip(map(str, codes), results, strict=True)), indent=1))


if __name__ == "__main__":
    main()
