"""The two ways `cchc serve` runs the site: waitress in one process (the demo, any system), or
gunicorn with several processes (production on Linux, `CCHC_WORKERS` > 1).

Python runs one thread at a time per process, so one process keeps at most one core busy
however many threads it has: on a 2-core server a single waitress process left a core idle
while requests queued (bench/load/RESULTS.md). Gunicorn forks `workers` processes of
`threads` threads each, all on one address (decision 0098).
"""

from __future__ import annotations

import gc
import os

from django.conf import settings
from django.db import connections


def proxy_address() -> str:
    return os.environ.get("CCHC_PROXY_ADDRESS", "127.0.0.1")


def waitress_proxy_options() -> dict:
    """Behind the TLS proxy on this machine (docs/deploy.md), waitress takes the scheme from its
    X-Forwarded-Proto; otherwise waitress drops that header and every HTTPS request looked like
    plain HTTP to Django, which redirected it to HTTPS again, for ever."""
    if not settings.SECURE_PROXY_SSL_HEADER:
        return {}
    return {
        "trusted_proxy": proxy_address(),
        "trusted_proxy_headers": {"x-forwarded-proto"},
        "clear_untrusted_proxy_headers": True,
    }


def gunicorn_options(host: str, port: int, workers: int, threads: int) -> dict:
    """Gunicorn's settings: threaded workers, the forwarded scheme trusted from the proxy only,
    errors to the standard error (the service's log), a slow request cut after 120 s."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "forwarded_allow_ips": proxy_address() if settings.SECURE_PROXY_SSL_HEADER else "",
        "timeout": 120,
        "graceful_timeout": 30,
        "errorlog": "-",
        "proc_name": "cchc",
    }


def settle() -> int:
    """Before the first request: every view module imported (the URL patterns read), then
    what start-up made — Django, the apps and their modules, ~160,000 objects — set out of
    the garbage collector's sight (`gc.freeze`); returns how many. A full collection walked
    them all (70 ms on the bench machine, once every five or so requests of a province's
    pages: bench/scale/RESULTS.md); now it walks what the requests made. Under gunicorn this
    runs before the processes are forked, so they go on sharing those pages of memory rather
    than each copying the ones the collector wrote to."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every app's views)
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def run_waitress(application, host: str, port: int, threads: int) -> None:
    from waitress import serve

    settle()
    serve(application, host=host, port=port, threads=threads, ident="cchc",
          **waitress_proxy_options())  # fmt: skip


def run_gunicorn(application, options: dict) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    # The checks before starting opened a database connection: forked processes must not
    # share its socket, so each opens its own.
    connections.close_all()
    settle()
    Server().run()
