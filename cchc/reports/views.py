"""Report pages: a unit's reports (and, for an upper level, its units' reports and the
compiled report), one report (read, edit, submit, review), its figure tables as .xlsx.
Each view fetches through the access gate first and calls one action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cchc.documents.excel import (
    WRITTEN_FIGURE,
    figures_as_numbers,
    sheet_title,
    workbook_bytes,
    write_table,
)
from cchc.notifications.actions import seen
from cchc.org.access import Action, access_for, unit_for
from cchc.org.in_force import last_day
from cchc.org.models import Unit

from . import actions, compile, content, document, schedule
from .forms import ReportTextForm, ReturnForm, WindowForm
from .models import Report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _year(request, unit) -> int:
    """The year asked (?year=), else this year — a dissolved unit's last year in force."""
    default = last_day(unit, timezone.localdate()).year
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return default
    return year if 2000 <= year <= 2100 else default


def _kind(request, year: int, today) -> str:
    """The kind asked (?kind=), else this year's report last due (the one whose senders and
    latecomers the upper level looks for, decision 0161), else the first of the year."""
    kind = request.GET.get("kind", "")
    if kind in schedule.KINDS:
        return kind
    last_kind, last_year = schedule.last_due(today)
    return last_kind if last_year == year else "q1"


def _below(unit, kind: str, year: int, today) -> list[dict]:
    """The units directly below `unit`, each with its report of the kind or none, whether it is
    late and whether it has units of its own."""
    children = compile.units_below(unit, schedule.window_for(unit, kind, year).end)
    below = []
    if children.exists():
        reports = {
            r.unit_id: r for r in Report.objects.filter(unit__parent=unit, kind=kind, year=year)
        }
        # a unit with units of its own (a district) links to their reports: the province's way
        # down to the communes' reports (decision 0185)
        parents = set(Unit.objects.filter(parent__in=children).values_list("parent_id", flat=True))
        for child in children:
            report = reports.get(child.pk)
            due = report.due if report else schedule.window_for(child, kind, year).due
            below.append(
                {
                    "unit": child,
                    "report": report,
                    "due": due,
                    "late": report.is_late(today) if report else today > due,
                    "has_units": child.pk in parents,
                }
            )
    return below


@login_required
@require_safe
def unit_reports(request, code: str):
    """The unit's four reports of the year; for an upper level, its units' reports of one
    kind with status and lateness."""
    unit = unit_for(request.user, code)
    year, today = _year(request, unit), timezone.localdate()
    kind = _kind(request, year, today)
    saved = {r.kind: r for r in Report.objects.filter(unit=unit, year=year)}
    own = []
    for key in schedule.KINDS:
        report = saved.get(key)
        period = schedule.window_for(unit, key, year) if report is None else None
        # a window ending when the unit is not in force (0148): after it, its successor's
        # report; before it (a unit formed by a merger), the report of the units it replaced
        gone = ""
        if period is not None and not unit.is_current(period.end):
            before = unit.valid_from is not None and period.end < unit.valid_from
            gone = "before" if before else "after"
        own.append(
            {
                "kind": key,
                "title": schedule.KINDS[key][1](year),
                "period_key": schedule.KINDS[key][2](year),
                "report": report,
                "start": report.start if report else period.start,
                "end": report.end if report else period.end,
                "due": report.due if report else period.due,
                "late": report.is_late(today) if report else today > period.due and not gone,
                "gone": gone,
            }
        )
    below = _below(unit, kind, year, today)
    context = {
        "unit": unit,
        "year": year,
        "kind": kind,
        "kinds": [(k, v[0]) for k, v in schedule.KINDS.items()],
        "own": own,
        "below": below,
        "compiled_key": schedule.KINDS[kind][2](year),
        "can_edit": access_for(request.user).can(Action.EDIT_PLAN, unit),
        "nav": "reports",
    }
    return render(request, "reports/unit_reports.html", context)


