"""The two ways `cchc serve` runs the site: waitress in one process (the demo, any system), or
gunicorn with several processes (production on Linux, `CCHC_WORKERS` > 1).

Python runs one thread at a time per process, so one process keeps at most one core busy
however many threads it has: on a 2-core server a single waitress process left a core idle
while requests queued (bench/load/RESULTS.md). Gunicorn forks `workers` processes of
`threads` threads each, all on one address (decision 0098).
"""

from __future__ import annotations

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


def run_waitress(application, host: str, port: int, threads: int) -> None:
    from waitress import serve

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
    Server().run()
