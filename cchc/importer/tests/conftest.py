from pathlib import Path

import pytest

from cchc.importer.parse import parse_file

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")

_CACHE: dict[str, dict] = {}


@pytest.fixture(scope="session")
def seed():
    """Parse a seed plan once per test session: seed("000") → the plan dict."""

    def load(prefix: str) -> dict:
        if prefix not in _CACHE:
            matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
            if not matches:
                pytest.fail(f"seed plans not found in {SEEDS} (shared/seeds beside the repository)")
            _CACHE[prefix] = parse_file(matches[0])
        return _CACHE[prefix]

    return load


def by_ref(result: dict, ref: str) -> dict:
    return next(t for t in result["tasks"] if t["ref"] == ref)
