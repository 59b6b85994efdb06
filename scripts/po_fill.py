"""Fill empty msgstr entries of the Vietnamese catalogue from a JSON file of translations.

Usage: python scripts/po_fill.py translations.json   (keys: msgid, or "msgid|plural" → [one, other])
Developers add the strings they introduce; `make messages` then shows what is still missing.
"""

import json
import re
import sys
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "cchc" / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def unquote(lines):
    return "".join(json.loads(line) for line in lines)


def quote(text):
    return json.dumps(text, ensure_ascii=False)


def main(path):
    table = json.loads(Path(path).read_text(encoding="utf-8"))
    text = PO.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    out = []
    filled = 0
    for block in blocks:
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not m or block.startswith('msgid ""\nmsgstr ""\n"'):
            out.append(block)
            continue
        msgid = unquote(re.findall(r'"(?:[^"\\]|\\.)*"', m.group(1)))
        plural = re.search(r'^msgid_plural ((?:".*"\n?)+)', block, re.M)
        if plural:
            key = msgid
            if key in table and re.search(r'^msgstr\[0\] ""$', block, re.M):
                value = table[key]
                block = re.sub(r"^msgstr\[0\] .*$", "msgstr[0] " + quote(value), block, flags=re.M)
                block = block.replace("#, fuzzy\n", "")
                filled += 1
        elif msgid in table and re.search(r'^msgstr ""\s*$', block, re.M):
            block = re.sub(r'^msgstr ""\s*$', "msgstr " + quote(table[msgid]), block, flags=re.M)
            block = block.replace("#, fuzzy\n", "")
            filled += 1
        out.append(block)
    text = "\n\n".join(out)
    # Vietnamese has one plural form: drop the empty second form makemessages adds.
    text = re.sub(r'(msgstr\[0\] .*\n)msgstr\[1\] ""\n', r"\1", text)
    PO.write_text(text, encoding="utf-8")
    print(f"filled {filled}")


if __name__ == "__main__":
    main(sys.argv[1])
