"""Backups that restore: one consistent copy of the database and of the stored files.

A backup is a folder `cchc-backup-<date>-<time>/` holding

- `database.sqlite3` (SQLite's online backup: a consistent copy taken while the server runs) or
  `database.pgdump` (`pg_dump --format=custom`, taken inside an exported snapshot),
- `files/`: every file under the storage location (evidence, uploads kept for import),
- `manifest.json`: when, which engine, the applied migrations, the row count of every table *as
  seen by the copy itself*, and the size and SHA-256 of every file of the backup.

The folder is written under a temporary name and renamed when complete, so a folder with the
final name is always a whole backup. `restore()` checks every checksum before it touches
anything, restores only into a database that holds no units and no users, then compares the
row counts of every table with the manifest.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 1
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"


class BackupError(Exception):
    """A backup or a restore that cannot be done; the message is for the operator."""


@dataclass
class Result:
    folder: Path
    tables: int
    rows: int
    files: int

    def counts(self) -> str:
        """What the copy holds, as the commands say it: "12 bảng, 3456 dòng, 7 tệp"."""
        return f"{self.tables} bảng, {self.rows} dòng, {self.files} tệp"


def for_command(step, folder: Path) -> Result:
    """`backup` or `restore` run by a command: a refusal is the command's error (its message
    for the operator, no traceback)."""
    try:
        return step(folder)
    except BackupError as exc:
        raise CommandError(str(exc)) from exc


# --- helpers ---------------------------------------------------------------------------------


def _why(exc: OSError) -> str:
    reasons = {
        errno.EACCES: "không có quyền ghi",
        errno.EPERM: "không có quyền ghi",
        errno.EROFS: "ổ đĩa chỉ cho đọc",
        errno.ENOSPC: "ổ đĩa đã đầy",
        errno.ENOENT: "đường dẫn không tồn tại",
        errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
        errno.EEXIST: "đã có một tệp trùng tên",
    }
    return reasons.get(exc.errno or 0, f"lỗi hệ thống {exc.errno}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _entry(path: Path, root: Path) -> dict:
    return {
        "path": path.relative_to(root).as_posix(),
        "size": path.stat().st_size,
        "sha256": _sha256(path),
    }


def storage_root() -> Path:
    return Path(settings.STORAGES["default"]["OPTIONS"]["location"])


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _pg_tool(*args: str, failed: str) -> None:
    """Run a PostgreSQL client program; `failed` (Vietnamese) leads its error if it fails."""
    run = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise BackupError(f"{failed}: {run.stderr.strip()}")


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if db.get(key):
            env[name] = str(db[key])
    env["PGDATABASE"] = str(connection.settings_dict["NAME"])
    return env


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _count_tables(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_tables(con: sqlite3.Connection) -> list[str]:
    rows = con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return [r[0] for r in rows]


def _migrations(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


# --- backup ----------------------------------------------------------------------------------


def backup(to: Path) -> Result:
    """Write a whole backup under `to` and return where it is."""
    to = Path(to)
    try:
        to.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".cchc-backup-", dir=to))
    except OSError as exc:
        raise BackupError(f"Không ghi được vào thư mục sao lưu {to}: {_why(exc)}.") from exc
    try:
        if _is_sqlite():
            database, counts, applied = _backup_sqlite(work)
        else:
            database, counts, applied = _backup_postgresql(work)
        files = _copy_files(storage_root(), work / "files")
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": connection.vendor,
            "migrations": applied,
            "tables": counts,
            "database": _entry(work / database, work),
            "files": files,
        }
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        final = to / f"cchc-backup-{stamp}"
        suffix = 1
        while final.exists():
            suffix += 1
            final = to / f"cchc-backup-{stamp}-{suffix}"
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Result(final, len(counts), sum(counts.values()), len(files))


def _backup_sqlite(work: Path):
    connection.ensure_connection()
    target = sqlite3.connect(work / SQLITE_NAME)
    try:
        connection.connection.backup(target)
        counts = _count_tables(target.cursor(), _sqlite_tables(target))
        applied = _migrations(target.cursor())
    finally:
        target.close()
    return SQLITE_NAME, counts, applied


def _backup_postgresql(work: Path):
    """pg_dump reads the snapshot that this transaction counts, so counts and dump agree."""
    if shutil.which("pg_dump") is None:
        raise BackupError("Không tìm thấy lệnh pg_dump (gói postgresql-client).")
    import psycopg

    db = connection.settings_dict
    params = {
        k: v
        for k, v in {
            "host": db.get("HOST"),
            "port": db.get("PORT"),
            "user": db.get("USER"),
            "password": db.get("PASSWORD"),
            "dbname": db["NAME"],
        }.items()
        if v
    }
    with psycopg.connect(**params, autocommit=False) as con, con.cursor() as cur:
        cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        cur.execute("SELECT pg_export_snapshot()")
        snapshot = cur.fetchone()[0]
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        tables = [r[0] for r in cur.fetchall()]
        counts = _count_tables(cur, tables)
        applied = _migrations(cur)
        _pg_tool(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot}",
            f"--file={work / PG_NAME}",
            failed="pg_dump thất bại",
        )
    return PG_NAME, counts, applied


def _copy_files(source: Path, target: Path) -> list[dict]:
    entries = []
    target.mkdir(parents=True, exist_ok=True)
    if not source.exists():
        return entries
    for path in sorted(p for p in source.rglob("*") if p.is_file() and not p.is_symlink()):
        copy = target / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, copy)
        entries.append(_entry(copy, target))
    return entries


# --- restore ---------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} không phải bản sao lưu của CCHC (không có {MANIFEST}).")
    try:
        manifest = json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{MANIFEST} không đọc được: {exc}.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("Bản sao lưu có định dạng không hỗ trợ.")
    return manifest


def verify(folder: Path, manifest: dict) -> None:
    """Every file of the backup is there with its size and checksum, or nothing is restored."""
    folder = Path(folder)
    checks = [(folder, manifest["database"])]
    checks += [(folder / "files", entry) for entry in manifest["files"]]
    for root, entry in checks:
        path = root / entry["path"]
        if not path.is_file():
            raise BackupError(f"Bản sao lưu thiếu tệp {entry['path']}.")
        if path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
            raise BackupError(f"Tệp {entry['path']} của bản sao lưu bị hỏng (sai mã kiểm tra).")


def _current_tables() -> list[str]:
    return connection.introspection.table_names()


def database_is_empty() -> bool:
    """No units and no users: a database that was never used, migrated or not."""
    tables = set(_current_tables())
    with connection.cursor() as cur:
        for table in ("org_unit", "org_user"):
            if table in tables:
                cur.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")
                if cur.fetchone():
                    return False
    return True


def _files_conflict(folder: Path, manifest: dict) -> str | None:
    root = storage_root()
    for entry in manifest["files"]:
        existing = root / entry["path"]
        if existing.exists() and _sha256(existing) != entry["sha256"]:
            return entry["path"]
    return None


def restore(folder: Path) -> Result:
    folder = Path(folder)
    manifest = read_manifest(folder)
    engine = "sqlite" if _is_sqlite() else "postgresql"
    if manifest["engine"] != engine:
        raise BackupError(
            f"Bản sao lưu của {manifest['engine']} không khôi phục được vào {engine}."
        )
    newer = unknown_migrations(manifest)
    if newer:
        raise BackupError(
            "Bản sao lưu được tạo bởi phiên bản mới hơn của phần mềm (có bước chuyển đổi "
            f"{newer[0]}); hãy cập nhật phần mềm trước khi khôi phục."
        )
    verify(folder, manifest)
    if not database_is_empty():
        raise BackupError(
            "Cơ sở dữ liệu đích đã có dữ liệu (đơn vị hoặc người dùng). Chỉ khôi phục vào một "
            "cơ sở dữ liệu trống, để không ghi đè dữ liệu đang dùng."
        )
    clash = _files_conflict(folder, manifest)
    if clash:
        raise BackupError(f"Thư mục tệp đích đã có tệp {clash} khác với bản sao lưu.")
    if engine == "sqlite":
        _restore_sqlite(folder / manifest["database"]["path"])
    else:
        _restore_postgresql(folder / manifest["database"]["path"])
    with connection.cursor() as cur:
        counts = _count_tables(cur, list(manifest["tables"]))
    wrong = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
    if wrong:
        table, (expected, found) = next(iter(wrong.items()))
        raise BackupError(
            f"Sau khi khôi phục, bảng {table} có {found} dòng, bản sao lưu ghi {expected}."
        )
    restored = _restore_files(folder / "files", manifest["files"])
    return Result(folder, len(counts), sum(counts.values()), restored)


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        # Replaces the whole database content in one step; readers see old or new, never half.
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_postgresql(dump: Path) -> None:
    if shutil.which("pg_restore") is None:
        raise BackupError("Không tìm thấy lệnh pg_restore (gói postgresql-client).")
    connection.close()
    _pg_tool(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        f"--dbname={connection.settings_dict['NAME']}",
        str(dump),
        failed="pg_restore thất bại, không có gì thay đổi",
    )


def _restore_files(source: Path, entries: list[dict]) -> int:
    root = storage_root()
    for entry in entries:
        target = root / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copy2(source / entry["path"], target)
    return len(entries)


def unknown_migrations(manifest: dict) -> list[str]:
    """Migrations the backup has applied that this version of the code does not have."""
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
