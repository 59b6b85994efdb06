"""Run what was queued for `cchc worker`, in the test's own process and transaction."""

from __future__ import annotations


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
