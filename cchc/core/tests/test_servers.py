"""What `cchc serve` does before its first request, whichever server runs it."""

from __future__ import annotations

import gc

import pytest

from cchc.core import servers


@pytest.fixture
def started():
    """What the server saw when it started: how many objects were frozen, and whether the
    objects made before were still walked by a full collection."""
    seen: dict[str, object] = {}
    marker = object.__new__(type("StartUpObject", (), {}))  # made before the server starts

    def start(*_args, **_kwargs):
        seen["frozen"] = gc.get_freeze_count()
        seen["walked"] = any(item is marker for item in gc.get_objects())

    yield seen, start
    gc.unfreeze()


def test_waitress_starts_with_the_start_up_objects_frozen(started, monkeypatch):
    import waitress

    seen, start = started
    monkeypatch.setattr(waitress, "serve", start)
    servers.run_waitress(object(), "127.0.0.1", 8000, 2)
    assert seen["frozen"] > 10_000
    assert seen["walked"] is False


def test_gunicorn_forks_its_processes_after_freezing(started, monkeypatch):
    from gunicorn.app.base import BaseApplication

    seen, start = started
    monkeypatch.setattr(BaseApplication, "run", start)
    servers.run_gunicorn(object(), servers.gunicorn_options("127.0.0.1", 8000, 2, 2))
    assert seen["frozen"] > 10_000
    assert seen["walked"] is False
