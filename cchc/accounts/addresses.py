"""The client's address, as the lockout and the audit trail see it.

Without configuration it is the connection's address (REMOTE_ADDR). Behind a reverse proxy
every request comes from the proxy, so the administrator names the header the proxy sets
(`CCHC_TRUSTED_PROXY_HEADER`, e.g. `X-Forwarded-For` or `X-Real-IP`). Only then is the header
read, and only its right-most address: that is the one our proxy wrote; anything to its left
came from the client and could be invented.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _meta_key(header: str) -> str:
    return "HTTP_" + header.strip().upper().replace("-", "_")


def _valid(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_address(request) -> str | None:
    if request is None:
        return None
    meta = request.META
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if header:
        raw = meta.get(_meta_key(header), "")
        if raw:
            forwarded = _valid(raw.split(",")[-1])
            if forwarded:
                return forwarded
    return _valid(meta.get("REMOTE_ADDR", "") or "")
