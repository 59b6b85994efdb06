"""The one place that answers "what may this user see, and what may they change".

Every query for user-owned data goes through `Access.unit_q()` (or a model's `visible_to`),
and every write checks `Access.can()`. Roles apply to the member's unit and all units below
it, and reach back through reorganisations: a commune formed by a merger sees the data of the
communes it replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .choices import Role
from .models import Membership, Unit, UnitSuccession, subtrees_q

T = TypeVar("T")


class Action:
    VIEW = "view"
    EDIT_PLAN = "edit_plan"  # create/edit/delete plans, tasks, targets
    REPORT_PROGRESS = "report_progress"  # report on any task of the unit
    REPORT_OWN = "report_own"  # report on tasks led by one's own post
    APPROVE = "approve"  # sign off reports and plans
    APPRAISE = "appraise"  # upper level: appraise units below
    ENTER_DATA = "enter_data"  # import dossiers, enter figures
    MANAGE = "manage"  # manage units, people, settings


ROLE_ACTIONS: dict[str, frozenset[str]] = {
    Role.ADMIN: frozenset(
        {
            Action.VIEW,
            Action.EDIT_PLAN,
            Action.REPORT_PROGRESS,
            Action.REPORT_OWN,
            Action.APPROVE,
            Action.APPRAISE,
            Action.ENTER_DATA,
            Action.MANAGE,
        }
    ),
    Role.FOCAL_POINT: frozenset(
        {
            Action.VIEW,
            Action.EDIT_PLAN,
            Action.REPORT_PROGRESS,
            Action.REPORT_OWN,
            Action.ENTER_DATA,
        }
    ),
    Role.LEADER: frozenset({Action.VIEW, Action.APPROVE, Action.REPORT_OWN}),
    Role.OFFICIAL: frozenset({Action.VIEW, Action.REPORT_OWN, Action.ENTER_DATA}),
    Role.REVIEWER: frozenset({Action.VIEW, Action.APPRAISE}),
    Role.VIEWER: frozenset({Action.VIEW}),
}


@dataclass
class Grant:
    """One membership, resolved: the paths it covers and the actions it allows."""

    role: str
    unit_id: int
    paths: tuple[str, ...]
    actions: frozenset[str]
    post_id: int | None
    unit_code: str = ""


@dataclass
class Access:
    """A user's resolved scope. Build it with `access_for(user)`; it is cached on the user."""

    user_id: int | None
    is_superuser: bool
    grants: list[Grant] = field(default_factory=list)

    # --- reading -----------------------------------------------------------------------------
    @property
    def paths(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for grant in self.grants:
            for path in grant.paths:
                seen[path] = None
        return tuple(seen)

    def unit_q(self, field: str = "unit", action: str = Action.VIEW) -> Q:
        """A filter keeping rows whose unit (reached by `field`) the user may act on."""
        if self.is_superuser:
            return Q()
        paths = self._paths_for(action)
        if not paths:
            return Q(pk__in=[])
        prefix = f"{field}__path__startswith" if field else "path__startswith"
        query = Q()
        for path in _outermost(paths):
            query |= Q(**{prefix: path})
        return query

    def units(self, action: str = Action.VIEW):
        return Unit.objects.filter(self.unit_q("", action))

    def anywhere(self, action: str) -> bool:
        """Whether the user may do `action` in some unit (a superuser: everywhere)."""
        return self.is_superuser or bool(self._paths_for(action))

    def can(self, action: str, unit: Unit) -> bool:
        if self.is_superuser:
            return True
        return path_within(unit.path, self._paths_for(action))

    def require(self, action: str, unit: Unit) -> None:
        """Raise 404 when the unit is outside the user's sight, 403 when only the action is."""
        if not self.can(Action.VIEW, unit):
            raise Http404
        if not self.can(action, unit):
            raise PermissionDenied

    def can_report(
        self, unit: Unit, lead_post_ids: Iterable[int | None] = (), *, assigned: bool = False
    ) -> bool:
        """May report progress on a task of `unit` led by the posts `lead_post_ids`: anyone
        with REPORT_PROGRESS there (the focal point), or anyone with REPORT_OWN there who holds
        one of the lead posts or to whom the task was assigned."""
        if self.can(Action.REPORT_PROGRESS, unit):
            return True
        if not self.can(Action.REPORT_OWN, unit):
            return False
        return assigned or bool(self.post_ids() & {p for p in lead_post_ids if p is not None})

    def require_report(
        self, unit: Unit, lead_post_ids: Iterable[int | None] = (), *, assigned: bool = False
    ) -> None:
        """404 outside the user's sight, 403 when they may see but not report on the task."""
        if not self.can(Action.VIEW, unit):
            raise Http404
        if not self.can_report(unit, lead_post_ids, assigned=assigned):
            raise PermissionDenied

    def post_ids(self, unit: Unit | None = None) -> set[int]:
        """The posts the user holds (optionally only in `unit`)."""
        return {
            g.post_id
            for g in self.grants
            if g.post_id is not None and (unit is None or g.unit_id == unit.pk)
        }

    def roles_in(self, unit: Unit) -> set[str]:
        """Roles whose scope includes `unit`."""
        if self.is_superuser:
            return {Role.ADMIN}
        return {g.role for g in self.grants if path_within(unit.path, g.paths)}

    def home_units(self) -> list[int]:
        return [g.unit_id for g in self.grants]

    def _paths_for(self, action: str) -> list[str]:
        return [p for g in self.grants if action in g.actions for p in g.paths]


def path_within(path: str, roots: Iterable[str]) -> bool:
    """Whether the unit at `path` lies in one of the subtrees rooted at `roots` (a scope's
    paths): the one place a unit path is compared with a scope outside querysets."""
    return any(path.startswith(root) for root in roots)


def unit_scope(unit: Unit) -> tuple[str, ...]:
    """The paths a unit's own scope covers: its subtree and those of the units it succeeded
    (a token's or an upload's unit, which acts for that unit alone)."""
    return tuple(_with_predecessors([unit.path]))


def within(unit: Unit, field: str = "unit") -> Q:
    """A filter keeping the rows a unit holds: those whose unit (reached by `field`, e.g.
    "plan__unit"; "" for units themselves) lies in the unit's subtree or in the subtree of
    a unit it succeeded, transitively (`unit_scope`). A commune formed by a merger answers
    for its predecessors' history (their feedback, answers, figures, overdue work), so
    every page or sum about a unit's records filters with this, never with a path prefix
    of its own. Not for choosing where something new goes (a campaign's target units): a
    dissolved unit gets nothing new, so those take the units in force
    (`Unit.objects.current()`, decision 0140). The succession links are read once per
    call, or once for a whole `links_read_once` block."""
    return subtrees_q(unit_scope(unit), f"{field}__path" if field else "path")


def _outermost(paths: Iterable[str]) -> list[str]:
    """Drop paths already covered by a shorter one, so queries carry no redundant terms."""
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not path_within(path, result):
            result.append(path)
    return result


# what was read of the unit tree inside `links_read_once`, while it lasts, by its key
_READ: ContextVar[dict[object, object] | None] = ContextVar("tree_read", default=None)


def read_once(key: Hashable, read: Callable[[], T]) -> T:
    """What `read()` gives, read at most once for `key` inside `links_read_once` (each time
    outside it): for what is read of the unit tree — the succession links, the levels of a
    unit and those below it — which one request's reading does not change. To read, not to
    change: the callers of one block share it."""
    held = _READ.get()
    if held is None:
        return read()
    if key not in held:
        held[key] = read()
    return cast(T, held[key])


def succession_links() -> list[tuple[str, str]]:
    """(predecessor path, successor path) of every merger, for `with_predecessors`; read
    once inside `links_read_once`."""
    return list(
        read_once(
            "succession links",
            lambda: list(
                UnitSuccession.objects.values_list("predecessor__path", "successor__path")
            ),
        )
    )


@contextmanager
def links_read_once() -> Iterator[None]:
    """Within the block, the succession links and the rest of the unit tree's readings
    (`read_once`) are read at most once (a province's page reads them for the access gate,
    its breakdown, its months and each source of the index's criteria): for one request's
    reading, which changes no unit; nothing is kept after it (decision 0125). A view may be
    decorated with it; inside another, that one's reading stands."""
    if _READ.get() is not None:
        yield
        return
    token = _READ.set({})
    try:
        yield
    finally:
        _READ.reset(token)


def _with_predecessors(paths: list[str], links: list[tuple[str, str]] | None = None) -> list[str]:
    """Add the subtrees of every unit that a unit inside `paths` succeeded, transitively.
    `links` (from `succession_links`) saves the query when many units are resolved."""
    links = succession_links() if links is None else links
    result = list(paths)
    changed = True
    while changed:
        changed = False
        for pred_path, succ_path in links:
            inside = any(succ_path.startswith(p) for p in result)
            covered = any(pred_path.startswith(p) for p in result)
            if inside and not covered:
                result.append(pred_path)
                changed = True
    return result


def with_predecessors(paths: list[str], links: list[tuple[str, str]] | None = None) -> list[str]:
    """Public name of `_with_predecessors`, for code that rolls data up through mergers."""
    return _with_predecessors(paths, links)


def access_for(user) -> Access:
    """Resolve (once per user object) the grants of an authenticated user."""
    cached = getattr(user, "_cchc_access", None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False):
        access = Access(user_id=None, is_superuser=False)
    else:
        access = Access(user_id=user.pk, is_superuser=bool(user.is_superuser))
        memberships = Membership.objects.filter(user=user, is_active=True).select_related("unit")
        for m in memberships:
            paths = tuple(_with_predecessors([m.unit.path]))
            access.grants.append(
                Grant(
                    role=m.role,
                    unit_id=m.unit_id,
                    paths=paths,
                    actions=ROLE_ACTIONS.get(m.role, frozenset()),
                    post_id=m.post_id,
                    unit_code=m.unit.code,
                )
            )
    user._cchc_access = access
    return access


def unit_for(user, code: str, action: str = Action.VIEW) -> Unit:
    """The unit with `code` if the user may see it (else 404) and do `action` there (else 403):
    how a page addressed by a unit code fetches its unit."""
    access = access_for(user)
    unit = get_object_or_404(Unit.objects.filter(access.unit_q("")), code=code)
    access.require(action, unit)
    return unit


class ScopedQuerySet(QuerySet):
    """Rows a person may see: those whose unit lies in their scope. `scope` is the lookup from
    the row to its unit ("unit", "plan__unit" …); a model's queryset sets it and inherits
    `visible_to`, so the scope rule is written once, here."""

    scope = "unit"

    def visible_to(self, user):
        return self.filter(access_for(user).unit_q(self.scope))
