"""Password rules with messages our Vietnamese catalogue covers (Django 5.2 changed the
minimum-length message and its Vietnamese translation has not caught up), and a rule against
local words with digits, which Django's common-password list does not know."""

import functools
import unicodedata
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("This password is too short: it needs at least %(count)d characters.") % {
            "count": self.min_length
        }

    def get_help_text(self) -> str:
        return _("Your password needs at least %(count)d characters.") % {"count": self.min_length}


class LocalWordValidator:
    """Refuses a password that is only a place name or a familiar word with digits and signs
    around it ("Tayninh2026", "cchc@2026", "Matkhau123!"): the first guesses of anyone who knows
    where the system runs. The words are a list shipped with the product (provinces, familiar
    words) plus the names of this installation's own units."""

    PREFIXES = ("thanhpho", "thixa", "thitran", "phuong", "huyen", "tinh", "quan", "xa")

    def validate(self, password: str, user=None) -> None:
        letters = letters_only(password)
        if letters and letters in local_words():
            raise ValidationError(
                _(
                    "This password is only a place name or a familiar word with digits: "
                    "it is easy to guess."
                ),
                code="password_local_word",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be a place name or a familiar word with digits.")


def letters_only(text: str) -> str:
    """Lower case, without accents (đ as d), letters only: "Tây Ninh-2026" → "tayninh"."""
    text = unicodedata.normalize("NFKD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if c.isascii() and c.isalpha())


def local_words() -> set[str]:
    from cchc.org.models import Unit

    words = set(_shipped_words())
    for name in Unit.objects.values_list("name", flat=True).iterator():
        word = letters_only(name)
        words.add(word)
        for prefix in LocalWordValidator.PREFIXES:
            if word.startswith(prefix) and len(word) > len(prefix) + 2:
                words.add(word[len(prefix) :])
                break
    return words


@functools.cache
def _shipped_words() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "local-words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        letters_only(line) for line in lines if line.strip() and not line.startswith("#")
    )
