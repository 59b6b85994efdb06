"""How a unit's name is written where it is not a title of its own.

A unit's name starts with the word of its kind ("Xã Thạnh Tân", "Thành phố Tây Ninh"). Inside a
sentence that word is in lower case ("UBND tỉnh Tây Ninh", "Sở Nội vụ tỉnh Tây Ninh"); as the
place on a document's date line it is left out ("Thạnh Tân, ngày …"), unless only a number
would be left ("Phường 2, ngày …").
"""

from __future__ import annotations

KIND_WORDS = ("Tỉnh ", "Thành phố ", "Huyện ", "Thị xã ", "Quận ", "Xã ", "Phường ", "Thị trấn ")


def in_sentence(name: str) -> str:
    """ "Tỉnh Tây Ninh" → "tỉnh Tây Ninh"; a name without a kind word is kept."""
    return name[0].lower() + name[1:] if name.startswith(KIND_WORDS) else name


def place(name: str) -> str:
    """ "Xã Thạnh Tân" → "Thạnh Tân"; "Phường 2" stays whole."""
    for kind in KIND_WORDS:
        rest = name[len(kind) :]
        if name.startswith(kind) and not rest.replace(" ", "").isdigit():
            return rest
    return name
