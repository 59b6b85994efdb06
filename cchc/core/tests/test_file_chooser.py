"""Every file input the application renders is the Vietnamese chooser of decision 0154 — a
form's file field, a file input a template writes by hand, the admin's upload: a button "Chọn
tệp…" and the chosen name (or "Chưa chọn tệp"), never the browser's own English "Choose File /
No file chosen"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from cchc.figures.models import FigureDefinition
from cchc.parindex import actions, layout
from cchc.parindex.actions import import_criteria
from cchc.parindex.tests.conftest import write_file
from cchc.testing.auth import admin_login
from cchc.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

CHOOSER = re.compile(r'<label class="filepick[^"]*">.*?</label>', re.S)
ENGLISH = ("Choose File", "Choose file", "No file chosen", "Currently", "Clear", "Change")


def choosers(html: str) -> list[str]:
    """The file choosers of a page; every file input of the page is inside one."""
    found = CHOOSER.findall(html)
    assert html.count('type="file"') == len(found) > 0
    for chooser in found:
        assert "Chọn tệp…" in chooser and "Chưa chọn tệp" in chooser
        assert 'class="filepick-input"' in chooser
        assert not [word for word in ENGLISH if word in chooser], chooser
    assert "No file chosen" not in html and "Choose File" not in html
    return found


def test_a_forms_file_field_is_the_vietnamese_chooser_keeping_accept_and_required(world, login):
    page = login(world.people.focal).get(reverse("dossiers:import", args=["xa-a"]))
    [chooser] = choosers(page.content.decode())
    assert chooser.startswith('<label class="filepick form-control">')
    assert 'accept=".csv,' in chooser and " required " in chooser


def test_a_file_field_refused_is_marked_invalid_on_the_box_people_see(world, login):
    response = login(world.people.focal).post(
        reverse("dossiers:import", args=["xa-a"]), {"kind": "dossiers", "sheet": ""}
    )
    [chooser] = choosers(response.content.decode())
    assert chooser.startswith('<label class="filepick form-control is-invalid">')
    assert 'aria-invalid="true"' in chooser


def test_a_compact_forms_file_field_is_the_small_chooser(world, login):
    client = login(world.people.focal)
    page = client.get(reverse("figures:unit", args=["xa-a"]))
    [chooser] = choosers(page.content.decode())
    assert chooser.startswith('<label class="filepick form-control form-control-sm">')
    # a figure that needs evidence, sent without: refused, the chooser marked
    needs_file = FigureDefinition.objects.get(code="inspections_held", version=1)
    refused = client.post(
        reverse("figures:unit", args=["xa-a"]),
        {"definition": needs_file.pk, "period": "2024-q1", "numerator": 1, "denominator": 1},
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    [chooser] = choosers(html)
    assert "form-control-sm is-invalid" in chooser
    # the reason is read out with the field: the input names it, and it is on the page
    assert 'aria-describedby="id_file-error"' in chooser and 'id="id_file-error"' in html


def test_the_file_inputs_a_template_writes_by_hand_are_the_chooser_too(world, login, tmp_path):
    import_criteria(layout.read(write_file(tmp_path / "tieu-chi.xlsx")), year=2026)
    actions.open_assessment(world.commune, 2026, by=world.people.focal)
    page = login(world.people.focal).get(reverse("parindex:assessment", args=["xa-a", 2026]))
    found = choosers(page.content.decode())
    assert 'aria-label="Tệp 1.1"' in found[0]
    assert all("form-control-sm" in chooser for chooser in found)


def test_a_file_field_holding_a_file_says_current_and_clear_in_vietnamese():
    class Form(forms.Form):
        scan = forms.FileField(required=False)

    held = type("Held", (), {"url": "/tep/bien-ban.pdf", "__str__": lambda self: "bien-ban.pdf"})
    with translation.override("vi"):
        html = str(Form(initial={"scan": held()})["scan"])
    assert 'Hiện nay: <a href="/tep/bien-ban.pdf">bien-ban.pdf</a>' in html
    assert '<label for="scan-clear_id">Xóa</label>' in html
    assert not [word for word in ENGLISH if word in html]
    assert html.count("Chọn tệp…") == 1


def test_the_admins_file_field_of_a_model_is_the_chooser_too():
    from django.contrib.admin.widgets import AdminFileWidget

    held = type("Held", (), {"url": "/tep/mau.docx", "__str__": lambda self: "mau.docx"})
    with translation.override("vi"):
        html = AdminFileWidget().render("template", held())
    assert "Hiện nay:" in html and "Thay đổi:" in html
    choosers(html)


def test_a_field_taking_several_files_says_so():
    class Several(forms.ClearableFileInput):
        allow_multiple_selected = True

    widget = Several(attrs={"multiple": True})
    with translation.override("vi"):
        html = widget.render("scans", None)
    assert "Chọn các tệp…" in html and " multiple" in html


def test_the_admins_upload_is_the_chooser_with_its_style_and_script(world, client):
    admin_login(client, UserFactory(username="root", is_staff=True, is_superuser=True))
    page = client.get("/admin/documents/reporttemplate/add/").content.decode()
    choosers(page)
    assert "css/filepick.css" in page and "js/filepick.js" in page
    refused = client.post(
        "/admin/documents/reporttemplate/add/",
        {"unit": world.province.pk, "upload": SimpleUploadedFile("x.docx", b"not a docx")},
    )
    assert refused.status_code == 200
    choosers(refused.content.decode())


def test_no_template_writes_a_file_input_but_the_chooser():
    # a hand-written <input type="file"> would show the browser's English again: a template
    # without a form field behind it uses {% file_input %}
    root = Path(settings.BASE_DIR)
    widget = root / "templates" / "django" / "forms" / "widgets" / "file.html"
    written = [
        path
        for path in root.rglob("*.html")
        if "/tests/" not in str(path) and path != widget and 'type="file"' in path.read_text()
    ]
    assert written == []


def test_every_page_loads_the_choosers_style_and_script(world, login):
    page = login(world.people.focal).get(reverse("dossiers:import", args=["xa-a"]))
    html = page.content.decode()
    assert "css/filepick.css" in html and "js/filepick.js" in html
