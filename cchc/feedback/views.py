"""The feedback register of a unit, the one-stop office's entry form and the file import."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from cchc.dossiers.records import DossierFileError, RowError
from cchc.org.access import Action, access_for, unit_for, unit_scope, within

from . import register as listing
from .actions import Refused, enter_feedback, import_feedback
from .deadlines import state
from .forms import FeedbackForm, ImportForm
from .models import Feedback
from .reading import read_file

SHOWN = 300


@login_required
@require_safe
def register(request, code: str):
    unit = unit_for(request.user, code)
    today = timezone.localdate()
    show = request.GET.get("show", "due")
    show = show if show in listing.LATE_OR_DUE else "due"
    # the feedback the unit received, its predecessors' before a merger included
    scope = Feedback.objects.visible_to(request.user).filter(within(unit))
    rows = list(listing.filtered(scope, show, today).select_related("unit")[:SHOWN])
    for item in rows:
        item.state = state(item, today)
    context = {
        "unit": unit,
        "rows": rows,
        "show": show,
        "counts": {
            "late": scope.filter(listing.late_q(today)).count(),
            "due": scope.filter(listing.open_q()).exclude(listing.late_q(today)).count(),
            "all": scope.count(),
        },
        "shown": SHOWN,
        "can_enter": access_for(request.user).can(Action.ENTER_DATA, unit),
        "nav": "indicators",
    }
    return render(request, "feedback/register.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry(request, code: str, pk: int | None = None):
    unit = unit_for(request.user, code, Action.ENTER_DATA)
    instance = None
    if pk is not None:
        instance = get_object_or_404(
            Feedback.objects.visible_to(request.user).filter(within(unit)), pk=pk
        )
    form = FeedbackForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            enter_feedback(unit, form.cleaned_data, by=request.user, instance=instance)
        except Refused as refusal:
            for field, messages in refusal.errors.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return redirect("feedback:register", unit.code)
    context = {"unit": unit, "form": form, "item": instance, "nav": "indicators"}
    return render(request, "feedback/entry.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_page(request, code: str):
    unit = unit_for(request.user, code, Action.ENTER_DATA)
    form = ImportForm(request.POST or None, request.FILES or None)
    outcome, errors = None, []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_file(upload, filename=upload.name)
        except DossierFileError as exc:
            errors = [RowError(0, "", "", exc.message)]
        else:
            outcome = import_feedback(
                rows,
                by=request.user,
                source=Feedback.Source.WEB,
                allowed_paths=unit_scope(unit),
                unit=unit,
                file_name=upload.name,
            )
            errors = outcome.errors
    context = {"unit": unit, "form": form, "outcome": outcome, "errors": errors[:500]}
    context["nav"] = "indicators"
    status = 400 if errors or form.errors else 200
    return render(request, "feedback/import.html", context, status=status)
