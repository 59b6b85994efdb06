"""Text repair for extracted plan text: diacritics, broken words, whitespace, markup.

PDF-to-text tools damage Vietnamese in predictable ways: a combining tone mark lands on the
letter after its vowel or after the following space ("quy phaṃ phaṕ luâṭ", "Ty ̉lê ̣sô ́"), a word
is cut across two lines or table cells ("Thốn" + "g kê"), two cells are glued ("chứcBộ"), and
document numbers are split ("3989/KH-U" + "BND"). Every fix here is driven by Vietnamese
orthography (`vietnamese.py`), never by the particular words of a seed.
"""

from __future__ import annotations

import html
import re
import unicodedata

from .vietnamese import TONE_MARKS, is_valid_syllable, place_tone

_LETTER_RUN = re.compile(r"[^\W\d_]+")


# Letters old-encoding converters (TCVN3, VNI) and some fonts write for Đ/đ: the Icelandic eth
# and the African D. Vietnamese has neither, so they are always the Vietnamese letter.
_D_VARIANTS = str.maketrans({"Ð": "Đ", "ð": "đ", "Ɖ": "Đ", "ɖ": "đ"})


# Spaces a word processor puts in copied text (no-break, narrow, ideographic) are plain spaces
# to the reader, so that "I.\u00a0CẢI CÁCH" or "ngày\u202f15" reads like its typed twin;
# zero-width marks and a byte-order mark left inside the text are dropped.
_ODD_SPACES = str.maketrans(
    dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                  "\u202f\u205f\u3000", " ")
    | dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff")
)  # fmt: skip


def plain_spaces(text: str) -> str:
    return text.translate(_ODD_SPACES)


def nfc(text: str) -> str:
    """The text every reader works on: composed (NFC), the look-alike letters of 'Đ'/'đ'
    replaced by the real ones, odd spaces plain (`plain_spaces`)."""
    return plain_spaces(unicodedata.normalize("NFC", text).translate(_D_VARIANTS))


def repair_diacritics(text: str) -> tuple[str, int]:
    """Move displaced tone marks back onto their syllable; return (text, words changed).

    A tone mark after a non-letter (space, comma, line break) belongs to the word before it;
    a mark on a consonant or on the wrong vowel is moved to the vowel the spelling rules give.
    """
    units = _units(unicodedata.normalize("NFD", text))
    changed = 0
    _reattach_orphan_marks(units)
    out: list[str] = []
    word: list[str] = []
    for base, marks in units:
        piece = base + "".join(marks)
        if base.isalpha():
            word.append(piece)
            continue
        changed += _flush_word(word, out)
        out.append(piece)
    changed += _flush_word(word, out)
    return nfc("".join(out)), changed


def _units(decomposed: str) -> list[tuple[str, list[str]]]:
    """Group an NFD string into (base character, its combining marks)."""
    units: list[tuple[str, list[str]]] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and units:
            units[-1][1].append(ch)
        else:
            units.append((ch, []))
    return units


def _reattach_orphan_marks(units: list[tuple[str, list[str]]]) -> None:
    """Move tone marks sitting on spaces/punctuation to the end of the previous word."""
    for i, (base, marks) in enumerate(units):
        if base.isalpha() or not any(m in TONE_MARKS for m in marks):
            continue
        tones = [m for m in marks if m in TONE_MARKS]
        marks[:] = [m for m in marks if m not in TONE_MARKS]
        target = _previous_letter(units, i) if _word_has_no_tone(units, i, -1) else None
        if target is None:
            target = _next_letter(units, i)
        if target is not None:
            units[target][1].extend(tones)


def _previous_letter(units: list[tuple[str, list[str]]], i: int) -> int | None:
    for j in range(i - 1, max(-1, i - 4), -1):
        if units[j][0].isalpha():
            return j
    return None


def _next_letter(units: list[tuple[str, list[str]]], i: int) -> int | None:
    for j in range(i + 1, min(len(units), i + 3)):
        if units[j][0].isalpha():
            return j
    return None


def _word_has_no_tone(units: list[tuple[str, list[str]]], i: int, step: int) -> bool:
    j = _previous_letter(units, i)
    if j is None:
        return False
    while j >= 0 and units[j][0].isalpha():
        if any(m in TONE_MARKS for m in units[j][1]):
            return False
        j += step
    return True


def _flush_word(word: list[str], out: list[str]) -> int:
    if not word:
        return 0
    raw = nfc("".join(word))
    fixed = place_tone(raw)
    out.append(fixed)
    word.clear()
    return int(fixed != raw)


