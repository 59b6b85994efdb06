"""`cchc demo`: create the database if needed, load the demo, print logins, serve."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cchc.console import BaseCommand
from cchc.core.management.commands.worker import start_in_thread
from cchc.demo import DEMO_PASSWORD, load_demo
from cchc.org.models import User


class Command(BaseCommand):
    help = "Tạo cơ sở dữ liệu, nạp dữ liệu mẫu và chạy máy chủ (dữ liệu có sẵn được giữ lại)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Xóa dữ liệu cũ, nạp lại từ đầu.")
        parser.add_argument("--no-serve", action="store_true", help="Nạp dữ liệu rồi thoát.")

    def handle(self, *args, reset: bool, no_serve: bool, **options):
        if settings.PRODUCTION:
            raise CommandError("Không chạy dữ liệu mẫu khi CCHC_ENV=production.")
        if reset:
            self._reset()
        call_command("migrate", interactive=False, verbosity=0)
        ctx = load_demo(self.stdout)
        port = int(os.environ.get("PORT", "8000"))
        host = os.environ.get("HOST", "127.0.0.1")
        shown_host = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Địa chỉ: http://{shown_host}:{port}/"))
        self.stdout.write(f"Mật khẩu của mọi tài khoản mẫu: {DEMO_PASSWORD}")
        width = max(len(u) for u, _w, _s in ctx.logins)
        for username, who, scope in ctx.logins:
            self.stdout.write(f"  {username.ljust(width)}  {who} — phạm vi: {scope}")
        staff = User.objects.filter(is_staff=True, is_superuser=False).order_by("username")
        if staff:
            names = ", ".join(person.username for person in staff)
            self.stdout.write(f"Xem trang quản trị /admin/ trong phạm vi của mình: {names}")
        if not no_serve:
            # the background work (web dossier imports, reminders) beside the demo's server
            start_in_thread("demo")
            self.stdout.write("Việc nền (nhập hồ sơ, nhắc việc) chạy cùng máy chủ.")
            call_command("serve")

    def _reset(self) -> None:
        db = settings.DATABASES["default"]
        if db["ENGINE"].endswith("sqlite3"):
            connection.close()
            for suffix in ("", "-wal", "-shm"):
                path = Path(str(db["NAME"]) + suffix)
                if path.exists():
                    path.unlink()
        else:
            call_command("flush", interactive=False, verbosity=0)
