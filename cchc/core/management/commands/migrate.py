"""Django's `migrate`, saying what it does in Vietnamese.

`cchc migrate` is the first command an administrator runs on a new server (README), and Django
prints its progress in English ("Operations to perform:", "Applying plans.0001_initial... OK").
The work is Django's own; only the words change: each line Django writes is matched against the
sentences below and said in Vietnamese, and a line not listed (a new Django's) passes as it is.
Its refusals read "Lỗi: …" like every command of ours (cchc/console.py).
"""

from __future__ import annotations

import re
import time

from django.core.management.base import CommandError, OutputWrapper
from django.core.management.commands.migrate import Command as DjangoMigrate

from cchc.console import BaseCommand

SAID = [
    (re.compile(r"Operations to perform:"), "Việc cần làm:"),
    (re.compile(r"Apply all migrations: "), "Cập nhật cấu trúc dữ liệu của: "),
    (re.compile(r"Synchronize unmigrated apps: "), "Tạo bảng cho các phần không có bản cập nhật: "),
    (re.compile(r"Target specific migration: (\S+), from (\S+)"), r"Đưa \2 về bản cập nhật \1"),
    (re.compile(r"Unapply all migrations: "), "Bỏ mọi bản cập nhật cấu trúc của: "),
    (
        re.compile(r"Synchronizing apps without migrations:"),
        "Tạo bảng cho các phần không có bản cập nhật:",
    ),
    (re.compile(r"Creating tables\.\.\."), "Đang tạo bảng…"),
    (re.compile(r"Creating table (\S+)"), r"Tạo bảng \1"),
    (re.compile(r"Running deferred SQL\.\.\."), "Đang chạy các lệnh SQL còn lại…"),
    (re.compile(r"Running migrations:"), "Đang cập nhật cơ sở dữ liệu:"),
    (re.compile(r"Planned operations:"), "Các bước sẽ làm:"),
    (re.compile(r"No planned migration operations\."), "Không có bước nào phải làm."),
    # Django's refusals, printed "Lỗi: …" (cchc/console.py)
    (re.compile(r"No installed app with label '([^']*)'\."), r"Không có phần nào tên “\1”."),
    (re.compile(r"App '([^']*)' does not have migrations\."), r"Phần “\1” không có bản cập nhật."),
    (
        re.compile(r"Cannot find a migration matching '([^']*)' from app '([^']*)'\."),
        r"Không thấy bản cập nhật “\1” của phần “\2”.",
    ),
    (
        re.compile(
            r"More than one migration matches '([^']*)' in app '([^']*)'\. Please be "
            r"more specific\."
        ),
        r"Có nhiều bản cập nhật khớp “\1” trong phần “\2”: hãy ghi đầy đủ tên.",
    ),
    (
        re.compile(r"No migrations to apply\."),
        "Cơ sở dữ liệu đã ở bản mới nhất, không có gì phải cập nhật.",
    ),
    (
        re.compile(
            r"Your models in app\(s\): (.+) have changes that are not yet reflected in a "
            r"migration, and so won't be applied\."
        ),
        r"Mô hình dữ liệu của \1 có thay đổi chưa có bản cập nhật (migration) nên chưa được "
        "áp dụng.",
    ),
    (
        re.compile(
            r"Run 'manage\.py makemigrations' to make new migrations, and then re-run "
            r"'manage\.py migrate' to apply them\."
        ),
        "Chạy “cchc makemigrations” để tạo bản cập nhật rồi chạy lại “cchc migrate”.",
    ),
]


def in_vietnamese(text: str) -> str:
    for english, vietnamese in SAID:
        text = english.sub(vietnamese, text)
    return text


class _Said(OutputWrapper):
    """Django's output wrapper, each line said in Vietnamese before it is written."""

    def write(self, msg: str = "", style_func=None, ending=None) -> None:
        super().write(in_vietnamese(msg), style_func, ending)


OPTIONS = {
    "--noinput": "Không hỏi gì (khi cài đặt tự động).",
    "--database": "Cơ sở dữ liệu cần cập nhật (mặc định “default”).",
    "--fake": "Chỉ ghi nhận là đã chạy, không đổi cấu trúc (chỉ dùng khi được hướng dẫn).",
    "--fake-initial": "Bỏ qua bản cập nhật đầu tiên của phần nào đã có bảng (chỉ dùng khi được "
    "hướng dẫn).",
    "--plan": "Chỉ in các bước sẽ làm, không cập nhật.",
    "--run-syncdb": "Tạo bảng cho các phần không có bản cập nhật.",
    "--check": "Không cập nhật; trả mã lỗi khác 0 nếu còn bản cập nhật chưa chạy.",
    "--prune": "Xóa khỏi bảng django_migrations các bản cập nhật không còn tồn tại.",
    "app_label": "Chỉ cập nhật phần này (ví dụ “plans”).",
    "migration_name": "Đưa phần đó về đúng bản cập nhật này; “zero” để bỏ mọi bản cập nhật.",
}


class Command(BaseCommand, DjangoMigrate):
    help = "Tạo hoặc cập nhật cấu trúc cơ sở dữ liệu (chạy khi cài đặt và sau mỗi lần nâng cấp)."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        for action in parser._actions:
            said = OPTIONS.get(action.dest) or next(
                (OPTIONS[name] for name in action.option_strings if name in OPTIONS), None
            )
            if said:
                action.help = said
        return parser

    def handle(self, *args, **options):
        # here, not in execute(): call_command gives its own stdout to execute()
        out = self.stdout
        self.stdout = _Said(out._out, ending=out.ending)
        self.stdout.style_func = out.style_func
        try:
            return super().handle(*args, **options)
        except CommandError as refusal:
            said = in_vietnamese(str(refusal))
            raise CommandError(said, returncode=refusal.returncode) from refusal
        finally:
            self.stdout = out

    def migration_progress_callback(self, action, migration=None, fake=False) -> None:
        if self.verbosity < 1:
            return
        timed = self.verbosity > 1
        if action.endswith("_start"):
            self.start = time.monotonic()
            doing = {"apply_start": "Cập nhật", "unapply_start": "Bỏ bản cập nhật",
                     "render_start": "Dựng trạng thái các mô hình"}[action]  # fmt: skip
            self.stdout.write(f"  {doing} {migration or ''}".rstrip() + "…", ending="")
            self.stdout.flush()
            return
        took = f" ({time.monotonic() - self.start:.3f} giây)" if timed else ""
        done = " đánh dấu đã chạy (không đổi dữ liệu)" if fake else " xong"
        self.stdout.write(self.style.SUCCESS(done + took))
