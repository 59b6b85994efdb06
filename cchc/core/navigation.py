"""The site menu and the landing page, assembled from what the apps register.

Core knows no app. An app with a page for the main menu, or a page some people should land on
after signing in, says so in its own `menu.py`, imported once at start-up by
`CoreConfig.ready`:

    from cchc.core.navigation import Landing, MenuEntry, register

    register(MenuEntry("reports", _("Reports"), "reports:list", order=60,
                       visible=lambda viewer: viewer.access.can(...)))
    register(Landing("reports", order=25, url=lambda viewer: ... or None))

Menu: the entries by `order`; one is shown to a person when its `visible` predicate holds and
it gives a link (a URL name, or a function of the viewer returning the link or None), and is
marked active on pages whose context sets `nav` to the entry's key. An entry naming a `group`
(a `MenuGroup` registered by anyone, e.g. core's "indices") is shown in that group's dropdown,
at the group's place; a group with a single entry for a person shows that entry itself, one
with none is not shown.
Landing: `/` sends a person to the first candidate, by `order`, that gives a link for them.
Both read the person's access grants (`Viewer`), so a menu costs no query of its own beyond
what an entry's predicate asks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise

from cchc.org.access import Access, access_for


@dataclass
class Viewer:
    """The person a menu is built for: their access and the unit of each role they hold."""

    user: Any
    access: Access
    units: dict[str, str] = field(default_factory=dict)  # role → code of its first unit

    @classmethod
    def of(cls, user) -> Viewer:
        access = access_for(user)
        units: dict[str, str] = {}
        for grant in access.grants:
            units.setdefault(grant.role, grant.unit_code)
        return cls(user=user, access=access, units=units)

    def unit(self, *roles: str) -> str | None:
        """The code of the unit of the first of `roles` the person holds, in that order."""
        return next((self.units[role] for role in roles if self.units.get(role)), None)


def _always(viewer: Viewer) -> bool:
    return True


@dataclass(frozen=True)
class MenuEntry:
    """A link of the main menu."""

    key: str  # the `nav` value of the pages that mark this entry active
    label: str | Promise  # a lazy translation
    # a URL name without arguments, or a function giving the link (None: not for this viewer)
    url: str | Callable[[Viewer], str | None]
    visible: Callable[[Viewer], bool] = _always
    order: int = 100
    group: str = ""  # the key of the `MenuGroup` whose dropdown shows it; "": on the bar

    def link(self, viewer: Viewer) -> str | None:
        return reverse(self.url) if isinstance(self.url, str) else self.url(viewer)


@dataclass(frozen=True)
class MenuGroup:
    """An entry of the main menu that opens a list of entries (those naming its key)."""

    key: str
    label: str | Promise
    order: int = 100


@dataclass(frozen=True)
class Landing:
    """A page `/` may send a person to: `url` gives the link, or None when it is not theirs."""

    key: str
    order: int
    url: Callable[[Viewer], str | None]


@dataclass(frozen=True)
class Link:
    """A menu entry as one person sees it."""

    key: str
    label: str | Promise
    url: str
    children: list[Link] = field(default_factory=list)  # a group's links ("" url)

    def marks(self, nav: str | None) -> bool:
        """Whether a page whose `nav` is this is inside this link (or its dropdown)."""
        return nav == self.key or any(child.key == nav for child in self.children)


_entries: dict[str, MenuEntry] = {}
_groups: dict[str, MenuGroup] = {}
_landings: dict[str, Landing] = {}


def register(item: MenuEntry | MenuGroup | Landing) -> None:
    """Add (or replace, by key) a menu entry, a group of entries or a landing candidate."""
    if isinstance(item, MenuEntry):
        _entries[item.key] = item
    elif isinstance(item, MenuGroup):
        _groups[item.key] = item
    elif isinstance(item, Landing):
        _landings[item.key] = item
    else:
        raise TypeError(f"not a menu entry nor a landing candidate: {item!r}")


def entries() -> list[MenuEntry]:
    return sorted(_entries.values(), key=lambda e: e.order)


def menu_for(user) -> list[Link]:
    """The links of the main menu this person sees, in order; a group's in its `children`."""
    viewer = Viewer.of(user)
    bar: list[tuple[int, Link]] = []
    grouped: dict[str, list[Link]] = {key: [] for key in _groups}
    for entry in entries():
        url = entry.link(viewer) if entry.visible(viewer) else None
        if not url:
            continue
        link = Link(entry.key, entry.label, url)
        if entry.group in grouped:
            grouped[entry.group].append(link)
        else:
            bar.append((entry.order, link))
    for key, children in grouped.items():
        group = _groups[key]
        if len(children) == 1:
            bar.append((group.order, children[0]))
        elif children:
            bar.append((group.order, Link(group.key, group.label, "", children)))
    return [link for _order, link in sorted(bar, key=lambda item: item[0])]


def landing_url(user) -> str:
    """Where `/` sends this person: the first registered candidate that fits them; their
    password page if none does (every installation registers the plans list as the last)."""
    viewer = Viewer.of(user)
    for candidate in sorted(_landings.values(), key=lambda c: c.order):
        url = candidate.url(viewer)
        if url:
            return url
    return reverse("password_change")
