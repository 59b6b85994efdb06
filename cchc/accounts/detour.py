"""A signed-in user sent to a page they must pass first, then back (`?next=`).

The two-step check and the admin's password confirmation both stop a request this way; each
says only when and where to (`detour`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from django.shortcuts import redirect
from django.utils.http import urlencode


class DetourMiddleware(ABC):
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            target = self.detour(request, user)
            if target:
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @abstractmethod
    def detour(self, request, user) -> str | None:
        """The page to pass first, or None to serve the request (each middleware says)."""
