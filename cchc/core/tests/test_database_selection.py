"""The PostgreSQL run repeats only the tests that can reach a database (`--database-tests-only`,
decision 0182): the ones left out must be those whose result cannot depend on it."""

from types import SimpleNamespace

import pytest

from cchc.conftest import _touches_database


def _item(tmp_path, source: str, fixtures=(), marker=None):
    module = tmp_path / "test_example.py"
    module.write_text(source, encoding="utf-8")
    return SimpleNamespace(
        fspath=module,
        fixturenames=list(fixtures),
        get_closest_marker=lambda name: marker if name == "django_db" else None,
    )


def test_a_test_of_text_alone_runs_once_and_any_way_to_a_database_keeps_it(tmp_path):
    plain = "def test_words():\n    assert 'a'.upper() == 'A'\n"
    assert not _touches_database(_item(tmp_path, plain), {})
    # marked, or through a fixture whose closure opens the database (`world` → `db`)
    assert _touches_database(_item(tmp_path, plain, marker=pytest.mark.django_db), {})
    assert _touches_database(_item(tmp_path, plain, fixtures=("world", "db")), {})
    assert _touches_database(_item(tmp_path, plain, fixtures=("live_server",)), {})
    # an installation copied, a program started (it reads DATABASE_URL), the database named
    assert _touches_database(_item(tmp_path, plain, fixtures=("migrated_site",)), {})
    for way in ("import subprocess\n", "env = {'DATABASE_URL': url}\n", "connection.vendor\n"):
        assert _touches_database(_item(tmp_path, way + plain), {})