def split_glued_words(text: str) -> str:
    """'chứcBộ' → 'chức Bộ' when both halves are Vietnamese syllables (two cells glued)."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        for i in range(2, len(word) - 1):
            if word[i - 1].islower() and word[i].isupper() and word[i + 1 :].islower():
                left, right = word[:i], word[i:]
                if is_valid_syllable(left) and is_valid_syllable(right):
                    return f"{left} {right}"
        return word

    return _LETTER_RUN.sub(fix, text)


_DOC_NUMBER_SPLIT = re.compile(r"(\d+/(?:\d{4}/)?[A-ZĐ]{1,5}-)\s+([A-ZĐ]{2,})\b")
_SLASH_SPACES = re.compile(r"(?<=[\w)])\s+/\s*(?=[\wĐ])|(?<=\w)/\s+(?=[A-ZĐ\d])")


def tidy_spaces(text: str) -> str:
    """Collapse spaces, drop spaces before punctuation, rejoin split document numbers."""
    text = plain_spaces(text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" +([,.;:!?)\]”])", r"\1", text)
    text = re.sub(r"([(\[“]) +", r"\1", text)
    text = _DOC_NUMBER_SPLIT.sub(r"\1\2", text)
    text = _SLASH_SPACES.sub("/", text)
    text = re.sub(r",(?=[^\s\d,.])", ", ", text)
    return text.strip()


def join_fragments(left: str, right: str) -> str:
    """Join two pieces of one logical text cut by a line or cell break.

    Glue without a space when the cut fell inside a word ("Thốn" + "g kê"), after a hyphen
    ("Tài chính-" + "Kế toán"), or inside a document number ("3989/KH-U" + "BND").
    """
    left = left.rstrip()
    right = right.strip()
    if not left:
        return right
    if not right:
        return left
    if _glue_without_space(left, right):
        return left + right
    return f"{left} {right}"


def _glue_without_space(left: str, right: str) -> bool:
    if left.endswith("-") and len(left) > 1 and left[-2].isalnum():
        return True
    if right.startswith("-") and right[1:2].isdigit() and left[-1].isdigit():
        return True
    if re.search(r"\d+/[\w/.-]*-[A-ZĐ]{0,4}$", left) and re.match(r"[A-ZĐ]{1,5}\b", right):
        return True
    if re.search(r"\d+/(?:\d{4}/)?[A-ZĐ]{0,4}$", left) and re.match(r"[A-ZĐ]{1,4}-[A-ZĐ]", right):
        return True  # "60/2021/N" + "Đ-CP": a number's type code cut before its hyphen
    if re.search(r"\w&$", left) and re.match(r"[A-ZĐ]", right):
        return True  # "HĐND&" + "UBND", "VH&" + "TT"
    if re.search(r"(?:^|\s)[A-ZĐ&]{5,}$", left) and re.match(r"[A-ZĐ]{1,3}(?![\w&])", right):
        return True  # "VBQPP" + "L", "HĐND&U" + "BND": an abbreviation wider than its column
    day = re.search(r"\b\d{1,2}/\d{1,2}/(\d{0,3})$", left)
    year = re.match(r"(\d{1,4})\b", right)
    if day and year and len(day.group(1)) + len(year.group(1)) == 4:
        return True  # "15/12/20" + "25": a date cut in its year
    tail = re.search(r"([^\W\d_]+)$", left)
    head = re.match(r"([^\W\d_]+)", right)
    if not tail or not head:
        return False
    a, b = tail.group(1), head.group(1)
    if b[0].isupper() or is_valid_syllable(b) or len(b) > 3:
        return False
    return is_valid_syllable(a + b)


def unwrap(text: str) -> str:
    """A printed cell's lines, where its text wrapped, as one line: joined as `join_fragments`
    joins them ("Năm 2024-" + "2025", "130/2005/N" + "Đ-CP"), spaces tidied."""
    joined = ""
    for line in text.split("\n"):
        joined = join_fragments(joined, line)
    return " ".join(joined.split())


_TAG = re.compile(r"<[^>]+>")


def strip_markup(text: str) -> tuple[str, bool]:
    """Remove HTML and Markdown emphasis; return (text, was it bold).

    Tables exported from Word to text keep `<b>`, `<i>`, `<ul>`/`<li>` and `<br>`; list items
    and line breaks become new lines so that cells listing several items can be split.
    """
    bold = bool(re.search(r"<(b|strong)>|\*\*\S", text))
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"<li[^>]*>", "\n- ", text, flags=re.I)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = re.sub(r"\*\*|__", "", text)
    text = re.sub(r"(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)", "", text)
    return text, bold


def strip_heading_marks(text: str) -> tuple[str, int]:
    """'### Title' → ('Title', 3): Markdown heading level, 0 when none."""
    match = re.match(r"^\s*(#{1,6})\s+", text)
    if not match:
        return text, 0
    return text[match.end() :], len(match.group(1))


def clean_text(text: str) -> str:
    """Full clean-up of one extracted text value: markup, glued words, spaces, NFC."""
    text, _ = strip_markup(text)
    text = split_glued_words(nfc(text))
    return tidy_spaces(text)


def is_page_number(line: str) -> bool:
    """A line holding only a page number ('2', '- 3 -', 'Trang 4', '5/16')."""
    return bool(
        re.fullmatch(r"\s*(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*", line)
    )