def _period(code: str, key: str) -> tuple[str, int]:
    try:
        return schedule.parse_key(key)
    except ValueError:
        raise Http404 from None


@login_required
def period(request, code: str, key: str):
    """GET: the unit's report of the period, or a preview of its draft before it is opened;
    POST: open it (create the draft) and go to it."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    unit = unit_for(request.user, code)
    kind, year = _period(code, key)
    report = Report.objects.filter(unit=unit, kind=kind, year=year).first()
    if report is not None:
        return redirect(report)
    if request.method == "POST":
        access_for(request.user).require(Action.EDIT_PLAN, unit)
        try:
            report = actions.open_report(unit, kind, year, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("reports:unit", code=unit.code)
        return redirect(report)
    window = schedule.window_for(unit, kind, year)
    preview = Report(
        unit=unit, kind=kind, year=year, start=window.start, end=window.end, due=window.due
    )
    data = content.assemble(preview)
    context = {
        "unit": unit,
        "report": preview,
        "preview": True,
        "content": data,
        "figure_rows": document.page_figure_rows(data),
        "can_edit": access_for(request.user).can(Action.EDIT_PLAN, unit),
        "nav": "reports",
    }
    return render(request, "reports/detail.html", context)


def _report_for(request, pk: int, action: str = Action.VIEW) -> Report:
    report = get_object_or_404(
        Report.objects.visible_to(request.user).select_related("unit__parent"), pk=pk
    )
    access_for(request.user).require(action, report.unit)
    return report


def _can_review(user, report: Report) -> bool:
    parent = report.unit.parent
    return parent is not None and access_for(user).can(Action.APPRAISE, parent)


def _render(request, report: Report, *, form=None, window_form=None, return_form=None, status=200):
    gate = access_for(request.user)
    can_edit = gate.can(Action.EDIT_PLAN, report.unit)
    can_approve = gate.can(Action.APPROVE, report.unit)
    narrative = report.narrative or {}
    if form is None and can_edit and report.is_editable:
        initial = {key: narrative.get(key, "") for key, _h in content.NARRATIVE_PARTS}
        initial.update(
            number=report.number,
            place=report.place,
            signed_on=report.signed_on,
            recipients="\n".join(
                narrative.get("recipients") or content.default_recipients(report.unit)
            ),
            signer_title=narrative.get("signer_title", ""),
            signer_name=narrative.get("signer_name", ""),
        )
        form = ReportTextForm(initial=initial)
    if window_form is None and can_edit and report.is_editable:
        window_form = WindowForm(
            initial={"start": report.start, "end": report.end, "due": report.due}
        )
    data = content.content_of(report)
    context = {
        "unit": report.unit,
        "report": report,
        "content": data,
        "figure_rows": document.page_figure_rows(data),
        "can_edit": can_edit and report.is_editable,
        "can_submit": (can_edit or can_approve) and report.status in ("draft", "returned"),
        "signs_off": can_approve,
        "can_review": _can_review(request.user, report) and report.status == "submitted",
        "form": form,
        "window_form": window_form,
        "return_form": return_form or ReturnForm(),
        "late": report.is_late(timezone.localdate()),
        "nav": "reports",
    }
    return render(request, "reports/detail.html", context, status=status)


@login_required
@require_safe
def detail(request, pk: int):
    report = _report_for(request, pk)
    seen(request.user, report)
    return _render(request, report)


def _perform(request, report: Report, call, success: str, **forms):
    """Run one action: refused, the page again with the message (and each field's problem
    on its form), status 400; done, the message and back to the report."""
    try:
        call()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for form in forms.values():
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
        messages.error(request, " ".join(exc.messages))
        return _render(request, report, status=400, **forms)
    messages.success(request, success)
    return redirect(report)


def _posted(request, report: Report, form_class, key: str, call, success: str):
    """A form posted to the report: invalid, the page again with it (400); else `call(form)`
    through `_perform`. `key` is the form's name in the page's context."""
    form = form_class(request.POST)
    if not form.is_valid():
        return _render(request, report, status=400, **{key: form})
    return _perform(request, report, lambda: call(form), success, **{key: form})


@login_required
@require_POST
def edit(request, pk: int):
    report = _report_for(request, pk, Action.EDIT_PLAN)

    def call(form):
        data = form.cleaned_data
        actions.edit(
            report,
            by=request.user,
            number=data["number"],
            place=data["place"],
            signed_on=data["signed_on"],
            text=form.text(),
        )

    saved = _("The report's text was saved; the figures are recomputed.")
    return _posted(request, report, ReportTextForm, "form", call, saved)


@login_required
@require_POST
def window(request, pk: int):
    report = _report_for(request, pk, Action.EDIT_PLAN)

    changed = _("The report's window was changed.")
    return _posted(
        request,
        report,
        WindowForm,
        "window_form",
        lambda form: actions.set_window(report, by=request.user, **form.cleaned_data),
        changed,
    )


@login_required
@require_POST
def submit(request, pk: int):
    report = _report_for(request, pk)  # the focal point or the leader: the action decides
    sent = _("The report was submitted to the level above.")
    return _perform(request, report, lambda: actions.submit(report, by=request.user), sent)


def _to_review(request, pk: int) -> Report:
    """The report, for the level above only (the unit itself and others: 403)."""
    report = _report_for(request, pk)
    if not _can_review(request.user, report):
        raise PermissionDenied
    return report


@login_required
@require_POST
def accept(request, pk: int):
    report = _to_review(request, pk)
    accepted = _("The report was accepted.")
    return _perform(request, report, lambda: actions.accept(report, by=request.user), accepted)


@login_required
@require_POST
def return_report(request, pk: int):
    report = _to_review(request, pk)

    def call(form):
        actions.return_report(report, by=request.user, comment=form.cleaned_data["comment"])

    returned = _("The report was returned with your comments.")
    return _posted(request, report, ReturnForm, "return_form", call, returned)


def tables_workbook(tables: list[dict]) -> bytes:
    """One sheet per figure table (cchc.documents.excel's layout)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for number, table in enumerate(tables, start=1):
        sheet = book.create_sheet(sheet_title(f"Biểu {number}"))
        named = any(not WRITTEN_FIGURE.fullmatch(str(row[0])) for row in table["rows"])
        widths = [50 if i == 0 and named else 16 for i in range(len(table["columns"]))]
        rows = [(row, False) for row in table["rows"]]
        header = write_table(sheet, table["title"], table["columns"], widths, rows)
        figures_as_numbers(sheet, header + 1)
    return workbook_bytes(book)


def _attachment(report: Report, body: bytes, extension: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    name = f"bao-cao-{report.unit.code}-{report.period_key}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_safe
def tables_xlsx(request, pk: int):
    report = _report_for(request, pk)
    body = tables_workbook(document.figure_tables(content.content_of(report)))
    return _attachment(report, body, "xlsx", XLSX)


@login_required
@require_safe
def report_docx(request, pk: int):
    """The report as the Word file to sign and send: the draft as it stands, or, once
    submitted, exactly the file frozen at submission."""
    report = _report_for(request, pk)
    try:
        body = document.word_file(report)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(report)
    return _attachment(report, body, "docx", DOCX)


@login_required
@require_safe
def compiled_view(request, code: str, key: str):
    """The upper level's report compiled from its units' reports."""
    unit = unit_for(request.user, code)
    kind, year = _period(code, key)
    data = compile.compiled(unit, kind, year)
    summed = {"figures": data["total"]["figures"], **data}
    context = {
        "unit": unit,
        "data": data,
        "figure_rows": document.page_figure_rows(summed),
        "nav": "reports",
    }
    return render(request, "reports/compiled.html", context)
