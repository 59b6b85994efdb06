"""The comparison's heading names the unit as a sentence does (decision 0177): it read "So
sánh các đơn vị thuộc Tỉnh Tây Ninh", the kind word capitalised mid-sentence."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_province_comparison_reads_thuoc_tinh_tay_ninh(world, login):
    page = login(world.people.province).get(reverse("tracking:compare", args=["tinh"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "So sánh các đơn vị thuộc tỉnh Tây Ninh, năm" in text
    assert "thuộc Tỉnh Tây Ninh" not in text
