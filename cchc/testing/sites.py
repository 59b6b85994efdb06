"""A whole installation for tests that run `cchc` as an operator would, in other processes: a
data folder and its own database — a SQLite file, or a PostgreSQL database created beside the
test database when the suite runs on PostgreSQL — read directly, not through Django."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import cchc

PROJECT = Path(cchc.__file__).resolve().parent.parent
POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


class Site:
    def __init__(self, root: Path, name: str, like: Site | None = None):
        """An empty installation, or (`like`) a copy of another one as it is now: its data
        folder and its database (SQLite's file is in the folder; PostgreSQL's is made with the
        other as template, which no process may be using)."""
        self.data = root / name
        if like is None:
            self.data.mkdir()
        else:
            shutil.copytree(like.data, self.data)
        if POSTGRES:
            self.dbname = f"cchc_site_test_{os.getpid()}_{name}"
            _pg_admin(f'DROP DATABASE IF EXISTS "{self.dbname}"')
            template = f' TEMPLATE "{like.dbname}"' if like is not None else ""
            _pg_admin(f'CREATE DATABASE "{self.dbname}"{template}')
            self.url = _pg_url(self.dbname)
        else:
            self.url = f"sqlite:///{self.data / 'cchc.sqlite3'}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
        env.update(CCHC_DATA_DIR=str(self.data), DATABASE_URL=self.url, CCHC_ENV="demo")
        return env

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "cchc.cli", *args]

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(*args),
            cwd=PROJECT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            self.command(*args),
            cwd=PROJECT,
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def query(self, sql: str) -> list[tuple]:
        if POSTGRES:
            import psycopg

            with psycopg.connect(self.url) as con, con.cursor() as cur:
                cur.execute(sql)
                return cur.fetchall()
        con = sqlite3.connect(self.data / "cchc.sqlite3", timeout=30)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def table_counts(self) -> dict[str, int]:
        if POSTGRES:
            listed = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        else:
            listed = (
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        tables = [row[0] for row in self.query(listed)]
        return {t: self.query(f'SELECT COUNT(*) FROM "{t}"')[0][0] for t in tables}

    def files(self) -> dict[str, str]:
        root = self.data / "files"
        if not root.exists():
            return {}
        return {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*")
            if p.is_file()
        }

    def drop(self) -> None:
        if POSTGRES:
            _pg_admin(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')


def _pg_url(dbname: str) -> str:
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{dbname}"


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_pg_url("postgres"), autocommit=True) as con:
        con.execute(sql)
