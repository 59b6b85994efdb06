"""Forms of the web import: the upload, and the column mapping shown on the preview."""

from __future__ import annotations

import zipfile
from pathlib import PurePath

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .columns import LABELS
from .models import ImportBatch
from .uploads import SUFFIXES, max_bytes


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What the file holds"),
        choices=[
            (ImportBatch.Kind.DOSSIERS, gettext_lazy("Dossiers (export of the one-stop system)")),
            (ImportBatch.Kind.PROCEDURES, gettext_lazy("Procedure catalogue")),
        ],
        initial=ImportBatch.Kind.DOSSIERS,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    file = forms.FileField(
        label=gettext_lazy("File (CSV or Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUFFIXES)}),
    )
    sheet = forms.CharField(
        label=gettext_lazy("Excel sheet"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Leave empty to read the first sheet."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = PurePath(upload.name or "").suffix.lower()
        if suffix not in SUFFIXES:
            raise forms.ValidationError(
                _("“%(name)s” is not a CSV or Excel (.xlsx) file.") % {"name": upload.name}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file “%(name)s” is empty.") % {"name": upload.name})
        if upload.size > max_bytes():
            raise forms.ValidationError(too_large(upload.size))
        if not _content_fits(upload, suffix):
            raise forms.ValidationError(
                _(
                    "“%(name)s” is not a readable CSV or Excel (.xlsx) file: its content is "
                    "something else, or it was cut short while copying. Save it again from "
                    "Excel and choose it again."
                )
                % {"name": upload.name}
            )
        return upload


def _content_fits(upload, suffix: str) -> bool:
    """Whether the content is what the name says, read before the file is queued (decision
    0179): a workbook is a whole zip (its directory, at the end, is there); a CSV is text
    (no NUL byte in its first block). A picture renamed, or a workbook cut in half, was
    queued and refused only later by the worker."""
    upload.seek(0)
    try:
        if suffix in (".xlsx", ".xlsm"):
            return zipfile.is_zipfile(upload)
        return b"\x00" not in upload.read(8192)
    finally:
        upload.seek(0)


def too_large(size: int) -> str:
    return _(
        "The file is %(size).0f MB; the web import takes files up to %(limit)s MB. Split it by "
        "month, or import it on the server with `cchc import-dossiers`, which has no limit."
    ) % {"size": size / 1_048_576, "limit": max_bytes() // 1_048_576}


class MappingForm(forms.Form):
    """One choice per field: which column of the file holds it (or none)."""

    skip_invalid = forms.BooleanField(
        label=gettext_lazy("Import the valid rows and leave out the rows with errors"),
        required=False,
        help_text=gettext_lazy("By default nothing is saved while any row has an error."),
    )

    def __init__(self, *args, columns, required, header, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —"))] + [
            (str(i), f"{_column_letter(i)}: {name}") for i, name in enumerate(header.names)
        ]
        self.required_names = tuple(required)
        for name in columns:
            field = forms.ChoiceField(
                label=name,
                choices=choices,
                required=False,
                initial=_initial(header, name),
                help_text=LABELS.get(name, ""),
            )
            field.is_required_column = name in required  # type: ignore[attr-defined]
            self.fields[f"col_{name}"] = field
        self.columns = list(columns)

    def column_fields(self):
        return [self[f"col_{name}"] for name in self.columns]

    def clean(self):
        data = super().clean()
        used: dict[str, str] = {}
        for name in self.columns:
            value = data.get(f"col_{name}")
            if not value:
                if name in self.required_names:
                    self.add_error(
                        f"col_{name}",
                        _("Required: choose the column that holds %(name)s.") % {"name": name},
                    )
                continue
            if value in used:
                self.add_error(
                    f"col_{name}",
                    _("This column is already chosen for %(other)s.") % {"other": used[value]},
                )
            used[value] = name
        return data

    def mapping(self) -> dict[str, int | None]:
        result: dict[str, int | None] = {}
        for name in self.columns:
            value = self.cleaned_data.get(f"col_{name}") if hasattr(self, "cleaned_data") else None
            result[name] = int(value) if value else None
        return result


def mapping_from(data, columns) -> dict[str, int | None] | None:
    """The mapping a submitted (possibly invalid) form asks for, to redraw the preview."""
    if not any(f"col_{name}" in data for name in columns):
        return None
    result: dict[str, int | None] = {}
    for name in columns:
        value = data.get(f"col_{name}", "")
        result[name] = int(value) if value.isdigit() else None
    return result


def _initial(header, name: str) -> str:
    index = header.mapping.get(name)
    return "" if index is None else str(index)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
