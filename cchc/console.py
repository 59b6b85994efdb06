"""What the `cchc` command line says, in Vietnamese (decision 0168).

- `BaseCommand`: the base of every command of ours. Run from the command line, a refusal
  (CommandError) prints as "Lỗi: …" instead of Django's "CommandError: …", with the same exit
  code; `call_command` still raises the CommandError, and `--traceback` still shows it whole.
  The options Django adds to every command (--verbosity, --settings, …) are explained in
  Vietnamese in `--help`.
- `speak_vietnamese()`: argparse's own words ("usage:", "the following arguments are
  required", "invalid choice", …) from our catalogue `locale/vi/LC_MESSAGES/argparse.po`,
  whatever LANG the server has.
- `Utility`: `cchc`, `cchc help` and an unknown command answered in Vietnamese; our commands
  listed with their help, Django's by name.

This module imports nothing of the project (it is in the lowest layer, beside cchc.formats), so
a command of any app, cchc.audit's included, may use it.
"""

from __future__ import annotations

import argparse
import difflib
import gettext
import sys
import textwrap
from pathlib import Path
from typing import Any

from django.core import management
from django.core.management import base
from django.core.management.base import CommandError, SystemCheckError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

LOCALE = Path(__file__).resolve().parent / "locale"
REFUSAL = "Lỗi"
NOT_MIGRATED = (
    "Cơ sở dữ liệu chưa được tạo hoặc chưa được cập nhật. Chạy “cchc migrate” (hoặc “make demo” "
    "để có dữ liệu mẫu) rồi chạy lại lệnh."
)

# Django's explanation of the options every command takes, said in Vietnamese.
BASE_HELP = {
    "--version": "In phiên bản rồi thoát.",
    "--verbosity": "Mức chi tiết khi in: 0 = ít nhất, 1 = bình thường, 2 = chi tiết, "
    "3 = rất chi tiết.",
    "--settings": "Mô-đun cấu hình Python, ví dụ “cchc.settings”; không có thì lấy từ biến "
    "môi trường DJANGO_SETTINGS_MODULE.",
    "--pythonpath": "Thư mục thêm vào đường dẫn Python, ví dụ “/opt/cchc”.",
    "--traceback": "In toàn bộ vết lỗi khi lệnh báo lỗi (để gửi cho người hỗ trợ).",
    "--no-color": "Không tô màu khi in.",
    "--force-color": "Luôn tô màu khi in.",
    "--skip-checks": "Bỏ qua bước kiểm tra hệ thống.",
}


class BaseCommand(base.BaseCommand):
    """Django's BaseCommand whose refusals and common options read in Vietnamese."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any):
        # Named as typed: `cchc par-score`, not the module's par_score.
        parser = super().create_parser(prog_name, subcommand.replace("_", "-"), **kwargs)
        explain(parser, BASE_HELP)
        return parser

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            if options.get("force_color") and options.get("no_color"):
                raise CommandError("Không dùng --no-color cùng với --force-color.")
            try:
                return super().execute(*args, **options)
            except DatabaseError as error:
                if not migrations_pending(options.get("database") or DEFAULT_DB_ALIAS):
                    raise
                raise CommandError(NOT_MIGRATED) from error
        except CommandError as refusal:
            if not self._from_command_line(refusal, options):
                raise
            self.stderr.write(f"{REFUSAL}: {refusal}")
            sys.exit(refusal.returncode)

    def _from_command_line(self, refusal: CommandError, options: dict[str, Any]) -> bool:
        """Whether this refusal is ours to print: run from the command line (not
        `call_command`), without --traceback, and not the system checks' own report."""
        return (
            getattr(self, "_called_from_command_line", False)
            and not options.get("traceback")
            and not isinstance(refusal, SystemCheckError)
        )


def migrations_pending(alias: str) -> bool:
    """Whether the database lacks tables `cchc migrate` would make or bring up to date: a
    command meeting it is refused with `NOT_MIGRATED`, not a traceback ending "no such table:
    org_unit" (seen on a first day). A database that cannot be read at all (a server down)
    is not that: its own error stands."""
    try:
        executor = MigrationExecutor(connections[alias])
        return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    except DatabaseError:
        return False


def explain(parser: argparse.ArgumentParser, helps: dict[str, str]) -> None:
    """Say in Vietnamese what the options added elsewhere (by Django, by a library) are for;
    an option hidden from the help stays hidden."""
    for action in parser._actions:
        said = next((helps[name] for name in action.option_strings if name in helps), None)
        if said is not None and action.help is not argparse.SUPPRESS:
            action.help = said


def speak_vietnamese() -> None:
    """argparse's messages from our catalogue, whatever the server's LANG. argparse looks its
    words up through the names `_` and `ngettext` it imported from gettext."""
    catalogue = gettext.translation("argparse", localedir=LOCALE, languages=["vi"])
    argparse._ = catalogue.gettext  # type: ignore[attr-defined]
    argparse.ngettext = catalogue.ngettext  # type: ignore[attr-defined]


def spelt(name: str, app: str) -> str:
    """A command as typed: ours with dashes (import-plan), Django's as Django names them."""
    return name.replace("_", "-") if app.startswith("cchc") else name


def django_names() -> set[str]:
    """The commands Django itself ships (those we override, like flush, stay Django's)."""
    return set(management.find_commands(management.__path__[0]))


def ours_and_django() -> tuple[dict[str, str], list[str]]:
    """Our commands with their help, and the names of every other command."""
    ours: dict[str, str] = {}
    others: list[str] = []
    shipped = django_names()
    for name, app in sorted(management.get_commands().items()):
        if app.startswith("cchc") and name not in shipped:
            command = management.load_command_class(app, name)
            ours[spelt(name, app)] = str(command.help or "")
        else:
            others.append(name)
    return ours, others


def main_help(prog: str) -> str:
    ours, others = ours_and_django()
    width = max(map(len, ours), default=0) + 4
    lines = [
        f"Cách dùng: {prog} <lệnh> [tùy chọn]",
        f"Gõ “{prog} help <lệnh>” hoặc “{prog} <lệnh> --help” để xem cách dùng một lệnh.",
        "",
        "Các lệnh của hệ thống CCHC:",
    ]
    for name, said in ours.items():
        lines.append(
            textwrap.fill(
                said or "—",
                width=100,
                initial_indent=f"  {name:<{width}}",
                subsequent_indent=" " * (width + 2),
            )
        )
    lines += ["", "Các lệnh quản trị của Django (hướng dẫn bằng tiếng Anh):"]
    lines.append(
        textwrap.fill(", ".join(others), width=100, initial_indent="  ", subsequent_indent="  ")
    )
    return "\n".join(lines)


class Utility(management.ManagementUtility):
    """Django's `django-admin` answering `cchc`, `cchc help` and an unknown command in
    Vietnamese."""

    def main_help_text(self, commands_only: bool = False) -> str:
        if commands_only:  # `cchc help --commands`, read by shell completion: names only
            return super().main_help_text(commands_only=True)
        return main_help(self.prog_name)

    def fetch_command(self, subcommand: str):
        commands = management.get_commands()
        if subcommand in commands or self.settings_exception is not None:
            return super().fetch_command(subcommand)
        typed = {spelt(name, app): name for name, app in commands.items()}
        asked = subcommand.replace("_", "-")
        close = difflib.get_close_matches(asked, list(typed))
        message = f"{REFUSAL}: không có lệnh “{asked}”."
        if close:
            message += f" Có phải là “{close[0]}”?"
        sys.stderr.write(f"{message}\nGõ “{self.prog_name} help” để xem các lệnh.\n")
        sys.exit(1)
