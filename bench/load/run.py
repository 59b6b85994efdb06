"""Drive many people at once against a running CCHC site and report latency and errors.

    .venv/bin/python bench/load/run.py --url https://127.0.0.1:8443 --users 50 --minutes 10 \
        [--password PASSWORD] [--import-file a.csv --import-file b.csv]
        [--import-command "nice -n 10 .venv/bin/cchc import-dossiers {file}"] [--out FILE]

Each virtual user logs in with its own session and loops over what its role does, with a short
think time (0.5–1.5 s) between requests:

- officials (the demo's `thanhtan.tuphap`, one session per virtual user): "Việc của tôi", a task
  page, and a progress report with a PDF as evidence on one of their occurrences;
- focal points and the chairman: their unit dashboard, the indicator page for the year, and
  "Việc của tôi";
- the upper level (`noivu.tayninh`, `kientuong`): the comparison page and a commune's dashboard;
- one importer (`thanhtan`), when `--import-file` is given: uploads the dossier file (the
  upload and its preview are pages), discards it, and runs `--import-command` on it as the
  worker would (the CLI at low priority; its times are listed apart as "background"), then
  again with the next file, so every import changes the rows.

Every request's time and status is kept; a status ≥ 400 other than an expected form error, or
a connection error, counts as an error. The summary (per kind of request: count, errors, p50,
p95, p99, max) is printed and, with --out, written as Markdown. Only addresses on this machine
are allowed as targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import resource
import statistics
import subprocess
import threading
import time
import urllib.parse
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import requests

warnings.filterwarnings("ignore", message="Unverified HTTPS request")

OFFICIALS = ["thanhtan.tuphap"]
FOCALS = ["thanhtan", "phuong2", "longan", "tanduc", "thanhtan.chutich"]
UPPER = ["noivu.tayninh", "kientuong"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BACKGROUND = "background: "
LOCAL = re.compile(r"^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$")


@dataclass
class Log:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, problem: str | None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if problem:
                self.errors[kind].append(problem)


class User:
    def __init__(self, base: str, username: str, password: str, log: Log):
        self.base, self.username, self.password, self.log = base, username, password, log
        self.http = requests.Session()
        self.http.verify = False
        self.home = ""

    def call(self, kind: str, method: str, path: str, **kwargs) -> requests.Response | None:
        start = time.perf_counter()
        try:
            # verify=False per call: a CA bundle named in the environment overrides the session's
            response = self.http.request(
                method, self.base + path, timeout=120, verify=False, **kwargs
            )
        except requests.RequestException as exc:
            self.log.add(kind, time.perf_counter() - start, f"{type(exc).__name__}: {exc}")
            return None
        elapsed = time.perf_counter() - start
        problem = None if response.status_code < 400 else f"{response.status_code} {path}"
        self.log.add(kind, elapsed, problem)
        return response

    def csrf(self) -> str:
        return self.http.cookies.get("csrftoken", "")

    def login(self) -> bool:
        page = self.call("login page", "GET", "/accounts/login/")
        if page is None:
            return False
        done = self.call(
            "login",
            "POST",
            "/accounts/login/",
            data={
                "username": self.username,
                "password": self.password,
                "csrfmiddlewaretoken": self.csrf(),
            },
            headers={"Referer": self.base + "/accounts/login/"},
        )
        if done is None or "/accounts/login/" in done.url:
            return False
        self.home = urllib.parse.urlparse(done.url).path
        return True

    def pause(self) -> None:
        time.sleep(random.uniform(0.5, 1.5))


def official(user: User, until: float) -> None:
    while time.time() < until:
        mine = user.call("my tasks", "GET", "/my-tasks/")
        user.pause()
        links = re.findall(r'href="(/follow-up/tasks/\d+/\?occ=\d+)"', mine.text if mine else "")
        if not links:
            continue
        task = user.call("task page", "GET", random.choice(links).replace("&amp;", "&"))
        user.pause()
        form = re.search(
            r'action="(/follow-up/occurrences/\d+/report/)"', task.text if task else ""
        )
        if form:
            user.call(
                "progress report with evidence",
                "POST",
                form.group(1),
                data={
                    "csrfmiddlewaretoken": user.csrf(),
                    "state": "working",
                    "percent": str(random.choice([20, 40, 60, 80])),
                    "note": "Đang thực hiện (thử tải)",
                    "evidence_title": "Báo cáo tiến độ",
                    "evidence_number": f"{random.randint(1, 999)}/BC-UBND",
                    "evidence_issued_on": dt.date.today().isoformat(),
                    "evidence_issuer": "UBND xã",
                },
                files={"evidence_file": ("bao-cao.pdf", PDF, "application/pdf")},
                headers={"Referer": user.base + form.group(1)},
            )
            user.pause()


def focal(user: User, until: float) -> None:
    code = _unit_code(user)
    year = dt.date.today().year
    while time.time() < until:
        user.call("unit dashboard", "GET", f"/units/{code}/dashboard/")
        user.pause()
        user.call("indicator page", "GET", f"/units/{code}/indicators/?period={year}")
        user.pause()
        user.call("my tasks", "GET", "/my-tasks/")
        user.pause()


def upper(user: User, until: float) -> None:
    code = _unit_code(user)
    while time.time() < until:
        compare = user.call("comparison", "GET", f"/units/{code}/compare/")
        user.pause()
        below = re.findall(r'href="/units/([\w-]+)/dashboard/"', compare.text if compare else "")
        if below:
            user.call("unit dashboard", "GET", f"/units/{random.choice(below)}/dashboard/")
            user.pause()


def importer(user: User, until: float, files: list[Path], command: str) -> None:
    """The importer uploads the file on the web (the upload and its preview are pages people
    wait for) then discards it, while the import itself runs as the worker runs it: `command`
    (the CLI, at low priority), alternating between files so every run changes the rows."""
    code = _unit_code(user)
    url = f"/units/{code}/dossiers/import/"
    turn = 0
    while time.time() < until:
        path = files[turn % len(files)]
        turn += 1
        user.call("import page", "GET", url)
        with path.open("rb") as handle:
            preview = user.call(
                "dossier import (upload and preview)",
                "POST",
                url,
                data={"csrfmiddlewaretoken": user.csrf(), "kind": "dossiers"},
                files={"file": (path.name, handle, "text/csv")},
                headers={"Referer": user.base + url},
            )
        found = re.search(r"/dossiers/uploads/(\d+)/", preview.url if preview else "")
        if preview is not None and not found:
            user.log.add("dossier import (upload and preview)", 0, "the upload was refused")
        if found:
            user.call(
                "dossier import (discard)",
                "POST",
                f"/dossiers/uploads/{found.group(1)}/discard/",
                data={"csrfmiddlewaretoken": user.csrf()},
                headers={"Referer": preview.url},
            )
        if command:
            start = time.perf_counter()
            done = subprocess.run(
                command.format(file=path), shell=True, capture_output=True, text=True
            )
            problem = None if done.returncode == 0 else (done.stderr or done.stdout)[-300:]
            user.log.add(BACKGROUND + "dossier import (CLI)", time.perf_counter() - start, problem)
        time.sleep(5)


class _Form(HTMLParser):
    """The fields of the first POST form of a page, with the values a browser would send."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] | None = None
        self.inside = self.done = False
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and (a.get("method") or "").lower() == "post":
            self.inside, self.fields = True, {}
        elif self.inside and self.fields is not None:
            name = a.get("name")
            if tag == "input" and name and a.get("type") not in {"submit", "file"}:
                if a.get("type") in {"checkbox", "radio"} and "checked" not in a:
                    return
                self.fields[name] = a.get("value") or ""
            elif tag == "select" and name:
                self.select = name
            elif (
                tag == "option"
                and self.select
                and (self.select not in self.fields or "selected" in a)
            ):
                self.fields[self.select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def first_form(html: str) -> dict[str, str] | None:
    parser = _Form()
    parser.feed(html)
    return parser.fields


def _unit_code(user: User) -> str:
    match = re.match(r"^/units/([\w-]+)/", user.home)
    if match:
        return match.group(1)
    page = user.call("home", "GET", "/")
    found = re.search(r'href="/units/([\w-]+)/dashboard/"', page.text if page else "")
    return found.group(1) if found else "thanh-tan"


TICK = os.sysconf("SC_CLK_TCK")


def _program(pid: str, comm: str) -> str:
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return comm
    words = {a.decode(errors="replace").rsplit("/", 1)[-1] for a in argv}
    if pid == str(os.getpid()):
        return "this load generator (run.py)"
    for name in ("serve", "worker"):
        if name in words and ({"cchc", "manage.py"} & words or "cchc" in comm):
            return f"cchc {name} (web)" if name == "serve" else "cchc worker"
    return comm if comm in ("postgres", "nginx") else "other"


def cpu_by_program() -> tuple[dict[str, float], float, float]:
    """CPU seconds used so far by the programs of this machine (each process's own and its
    reaped children's: PostgreSQL's ended backends count in its postmaster), the machine's
    busy and idle seconds: what the cores were doing during a run."""
    totals: dict[str, float] = defaultdict(float)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        comm = text[text.index("(") + 1 : text.rindex(")")]
        fields = [int(x) for x in text.rsplit(")", 1)[1].split()[11:15]]
        totals[_program(stat.parent.name, comm)] += sum(fields) / TICK
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    totals["import command (CLI)"] = children.ru_utime + children.ru_stime
    totals["this load generator (run.py)"] -= totals["import command (CLI)"]
    cpu = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = (cpu[3] + cpu[4]) / TICK  # idle and waiting for the disk
    return totals, sum(cpu[:8]) / TICK - idle, idle


def cpu_table(before, after, requests: int) -> list[str]:
    """Where the cores' time went between two `cpu_by_program()` readings."""
    (was, busy0, idle0), (now, busy1, idle1) = before, after
    busy, idle = busy1 - busy0, idle1 - idle0
    lines = [
        "",
        f"CPU during the run: {busy:.0f} s busy, {idle:.0f} s idle "
        f"({busy / max(busy + idle, 1e-9):.0%} of the machine); "
        f"{busy * 1000 / max(requests, 1):.0f} ms of CPU per request served, all programs.",
        "",
        "| program | CPU s | ms per request |",
        "| --- | ---: | ---: |",
    ]
    used = {name: now.get(name, 0) - was.get(name, 0) for name in now}
    for name, seconds in sorted(used.items(), key=lambda item: -item[1]):
        if seconds >= 0.5:
            lines.append(f"| {name} | {seconds:.0f} | {seconds * 1000 / max(requests, 1):.1f} |")
    return lines


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(log: Log, users: int, minutes: float, note: str) -> str:
    pages = [kind for kind in log.times if not kind.startswith(BACKGROUND)]
    total = sum(len(log.times[kind]) for kind in pages)
    errors = sum(len(log.errors.get(kind, [])) for kind in pages)
    every = [t for kind in pages for t in log.times[kind]]
    lines = [
        f"{users} users for {minutes:g} min: {total} requests, {errors} errors, "
        f"{total / (minutes * 60):.1f} requests/s; all requests p50 "
        f"{statistics.median(every) * 1000:.0f} ms, p95 {percentile(every, 95) * 1000:.0f} ms. "
        + note,
        "",
        "| request | count | errors | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in sorted(log.times):
        values = log.times[kind]
        lines.append(
            f"| {kind} | {len(values)} | {len(log.errors.get(kind, []))} | "
            f"{statistics.median(values) * 1000:.0f} | {percentile(values, 95) * 1000:.0f} | "
            f"{percentile(values, 99) * 1000:.0f} | {max(values) * 1000:.0f} |"
        )
    shown = [e for v in log.errors.values() for e in v][:10]
    if shown:
        lines += ["", "First errors:", *[f"- {e}" for e in shown]]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="https://127.0.0.1:8443")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--password", default="demo")
    parser.add_argument("--import-file", type=Path, action="append", default=[])
    parser.add_argument(
        "--import-command",
        default="",
        help="the import as the worker runs it, {file} replaced, e.g. "
        "'nice -n 10 .venv/bin/cchc import-dossiers {file}'",
    )
    parser.add_argument("--out", type=Path)
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    host = urllib.parse.urlparse(args.url).hostname or ""
    if not LOCAL.match(host if host != "::1" else "[::1]"):
        parser.error("only addresses on this machine may be load-tested")

    log = Log()
    until = time.time() + args.minutes * 60
    roles = [(official, OFFICIALS), (focal, FOCALS), (upper, UPPER)]
    threads = []
    for i in range(args.users - (1 if args.import_file else 0)):
        work, names = roles[i % len(roles)]
        threads.append((work, names[(i // len(roles)) % len(names)]))
    if args.import_file:
        threads.append(
            (lambda u, t: importer(u, t, args.import_file, args.import_command), "thanhtan")
        )

    def run(work, name):
        user = User(args.url.rstrip("/"), name, args.password, log)
        if user.login():
            work(user, until)

    cpu_before = cpu_by_program()
    started = [threading.Thread(target=run, args=t, daemon=True) for t in threads]
    for thread in started:
        thread.start()
        time.sleep(0.05)
    for thread in started:
        thread.join(timeout=args.minutes * 60 + 300)
    text = summary(log, args.users, args.minutes, args.note)
    served = sum(len(v) for k, v in log.times.items() if not k.startswith(BACKGROUND))
    text += "\n" + "\n".join(cpu_table(cpu_before, cpu_by_program(), served))
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
