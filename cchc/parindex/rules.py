"""How a criterion is scored, and how a unit's points add up.

The rule of a criterion is read from its scoring guidance, so a province writes it once, in
words its officials read:
- `[nguồn: CODE]` names where the measured figure comes from: `plan_issued` (the unit's annual
  plan and the day it was issued), `tasks_done` (share of the year's tasks done) or an
  indicator code (`on_time_rate`, …, as `cchc indicators` prints them);
- "Có: N điểm" with "Không: 0 điểm" is yes/no (all or nothing);
- "≥ 95%: 2 điểm; ≥ 80%: 1 điểm" are tiers (the first threshold the figure reaches);
- "theo tỷ lệ" is proportional: max × figure ÷ 100, full points from "từ N% trở lên", none
  "dưới M%";
- anything else is scored by judgement.

Totals: a parent's points are its children's sum; the unit's total is the scored areas plus
the survey plus the bonus/penalty rows. Without survey points (the survey not held), the scored
areas are rescaled to 100: scored × 100 ÷ (100 − survey weight); bonus and penalty points are
added after rescaling (decision 0060).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import AreaRole, Rule

CENT = Decimal("0.01")
_SOURCE = re.compile(r"\[\s*nguồn\s*:\s*([a-z_0-9]+)\s*\]", re.IGNORECASE)
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_TIER = re.compile(r"(?:≥|>=)\s*" + _NUMBER + r"\s*%?\s*:\s*" + _NUMBER + r"\s*điểm", re.IGNORECASE)
_YES = re.compile(r"\b(có|đạt)\s*:\s*" + _NUMBER + r"\s*điểm", re.IGNORECASE)
_NO = re.compile(r"\b(không|không đạt)\s*:", re.IGNORECASE)
_FULL_FROM = re.compile(r"từ\s*" + _NUMBER + r"\s*%\s*trở lên", re.IGNORECASE)
_NONE_BELOW = re.compile(r"dưới\s*" + _NUMBER + r"\s*%\s*:?\s*0", re.IGNORECASE)
_BY_DAY = re.compile(
    r"(?:trước|chậm nhất)[^0-9]{0,12}(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", re.IGNORECASE
)


def shown(guidance: str) -> str:
    """The guidance as the assessment pages show it: without its `[nguồn: CODE]` tag, a code
    for the rule's reader that an official cannot read (the "Gợi ý" column names the figure
    itself, with its value)."""
    return re.sub(r"\s{2,}", " ", _SOURCE.sub("", guidance or "")).strip()


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def parse_rule(guidance: str) -> tuple[str, dict]:
    """(rule, spec) read from a criterion's scoring guidance."""
    spec: dict = {}
    source = _SOURCE.search(guidance or "")
    if source:
        spec["source"] = source.group(1).lower()
    by_day = _BY_DAY.search(guidance or "")
    if by_day:
        spec["by_day"] = [int(by_day.group(1)), int(by_day.group(2))]
        if by_day.group(3):
            spec["by_year"] = int(by_day.group(3))
    tiers = _TIER.findall(guidance or "")
    if tiers:
        spec["tiers"] = sorted(
            ([str(_dec(t)), str(_dec(p))] for t, p in tiers), key=lambda tp: -Decimal(tp[0])
        )
        return Rule.TIERS, spec
    if "theo tỷ lệ" in (guidance or "").lower():
        full = _FULL_FROM.search(guidance)
        none = _NONE_BELOW.search(guidance)
        spec["full_from"] = str(_dec(full.group(1))) if full else "100"
        spec["none_below"] = str(_dec(none.group(1))) if none else "0"
        return Rule.PROPORTIONAL, spec
    yes = _YES.search(guidance or "")
    if yes and _NO.search(guidance or ""):
        spec["yes"] = str(_dec(yes.group(2)))
        return Rule.YES_NO, spec
    return Rule.JUDGEMENT, spec


