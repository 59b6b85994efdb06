"""The demo in a test: loaded once per test process and starting state, then copied
(`demo_data`); and the demo loaded once for a test module (tracking's living plan, the demo's
merged ward), in a rolled-back transaction (`demo_fixtures`). Decision 0165."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.test import override_settings

from cchc.demo import DemoContext, load_demo
from cchc.testing import dbcopy


@dataclass
class _Loaded:
    ctx: DemoContext
    said: str
    rows: dbcopy.Rows
    files: Path


_LOADED: dict[tuple, _Loaded] = {}


def _files_root() -> Path:
    return Path(storages["default"].path(""))


def _files_in(root: Path) -> tuple[str, ...]:
    if not root.exists():
        return ()
    return tuple(sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()))


def demo_data(out, today: dt.date) -> DemoContext:
    """What `load_demo(out, today=today)` leaves, for a test that needs the demo's data and does
    not test loading it. The first time in a test process from a given starting state (every
    table's row count and the stored files: a database just migrated, or one a committing test
    flushed) the demo is loaded; its rows, files, context and what it said are kept, and a later
    call from the same state and day gets them back (dbcopy.put_back, the files copied into
    today's storage) instead of loading it again. Ids may differ from a fresh load's after a
    flush; nothing else does. A test that checks loading itself calls `load_demo`."""
    key = (today, settings.PASSWORD_HASHERS[0], dbcopy.counts(), _files_in(_files_root()))
    loaded = _LOADED.get(key)
    if loaded is None:
        said = io.StringIO()
        ctx = load_demo(said, today=today)
        ctx.out = io.StringIO()
        files = Path(tempfile.mkdtemp(prefix="cchc-demo-files-"))
        if _files_root().exists():
            shutil.copytree(_files_root(), files, dirs_exist_ok=True)
        loaded = _LOADED[key] = _Loaded(ctx, said.getvalue(), dbcopy.take(), files)
    else:
        dbcopy.put_back(loaded.rows)
        shutil.copytree(loaded.files, _files_root(), dirs_exist_ok=True)
        _forget_cached()
    out.write(loaded.said)
    return dataclasses.replace(copy.deepcopy(loaded.ctx), out=out)


def _forget_cached() -> None:
    """What the process remembers of the database it replaced (cchc/conftest.py clears the
    same before each test)."""
    from django.core.cache import cache

    from cchc.workdays.calendar import clear_cache

    cache.clear()
    clear_cache()


@contextmanager
def demo_loaded(django_db_blocker, tmp_path_factory, today: dt.date) -> Iterator[object]:
    """The demo as of `today`, in a transaction rolled back at the end; each test runs in a
    savepoint of it and leaves the demo as it found it (as Django's setUpTestData does). Files
    and password hashing as every test has them (cchc/conftest.py). For a module-scoped
    fixture: `with demo_loaded(django_db_blocker, tmp_path_factory, TODAY) as ctx: yield ctx`."""
    files = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path_factory.mktemp("demo-files"))},
    }
    fast = override_settings(
        STORAGES={**settings.STORAGES, "default": files},
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), fast, transaction.atomic():
        yield demo_data(io.StringIO(), today=today)
        transaction.set_rollback(True)


def demo_fixtures(today: dt.date):
    """`_demo_once, demo = demo_fixtures(TODAY)` in a test module: the demo loaded once for the
    module (`demo_loaded`), and `demo`, its context for each test (in a savepoint). Mark the
    module with an `xdist_group` so its tests run in one test process."""

    @pytest.fixture(scope="module")
    def _demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
        with demo_loaded(django_db_blocker, tmp_path_factory, today) as ctx:
            yield ctx

    @pytest.fixture
    def demo(_demo_once, db):
        return _demo_once

    return _demo_once, demo
