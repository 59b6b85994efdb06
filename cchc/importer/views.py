"""Upload a plan document, review what was read beside its source, confirm."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cchc.org.access import Action, access_for
from cchc.plans.rules import in_force_during, not_in_force_message

from .checks import with_unit_warnings
from .errors import PlanImportError
from .forms import (
    DuplicateForm,
    HeaderForm,
    PeriodFormSet,
    TargetFormSet,
    TaskFormSet,
    UploadForm,
)
from .models import PlanImport
from .parse import parse_bytes
from .review import initial_header, initial_periods, initial_targets, initial_tasks, row_notes
from .saving import duplicates_of, save_parsed_plan


def _parse_upload(upload) -> dict:
    """Parse an uploaded file (its size was checked by the form)."""
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    return parse_bytes(upload.read(limit + 1), upload.name, max_bytes=limit)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    if not access_for(request.user).units(Action.EDIT_PLAN).exists():
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            parsed = _parse_upload(form.cleaned_data["file"])
        except PlanImportError as exc:
            form.add_error("file", exc.message)
        else:
            draft = PlanImport.objects.create(
                unit=form.cleaned_data["unit"],
                created_by=request.user,
                file_name=form.cleaned_data["file"].name[:255],
                parsed=with_unit_warnings(parsed, form.cleaned_data["unit"]),
            )
            return redirect("importer:review", pk=draft.pk)
    recent = PlanImport.objects.editable_by(request.user).filter(status=PlanImport.Status.PENDING)[
        :10
    ]
    context = {"form": form, "recent": recent}
    # a refused file is the page again with its reason, status 400 (decisions 0142, 0175)
    return render(request, "importer/upload.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    draft = get_object_or_404(
        PlanImport.objects.editable_by(request.user).select_related("unit"),
        pk=pk,
        status=PlanImport.Status.PENDING,
    )
    parsed = draft.parsed
    data = request.POST if request.method == "POST" else None
    header = HeaderForm(data, initial=initial_header(parsed), prefix="plan")
    tasks = TaskFormSet(data, initial=initial_tasks(parsed), prefix="tasks")
    targets = TargetFormSet(data, initial=initial_targets(parsed), prefix="targets")
    periods = PeriodFormSet(data, initial=initial_periods(parsed), prefix="periods")
    duplicates = duplicates_of(parsed, draft.unit)
    duplicate_form = DuplicateForm(data, prefix="dup") if duplicates else None
    forms_ok = request.method == "POST" and all(
        f.is_valid() for f in (header, tasks, targets, periods, duplicate_form) if f is not None
    )
    if forms_ok and not in_force_during(draft.unit, header.cleaned_data["year"]):
        header.add_error("year", not_in_force_message(draft.unit, header.cleaned_data["year"]))
        forms_ok = False
    plan = None
    if forms_ok:
        try:
            plan = _confirm(
                request, draft, header, tasks, targets, periods, duplicates, duplicate_form
            )
        except ValidationError as exc:  # the plan to replace was reported on: close it
            if duplicate_form is None:
                raise
            duplicate_form.add_error("choice", exc.messages)
    if plan is not None:
        messages.success(
            request,
            _("The plan was imported as a draft: %(tasks)s tasks, %(targets)s targets.")
            % {"tasks": plan.tasks.count(), "targets": plan.targets.count()},
        )
        return redirect(plan.get_absolute_url())
    context = {
        "draft": draft,
        "header": header,
        "tasks": tasks,
        "task_rows": list(zip(tasks.forms, row_notes(parsed, draft.unit), strict=False)),
        "targets": targets,
        "periods": periods,
        "duplicates": duplicates,
        # duplicates_of matches by number, or by title when the document has none
        "duplicate_by_number": bool((parsed.get("plan") or {}).get("number")),
        "duplicate_form": duplicate_form,
        "warnings": parsed.get("warnings") or [],
        "qualitative": parsed.get("qualitative_targets") or [],
        "sections": {s.get("ref"): s for s in parsed.get("sections") or []},
    }
    return render(request, "importer/review.html", context)


def _confirm(request, draft, header, tasks, targets, periods, duplicates, duplicate_form):
    plan_header, legal_bases = header.to_parsed()
    edited = {
        "plan": plan_header,
        "legal_bases": legal_bases,
        "sections": draft.parsed.get("sections") or [],
        "tasks": [f.to_parsed() for f in tasks.forms if not _deleted(f)],
        "targets": [f.to_parsed() for f in targets.forms if not _deleted(f)],
        "qualitative_targets": draft.parsed.get("qualitative_targets") or [],
        "reporting_periods": [f.to_parsed() for f in periods.forms if not _deleted(f)],
        "warnings": draft.parsed.get("warnings") or [],
    }
    replace = None
    if duplicates and duplicate_form.cleaned_data["choice"] == DuplicateForm.REPLACE:
        replace = duplicates[0]
        access_for(request.user).require(Action.EDIT_PLAN, replace.unit)
    with transaction.atomic():
        plan = save_parsed_plan(
            edited,
            unit=draft.unit,
            by=request.user,
            source_name=draft.file_name,
            replace=replace,
        )
        draft.status = PlanImport.Status.CONFIRMED
        draft.plan = plan
        draft.parsed = edited
        draft.save(update_fields=["status", "plan", "parsed"])
    return plan


def _deleted(form) -> bool:
    return bool(form.cleaned_data.get("DELETE"))


@login_required
@require_POST
def cancel(request, pk: int):
    draft = get_object_or_404(
        PlanImport.objects.editable_by(request.user), pk=pk, status=PlanImport.Status.PENDING
    )
    draft.status = PlanImport.Status.CANCELLED
    draft.save(update_fields=["status"])
    messages.info(request, _("The import was cancelled; nothing was saved."))
    return redirect("importer:upload")
