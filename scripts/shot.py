"""Screenshot pages of a running server as a given user, to look at what was built.

Usage: python scripts/shot.py BASE_URL USER OUT_DIR PATH [PATH ...]  (password: demo)
Options via env: WIDTH (default 1280).
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright


def main(base, user, out, *paths):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    width = int(os.environ.get("WIDTH", "1280"))
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
        page.goto(base + "/accounts/login/")
        page.fill("#id_username", user)
        page.fill("#id_password", "demo")
        page.click("button[type=submit]")
        for i, path in enumerate(paths):
            page.goto(base + path)
            name = f"{i:02d}-" + (path.strip("/").replace("/", "_") or "home") + f"-{width}.png"
            page.screenshot(path=str(out / name), full_page=True)
            print(out / name)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
