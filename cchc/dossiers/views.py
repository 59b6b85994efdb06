"""Web import of dossier and catalogue files: upload, preview with the column mapping, outcome."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from cchc.org.access import Action, access_for, unit_for

from . import background, uploads
from .exports import errors_workbook
from .forms import MappingForm, UploadForm, mapping_from, too_large
from .models import DossierUpload, Procedure
from .reading import DossierFileError


@login_required
@require_http_methods(["GET", "POST"])
def import_page(request, code: str):
    unit = unit_for(request.user, code, Action.ENTER_DATA)
    refused = ""
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if request.method == "POST" and length > uploads.max_bytes() + 1_048_576:
        # refused before Django reads (and spools to disk) a body that large
        form, refused = UploadForm(), too_large(length)
    else:
        form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not refused and form.is_valid():
        upload = uploads.store(
            form.cleaned_data["file"],
            unit=unit,
            kind=form.cleaned_data["kind"],
            sheet=form.cleaned_data["sheet"],
            by=request.user,
        )
        return redirect("dossiers:upload", pk=upload.pk)
    context = {
        "unit": unit,
        "form": form,
        "refused": refused,
        "history": DossierUpload.objects.filter(unit=unit).select_related("created_by")[:20],
        "procedures": Procedure.objects.count(),
        "unclassified": Procedure.objects.filter(unclassified=True).count(),
        "max_mb": uploads.max_bytes() // 1_048_576,
        "nav": "data",
    }
    status = 400 if refused or form.errors else 200  # refused: the page again (decision 0175)
    return render(request, "dossiers/import.html", context, status=status)


def _upload_for(request, pk: int) -> DossierUpload:
    upload = get_object_or_404(
        DossierUpload.objects.visible_to(request.user).select_related("unit", "created_by"), pk=pk
    )
    access_for(request.user).require(Action.ENTER_DATA, upload.unit)
    return upload


@login_required
@require_http_methods(["GET", "POST"])
def upload_detail(request, pk: int):
    upload = _upload_for(request, pk)
    context: dict[str, object] = {"upload": upload, "unit": upload.unit, "nav": "data"}
    if not upload.is_pending:
        return render(request, "dossiers/upload_result.html", context)
    columns, required = uploads.fields_of(upload)
    data = request.POST if request.method == "POST" else None
    asked = mapping_from(data, columns) if data is not None else upload.mapping or None
    try:
        preview = uploads.show(upload, asked)
    except DossierFileError as exc:
        uploads.discard(upload, by=request.user)
        messages.error(request, exc.message)
        return redirect("dossiers:import", code=upload.unit.code)
    form = MappingForm(data, columns=columns, required=required, header=preview.header)
    if data is not None and data.get("action") == "import" and form.is_valid():
        background.confirm(
            upload,
            by=request.user,
            mapping=form.mapping(),
            skip_invalid=form.cleaned_data["skip_invalid"],
        )
        return redirect("dossiers:upload", pk=upload.pk)
    mapped = {index: name for name, index in preview.header.mapping.items()}
    context.update(
        {
            "preview": preview,
            "form": form,
            "mapped": [mapped.get(i, "") for i in range(len(preview.header.names))],
            "missing": preview.header.missing(required),
        }
    )
    return render(request, "dossiers/upload_preview.html", context)


@login_required
@require_safe
def upload_progress(request, pk: int):
    """The progress bar of a queued or running import, polled by its page; once the import
    has ended, the page is told to reload and show the outcome."""
    upload = _upload_for(request, pk)
    response = render(request, "dossiers/_upload_progress.html", {"upload": upload})
    if not upload.in_progress:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def upload_rerun(request, pk: int):
    upload = _upload_for(request, pk)
    if upload.status == DossierUpload.Status.INTERRUPTED:
        background.requeue(upload, by=request.user)
    return redirect("dossiers:upload", pk=upload.pk)


@login_required
@require_POST
def upload_discard(request, pk: int):
    upload = _upload_for(request, pk)
    if upload.is_pending or upload.status == DossierUpload.Status.INTERRUPTED:
        uploads.discard(upload, by=request.user)
        messages.info(request, _("The file was discarded; nothing was imported."))
    return redirect("dossiers:import", code=upload.unit.code)


@login_required
@require_safe
def upload_errors(request, pk: int):
    upload = _upload_for(request, pk)
    response = HttpResponse(
        errors_workbook(upload),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="loi-nhap-{upload.pk}.xlsx"'
    return response
