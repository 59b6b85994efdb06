"""The demo loaded once for a test module (tracking's living plan, the demo's merged ward)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings

from cchc.demo import load_demo


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
        yield load_demo(io.StringIO(), today=today)
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
