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


def search(user, text: str) -> Results:
    query = " ".join((text or "").split())[:200]
    results = Results(query)
    if len(query) < MIN_LENGTH:
        return results
    scope = access_for(user)
    results.tasks = list(
        Task.objects.filter(scope.unit_q("plan__unit"))
        .filter(Q(title__icontains=query) | Q(ref__iexact=query))
        .select_related("plan__unit")
        .order_by("-plan__year", "plan_id", "order")[:LIMIT]
    )
    results.plans = list(
        Plan.objects.filter(scope.unit_q("unit"))
        .filter(Q(title__icontains=query) | Q(number__icontains=query))
        .select_related("unit")
        .order_by("-year", "unit__path")[:LIMIT]
    )
    results.targets = list(
        Target.objects.filter(scope.unit_q("plan__unit"))
        .filter(text__icontains=query)
        .select_related("plan__unit")
        .order_by("-plan__year", "plan_id", "order")[:LIMIT]
    )
    results.evidence = list(
        Evidence.objects.filter(scope.unit_q("unit"))
        .filter(Q(number__icontains=query) | Q(title__icontains=query))
        .select_related("unit")
        .order_by("-uploaded_at")[:LIMIT]
    )
    return results
