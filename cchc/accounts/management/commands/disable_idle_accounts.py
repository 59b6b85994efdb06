"""`cchc disable-idle-accounts [--days N] [--dry-run]`: disable the accounts without a login for
N days (default CCHC_IDLE_ACCOUNT_DAYS, 45) and tell their units' administrators. The worker
runs the same rule daily (cchc/accounts/idle.py)."""

from django.conf import settings
from django.core.management.base import CommandError

from cchc.accounts import idle
from cchc.console import BaseCommand


class Command(BaseCommand):
    help = "Khóa các tài khoản không đăng nhập trong N ngày và báo quản trị viên của đơn vị."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="số ngày không đăng nhập (mặc định 45)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ liệt kê, không khóa tài khoản nào"
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.IDLE_ACCOUNT_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days phải là số nguyên dương.")
        outcome = idle.disable_idle(days, dry_run=dry_run)
        verb = "Sẽ khóa" if dry_run else "Đã khóa"
        for username in outcome.disabled:
            self.stdout.write(f"{verb}: {username}")
        self.stdout.write(
            f"{verb} {len(outcome.disabled)} tài khoản không đăng nhập trong {days} ngày"
            + ("." if dry_run else f"; đã báo {outcome.notified} quản trị viên.")
        )
