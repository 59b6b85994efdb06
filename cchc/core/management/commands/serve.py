"""`cchc serve`: serve an existing database with a production-grade WSGI server (waitress)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

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


def proxy_options() -> dict:
    """Behind the TLS proxy on this machine (docs/deploy.md), waitress takes the scheme from its
    X-Forwarded-Proto; otherwise waitress drops that header and every HTTPS request looked like
    plain HTTP to Django, which redirected it to HTTPS again, for ever."""
    if not settings.SECURE_PROXY_SSL_HEADER:
        return {}
    return {
        "trusted_proxy": os.environ.get("CCHC_PROXY_ADDRESS", "127.0.0.1"),
        "trusted_proxy_headers": {"x-forwarded-proto"},
        "clear_untrusted_proxy_headers": True,
    }


class Command(BaseCommand):
    help = "Chạy máy chủ web (HOST, PORT từ biến môi trường)."

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int, default=int(os.environ.get("CCHC_THREADS", "8")))

    def handle(self, *args, threads: int, **options):
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
        from waitress import serve

        from cchc.wsgi import application

        host = os.environ.get("HOST", "127.0.0.1")
        port = int(os.environ.get("PORT", "8000"))
        self.stdout.write(f"Đang phục vụ tại http://{host}:{port}/ (Ctrl+C để dừng)")
        serve(application, host=host, port=port, threads=threads, ident="cchc", **proxy_options())
