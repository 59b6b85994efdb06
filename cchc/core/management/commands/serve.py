"""`cchc serve`: serve an existing database with a production-grade WSGI server: waitress in one
process, or gunicorn with `--workers` (`CCHC_WORKERS`) processes (cchc/core/servers.py)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS

from cchc.console import BaseCommand, migrations_pending
from cchc.demo import DEMO_PASSWORD


def users_with_demo_password() -> list[str]:
    """Accounts still protected by the demo password (checked on the demo logins and admins:
    the password validators stop anyone else from choosing so short a password)."""
    from cchc.org.demo import LOGINS
    from cchc.org.models import User

    names = {login[0] for login in LOGINS} | {"admin"}
    candidates = User.objects.filter(is_active=True).filter(
        username__in=names
    ) | User.objects.filter(is_active=True, is_superuser=True)
    return sorted(u.username for u in candidates.distinct() if u.check_password(DEMO_PASSWORD))


class Command(BaseCommand):
    help = "Chạy máy chủ web (HOST, PORT từ biến môi trường)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("CCHC_THREADS", "8")),
            help="Số luồng phục vụ của mỗi tiến trình (mặc định: CCHC_THREADS hoặc 8).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("CCHC_WORKERS", "1")),
            help="Số tiến trình (lớn hơn 1: chạy bằng gunicorn, chỉ trên Linux).",
        )

    def handle(self, *args, threads: int, workers: int, **options):
        if migrations_pending(DEFAULT_DB_ALIAS):
            # a first start makes every table: a minute on an old PC, said before it begins
            self.stdout.write("Đang tạo hoặc cập nhật cơ sở dữ liệu (lần đầu có thể mất vài phút)…")
            self.stdout.flush()
        call_command("migrate", interactive=False, verbosity=0)
        if settings.PRODUCTION:
            weak = users_with_demo_password()
            if weak:
                raise CommandError(
                    "Từ chối khởi động: các tài khoản sau vẫn dùng mật khẩu mẫu 'demo': "
                    + ", ".join(weak)
                    + ". Đổi mật khẩu hoặc khóa các tài khoản này trước."
                )
            call_command("collectstatic", interactive=False, verbosity=0)
        from cchc.core import servers
        from cchc.wsgi import application

        host = os.environ.get("HOST", "127.0.0.1")
        port = int(os.environ.get("PORT", "8000"))
        self.stdout.write(
            f"Đang phục vụ tại http://{host}:{port}/ ({workers} tiến trình × {threads} luồng; "
            "Ctrl+C để dừng)"
        )
        if workers > 1:
            options = servers.gunicorn_options(host, port, workers, threads)
            servers.run_gunicorn(application, options)
        else:
            servers.run_waitress(application, host, port, threads)
