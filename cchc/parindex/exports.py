"""The self-assessment and appraised table as Excel (cchc.documents.excel), and as Word in
the Decree 30 layout (cchc.documents.word): the unit's self-assessment report to the upper
level, and the upper level's notice of the appraisal result. Both read the board, like the
page, so the three cannot disagree."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext as _
from openpyxl import Workbook

from cchc.documents.actions import template_for
from cchc.documents.excel import sheet_title, write_table
from cchc.documents.word import letterhead, render_report
from cchc.org.names import in_sentence

from .choices import Stage
from .layout import _fmt

SELF_REPORT = "self"
APPRAISAL_NOTICE = "appraisal"


def assessment_book(unit, year: int, data) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(f"{_('PAR Index')} {year}")
    headers = [
        _("No."),
        _("Area / criterion"),
        _("Max"),
        _("Self-score"),
        _("Appraised"),
        _("Final"),
        _("Reason for the adjustment"),
        _("Explanation"),
    ]
    rows = []
    for node in data.nodes:
        score = node.score
        rows.append(
            (
                [
                    node.criterion.stt,
                    node.criterion.name,
                    _fmt(node.criterion.max_points),
                    _fmt(node.points["self"]),
                    _fmt(node.points["appraised"]),
                    _fmt(node.points["final"]),
                    score.appraisal_reason if score else "",
                    score.explanation if score else "",
                ],
                not node.is_leaf,
            )
        )
    totals = data.totals
    rows.append(
        (
            [
                "",
                _("Total (out of 100)"),
                100,
                _fmt(totals["self"].total) if totals else None,
                _fmt(totals["appraised"].total) if totals else None,
                _fmt(totals["final"].total) if totals else None,
                "",
                "",
            ],
            True,
        )
    )
    title = _("PAR Index %(year)s — %(unit)s: self-assessment and appraisal") % {
        "year": year,
        "unit": unit.name,
    }
    write_table(sheet, title, headers, [8, 60, 8, 10, 10, 10, 40, 40], rows)
    return book


def _issuer(unit) -> str:
    """The unit's committee as "Nơi nhận" names it: "UBND thành phố Tây Ninh"."""
    return unit.name if unit.name.upper().startswith("UBND") else f"UBND {in_sentence(unit.name)}"


def _pts(value) -> str:
    return "" if value is None else str(localize(value.normalize()))


def _signed(moment) -> dt.date | str:
    """The day the step was taken; blank for the signer to fill while it has not been."""
    if moment is None:
        return "ngày      tháng      năm"
    return timezone.localtime(moment).date()


def _tree_table(data, stages: list[str]) -> dict:
    labels = {"self": _("Self-score"), "appraised": _("Appraised"), "final": _("Final")}
    rows = [
        [
            f"{node.criterion.stt}. {node.criterion.name}",
            _pts(node.criterion.max_points),
            *[_pts(node.points[stage]) for stage in stages],
        ]
        for node in data.nodes
    ]
    rows.append(
        [_("Total (out of 100)"), "100", *[_pts(data.totals[stage].total) for stage in stages]]
    )
    return {
        "title": _("Points by area and criterion"),
        "columns": [_("Area / criterion"), _("Max"), *[labels[stage] for stage in stages]],
        "rows": rows,
    }


def _adjustments(data) -> list[str]:
    lines = []
    for node in data.nodes:
        score = node.score
        if score is None or score.appraised_points in (None, score.self_points):
            continue
        line = _("- Criterion %(stt)s: self-score %(self)s, appraised %(appraised)s.") % {
            "stt": node.criterion.stt,
            "self": _pts(score.self_points),
            "appraised": _pts(score.appraised_points),
        }
        if score.appraisal_reason:
            line += " " + _("Reason: %(reason)s") % {"reason": score.appraisal_reason}
        if score.explanation:
            line += " " + _("The unit explained: %(text)s") % {"text": score.explanation}
        lines.append(line)
    return lines


def _header(issuer, day, number: str) -> dict:
    return {
        **letterhead(issuer.name),
        "number": number,
        "date": day,
    }


def _self_report(unit, year: int, data) -> dict:
    found = data.assessment
    self_total = data.totals["self"].total
    paragraphs = [
        _(
            "Following the PAR Index criteria set “%(set)s” (version %(version)s), %(unit)s "
            "assessed and scored itself on %(count)s criteria."
        )
        % {
            "set": data.criteria_set.name,
            "version": data.criteria_set.version,
            "unit": unit.name,
            "count": sum(1 for n in data.nodes if n.is_leaf),
        },
        _("Self-assessed total: %(total)s out of 100 points.") % {"total": _pts(self_total)},
    ]
    approver = found.approved_by if found else None
    return {
        "header": _header(unit, _signed(found.submitted_at if found else None), "      /BC-UBND"),
        "title": _("REPORT"),
        "subtitle": _("Results of the self-assessment of the PAR Index for %(year)s")
        % {"year": year},
        "legal_bases": [],
        "sections": [
            {
                "heading": _("I. SELF-ASSESSMENT RESULTS"),
                "paragraphs": paragraphs,
                "tables": [_tree_table(data, ["self"])],
            }
        ],
        "recipients": [*([_issuer(unit.parent)] if unit.parent_id else []), _("Archive: VT.")],
        "signer": {
            "title": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
            "name": str(approver) if approver else "",
        },
    }


def _appraisal_notice(unit, year: int, data) -> dict:
    found = data.assessment
    upper = unit.parent or unit
    paragraphs = [
        _("Appraised total: %(total)s; final total: %(final)s out of 100 points.")
        % {"total": _pts(data.totals["appraised"].total), "final": _pts(data.total)}
    ]
    if data.survey is not None:
        paragraphs.append(_("Survey points: %(points)s.") % {"points": _pts(data.survey)})
    if data.rank:
        paragraphs.append(
            _("Rank %(rank)s of %(count)s units, group %(group)s.")
            % {"rank": data.rank, "count": data.units_ranked, "group": data.group or "–"}
        )
    sections = [
        {
            "heading": _("I. APPRAISAL RESULTS"),
            "paragraphs": paragraphs,
            "tables": [_tree_table(data, ["self", "appraised", "final"])],
        },
        {
            "heading": _("II. ADJUSTED CRITERIA"),
            "paragraphs": _adjustments(data) or [_("No criterion was adjusted.")],
            "tables": [],
        },
    ]
    return {
        "header": _header(upper, _signed(found.finalised_at), "      /TB-UBND"),
        "title": _("NOTICE"),
        "subtitle": _("Appraisal result of the PAR Index %(year)s of %(unit)s")
        % {"year": year, "unit": unit.name},
        "legal_bases": [],
        "sections": sections,
        "recipients": [_issuer(unit), _("Archive: VT.")],
        "signer": {"title": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "name": ""},
    }


def has_appraisal(data) -> bool:
    found = data.assessment
    return found is not None and found.stage in (Stage.EXPLAINING, Stage.FINAL)


def assessment_docx(unit, year: int, data, kind: str) -> bytes:
    """The self-assessment report (issued by the unit, on its template) or the appraisal
    notice (issued by the upper level, on the upper level's template) as .docx bytes."""
    if kind == APPRAISAL_NOTICE:
        upper = unit.parent or unit
        return render_report(_appraisal_notice(unit, year, data), template_for(upper))
    return render_report(_self_report(unit, year, data), template_for(unit))
