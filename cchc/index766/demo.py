"""Demo: last month's service index published for every unit, as the monthly job does it."""

from __future__ import annotations

from cchc.demo import DemoContext
from cchc.formats import month_year
from cchc.org.models import Unit

from . import seed
from .actions import publish
from .models import IndexCriterion, IndexGroup, IndexVersion, Publication
from .publication import previous_month


def load(ctx: DemoContext) -> None:
    # a database flushed by a browser test has lost what the data migration wrote
    seed.install(IndexVersion, IndexGroup, IndexCriterion)
    month = previous_month(ctx.today)
    done = set(Publication.objects.filter(month=month).values_list("unit_id", flat=True))
    count = 0
    for unit in Unit.objects.current(month).exclude(pk__in=done).order_by("path"):
        publish(unit, month, ctx.today)
        count += 1
    ctx.say(f"Chỉ số 766: công bố tháng {month_year(month)} của {count} đơn vị")
