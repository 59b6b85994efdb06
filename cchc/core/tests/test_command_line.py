"""The `cchc` command line speaks Vietnamese (decision 0168): refusals, argparse's own words,
the list of commands and every command's help, whatever LANG the server has."""

import argparse
import ast
import gettext
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import management
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc import cli, console
from cchc.importer.tests.conftest import SEEDS

ARGPARSE_PO = console.LOCALE / "vi" / "LC_MESSAGES" / "argparse.po"


@pytest.fixture
def cchc(monkeypatch, capsys):
    """`cchc ARGS` run as the console script runs it; (exit code, stdout, stderr). argparse's
    words are put back afterwards, so other tests see it as Python ships it."""
    monkeypatch.setattr(argparse, "_", argparse._)
    monkeypatch.setattr(argparse, "ngettext", argparse.ngettext)

    def run(*args: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as stopped:
            cli.main(["cchc", *args])
            raise SystemExit(0)
        said = capsys.readouterr()
        return stopped.value.code or 0, said.out, said.err

    return run


def test_a_refusal_reads_in_vietnamese_with_its_exit_code_and_still_raises_in_code(cchc):
    code, _, err = cchc("disable-idle-accounts", "--days", "0")
    assert code == 1
    assert err.strip() == "Lỗi: --days phải là số nguyên dương."
    assert "CommandError" not in err
    # call_command and --traceback still see the CommandError itself
    with pytest.raises(CommandError, match="--days phải là số nguyên dương"):
        call_command("disable_idle_accounts", days=0)
    with pytest.raises(CommandError):
        cli.main(["cchc", "disable-idle-accounts", "--days", "0", "--traceback"])


def _script(tmp_path, *args: str, **more: str) -> subprocess.CompletedProcess:
    """The console script itself, with no LANG, LANGUAGE or LC_ALL at all (a bare service),
    on a database file not made yet; `more` adds to its environment."""
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CCHC_DATA_DIR": str(tmp_path / "data"),
        **more,
    }
    script = str(Path(sys.executable).with_name("cchc"))
    return subprocess.run(
        [script, *args], env=env, capture_output=True, encoding="utf-8", timeout=120
    )


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    # `cchc import-plan … --format json | head`: the reader has gone before the plan is written
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    script = str(Path(sys.executable).with_name("cchc"))
    [seed] = sorted(SEEDS.glob("000_*.txt"))
    process = subprocess.Popen(
        [script, "import-plan", str(seed), "--dry-run", "--format", "json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_a_missing_required_option_is_refused_in_vietnamese_whatever_the_servers_lang(tmp_path):
    done = _script(tmp_path, "par-score", "--year", "2024")
    assert done.returncode == 2
    assert done.stderr.startswith("Cách dùng: cchc par-score ")
    assert done.stderr.rstrip().endswith("cchc par-score: lỗi: thiếu tham số bắt buộc: --unit")
    assert "usage" not in done.stderr and "required" not in done.stderr


def test_a_command_before_cchc_migrate_says_to_run_it_not_a_traceback(tmp_path):
    # A first day: the database file does not exist yet; the command is refused in words.
    done = _script(tmp_path, "par-score", "--unit", "thanh-tan", "--year", "2024")
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "Lỗi: Cơ sở dữ liệu chưa được tạo hoặc chưa được cập nhật. Chạy “cchc migrate” (hoặc "
        "“make demo” để có dữ liệu mẫu) rồi chạy lại lệnh."
    )
    assert "Traceback" not in done.stderr


def test_a_bad_choice_names_the_option_and_the_choices_in_vietnamese(cchc):
    code, _, err = cchc("report", "--unit", "X", "--period", "2024", "--format", "pdf")
    assert code == 2
    assert (
        "cchc report: lỗi: tham số --format: lựa chọn không hợp lệ: 'pdf' "
        "(chọn một trong: 'json', 'docx')"
    ) in err


def test_a_commands_help_reads_in_vietnamese(cchc):
    code, out, _ = cchc("report", "--help")
    assert code == 0
    assert out.startswith("Cách dùng: cchc report ")
    assert "In báo cáo định kỳ của đơn vị" in out
    assert "--unit UNIT           mã đơn vị" in out
    assert "-h, --help            In hướng dẫn này rồi thoát." in out
    assert "Mức chi tiết khi in" in out  # Django's own --verbosity, explained
    for english in ("usage:", "options:", "show this help", "Verbosity level", "unit code"):
        assert english not in out


def test_cchc_help_lists_our_commands_with_their_vietnamese_help(cchc):
    code, out, _ = cchc("help")
    assert code == 0
    assert "Các lệnh của hệ thống CCHC:" in out
    assert "  import-plan " in out and "Đọc một kế hoạch CCHC" in out
    assert "Các lệnh quản trị của Django" in out and "migrate" in out
    assert "Available subcommands" not in out and "Type 'cchc help" not in out
    code, out, _ = cchc("help", "import-plan")
    assert out.startswith("Cách dùng: cchc import-plan ")


def test_an_unknown_command_is_refused_in_vietnamese_with_the_nearest_name(cchc):
    code, _, err = cchc("import-plam", "ke-hoach.docx")
    assert code == 1
    assert err.startswith("Lỗi: không có lệnh “import-plam”. Có phải là “import-plan”?")
    assert "Unknown command" not in err


@pytest.mark.django_db
def test_cchc_migrate_says_what_it_does_in_vietnamese():
    # in-process through call_command: the command line's run would close the test's connection
    out = io.StringIO()
    call_command("migrate", stdout=out, no_color=True)
    lines = out.getvalue().splitlines()
    assert lines == [
        "Việc cần làm:",
        lines[1],
        "Đang cập nhật cơ sở dữ liệu:",
        "  Cơ sở dữ liệu đã ở bản mới nhất, không có gì phải cập nhật.",
    ]
    assert lines[1].startswith("  Cập nhật cấu trúc dữ liệu của: accounts, admin,")
    out = io.StringIO()
    call_command("migrate", "workdays", "zero", plan=True, stdout=out, no_color=True)
    assert out.getvalue().splitlines()[0] == "Các bước sẽ làm:"


def test_cchc_migrate_refuses_and_explains_its_options_in_vietnamese(tmp_path, cchc):
    done = _script(tmp_path, "migrate", "ke-hoach")
    assert (done.returncode, done.stderr.strip()) == (1, "Lỗi: Không có phần nào tên “ke-hoach”.")
    code, out, _ = cchc("migrate", "--help")
    assert code == 0
    assert "--check               Không cập nhật; trả mã lỗi khác 0" in out
    assert "Tells Django" not in out and "Nominates" not in out


def test_cchc_migrate_names_each_step_and_says_when_it_is_done():
    from cchc.core.management.commands.migrate import Command

    out = io.StringIO()
    command = Command(stdout=out, no_color=True)
    command.verbosity = 1
    command.migration_progress_callback("apply_start", "plans.0001_initial")
    command.migration_progress_callback("apply_success", "plans.0001_initial")
    command.migration_progress_callback("render_start")
    command.migration_progress_callback("render_success")
    assert out.getvalue() == (
        "  Cập nhật plans.0001_initial… xong\n  Dựng trạng thái các mô hình… xong\n"
    )


def ours() -> list[tuple[str, str]]:
    shipped = console.django_names()
    commands = management.get_commands().items()
    return sorted((n, app) for n, app in commands if app.startswith("cchc") and n not in shipped)


def test_every_command_of_ours_refuses_in_vietnamese_and_explains_each_option():
    for name, app in ours():
        command = management.load_command_class(app, name)
        assert isinstance(command, console.BaseCommand), name
        assert command.help and not command.help.isascii(), name
        parser = command.create_parser("cchc", name)
        for action in parser._actions:
            if action.option_strings != ["-h", "--help"]:
                assert action.help and not action.help.isascii(), (name, action.dest)


def test_every_message_argparse_can_print_is_translated():
    with (console.LOCALE / "vi" / "LC_MESSAGES" / "argparse.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    missing = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
            continue
        texts = [a.value for a in call.args if isinstance(a, ast.Constant)]
        if call.func.id == "_" and texts and catalogue.gettext(texts[0]) == texts[0]:
            missing.append(texts[0])
        if call.func.id == "ngettext" and catalogue.ngettext(*texts[:2], 1) == texts[0]:
            missing.append(texts[0])
    assert missing == [], f"Translate in {ARGPARSE_PO}: {missing}"


def test_the_shipped_argparse_catalogue_is_its_po(tmp_path):
    fresh = tmp_path / "argparse.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(ARGPARSE_PO)], check=True)
    with fresh.open("rb") as a, ARGPARSE_PO.with_suffix(".mo").open("rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog


def test_the_json_and_the_refusals_are_utf_8_whatever_the_consoles_encoding(tmp_path):
    """A checker reads the contract's JSON as UTF-8; a console that is not (a Windows pipe in
    cp1252, here latin-1) made `import-feedback --format json` die on its first Vietnamese
    letter, and escaped the refusals."""
    path = tmp_path / "pakn.csv"
    path.write_bytes("MaPAKN,MaDonVi,NgayTiepNhan\nPA-1,xa-a,có\n".encode("cp1258"))
    done = _script(tmp_path, "import-feedback", str(path), "--format", "json",
                   PYTHONIOENCODING="latin-1")  # fmt: skip
    assert done.returncode == 1
    assert "không phải văn bản UTF-8" in json.loads(done.stdout)["errors"][0]["message"]
    done = _script(tmp_path, "import-feedback", str(path), PYTHONIOENCODING="latin-1")
    assert done.stderr.startswith("Lỗi: Dòng ")
