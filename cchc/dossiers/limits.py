"""What one file may cost the server: checked before the work they bound.

Settings documented in docs/configuration.md (MAX_COLUMNS, MAX_EMPTY_ROWS, MAX_UNZIPPED_MB).
"""

from __future__ import annotations

# one home for the limits of every uploaded table, with the workbook checks that apply them
from cchc.documents.workbook import max_columns, max_empty_rows, max_unzipped_bytes
from cchc.formats import thousands

__all__ = ["max_columns", "max_empty_rows", "max_unzipped_bytes", "thousands"]
