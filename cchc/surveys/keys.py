"""Keyed hashes: what the surveys keep instead of a dossier code, a device token or an address.

HMAC-SHA256 with `settings.SURVEY_KEY` (CCHC_SURVEY_KEY, by default derived from SECRET_KEY):
without the key nobody can test a list of dossier codes against the stored hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings


def keyed(purpose: str, text: str) -> str:
    message = f"{purpose}:{text}".encode()
    return hmac.new(settings.SURVEY_KEY.encode(), message, hashlib.sha256).hexdigest()


def normalise_code(code: str) -> str:
    """Dossier codes are compared without surrounding spaces and case."""
    return code.strip().upper()


def code_hash(code: str) -> str:
    return keyed("dossier", normalise_code(code))


def token_hash(token: str) -> str:
    return keyed("kiosk", token.strip())


def new_token() -> str:
    return secrets.token_urlsafe(24)
