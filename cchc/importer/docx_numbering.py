"""Word automatic numbering: the 'I.', '1.', 'a)' and '-' that Word draws but does not store.

A paragraph (or a table cell's paragraph) with `w:numPr`, directly or through its style, is
numbered by Word at display time from `numbering.xml`; the text itself has no number. Plans
number their sections ("I. MỤC ĐÍCH, YÊU CẦU") and the STT column of their task tables this
way, so without the labels the importer would see neither the outline nor the row numbers.
`Numbering.label(p)` replays Word's counters in document order and returns the label.
"""

from __future__ import annotations

from dataclasses import dataclass

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class _Level:
    fmt: str
    text: str
    start: int


def _roman(value: int) -> str:
    numerals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
        (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = ""
    for number, letters in numerals:
        while value >= number:
            out += letters
            value -= number
    return out


def _letters(value: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26] * ((value - 1) // 26 + 1)


def _format(value: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(value)
    if fmt == "lowerRoman":
        return _roman(value).lower()
    if fmt == "upperLetter":
        return _letters(value).upper()
    if fmt == "lowerLetter":
        return _letters(value)
    return str(value)


class Numbering:
    """Counters of a document's numbered lists, advanced paragraph by paragraph."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, _Level]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self._read_numbering(document)
        self._read_styles(document)

    def _read_numbering(self, document) -> None:
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iter(_W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in node.iter(_W + "lvl"):
                levels[int(lvl.get(_W + "ilvl", "0"))] = _Level(
                    _val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", ""),
                    int(_val(lvl, "start", "1") or 1),
                )  # fmt: skip
            abstract[node.get(_W + "abstractNumId", "")] = levels
        for num in root.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is not None:
                self.levels[num.get(_W + "numId", "")] = abstract.get(ref.get(_W + "val", ""), {})

    def _read_styles(self, document) -> None:
        try:
            styles = document.styles.element
        except AttributeError:
            return
        for style in styles.iter(_W + "style"):
            num = style.find(f"{_W}pPr/{_W}numPr")
            if num is not None:
                self.style_num[style.get(_W + "styleId", "")] = _num_pr(num)

    def label(self, p) -> str:
        """The label Word shows before paragraph `p` ('II.', '1.2.', 'a)', '-'), or ''."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id, level = _num_pr(num_pr)
        else:
            style = p.find(f"{_W}pPr/{_W}pStyle")
            key = style.get(_W + "val", "") if style is not None else ""
            if key not in self.style_num:
                return ""
            num_id, level = self.style_num[key]
        levels = self.levels.get(num_id, {})
        if num_id in ("", "0") or level not in levels:
            return ""
        spec = levels[level]
        if spec.fmt in ("bullet", "none"):
            return "-" if spec.fmt == "bullet" else ""
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, spec.start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        text = spec.text
        for k in range(level + 1):
            outer = levels.get(k)
            if outer is not None:
                value = counters.get(k, outer.start)
                text = text.replace(f"%{k + 1}", _format(value, outer.fmt))
        return text.strip()


def _val(node, tag: str, default: str) -> str:
    child = node.find(_W + tag)
    return child.get(_W + "val", default) if child is not None else default


def _num_pr(num_pr) -> tuple[str, int]:
    num_id = num_pr.find(_W + "numId")
    ilvl = num_pr.find(_W + "ilvl")
    return (
        num_id.get(_W + "val", "") if num_id is not None else "",
        int(ilvl.get(_W + "val", "0")) if ilvl is not None else 0,
    )
