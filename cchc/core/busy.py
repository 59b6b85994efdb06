"""A database too busy to take a write answers "try again", never a crash page.

SQLite has one writer at a time: a write that waits longer than the busy timeout fails with
"database is locked" (PostgreSQL's equivalents are a lock timeout and a deadlock). Nothing was
saved, and the same request a moment later will most likely pass, so the user is told exactly
that — a Vietnamese page inside the site, JSON for the API — with HTTP 503 and Retry-After.
"""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 10

# SQLite's messages, and PostgreSQL's SQLSTATE for lock timeouts (55P03) and deadlocks (40P01).
_SQLITE_BUSY = ("database is locked", "database table is locked", "database is busy")
_POSTGRES_BUSY = frozenset({"55P03", "40P01"})


def is_busy(exc: BaseException) -> bool:
    """Whether the error only means another writer held the database too long."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__
    if getattr(cause, "sqlstate", None) in _POSTGRES_BUSY:
        return True
    text = str(exc).lower()
    return any(message in text for message in _SQLITE_BUSY)


def busy_response(request: HttpRequest) -> HttpResponse:
    message = _(
        "The system is busy saving other changes. Nothing was saved: please try again in a "
        "few seconds."
    )
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=503)
    else:
        response = TemplateResponse(request, "503.html", {"message": message}, status=503)
        response.render()
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class BusyDatabaseMiddleware:
    """Turns a busy-database error raised by a view into the "try again" answer."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if is_busy(exception):
            return busy_response(request)
        return None
