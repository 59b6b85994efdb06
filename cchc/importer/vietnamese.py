"""Vietnamese orthography: syllable phonotactics, tone-mark placement, folding.

Used by the text repair (to put a displaced tone mark back on the vowel that carries it, to tell
a word fragment such as "g" from a syllable) and by the parsers (to match vocabulary without
caring about case or missing diacritics). A written Vietnamese syllable is
onset + (medial) + nucleus + coda + tone; `parse_syllable` checks each part against the
spelling rules, so the validity share of a text measures how broken its diacritics are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cchc.org.matching import without_marks

# Combining tone marks: huyền, sắc, ngã, hỏi, nặng.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Vowels that carry a quality mark (mũ, trăng, móc): the tone goes on them first.
QUALITY_VOWELS = frozenset("ăâêôơư")
VOWELS = frozenset("aăâeêioôơuưy")

ONSETS = (
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)  # fmt: skip
CODAS = ("ng", "nh", "ch", "c", "m", "n", "p", "t")
STOP_CODAS = frozenset({"c", "ch", "p", "t"})

# Vowel clusters (medial + nucleus + glide) that may end a syllable with no consonant coda.


def _set(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


OPEN_NUCLEI = _set(
    "a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua ui uy ưa ưi ưu uê"
    " uơ iêu yêu oai oay oeo uây uôi uya uyu ươi ươu uâ"
)
# Clusters that take a consonant coda.
CLOSED_NUCLEI = _set("a ă â e ê i o ô ơ u ư y oa oă oe uê uy iê yê uô ươ uâ uyê oo")
# Codas "ch"/"nh" only follow these nuclei (anh, ênh, inh, oanh, uênh, uynh ...).
PALATAL_NUCLEI = _set("a ê i y oa uê uy")
# Open clusters whose tone may sit on either vowel (old style hoà/thuý, new style hòa/thúy).
FREE_TONE_CLUSTERS = frozenset({"oa", "oe", "uy"})


# Lowercase, strip every diacritic and turn đ into d: for matching vocabulary (the one rule,
# shared with the deadline parser and the dossier readers).
fold = without_marks


def split_letters(word: str) -> tuple[list[str], list[str | None]]:
    """Split a word into letters (with their quality marks, NFC) and the tone on each letter."""
    letters: list[str] = []
    tones: list[str | None] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and letters:
            if ch in TONE_MARKS:
                tones[-1] = ch
            else:
                letters[-1] = unicodedata.normalize("NFC", letters[-1] + ch)
        elif not unicodedata.combining(ch):
            letters.append(ch)
            tones.append(None)
    return letters, tones


def join_letters(letters: list[str], tones: list[str | None]) -> str:
    out = [
        unicodedata.normalize("NFD", letter) + (tone or "")
        for letter, tone in zip(letters, tones, strict=True)
    ]
    return unicodedata.normalize("NFC", "".join(out))


@dataclass(frozen=True)
class Syllable:
    """A parsed syllable: where its vowel cluster sits among the word's letters."""

    onset: str
    nucleus: str
    coda: str
    nucleus_start: int

    def tone_positions(self) -> tuple[int, ...]:
        """Letter indexes where the tone mark is correctly written (one or two styles)."""
        n = self.nucleus
        start = self.nucleus_start
        quality = [i for i, ch in enumerate(n) if ch in QUALITY_VOWELS]
        if quality:
            return (start + quality[-1],)
        if self.coda:
            return (start + len(n) - 1,)
        if n in FREE_TONE_CLUSTERS:
            return (start, start + 1)
        if len(n) == 3:
            return (start + 1,)
        return (start,)


def parse_syllable(word: str) -> Syllable | None:
    """Parse one lowercase toneless syllable (letters only), or None if it breaks the rules."""
    if not word or not word.isalpha():
        return None
    onset = next((o for o in ONSETS if word.startswith(o)), "")
    rest = word[len(onset) :]
    if onset == "gi" and (not rest or rest[0] not in VOWELS):
        onset, rest = "g", word[1:]  # gì, gìn: the i is the vowel
    if onset == "qu" and not rest:
        return None
    coda = next((c for c in CODAS if rest.endswith(c) and len(rest) > len(c)), "")
    nucleus = rest[: len(rest) - len(coda)]
    if not nucleus or any(ch not in VOWELS for ch in nucleus):
        return None
    if coda and nucleus not in CLOSED_NUCLEI:
        return None
    if not coda and nucleus not in OPEN_NUCLEI:
        return None
    if coda in ("ch", "nh") and nucleus not in PALATAL_NUCLEI:
        return None
    if not _spelling_ok(onset, nucleus):
        return None
    return Syllable(onset, nucleus, coda, len(onset))


def _spelling_ok(onset: str, nucleus: str) -> bool:
    """k/gh/ngh before front vowels, c/g/ng elsewhere (the c-k and g-gh spelling rules)."""
    front = nucleus[0] in "eêiy"
    if onset in ("k", "gh", "ngh"):
        return front
    if onset == "c":
        return not front
    return not (onset in ("g", "ng") and nucleus[0] in "eê")


