"""Units (the administrative hierarchy), posts inside them, people and their roles.

A unit's place in the tree is kept as a materialised path of ids ("/1/5/12/") so that "this
unit and everything below it" is one indexed prefix query, at any depth, on SQLite and
PostgreSQL alike. Reorganisations (the 2025 merge of provinces and abolition of districts) do
not rewrite history: a unit gets an end date and a succession link to the unit that takes it
over, and access rules follow those links so old data stays reachable from the successor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Concat, Substr
from django.db.models.lookups import In
from django.utils.translation import gettext_lazy as _

from .choices import PostKind, Role, SuccessionKind, UnitKind


class User(AbstractUser):
    """A person who signs in. Their scope comes from their memberships, never from here."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)


class UnitQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None):
        """Units in force on a date (today by default)."""
        on = on or dt.date.today()
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on),
        )

    def by_code(self, codes: Iterable[str]) -> dict[str, Unit]:
        """The units files name, by their code or their e-ID code (contract version 2: one-stop
        systems export `000.31.35.H55`); a unit's own code wins over another's e-ID code."""
        codes = set(codes)
        found: list[Unit] = list(
            Unit.objects.filter(models.Q(code__in=codes) | models.Q(eid_code__in=codes))
        )
        units: dict[str, Unit] = {}
        for unit in found:
            if unit.eid_code in codes:
                units.setdefault(unit.eid_code, unit)
        units.update({u.code: u for u in found if u.code in codes})
        return units

    def coded(self, code: str) -> Unit | None:
        """The unit a person or a command names by its code or its e-ID code (contract
        version 2: "either form is accepted"), as `by_code` reads a file's; None when none."""
        return self.by_code([code]).get(code)

    def subtree(self, unit: Unit):
        """The unit and every unit below it."""
        return self.under([unit.path])

    def under(self, paths: Iterable[str]):
        """The units of the subtrees whose root paths are given (none when none are)."""
        query = subtrees_q(paths)
        return self.filter(query) if query else self.none()


def subtrees_q(paths: Iterable[str], field: str = "path") -> models.Q:
    """A condition on the unit path `field` (e.g. "unit__path" for rows of a unit): in one of
    the subtrees whose root paths are given; empty when none are. A subtree inside another
    given one adds nothing and is left out (a province's page asks for the province and
    every unit below it). Many roots of one length are one `IN` on the path's first
    characters rather than one `LIKE` each (a province compares 300 communes: building 300
    conditions cost more than the query)."""
    roots: list[str] = []
    for path in sorted(set(paths)):
        # sorted, a path's ancestors among them come before it and before anything between
        if not (roots and path.startswith(roots[-1])):
            roots.append(path)
    by_length: dict[int, list[str]] = {}
    for root in roots:
        by_length.setdefault(len(root), []).append(root)
    conditions = [
        models.Q(**{f"{field}__startswith": same[0]})
        if len(same) == 1
        else In(Substr(field, 1, length), same)
        for length, same in sorted(by_length.items())
    ]
    return models.Q(*conditions, _connector=models.Q.OR)


def holders(scopes: Mapping[int, Iterable[str]]) -> Callable[[str], list[int]]:
    """For a unit path, the keys of `scopes` (each a list of subtree root paths, as
    `access.with_predecessors` gives) one of whose subtrees holds it, each key once. A
    path's subtrees are those of its prefixes ending in "/": looked up, not compared with
    every scope (a province's hundreds of units × every row read for them)."""
    by_root: dict[str, list[int]] = {}
    for key, roots in scopes.items():
        for root in roots:
            by_root.setdefault(root, []).append(key)
    known: dict[str, list[int]] = {}

    def holding(path: str) -> list[int]:
        found = known.get(path)
        if found is None:
            found = []
            for end, char in enumerate(path):
                if char != "/":
                    continue
                for key in by_root.get(path[: end + 1], ()):
                    if key not in found:
                        found.append(key)
            known[path] = found
        return found

    return holding


