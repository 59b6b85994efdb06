"""API tokens of the one-stop systems: made once, shown once, stored as a hash."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from cchc.audit.log import record

from .models import UnitToken

PREFIX = "cchc_"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue(unit, name: str, *, by=None) -> tuple[UnitToken, str]:
    """Create a token for `unit`; returns the row and the secret (never stored).
    The token and its audit event are saved together or not at all."""
    key = PREFIX + secrets.token_urlsafe(32)
    token = UnitToken.objects.create(unit=unit, name=name, key_hash=_hash(key), prefix=key[5:13])
    record("api_token.issue", by=by, obj=token, unit=unit, after={"name": name})
    return token, key


def authenticate(key: str) -> UnitToken | None:
    """The active token with this secret, or None. Marks it used."""
    if not key or not key.startswith(PREFIX):
        return None
    token = (
        UnitToken.objects.select_related("unit").filter(key_hash=_hash(key), is_active=True).first()
    )
    if token is not None:
        UnitToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
