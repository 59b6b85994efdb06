"""From the parsed dict to what the review page shows: initial form values and, for each task
row, its source text, the parser's guesses and how its leads match the unit's posts."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from cchc.org.matching import match_name

# What each guess the parser reports means, for the person reviewing.
FLAG_LABELS = {
    "lead_from_row_above": _("Lead taken from the row above (merged cell)"),
    "coordinators_from_row_above": _("Coordinators taken from the row above (merged cell)"),
    "deadline_from_row_above": _("Deadline taken from the row above (merged cell)"),
    "deadline_without_date": _("The deadline names no date: set a due date"),
    "no_due": _("No due date: set one"),
    "due_year_assumed": _("The deadline has no year: the plan's year was used"),
    "budget_not_a_number": _("The budget cell is not a number"),
    "area_guessed": _("Area guessed from the wording"),
    "from_prose": _("Read from the text"),
    "due_before_plan": _("Due before the plan's own date"),
}


def _day(value):
    """ISO text from the parser → a date, so date inputs show dd/mm/yyyy."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def initial_header(parsed: dict) -> dict:
    header = parsed.get("plan") or {}
    bases = [lb.get("text") or lb.get("number") or "" for lb in parsed.get("legal_bases") or []]
    return {
        "kind": header.get("kind") or "annual",
        "year": header.get("year"),
        "number": header.get("number") or "",
        "issued_on": _day(header.get("issued_on")),
        "issuer": header.get("issuer") or "",
        "signer": header.get("signer") or "",
        "title": header.get("title") or "",
        "theme": header.get("theme") or "",
        "legal_bases": "\n".join(b for b in bases if b),
    }


def initial_tasks(parsed: dict) -> list[dict]:
    rows = []
    for task in parsed.get("tasks") or []:
        rows.append(
            {
                "ref": task.get("ref") or "",
                "area": task.get("area") or "other",
                "title": task.get("title") or "",
                "lead": task.get("lead") or [],
                "coordinators": task.get("coordinators") or [],
                "products": task.get("products") or [],
                "deadline": task.get("deadline") or "",
                "due": _day(task.get("due")),
                "recurrence": task.get("recurrence") or "",
                "budget_million_vnd": task.get("budget_million_vnd"),
                "section_ref": task.get("section_ref") or "",
                "source_line": task.get("source_line"),
                "source_text": task.get("source_text") or "",
            }
        )
    return rows


def initial_targets(parsed: dict) -> list[dict]:
    return [
        {
            "area": t.get("area") or "other",
            "text": t.get("text") or "",
            "comparator": t.get("comparator") or "=",
            "value": t.get("value"),
            "unit": t.get("unit") or "%",
            "source_line": t.get("source_line"),
        }
        for t in parsed.get("targets") or []
    ]


def initial_periods(parsed: dict) -> list[dict]:
    return [
        {
            "name": p.get("name") or "",
            "start": _day(p.get("from")),
            "end": _day(p.get("to")),
            "due": _day(p.get("due")),
        }
        for p in parsed.get("reporting_periods") or []
    ]


def _flags(task: dict) -> list[str]:
    flags = task.get("flags") or []
    codes = list(flags.keys()) if isinstance(flags, dict) else [str(f) for f in flags]
    return list(dict.fromkeys(codes))


def row_notes(parsed: dict, unit) -> list[dict]:
    """Per task row: source, guesses to highlight, and each lead's matched post (or None)."""
    posts = [(p, [p.name, *p.alias_list()]) for p in unit.posts.all()]
    notes = []
    for task in parsed.get("tasks") or []:
        leads = [(name, match_name(name, posts)) for name in task.get("lead") or []]
        flags = _flags(task)
        if not task.get("due") and not task.get("recurrence") and "no_due" not in flags:
            flags.append("no_due")
        notes.append(
            {
                "source_text": task.get("source_text") or "",
                "source_line": task.get("source_line"),
                "flags": [str(FLAG_LABELS.get(code, code)) for code in flags],
                "leads": leads,
                "unmatched": [name for name, post in leads if post is None],
            }
        )
    return notes
