"""Every page in Vietnamese, whatever language the browser asks for.

Django's `LocaleMiddleware` picks the language from the browser's Accept-Language header: an
office PC whose Chrome was set up in English got every page, form and message in English
(the English message ids), although the site is written for Vietnamese officials and
citizens and its catalogue is complete only in Vietnamese. This middleware takes its place
and activates `settings.LANGUAGE_CODE` for each request; code that must write in another
language says so with `translation.override` (decision 0141).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class SiteLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # set for each request: a thread of the server keeps what the last one activated
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)  # type: ignore[attr-defined]
        return response