def is_valid_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable, tone included (stop codas take sắc/nặng)."""
    letters, tones = split_letters(word)
    marks = [(i, t) for i, t in enumerate(tones) if t]
    if len(marks) > 1:
        return False
    syllable = parse_syllable("".join(letters).lower())
    if syllable is None:
        return False
    if not marks:
        return syllable.coda not in STOP_CODAS
    index, tone = marks[0]
    if syllable.coda in STOP_CODAS and tone not in ("\u0301", "\u0323"):
        return False
    return index in syllable.tone_positions()


def place_tone(word: str) -> str:
    """Put a word's single tone mark on the vowel orthography gives it; keep valid words.

    PDF extraction often leaves the tone on the next letter ("phaṃ" for "phạm", "cuả" for
    "của"); the mark is moved to the nucleus vowel. A word with no or several marks, or one
    that is not a syllable (a name, an abbreviation), is returned unchanged unless its only
    mark sits on a consonant, in which case it goes to the nearest vowel before it.
    """
    letters, tones = split_letters(word)
    marked = [i for i, t in enumerate(tones) if t]
    if len(marked) != 1:
        return word
    index = marked[0]
    tone = tones[index]
    syllable = parse_syllable("".join(letters).lower())
    if syllable is not None:
        positions = syllable.tone_positions()
        if index in positions:
            return word
        target = positions[-1] if index > positions[-1] else positions[0]
    elif letters[index].lower() not in VOWELS:
        vowels_before = [i for i in range(index) if letters[i].lower() in VOWELS]
        if not vowels_before:
            return word
        target = vowels_before[-1]
    else:
        return word
    tones[index] = None
    tones[target] = tone
    return join_letters(letters, tones)


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Alphabetic tokens of an NFC text (a combining mark left alone counts as a broken word)."""
    return re.findall(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f])*|[\u0300-\u036f]+\S*", text)


def is_acronym(word: str) -> bool:
    """All-capital abbreviations (CCHC, UBND, TTHC, PAR) are not syllables and not counted."""
    return len(word) > 1 and word.isupper() and not is_valid_syllable(word)


def syllable_validity(text: str) -> tuple[int, int]:
    """(valid, total) syllables among the words of `text`, acronyms left out.

    The share valid/total is the measure of diacritic damage used by the repair benchmark.
    """
    text = unicodedata.normalize("NFC", text)
    valid = total = 0
    for word in words(text):
        if is_acronym(word):
            continue
        total += 1
        valid += is_valid_syllable(word)
    return valid, total


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def lower_first(text: str) -> str:
    """Lowercase the first letter unless the first word is an acronym or a number."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return text
    return text[:1].lower() + text[1:]


def title_case(text: str) -> str:
    """'THẠNH TÂN' → 'Thạnh Tân' (each syllable capitalised), digits kept."""
    return " ".join(part[:1].upper() + part[1:].lower() for part in text.split())


_PLACE_TYPES = {"xã", "phường", "huyện", "quận", "tỉnh", "phố", "trấn", "khu", "sở", "bộ"}
_TWO_WORD_TYPES = {"phố": "thành", "trấn": "thị", "khu": "đặc"}  # thành phố, thị trấn, đặc khu
_NOT_A_NAME = {"năm", "giai", "về", "của", "trên", "và", "theo", "đến", "tại", "trong", "nhà",
               "các", "được", "với", "thuộc", "hành", "tổ", "đơn"}  # fmt: skip


def sentence_case(text: str) -> str:
    """An all-capital title in ordinary case: 'CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA UBND HUYỆN ĐAN
    PHƯỢNG' → 'cải cách hành chính năm 2025 của UBND huyện Đan Phượng'. Abbreviations (UBND,
    CCHC, ISO) stay in capitals; the name after a unit word (xã, huyện, tỉnh, thị xã, Sở …) is
    a proper name whose words are capitalised (up to three, to a comma or a joining word)."""
    words = [w if is_acronym(w.strip(",.;:()")) else w.lower() for w in text.split()]
    i = 0
    while i < len(words):
        word = words[i]
        bare = word.strip(",.;:()")
        i += 1
        if bare not in _PLACE_TYPES or word != bare:
            continue
        if bare in _TWO_WORD_TYPES and (i < 2 or words[i - 2] != _TWO_WORD_TYPES[bare]):
            continue
        if bare in ("sở", "bộ"):
            words[i - 1] = capitalize_first(word)
        taken = 0
        while i < len(words) and taken < (1 if bare in ("sở", "bộ") else 3):
            name = words[i].strip(",.;:()")
            if not name or name in _NOT_A_NAME or name in _PLACE_TYPES or name == "thị":
                break
            words[i] = capitalize_first(words[i])
            i += 1
            taken += 1
            if name != words[i - 1].lower():
                break  # the name ends at its punctuation
    return " ".join(words)
