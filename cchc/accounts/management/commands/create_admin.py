"""`cchc create-admin`: the installation's first administrator, asked for in Vietnamese (login
name, full name, email if any, the password twice, checked by the site's password rules), or
read without a question for a scripted install: `--username`, `--full-name`, `--email` (or
CCHC_ADMIN_USERNAME, CCHC_ADMIN_FULL_NAME, CCHC_ADMIN_EMAIL) and the password from
CCHC_ADMIN_PASSWORD only — a flag would leave it in the shell's history and the process list.
The account is recorded in the change history as created (decision 0164)."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email
from django.utils import translation

from cchc.accounts import actions
from cchc.console import BaseCommand
from cchc.org.models import User

STOPPED = "Đã dừng: chưa tạo tài khoản nào."


def username_problems(username: str) -> list[str]:
    if not username:
        return ["Chưa có tên đăng nhập."]
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError as error:
        return list(error.messages)
    if User.objects.filter(username=username).exists():
        return [f"Đã có tài khoản “{username}”: chọn tên đăng nhập khác."]
    return []


def email_problems(email: str) -> list[str]:
    if not email:
        return []
    try:
        validate_email(email)
    except ValidationError:
        return ["Địa chỉ email không hợp lệ (ví dụ đúng: ten@tayninh.gov.vn)."]
    return []


def password_problems(password: str, again: str, person: User) -> list[str]:
    if not password:
        return ["Chưa có mật khẩu."]
    if password != again:
        return ["Hai lần nhập mật khẩu không giống nhau."]
    try:
        password_validation.validate_password(password, user=person)
    except ValidationError as error:
        return list(error.messages)
    return []


class Command(BaseCommand):
    help = (
        "Tạo tài khoản quản trị (toàn quyền) đầu tiên: hỏi bằng tiếng Việt, hoặc đọc tham số và "
        "biến môi trường khi cài đặt tự động (--no-input, mật khẩu trong CCHC_ADMIN_PASSWORD)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", help="tên đăng nhập (hoặc CCHC_ADMIN_USERNAME)")
        parser.add_argument("--full-name", help="họ và tên (hoặc CCHC_ADMIN_FULL_NAME)")
        parser.add_argument("--email", help="địa chỉ email, có thể bỏ trống (CCHC_ADMIN_EMAIL)")
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="không hỏi gì: thiếu hoặc sai thì báo lỗi (mật khẩu: CCHC_ADMIN_PASSWORD)",
        )

    def handle(self, *args, interactive=True, **options):
        given = {
            "username": options.get("username") or os.environ.get("CCHC_ADMIN_USERNAME", ""),
            "full_name": options.get("full_name") or os.environ.get("CCHC_ADMIN_FULL_NAME", ""),
            "email": options.get("email") or os.environ.get("CCHC_ADMIN_EMAIL", ""),
            "password": os.environ.get("CCHC_ADMIN_PASSWORD", ""),
        }
        # the password rules speak the site's language (the catalogue's Vietnamese)
        with translation.override("vi"):
            try:
                values = self.asked(given) if interactive else self.checked(given)
            except (KeyboardInterrupt, EOFError):
                raise CommandError(STOPPED) from None
        user = actions.create_admin(**values)
        self.stdout.write(
            f"Đã tạo tài khoản quản trị “{user.username}”"
            + (f" ({user.full_name})" if user.full_name else "")
            + ". Đăng nhập tại /accounts/login/ rồi vào Quản trị để thêm đơn vị và người dùng."
        )

    def checked(self, given: dict[str, str]) -> dict[str, str]:
        """The values as given, every problem reported at once (a scripted install)."""
        username, password = given["username"].strip(), given["password"]
        person = User(username=username, full_name=given["full_name"], email=given["email"])
        problems = [
            *username_problems(username),
            *email_problems(given["email"].strip()),
            *password_problems(password, password, person),
        ]
        if problems:
            raise CommandError(
                "Chưa tạo tài khoản:\n- "
                + "\n- ".join(problems)
                + "\n(không hỏi gì vì có --no-input; mật khẩu đọc từ CCHC_ADMIN_PASSWORD)"
            )
        return {**given, "username": username, "email": given["email"].strip()}

    def asked(self, given: dict[str, str]) -> dict[str, str]:
        """Each value asked until it is right; one given (flag or environment) is kept."""
        username = self.ask_until("Tên đăng nhập: ", username_problems, given["username"])
        full_name = given["full_name"] or input("Họ và tên: ").strip()
        email = self.ask_until(
            "Email (có thể bỏ trống, Enter để bỏ qua): ", email_problems, given["email"]
        )
        person = User(username=username, full_name=full_name, email=email)
        password = given["password"]
        if password and password_problems(password, password, person):
            self.stderr.write(
                "Mật khẩu trong CCHC_ADMIN_PASSWORD không dùng được: nhập mật khẩu khác."
            )
            password = ""
        while not password:
            self.stdout.write("(khi gõ mật khẩu, màn hình không hiện ký tự nào)")
            typed = getpass.getpass("Mật khẩu: ")
            again = getpass.getpass("Nhập lại mật khẩu: ")
            problems = password_problems(typed, again, person)
            for problem in problems:
                self.stderr.write(problem)
            password = "" if problems else typed
        return {"username": username, "full_name": full_name, "email": email, "password": password}

    def ask_until(self, prompt: str, problems: Callable[[str], list[str]], value: str) -> str:
        value = value.strip()
        while True:
            if value:  # given, or typed: empty is right only where it is optional
                found = problems(value)
                if not found:
                    return value
                for problem in found:
                    self.stderr.write(problem)
            value = input(prompt).strip()
            if not value:
                if not problems(value):
                    return value
                for problem in problems(value):
                    self.stderr.write(problem)
