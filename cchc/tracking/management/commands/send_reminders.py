"""`cchc send-reminders`: create today's reminders and send their emails, for cron.

Safe to run as often as wanted: an event already reminded is not reminded again.
"""

from __future__ import annotations

from cchc.console import BaseCommand
from cchc.core import arguments
from cchc.notifications import mail
from cchc.tracking import reminders


class Command(BaseCommand):
    help = "Gửi nhắc việc (sắp đến hạn, quá hạn, báo lãnh đạo/cấp trên, bản tin tuần) và email."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Chạy như thể hôm nay là ngày này (YYYY-MM-DD), để kiểm tra."
        )

    def handle(self, *args, date: str | None, **options):
        today = arguments.day(date, "--date") if date else None
        outcome = reminders.run(today)
        delivered = mail.deliver_pending()
        kinds = ", ".join(f"{kind}: {n}" for kind, n in sorted(outcome.created.items()))
        self.stdout.write(
            f"Đã gửi {outcome.total} nhắc việc" + (f" ({kinds})" if kinds else "") + "."
        )
        self.stdout.write(
            f"Email: {delivered.sent} đã gửi, {delivered.retrying} lỗi sẽ thử lại, "
            f"{delivered.failed} lỗi đã thử hết số lần."
        )
