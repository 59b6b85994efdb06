"""Every interface string has its Vietnamese translation."""

import re
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

PO = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _untranslated(po_text: str) -> list[str]:
    missing = []
    for block in po_text.split("\n\n"):
        if "msgid" not in block or re.search(r'^msgid ""\nmsgstr ""\n"Project', block, re.M):
            continue  # header
        if "#, fuzzy" in block or re.search(r'^msgstr(\[0\])? ""\Z', block.strip(), re.M):
            missing.append(block)
    return missing


def test_the_vietnamese_catalogue_has_no_untranslated_entry(tmp_path, monkeypatch):
    # Work on a copy of the sources so the real catalogue is never rewritten by the test.
    source = tmp_path / "src"
    shutil.copytree(
        settings.BASE_DIR,
        source,
        ignore=shutil.ignore_patterns("locale", "static", "tests", "testing", "__pycache__"),
    )
    target = source / "locale" / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(PO, target / "django.po")
    monkeypatch.chdir(source)
    with override_settings(LOCALE_PATHS=[source / "locale"]):
        call_command("makemessages", locale=["vi"], no_location=True, no_obsolete=True, verbosity=0)
    missing = _untranslated((target / "django.po").read_text(encoding="utf-8"))
    assert missing == [], "Add Vietnamese translations (make messages):\n" + "\n\n".join(
        missing[:10]
    )