def apply_rule(criterion, figure) -> Decimal | None:
    """The points the rule gives for a measured figure (a percentage, or True/False for a
    yes/no fact); None when the rule needs judgement or the figure is missing."""
    if figure is None:
        return None
    top = criterion.max_points or Decimal(0)
    spec = criterion.rule_spec or {}
    if criterion.rule == Rule.YES_NO or isinstance(figure, bool):
        if isinstance(figure, bool):
            passed = figure
        else:
            passed = Decimal(str(figure)) >= Decimal(spec.get("full_from", "100"))
        return min(top, Decimal(spec.get("yes", top))) if passed else Decimal(0)
    value = Decimal(str(figure))
    if criterion.rule == Rule.TIERS:
        for threshold, points in spec.get("tiers", []):
            if value >= Decimal(threshold):
                return min(top, Decimal(points))
        return Decimal(0)
    if criterion.rule == Rule.PROPORTIONAL:
        full = Decimal(spec.get("full_from", "100"))
        if value < Decimal(spec.get("none_below", "0")):
            return Decimal(0)
        if value >= full or not full:
            return top
        return (top * value / full).quantize(CENT, ROUND_HALF_UP)
    return None


def check_points(criterion, points: Decimal | None) -> None:
    """Refuse points outside what the criterion allows: 0..max, or between 0 and the signed
    points of a bonus/penalty row."""
    if points is None:
        return
    where = {"stt": criterion.stt, "points": _show(points)}
    if criterion.area_role == AreaRole.BONUS:
        limit = criterion.max_points or Decimal(0)
        low, high = min(limit, Decimal(0)), max(limit, Decimal(0))
        if not low <= points <= high:
            raise ValidationError(
                _("Criterion %(stt)s: %(points)s points lie outside 0 to %(limit)s.")
                % {**where, "limit": _show(limit)}
            )
        return
    if points < 0:
        raise ValidationError(
            _("Criterion %(stt)s: points cannot be below zero (%(points)s).") % where
        )
    if criterion.max_points is not None and points > criterion.max_points:
        raise ValidationError(
            _("Criterion %(stt)s: %(points)s points are above the maximum of %(max)s.")
            % {**where, "max": _show(criterion.max_points)}
        )


def _show(number: Decimal) -> str:
    text = f"{number.normalize():f}"
    return text.replace(".", ",")


@dataclass
class Totals:
    scored: Decimal | None  # the scored areas, before rescaling
    bonus: Decimal
    survey: Decimal | None
    survey_weight: Decimal
    total: Decimal | None


def node_points(criteria, leaf_points: dict[int, Decimal | None]) -> dict[int, Decimal | None]:
    """Each node's points: a leaf's own, a parent's the sum of its children that have points
    (None when none has). `criteria` in tree order (parents before children)."""
    children: dict[int | None, list] = {}
    for c in criteria:
        children.setdefault(c.parent_id, []).append(c)
    result: dict[int, Decimal | None] = {}

    def visit(node) -> Decimal | None:
        kids = children.get(node.id, [])
        if not kids:
            result[node.id] = leaf_points.get(node.id)
            return result[node.id]
        values = [visit(k) for k in kids]
        present = [v for v in values if v is not None]
        result[node.id] = sum(present, Decimal(0)) if present else None
        return result[node.id]

    for root in children.get(None, []):
        visit(root)
    return result


def totals(criteria, leaf_points: dict[int, Decimal | None], survey: Decimal | None) -> Totals:
    """The unit's total from leaf points (see the module's rule)."""
    points = node_points(criteria, leaf_points)
    areas = [c for c in criteria if c.parent_id is None]
    weight = sum(
        (a.max_points or Decimal(0) for a in areas if a.area_role == AreaRole.SURVEY), Decimal(0)
    )
    scored_values = [points[a.id] for a in areas if a.area_role == AreaRole.SCORED]
    bonus = sum(
        (points[a.id] or Decimal(0) for a in areas if a.area_role == AreaRole.BONUS), Decimal(0)
    )
    if all(v is None for v in scored_values):
        return Totals(None, bonus, survey, weight, None)
    scored = sum((v or Decimal(0) for v in scored_values), Decimal(0))
    if survey is not None:
        base = scored + survey
    elif weight and weight < 100:
        base = scored * Decimal(100) / (Decimal(100) - weight)
    else:
        base = scored
    total = (base + bonus).quantize(CENT, ROUND_HALF_UP)
    return Totals(scored, bonus, survey, weight, total)
