"""`cchc create-admin`: the first administrator is made on the server by a command that asks in
Vietnamese, refuses a weak password with the site's rules in Vietnamese, runs without a
question for a scripted install, and leaves an entry in the change history."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.audit.models import AuditEvent
from cchc.org.models import User
from cchc.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

STRONG = "Ruong-lua-chin-vang-7"


@pytest.fixture
def typed(monkeypatch):
    """What the administrator types: answers to plain questions, then passwords; the prompts
    seen are kept."""
    prompts: list[str] = []

    def answering(answers, passwords):
        answers, passwords = iter(answers), iter(passwords)

        def answer(prompt=""):
            prompts.append(prompt)
            return next(answers)

        def password(prompt=""):
            prompts.append(prompt)
            return next(passwords)

        monkeypatch.setattr("builtins.input", answer)
        monkeypatch.setattr("getpass.getpass", password)
        return prompts

    return answering


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_admin", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_questions_are_vietnamese_and_a_superuser_is_made(typed):
    prompts = typed(["quantri", "Nguyễn Văn An", "an@tayninh.gov.vn"], [STRONG, STRONG])
    out, _ = run()
    assert prompts == [
        "Tên đăng nhập: ",
        "Họ và tên: ",
        "Email (có thể bỏ trống, Enter để bỏ qua): ",
        "Mật khẩu: ",
        "Nhập lại mật khẩu: ",
    ]
    admin = User.objects.get(username="quantri")
    assert admin.is_superuser and admin.is_staff and admin.is_active
    assert admin.full_name == "Nguyễn Văn An" and admin.email == "an@tayninh.gov.vn"
    assert admin.check_password(STRONG)
    assert "Đã tạo tài khoản quản trị “quantri” (Nguyễn Văn An)" in out


def test_a_weak_or_mistyped_password_is_refused_in_vietnamese_and_asked_again(typed):
    typed(["quantri", "", ""], ["12345678", "12345678", STRONG, "khac", STRONG, STRONG])
    _, err = run()
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in err
    assert "Mật khẩu này hoàn toàn là số." in err
    assert "Hai lần nhập mật khẩu không giống nhau." in err
    assert "Password" not in err and "password" not in err
    assert User.objects.get(username="quantri").check_password(STRONG)


def test_a_login_name_already_taken_is_asked_again(typed):
    UserFactory(username="admin")
    typed(["admin", "quantri", "", ""], [STRONG, STRONG])
    _, err = run()
    assert "Đã có tài khoản “admin”: chọn tên đăng nhập khác." in err
    assert User.objects.get(username="quantri").is_superuser
    assert not User.objects.get(username="admin").is_superuser


def test_a_scripted_install_asks_nothing(monkeypatch, typed):
    prompts = typed([], [])
    monkeypatch.setenv("CCHC_ADMIN_PASSWORD", STRONG)
    monkeypatch.setenv("CCHC_ADMIN_EMAIL", "qt@tayninh.gov.vn")
    run("--no-input", "--username", "quantri", "--full-name", "Trần Thị Bình")
    assert prompts == []
    admin = User.objects.get(username="quantri")
    assert admin.is_superuser and admin.email == "qt@tayninh.gov.vn"
    assert admin.full_name == "Trần Thị Bình" and admin.check_password(STRONG)


def test_a_scripted_install_with_a_weak_password_stops_and_says_why(monkeypatch, typed):
    typed([], [])
    monkeypatch.setenv("CCHC_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError) as refused:
        run("--no-input", "--username", "quantri")
    assert "Chưa tạo tài khoản" in str(refused.value)
    assert "Mật khẩu quá ngắn: cần ít nhất 10 ký tự." in str(refused.value)
    assert not User.objects.filter(username="quantri").exists()


def test_the_creation_is_in_the_change_history_without_the_password(monkeypatch):
    monkeypatch.setenv("CCHC_ADMIN_PASSWORD", STRONG)
    run("--no-input", "--username", "quantri", "--full-name", "Nguyễn Văn An")
    event = AuditEvent.objects.get(action="user.create")
    assert event.object_repr == "Nguyễn Văn An"
    assert event.after["username"] == "quantri" and event.after["is_superuser"] is True
    assert "password" not in event.after
    assert event.reason == "cchc create-admin"
