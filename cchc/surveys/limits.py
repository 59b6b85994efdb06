"""Rate limits on answering: per address and per kiosk device, counted in the cache.

The address is never stored: the cache key is a keyed hash of it, and the entry expires after
the minute it counts. A refusal is logged with its reason and the campaign, nothing personal.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.core.cache import cache

from .keys import keyed

log = logging.getLogger("cchc.surveys")
WINDOW = 60


def hit(kind: str, ident: str, limit: int) -> bool:
    """Count one attempt; True while within `limit` in the current minute (the public
    dossier lookup counts with it too, under its own `kind`)."""
    bucket = int(time.time() // WINDOW)
    key = f"survey-rate:{kind}:{keyed('rate-' + kind, ident)[:32]}:{bucket}"
    if cache.add(key, 1, WINDOW + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW + 5)
            count = 1
    return count <= limit


def allow(*, address: str, device_id: int | None, campaign_id: int) -> bool:
    if device_id is not None:
        ok = hit("device", str(device_id), settings.SURVEY_RATE_PER_DEVICE)
        reason = "device"
    else:
        ok = hit("address", address or "-", settings.SURVEY_RATE_PER_ADDRESS)
        reason = "address"
    if not ok:
        log.warning("survey answer refused: rate limit per %s, campaign %s", reason, campaign_id)
    return ok
