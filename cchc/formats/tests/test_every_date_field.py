"""Every date a form asks for — the plan's, a task's, a target's, the signed document's, a
progress report's evidence, an undated task's due date, and each date of a plan read from a
document — is a `DayField` (decision 0155): dd/mm/yyyy read as a Vietnamese official means it
whatever language the session speaks, ISO still read, and a mistyped date refused with the
field's name (Django's field said "Nhập ngày hợp lệ." and, in English, took 05/03 for 3 May)."""

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from cchc.importer.forms import HeaderForm, PeriodRowForm, TaskRowForm
from cchc.plans.forms import IssueForm, PlanForm, TargetForm, TaskForm
from cchc.tracking.forms import DueForm, ProgressForm

FIELDS = [
    (PlanForm, "issued_on", "Ngày ban hành"),
    (TaskForm, "due", None),
    (TargetForm, "by_date", None),
    (IssueForm, "issued_on", "Ngày ký"),
    (ProgressForm, "evidence_issued_on", None),
    (DueForm, "due", None),
    (HeaderForm, "issued_on", None),
    (TaskRowForm, "due", None),
    (PeriodRowForm, "start", None),
    (PeriodRowForm, "end", None),
    (PeriodRowForm, "due", None),
]


@pytest.mark.parametrize(("form", "name", "label"), FIELDS)
def test_a_forms_date_is_typed_as_officials_write_it_in_any_language(form, name, label):
    field = form.base_fields[name]
    with translation.override("en"):
        assert field.clean("05/03/2026") == dt.date(2026, 3, 5)  # 5 March, not 3 May
        assert field.clean("2026-03-05") == dt.date(2026, 3, 5)
    with translation.override("vi"):
        html = field.widget.render(name, dt.date(2026, 3, 5))
        assert 'value="05/03/2026"' in html and 'placeholder="dd/mm/yyyy"' in html
        assert 'type="date"' not in html
        with pytest.raises(forms.ValidationError) as refused:
            field.clean("31/02/2026")
        message = refused.value.messages[0]
        assert "nhập ngày theo dạng dd/mm/yyyy, ví dụ 30/06/2026" in message
        assert message.startswith(f"{label or str(field.label)}:")
