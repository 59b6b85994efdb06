"""What one file may cost the server: checked before the work they bound.

Settings documented in docs/configuration.md (MAX_COLUMNS, MAX_EMPTY_ROWS, MAX_UNZIPPED_MB).
"""

from __future__ import annotations

from django.conf import settings


def max_columns() -> int:
    return int(getattr(settings, "MAX_COLUMNS", 200))


def max_empty_rows() -> int:
    """A run of this many empty rows ends the table: what follows is not read."""
    return int(getattr(settings, "MAX_EMPTY_ROWS", 1000))


def max_unzipped_bytes() -> int:
    return int(getattr(settings, "MAX_UNZIPPED_MB", 50)) * 1024 * 1024


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")
