"""The forms a person meets on the demo: each page they can reach by a link from their home
read, and every form posting to the site gathered with the values it would send as drawn.
Used by test_bad_input.py (decision 0175)."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from django.urls import Resolver404, resolve

SKIPPED = (".xlsx", ".docx", ".csv", ".json", ".pdf", "/logout/", "/evidence/", "/api/", "/static/")
TEXT_TYPES = {"text", "search", "email", "url", "tel", "date", "", None}


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, select, hidden, checkbox, radio, file, number, password
    value: str = ""
    options: tuple[str, ...] = ()  # a list's choices; a file box's accepted extensions
    required: bool = False


@dataclass
class Form:
    user: str
    page: str
    action: str
    url_name: str
    fields: list[Field] = field(default_factory=list)

    def key(self) -> tuple:
        return (self.url_name, tuple(sorted(f.name for f in self.fields if f.kind != "hidden")))

    def defaults(self) -> dict[str, list[str] | str]:
        """What the browser would send as the form is drawn (the submit button aside)."""
        data: dict[str, list[str]] = {}
        for f in self.fields:
            if f.name == "csrfmiddlewaretoken" or f.kind == "file":
                continue
            if f.kind in ("checkbox", "radio") and not f.value:
                continue
            data.setdefault(f.name, []).append(f.value)
        return {k: v if len(v) > 1 else v[0] for k, v in data.items()}


def url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def _fields(form) -> list[Field]:
    found: list[Field] = []
    for el in form.xpath(".//input|.//textarea|.//select"):
        name = el.get("name")
        if not name or el.get("disabled") is not None:
            continue
        required = el.get("required") is not None
        if el.tag == "textarea":
            found.append(Field(name, "textarea", el.text or "", required=required))
        elif el.tag == "select":
            options = tuple(o.get("value", o.text or "") for o in el.xpath(".//option"))
            chosen = [o.get("value", o.text or "") for o in el.xpath(".//option[@selected]")]
            value = chosen[0] if chosen else (options[0] if options else "")
            found.append(Field(name, "select", value, options, required))
        else:
            kind = (el.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                continue
            if kind in ("checkbox", "radio"):
                checked = el.get("checked") is not None
                found.append(Field(name, kind, el.get("value", "on") if checked else ""))
                continue
            if kind == "file":  # the extensions it accepts, as its options
                accept = tuple(a.strip() for a in (el.get("accept") or "").split(",") if a.strip())
                found.append(Field(name, kind, "", accept, required))
                continue
            if kind not in ("hidden", "number", "password"):
                kind = "text" if kind in TEXT_TYPES else kind
            found.append(Field(name, kind, el.get("value", ""), required=required))
    return found


def forms_on(user: str, page: str, html: str) -> list[Form]:
    tree = lxml.html.fromstring(html)
    found = []
    for form in tree.xpath("//form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        action = urljoin(page, form.get("action") or page).split("#")[0]
        name = url_name(action)
        if name is None:
            continue
        found.append(Form(user, page, action, name, _fields(form)))
    return found


def links_on(page: str, html: str) -> list[str]:
    tree = lxml.html.fromstring(html)
    out = []
    for href in tree.xpath("//a/@href"):
        url = urljoin(page, href).split("#")[0]
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver":
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not path.startswith("/") or any(s in path for s in SKIPPED):
            continue
        out.append(path)
    return out


def crawl(client, user: str, start: str = "/", per_name: int = 2, limit: int = 400) -> list[Form]:
    """Every form met following links from `start`, at most `per_name` pages of each address
    name (one plan's page is much like another's)."""
    seen: set[str] = set()
    names: dict[str, int] = {}
    queue = deque([start])
    forms: dict[tuple, Form] = {}
    while queue and len(seen) < limit:
        page = queue.popleft()
        if page in seen:
            continue
        seen.add(page)
        name = url_name(page) or "?"
        if name.startswith("admin:") or names.get(name, 0) >= per_name:
            continue
        names[name] = names.get(name, 0) + 1
        response = client.get(page)
        if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
            queue.append(response["Location"])
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for form in forms_on(user, page, html):
            forms.setdefault(form.key(), form)
        queue.extend(link for link in links_on(page, html) if link not in seen)
    return list(forms.values())


def forms_at(client, user: str, pages: list[str]) -> list[Form]:
    """The forms of the pages named, links not followed: the pages where only this person
    meets a form the crawl of another did not (decision 0179)."""
    forms: dict[tuple, Form] = {}
    for page in pages:
        response = client.get(page)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for form in forms_on(user, page, response.content.decode()):
                forms.setdefault(form.key(), form)
    return list(forms.values())
