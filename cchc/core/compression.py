"""Pages and data sent compressed (gzip) when the browser accepts it, whoever serves them.

A commune office's PC on a slow intranet and a phone on 3G wait on every kilobyte: a plan page
of 45 tasks is ~75 kB of HTML and ~10 kB gzipped. nginx (docs/deploy.md) compresses only what
its `gzip_types` names, and a site run by `cchc serve` alone has nobody to compress it; so the
application does it for text (HTML, JSON, CSV, plain text). Excel, Word, PDF and images are
already compressed: they pass as they are. Static files are whitenoise's, compressed once at
`collectstatic` (decision 0160). Django's middleware pads each response with random bytes
against BREACH (Django 4.2+), and the CSRF token is masked per response.
"""

from __future__ import annotations

from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")


class CompressTextMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        kind = response.get("Content-Type", "")
        if not kind.startswith(TEXT_TYPES):
            return response
        return super().process_response(request, response)
