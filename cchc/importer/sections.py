"""The outline of a plan's prose: numbered headings, the area each paragraph falls under, and
which paragraphs state targets.

Headings are recognised by their numbering (I., 1., 2.1, a)) and their shortness, or, unnumbered,
by naming an area ("Công tác chỉ đạo, điều hành và tuyên truyền CCHC1."). A paragraph's area is
the nearest enclosing heading that names one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .areas import area_for_heading, clean_heading
from .document import Paragraph
from .layout import is_heading_like
from .vietnamese import fold

_NUMBERED = re.compile(
    r"^\s*(?:(?:Phần|PHẦN|Mục|MỤC|Chương|CHƯƠNG)\s+(?=[\dIVXLC]))?"  # "Phần I.", "Mục 2."
    r"(?:(?P<roman>[IVXLC]{1,6})[.)]?\s+|(?P<dotted>\d{1,2}(?:\.\d{1,2})+)\.?\s+"
    r"|(?P<arabic>\d{1,2})[.)]\s*|(?P<letter>[a-zđ])[.)]\s+)(?=\S)"
)
# a part named alone on its line, its title on the next: "Phần I" / "MỤC TIÊU, CHỈ TIÊU"
_PART = re.compile(r"^\s*(?:Phần|PHẦN|Chương|CHƯƠNG)\s+([IVXLC]{1,6}|\d{1,2})[.:]?\s*$")
_TARGET_HEADING = re.compile(r"chi tieu|muc tieu cu the|muc tieu, chi tieu")
_GOAL_HEADING = re.compile(r"^(muc tieu|muc dich|yeu cau)")


@dataclass
class Heading:
    ref: str
    title: str
    level: int
    line: int
    area: str | None

    @property
    def target_kind(self) -> str | None:
        folded = fold(self.title)
        if _TARGET_HEADING.search(folded):
            return "targets"
        if _GOAL_HEADING.search(folded):
            return "goals"
        return None


@dataclass
class Placed:
    """A prose paragraph with the headings above it."""

    paragraph: Paragraph
    path: list[Heading]

    @property
    def area(self) -> str | None:
        return next((h.area for h in reversed(self.path) if h.area), None)

    @property
    def target_kind(self) -> str | None:
        """What the nearest heading that says so announces ("targets", "goals")."""
        return next((h.target_kind for h in reversed(self.path) if h.target_kind), None)


def heading_of(paragraph: Paragraph) -> Heading | None:
    """The paragraph as a heading, or None when it is body text."""
    text = paragraph.text.strip()
    words = text.split()
    part = _PART.match(text)
    if part:
        return Heading(part.group(1), "", 1, paragraph.line, None)
    match = _NUMBERED.match(text)
    if match and match.group("roman") and not text[match.end() :][:1].isupper():
        match = None
    short = (len(words) <= 16 and not text.endswith((".", ";", ","))) or text.endswith(":")
    if match and (short or is_heading_like(text)) and len(words) <= 25:
        kind = next(k for k in ("roman", "dotted", "arabic", "letter") if match.group(k))
        ref = match.group(kind)
        level = {"roman": 1, "arabic": 2, "letter": 4}.get(kind, 2 + ref.count("."))
        title = text[match.end() :].strip(" :")
        return Heading(ref, title, level, paragraph.line, area_for_heading(title))
    if not match and text.endswith(":") and len(words) <= 6 and _TARGET_HEADING.search(fold(text)):
        return Heading("", text.strip(" :-–•*"), 5, paragraph.line, None)  # "Chỉ tiêu cụ thể:"
    if paragraph.heading_level and len(words) <= 25:
        return Heading("", text, paragraph.heading_level, paragraph.line, area_for_heading(text))
    if len(words) <= 14 and not match and area_for_heading(text) and _looks_like_title(text):
        return Heading("", clean_heading(text), 2, paragraph.line, area_for_heading(text))
    return None


def _looks_like_title(text: str) -> bool:
    """An unnumbered short line naming an area, e.g. 'Cải cách thể chế' or '…CCHC1.'."""
    folded = fold(text)
    return bool(re.match(r"^(cong tac|cai cach|xay dung|ap dung|tac dong|hien dai)", folded))


def place(paragraphs: list[Paragraph]) -> tuple[list[Placed], list[Heading]]:
    """Attach each non-heading paragraph to its heading path."""
    stack: list[Heading] = []
    placed: list[Placed] = []
    headings: list[Heading] = []
    for paragraph in paragraphs:
        heading = heading_of(paragraph)
        if heading is not None:
            while stack and stack[-1].level >= heading.level:
                stack.pop()
            stack.append(heading)
            headings.append(heading)
            continue
        placed.append(Placed(paragraph, list(stack)))
    return placed, headings
