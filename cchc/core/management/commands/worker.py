"""`cchc worker`: run the periodic jobs (core/periodic.py) and process the task queue.

It is django_tasks_db's `db_worker` with one addition: between batches of queued tasks it
enqueues the periodic jobs whose time has come. `--once` enqueues what is due, runs
everything queued and exits (for tests and for a cron line instead of a daemon).
"""

from __future__ import annotations

import threading
import time

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from cchc.console import BaseCommand, explain
from cchc.core.periodic import enqueue_due


class PeriodicWorker(Worker):
    def __init__(self, *, once: bool, **kwargs):
        super().__init__(**kwargs)
        self.once = once

    def run(self) -> None:
        first = True
        while self.running:
            enqueue_due()
            self.batch = True
            self.startup_delay = self.startup_delay and first
            first = False
            super().run()  # in batch mode: runs what is queued, returns when the queue is empty
            finished = self.max_tasks is not None and self._run_tasks >= self.max_tasks
            if self.once or finished or not self.running:
                return
            time.sleep(self.interval)


def start_in_thread(worker_id: str = "serve") -> threading.Thread:
    """The worker in a daemon thread of this process (no signal handling): `cchc demo` runs
    it beside the web server, so a dossier upload is imported without a second command."""
    worker = PeriodicWorker(
        once=False,
        queue_names=["default"],
        interval=5.0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=worker.run, name=f"cchc-worker-{worker_id}", daemon=True)
    thread.start()
    return thread


# The options django-tasks-db's worker adds, said in Vietnamese.
WORKER_HELP = {
    "--queue-name": "Các hàng đợi cần xử lý, cách nhau bằng dấu phẩy; '*' là tất cả "
    "(mặc định: %(default)s).",
    "--exclude-queues": "Các hàng đợi bỏ qua, cách nhau bằng dấu phẩy.",
    "--interval": "Số giây chờ khi hàng đợi trống trước khi xem lại (mặc định: %(default)s).",
    "--batch": "Xử lý hết các việc đang chờ rồi thoát (có thể kèm --max-tasks).",
    "--reload": "Chạy lại khi mã nguồn thay đổi (không dùng khi triển khai thật).",
    "--backend": "Hệ thống hàng đợi dùng (mặc định: %(default)s).",
    "--no-startup-delay": "Không chờ một chút khi khởi động.",
    "--max-tasks": "Xử lý nhiều nhất bấy nhiêu việc rồi thoát.",
    "--worker-id": "Mã của tiến trình, không trùng với tiến trình nào khác (mặc định: tự tạo).",
}


class Command(BaseCommand, DbWorkerCommand):
    help = "Chạy các việc định kỳ (nhắc việc, gửi email) và xử lý hàng đợi công việc nền."

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--once",
            action="store_true",
            help="Chạy các việc đến hạn và hàng đợi một lần rồi thoát.",
        )
        parser.set_defaults(interval=5.0, reload=False)
        explain(parser, WORKER_HELP)

    def handle(self, *, verbosity, queue_name, interval, backend_name, startup_delay, max_tasks,
               worker_id, once, **options) -> None:  # fmt: skip
        self.configure_logging(verbosity)
        worker = PeriodicWorker(
            once=once,
            queue_names=queue_name.split(","),
            interval=interval,
            batch=True,
            backend_name=backend_name,
            startup_delay=startup_delay and not once,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        if not once:
            worker.configure_signals()
        worker.run()