class Unit(models.Model):
    """A province, district, commune, ward or agency, placed in the hierarchy by `parent`.

    Invariant: `path` is the parent's path followed by this unit's id, and `depth` the number
    of ancestors; both are maintained by `save()` and `move_to()`, never edited by hand.
    """

    code = models.SlugField(
        _("code"),
        max_length=64,
        unique=True,
        help_text=_("Official administrative code, or a short readable code."),
    )
    # The agency e-ID code (mã định danh điện tử, e.g. 000.31.35.H55) one-stop systems write
    # for the unit in their exports; dossier files may name the unit by it.
    eid_code = models.CharField(
        _("e-ID code"),
        max_length=40,
        blank=True,
        help_text=_("The agency's electronic identification code, e.g. 000.31.35.H55."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), editable=False, default=0)
    valid_from = models.DateField(_("in force from"), null=True, blank=True)
    valid_to = models.DateField(_("in force until"), null=True, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    settings = models.JSONField(_("unit settings"), default=dict, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
            models.UniqueConstraint(
                fields=["eid_code"],
                condition=~models.Q(eid_code=""),
                name="unit_eid_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            super().save(*args, **kwargs)
            self._refresh_path()

    def clean(self) -> None:
        if self.parent_id and self.pk:
            parent = Unit.objects.get(pk=self.parent_id)
            if parent.path.startswith(self.path):
                raise ValidationError({"parent": _("A unit cannot be placed under itself.")})

    def _refresh_path(self) -> None:
        parent_path = Unit.objects.get(pk=self.parent_id).path if self.parent_id else "/"
        new_path = f"{parent_path}{self.pk}/"
        old_path = self.path
        if new_path == old_path:
            return
        new_depth = new_path.count("/") - 2
        Unit.objects.filter(pk=self.pk).update(path=new_path, depth=new_depth)
        if old_path:
            # Re-root every descendant under the new path in one statement.
            delta = new_depth - self.depth
            Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(models.Value(new_path), Substr("path", len(old_path) + 1)),
                depth=models.F("depth") + delta,
            )
        self.path, self.depth = new_path, new_depth

    def lineage_ids(self) -> list[int]:
        """The ids from the root down to this unit, itself included (read from its path)."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def ancestors(self):
        return Unit.objects.filter(pk__in=self.lineage_ids()[:-1]).order_by("depth")

    def is_within(self, other: Unit) -> bool:
        """True when this unit is `other` or lies below it."""
        return self.path.startswith(other.path)

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or dt.date.today()
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or self.valid_to >= on
        )

    def successor_in_force(self, on: dt.date) -> Unit | None:
        """The unit in force on `on` that this unit's work passed to when it was dissolved
        (merged, renamed, transferred; through several steps): None when this unit is in
        force itself, when it was split (no one successor) or when none is in force."""
        unit, seen = self, set()
        while not unit.is_current(on) and unit.pk not in seen:
            seen.add(unit.pk)
            steps = list(
                UnitSuccession.objects.filter(predecessor=unit).select_related("successor")[:2]
            )
            if len(steps) != 1:
                return None
            unit = steps[0].successor
        return None if unit is self or not unit.is_current(on) else unit

    @property
    def is_commune_level(self) -> bool:
        return self.kind in {
            UnitKind.COMMUNE,
            UnitKind.WARD,
            UnitKind.TOWNSHIP,
            UnitKind.SPECIAL_ZONE,
        }


class UnitSuccession(models.Model):
    """A reorganisation step: `predecessor` was merged/split/renamed into `successor`.

    Whoever may see the successor may see the predecessor's data, so reports made after a
    merger still add up the years before it.
    """

    predecessor = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="successions", verbose_name=_("predecessor")
    )
    successor = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="predecessions", verbose_name=_("successor")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SuccessionKind.choices)
    effective_on = models.DateField(_("effective on"))
    decision = models.CharField(_("decision"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("unit succession")
        verbose_name_plural = _("unit successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")),
                name="unit_succession_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Post(models.Model):
    """A post (chức danh) or office (phòng, ban, bộ phận) inside a unit.

    Tasks name their lead and coordinators by post; `aliases` holds other ways plans write the
    same post ("CC VP-TK", "Văn phòng UBND") so imported names can be matched.
    """

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="posts", verbose_name=_("unit")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=PostKind.choices)
    aliases = models.TextField(_("other names"), blank=True, help_text=_("One per line."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["unit", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="post_unique_name")]

    def __str__(self) -> str:
        return self.name

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Membership(models.Model):
    """A person's role in a unit; it applies to that unit and every unit below it."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    post = models.ForeignKey(
        Post,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("post"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    def clean(self) -> None:
        post = self.post
        if post is not None and self.unit_id and post.unit_id != self.unit_id:
            raise ValidationError({"post": _("The post must belong to the same unit.")})


def members_with(unit_ids, *roles: str) -> list:
    """The active people holding one of `roles` in the units `unit_ids` (in the units
    themselves, not below), each once, by id: whom a notice to a unit's role goes to."""
    found = (
        Membership.objects.filter(
            unit_id__in=unit_ids, role__in=roles, is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    )
    people: dict[int, object] = {}
    for membership in found:
        people.setdefault(membership.user_id, membership.user)
    return list(people.values())
