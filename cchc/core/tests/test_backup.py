"""`cchc backup` and `cchc restore`, run as an operator would: separate processes, the demo
database, another empty database to restore into, and the two compared table by table and file
by file — read directly, not through the manifest the backup wrote."""

from __future__ import annotations

import subprocess

import pytest

from cchc.testing.sites import Site


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory, demo_site):
    root = tmp_path_factory.mktemp("backup")
    source = Site(root, "source", like=demo_site)
    made = source.run("backup", "--to", str(root / "copies"))
    assert made.returncode == 0, made.stderr
    folders = list((root / "copies").glob("cchc-backup-*"))
    sites = [source]
    yield root, source, folders, made.stdout, sites
    for site in sites:
        site.drop()


def test_a_backup_of_the_demo_restores_into_an_empty_database_with_every_row_and_file(
    demo_backup, migrated_site
):
    root, source, folders, printed, sites = demo_backup
    assert len(folders) == 1 and "Đã sao lưu vào" in printed
    target = Site(root, "target", like=migrated_site)  # a migrated but unused database
    sites.append(target)

    restored = target.run("restore", str(folders[0]))

    assert restored.returncode == 0, restored.stderr
    assert "số dòng mọi bảng khớp" in restored.stdout
    counts = source.table_counts()
    assert counts["org_unit"] > 10 and counts["plans_task"] > 50
    assert target.table_counts() == counts
    assert source.files() and target.files() == source.files()
    # The restored site works: its users log in with the demo password.
    check = target.run(
        "shell",
        "-c",
        "from cchc.org.models import User; print(User.objects.get(username='thanhtan')"
        ".check_password('demo'))",
    )
    assert check.stdout.strip().splitlines()[-1] == "True", check.stderr


def test_a_restore_into_a_database_in_use_is_refused_and_changes_nothing(demo_backup):
    _root, source, folders, _printed, _sites = demo_backup
    before = source.table_counts()

    again = source.run("restore", str(folders[0]))

    assert again.returncode != 0
    assert "đã có dữ liệu" in again.stderr
    assert source.table_counts() == before


def test_a_damaged_backup_is_refused_before_anything_is_written(demo_backup, tmp_path):
    root, _source, folders, _printed, sites = demo_backup
    damaged = tmp_path / "damaged"
    subprocess.run(["cp", "-r", str(folders[0]), str(damaged)], check=True)
    victim = next(p for p in (damaged / "files").rglob("*") if p.is_file())
    victim.write_bytes(victim.read_bytes() + b"x")
    target = Site(root, "damaged_target")
    sites.append(target)

    restored = target.run("restore", str(damaged))

    assert restored.returncode != 0
    assert "bị hỏng" in restored.stderr and victim.name in restored.stderr
    assert target.table_counts().get("org_user", 0) == 0
    assert target.files() == {}


def test_a_backup_directory_that_cannot_be_written_is_refused_with_the_reason(
    demo_backup, tmp_path
):
    _root, source, _folders, _printed, _sites = demo_backup
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")

    made = source.run("backup", "--to", str(blocker / "copies"))

    assert made.returncode != 0
    assert "Không ghi được vào thư mục sao lưu" in made.stderr
    assert "không phải thư mục" in made.stderr
