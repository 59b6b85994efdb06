"""The neutral document model every reader produces and the structure parser consumes.

A document is a list of blocks in reading order: `Paragraph`s and `Table`s. Readers of
physical layouts (text files, PDF text) emit one `Paragraph` per physical line with
`raw=True`; `layout.py` later joins wrapped lines and finds tables drawn in text. Word files
give logical paragraphs and real tables directly. `line` is the 1-based source line for text
files and PDFs, and the ordinal of the paragraph or table row for .docx files.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    """One paragraph (or one physical line when `raw`), with where it came from."""

    text: str
    line: int
    end_line: int = 0
    heading_level: int = 0  # from a Word heading style or Markdown '#', 0 when unknown
    bold: bool = False
    raw: bool = False

    def __post_init__(self) -> None:
        self.end_line = self.end_line or self.line


@dataclass
class Cell:
    """A table cell. `merged` marks the continuation of a vertically merged cell (vMerge or
    a PDF cell covered by the one above), whose value is the cell above's."""

    text: str
    merged: bool = False
    bold: bool = False


@dataclass
class Row:
    cells: list[Cell]
    line: int
    end_line: int = 0
    physical: bool = False  # a text line: may be a continuation of the row above

    def __post_init__(self) -> None:
        self.end_line = self.end_line or self.line

    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]


@dataclass
class Table:
    rows: list[Row]
    line: int
    # Set by the stacked-layout reader: roles of the columns, so the table parser does not
    # have to find a header row again.
    header: list[str] | None = None
    # PDF tables: a line break inside a cell is where the text wrapped, not a new item.
    wrapped: bool = False


Block = Paragraph | Table


@dataclass
class Document:
    """A read document: its blocks plus what the reader noticed (repairs, format)."""

    blocks: list[Block]
    source_format: str
    name: str = ""
    notes: list[str] = field(default_factory=list)
    repaired_words: int = 0
