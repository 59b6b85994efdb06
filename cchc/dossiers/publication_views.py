"""The procedure publication pages: the catalogue with how each procedure is published (a file
import on the same page) and the edit page of one procedure. Anyone signed in with a unit may
read; a province or an administrator edits (`uploads.may_reclassify`)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from cchc.formats.inputs import DayField
from cchc.org.access import access_for

from . import publication
from .models import Procedure
from .records import DossierFileError, RowError
from .uploads import may_reclassify

SHOWN = 500


class PublicationForm(forms.ModelForm):
    parts = forms.MultipleChoiceField(
        label=_("parts published"),
        choices=[(code, label) for code, _col, label in publication.PARTS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Procedure
        fields = list(publication.FIELDS)
        field_classes = {
            name: DayField for name in ("act_effective", "publication_decided", "national_db_on")
        }


class FileForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or Excel)"))


def _reader(user) -> None:
    if not (user.is_superuser or access_for(user).grants):
        raise Http404


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def catalogue(request):
    _reader(request.user)
    editable = may_reclassify(request.user)
    form = FileForm(request.POST or None, request.FILES or None)
    errors: list[RowError] = []
    saved = None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                rows = publication.read_file(upload, filename=upload.name)
            except DossierFileError as exc:
                errors = [RowError(0, "", "", exc.message)]
            else:
                saved, errors = publication.import_publication(rows, by=request.user)
    procedures = Procedure.objects.filter(unclassified=False).order_by("code")[:SHOWN]
    context = {
        "procedures": procedures,
        "parts": publication.PARTS,
        "part_count": len(publication.PARTS),
        "editable": editable,
        "form": form,
        "errors": errors[:500],
        "saved": saved,
        "shown": SHOWN,
    }
    status = 400 if errors or form.errors else 200
    return render(request, "dossiers/publication.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, code: str):
    _reader(request.user)
    procedure = get_object_or_404(Procedure, code=code)
    if not may_reclassify(request.user):
        raise PermissionDenied
    form = PublicationForm(request.POST or None, instance=procedure)
    if request.method == "POST" and form.is_valid():
        # the form has written into `procedure`: the action compares with the stored row
        stored = Procedure.objects.get(pk=procedure.pk)
        refused = publication.edit_publication(stored, form.cleaned_data, by=request.user)
        for name, reason in refused.items():
            form.add_error(name, reason)
        if not refused:
            return redirect("dossiers:publication")
    context = {"procedure": procedure, "form": form}
    return render(
        request, "dossiers/publication_edit.html", context, status=400 if form.errors else 200
    )
