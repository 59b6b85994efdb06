"""Who signed the plan: the name in the signature block (Decree 30/2020, appendix I).

The block sits at the end of the text, right of the "Nơi nhận:" list: the authority
("TM. ỦY BAN NHÂN DÂN"), the capacity ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"), room for the
signature and seal, often "(đã ký)", then the name. A PDF prints the two columns on shared
baselines, so a recipient line may carry the block's line after it
("- Phòng Nội vụ huyện; PHÓ CHỦ TỊCH", "- Lưu: VT. (đã ký) Nguyễn Văn A").

Only a name that follows a capacity line is taken, and only when it looks like a person's name;
otherwise nothing: an empty signer is fixed on the review page, a wrong one may go unseen.
"""

from __future__ import annotations

import re
import unicodedata

from .vietnamese import fold, is_valid_syllable

# The capacity at the end of a line, after the authority when it shares the line
# ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"): chairman, director, head (of office, board, unit).
_CAPACITY = re.compile(
    r"(?:(?:TM|KT|TL|TUQ|Q)\s*\.\s*(?:[^\W\d_]+\s+)*?)*(?:PHÓ\s+)?"
    r"(?:CHỦ\s+TỊCH|GIÁM\s+ĐỐC|(?:THỦ\s+)?TRƯỞNG(?:\s+[^\W\d_]+){0,2})\s*$"
)
_NOTE = re.compile(r"[(\[][^()\[\]]{0,40}[)\]]|\bđã ký\b", re.I)  # "(đã ký)", "(ký, đóng dấu)"
_RECIPIENT = re.compile(r"^\s*(?:[-–+•]|nơi nhận\b)", re.I)
# First words of what is written like a name but is a body, a place or a title.
_NOT_SURNAMES = {
    "ủy", "uỷ", "ban", "phòng", "sở", "văn", "trung", "đảng", "bộ", "chi", "công", "thường", "nơi",
    "hội", "tỉnh", "huyện", "xã", "phường", "thị", "thành", "quận", "ấp", "khu", "thôn", "các",
    "cơ", "đơn", "bí", "chủ", "phó", "tổ", "mặt", "liên", "cục", "viện", "trường", "đài", "báo",
    "tòa", "kho", "ngân", "tổng", "ông", "bà", "phụ", "biểu", "danh", "kế", "quyết", "mẫu",
}  # fmt: skip
_APPENDIX = re.compile(r"(?:phu luc|bieu|danh muc)\b")  # folded: an appendix's title
_WINDOW = 10  # lines after the capacity where the name may be (room for the signature, list)


def read_signer(texts: list[str]) -> str | None:
    """The signer's name in the first signature block of `texts` (the plan after its
    preamble), or None when no capacity line is followed by a name."""
    since: int | None = None
    for text in texts:
        line = _NOTE.sub(" ", unicodedata.normalize("NFC", text))
        line = " ".join(line.split())
        if _is_capacity(line):
            since = 0
            continue
        if since is None:
            continue
        since += 1
        name = _name_in(line)
        if name:
            return name
        if since >= _WINDOW or _ends_block(line):
            since = None
    return None


def _is_capacity(line: str) -> bool:
    """A line of the block's capacity, or a recipient line carrying one at its end."""
    match = _CAPACITY.search(line)
    if match is None or (match.start() and line[match.start() - 1] not in " ;:.,"):
        return False
    before = line[: match.start()].strip()
    return not before or bool(_RECIPIENT.match(before))


def _ends_block(line: str) -> bool:
    """Prose or an appendix title: the block is over without a name."""
    if _RECIPIENT.match(line):
        return False
    return len(line.split()) >= 10 or bool(_APPENDIX.match(fold(line)))


def _name_in(line: str) -> str | None:
    """The line when it is a name; for a recipient line, a name after the item's closing
    ; : or . (one ending in punctuation is all recipient: "- Lưu: VT, Nguyễn Văn B.");
    for a name run together with the title below it ("Dương Văn Hậu PHỤ LỤC …",
    "… Phụ lục I"), the words before that title."""
    if _RECIPIENT.match(line):
        parts = re.split(r"[;:.]\s", line)
        line = parts[-1] if len(parts) > 1 and line[-1] not in ";:.," else ""
    words = line.strip(" .").split()
    title = next((i for i in range(len(words)) if _title_starts(words, i)), len(words))
    name = " ".join(words[:title])
    return name if _looks_like_name(name) else None


def _title_starts(words: list[str], i: int) -> bool:
    return (len(words[i]) > 1 and words[i].isupper()) or bool(
        _APPENDIX.match(fold(" ".join(words[i:])))
    )


def _looks_like_name(text: str) -> bool:
    """2–6 Vietnamese syllables, each capitalised then lower case ("Nguyễn Thị Ngọc Giàu"):
    not a title in capitals, not a body ("Phòng Nội Vụ"), no digits or punctuation."""
    words = text.split()
    if not 2 <= len(words) <= 6 or words[0].lower() in _NOT_SURNAMES:
        return False
    return all(
        w.isalpha() and w[0].isupper() and (len(w) == 1 or w[1:].islower())
        and is_valid_syllable(w.lower())
        for w in words
    )  # fmt: skip
