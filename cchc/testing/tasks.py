"""Run what was queued for `cchc worker`, in the test's own process and transaction."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, connections


def run_queued() -> int:
    """Run every task ready in the database queue, oldest first, as the worker would (minus
    the worker's own transaction handling); returns how many ran."""
    from django_tasks_db.models import DBTaskResult

    ran = 0
    while True:
        row = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        if row is None:
            return ran
        row.claim("test")
        try:
            value = row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        except Exception as exc:
            row.set_failed(exc)
            raise
        row.set_successful(value)
        ran += 1


class Worker(threading.Thread):
    """`cchc worker` in miniature, for browser tests: runs what is queued until stopped. With
    SQLite in memory it shares the test's connection, as the live server does."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.shared = connections["default"] if connection.vendor == "sqlite" else None
        self.stop, self.failed = threading.Event(), None

    def run(self) -> None:
        if self.shared is not None:
            connections["default"] = self.shared
        try:
            while not self.stop.is_set():
                run_queued()
                time.sleep(0.2)
        except Exception as exc:  # reported by `running`
            self.failed = exc
        finally:
            if self.shared is None:
                connection.close()


@contextmanager
def worker_running() -> Iterator[Worker]:
    """A worker thread for the length of the block; its error, if any, fails the test."""
    worker = Worker()
    if worker.shared is not None:
        worker.shared.inc_thread_sharing()
    worker.start()
    try:
        yield worker
    finally:
        worker.stop.set()
        worker.join(120)
        if worker.shared is not None:
            worker.shared.dec_thread_sharing()
    if worker.failed is not None:
        raise worker.failed
