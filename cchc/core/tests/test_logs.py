"""Application logs: one file per command under CCHC_LOG_DIR, turned over daily and kept at
least three months."""

import logging.handlers
import os
import subprocess
import sys
from pathlib import Path

import cchc

PROJECT = Path(cchc.__file__).resolve().parent.parent


def _run(tmp_path, *args: str, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "CCHC_"))}
    environ.update(CCHC_DATA_DIR=str(tmp_path / "data"), **env)
    return subprocess.run(
        [sys.executable, "-m", "cchc.cli", *args],
        cwd=PROJECT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_each_command_writes_its_own_log_file_turned_over_daily_and_kept_a_year(tmp_path):
    code = (
        "import logging; from django.conf import settings;"
        "logging.getLogger('cchc.tracking').warning('Gửi email thất bại: hộp thư đầy');"
        "h = logging.getLogger().handlers;"
        "f = [x for x in h if hasattr(x, 'backupCount')][0];"
        "print(f.when, f.backupCount)"
    )
    run = _run(tmp_path, "shell", "-c", code, CCHC_LOG_DIR=str(tmp_path / "logs"))

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "MIDNIGHT 365"
    written = (tmp_path / "logs" / "shell.log").read_text()
    assert "WARNING cchc.tracking: Gửi email thất bại: hộp thư đầy" in written


def test_a_log_retention_under_three_months_is_refused(tmp_path):
    run = _run(tmp_path, "check", CCHC_LOG_DIR=str(tmp_path), CCHC_LOG_RETENTION_DAYS="30")

    assert run.returncode != 0
    assert "CCHC_LOG_RETENTION_DAYS must be at least 90" in run.stderr


def test_without_a_log_folder_logs_go_to_the_console_only():
    assert not any(
        isinstance(h, logging.handlers.TimedRotatingFileHandler)
        for h in logging.getLogger().handlers
    )
