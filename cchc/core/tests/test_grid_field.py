"""A compact grid form (feedback entry, procedure publication) lays each field out by name: the
wide ones over the whole row, tick boxes beside their label, the others a third of the row."""

from django import forms
from django.template import Context, Template

from cchc.core.templatetags.cchc import one_of


def test_one_of_matches_whole_names_only():
    assert one_of("content", "content sender_address")
    assert one_of("sender_address", "content sender_address")
    assert not one_of("sender", "content sender_address")
    assert not one_of("", "content")


class _Form(forms.Form):
    content = forms.CharField(label="nội dung")
    repeated = forms.BooleanField(label="lặp lại", required=False)
    code = forms.CharField(label="mã")


def test_a_grid_field_is_wide_checked_or_a_third_as_the_page_names_it():
    html = Template(
        '{% load cchc %}{% for field in form %}{% include "includes/grid_field.html" with '
        'wide=field.name|one_of:"content" check=field.name|one_of:"repeated" %}{% endfor %}'
    ).render(Context({"form": _Form()}))
    blocks = html.split('<div class="col-12')[1:]
    assert len(blocks) == 3
    content, repeated, code = blocks
    assert content.startswith('">') and "Nội dung" in content
    assert 'class="form-check mt-md-4"' in repeated and "Lặp lại" in repeated
    assert code.startswith(' col-md-4">') and 'class="form-label small"' in code
