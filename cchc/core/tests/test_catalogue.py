"""Every interface string has its Vietnamese translation."""

import gettext
import re
import shutil
import subprocess
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


def test_the_shipped_compiled_catalogue_is_the_vietnamese_catalogue(tmp_path):
    # django.mo is committed so that a plain `pip install` serves Vietnamese; it must say
    # exactly what django.po says (make messages compiles it).
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(PO)], check=True)
    with fresh.open("rb") as handle:
        expected = gettext.GNUTranslations(handle)._catalog
    with PO.with_suffix(".mo").open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)._catalog
    stale = sorted(k for k in expected.keys() | shipped.keys() if expected.get(k) != shipped.get(k))
    assert stale == [], "Run make messages: the compiled catalogue differs:\n" + "\n".join(
        map(str, stale[:10])
    )
