"""Searching what the user may see: tasks, plans, targets, and evidence by document number.

Each kind is one bounded query filtered by the user's scope (`cchc.org.access`), so the page
costs the same whatever the size of the database. Matching is by "contains", ignoring case
(on SQLite, case is ignored for unaccented letters only).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from cchc.evidence.models import Evidence
from cchc.org.access import access_for
from cchc.plans.models import Plan, Target, Task

LIMIT = 20
MIN_LENGTH = 2


@dataclass
class Results:
    query: str
    tasks: list = field(default_factory=list)
    plans: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    evidence: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.tasks) + len(self.plans) + len(self.targets) + len(self.evidence)


# what each kind is searched in: the model, the path to its unit (the scope and the unit shown),
# what the text matches, the order
_KINDS = {
    "tasks": (
        Task,
        "plan__unit",
        lambda query: Q(title__icontains=query) | Q(ref__iexact=query),
        ("-plan__year", "plan_id", "order"),
    ),
    "plans": (
        Plan,
        "unit",
        lambda query: Q(title__icontains=query) | Q(number__icontains=query),
        ("-year", "unit__path"),
    ),
    "targets": (
        Target,
        "plan__unit",
        lambda query: Q(text__icontains=query),
        ("-plan__year", "plan_id", "order"),
    ),
    "evidence": (
        Evidence,
        "unit",
        lambda query: Q(number__icontains=query) | Q(title__icontains=query),
        ("-uploaded_at",),
    ),
}


def search(user, text: str) -> Results:
    query = " ".join((text or "").split())[:200]
    results = Results(query)
    if len(query) < MIN_LENGTH:
        return results
    scope = access_for(user)
    for name, (model, unit, matches, order) in _KINDS.items():
        found = (
            model._default_manager.filter(scope.unit_q(unit))
            .filter(matches(query))
            .select_related(unit)
            .order_by(*order)[:LIMIT]
        )
        setattr(results, name, list(found))
    return results
