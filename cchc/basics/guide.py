"""The Vietnamese user guide (cchc/basics/huong-dan/*.md, shipped in the package) served as
pages of the site.

The guide is written once, in the repository, and read here: no copy to keep in step. A page
is named by its file name without ".md"; links between guide files become links between pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from django.conf import settings
from django.urls import reverse

SLUG = re.compile(r"^[a-z0-9-]+$")
_MD_LINK = re.compile(r'href="([a-z0-9-]+)\.md(#[^"]*)?"')


@dataclass
class GuidePage:
    slug: str
    title: str
    html: str = ""


def guide_dir() -> Path:
    return Path(settings.GUIDE_DIR)


def _title(text: str, slug: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return slug


def pages() -> list[GuidePage]:
    """Every page of the guide, by title."""
    found = []
    for path in sorted(guide_dir().glob("*.md")):
        if SLUG.match(path.stem):
            found.append(GuidePage(path.stem, _title(path.read_text(encoding="utf-8"), path.stem)))
    return sorted(found, key=lambda p: p.title)


def page(slug: str) -> GuidePage | None:
    """The page `slug` rendered as HTML, or None when there is no such page."""
    if not SLUG.match(slug or ""):
        return None
    path = guide_dir() / f"{slug}.md"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    html = markdown.markdown(text, extensions=["tables", "fenced_code", "toc", "sane_lists"])
    html = _MD_LINK.sub(
        lambda m: f'href="{reverse("basics:guide", args=[m.group(1)])}{m.group(2) or ""}"', html
    )
    # A table wider than a phone scrolls inside its own box, not the whole page sideways.
    html = html.replace("<table>", '<div class="table-responsive"><table>')
    html = html.replace("</table>", "</table></div>")
    return GuidePage(slug, _title(text, slug), html)


# The guide page for each part of the site (the namespace of the page's address); anything
# else opens the guide's index.
SECTIONS = {
    "tracking": "theo-doi-thuc-hien",
    "importer": "nhap-ke-hoach-tu-van-ban",
    "plans": "nhap-ke-hoach",
    "dossiers": "nhap-ho-so",
    "indicators": "chi-so",
    "notifications": "theo-doi-thuc-hien",
    "basics": "tim-kiem-va-tro-giup",
}


def help_url(request) -> str:
    """The guide page for the page being shown, if one is obvious, else the guide's index."""
    match = getattr(request, "resolver_match", None)
    slug = None
    if match is not None:
        slug = SECTIONS.get(match.namespace)
        if match.namespace == "plans" and "target" in (match.url_name or ""):
            slug = "chi-tieu"
        if match.url_name in ("people", "reset_password"):
            slug = "quan-tri"
    if slug and (guide_dir() / f"{slug}.md").is_file():
        return reverse("basics:guide", args=[slug])
    return reverse("basics:guide_index")
