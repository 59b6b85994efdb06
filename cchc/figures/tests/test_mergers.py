"""A commune dissolved by the 2025 merger keeps its figures and takes no new one for a period
ending after it (decision 0148): its successor enters those."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc import periods
from cchc.figures.models import FigureEntry
from cchc.figures.tests.test_figures import enter, figure

pytestmark = pytest.mark.django_db


def test_a_dissolved_commune_takes_no_figure_of_a_period_after_it(world, merged):
    enter(world, "news_items", 4, period=periods.month(2025, 6))  # its last month: its own
    with pytest.raises(ValidationError) as refused:
        enter(world, "news_items", 5, period=periods.month(2025, 7), by=merged.focal)
    assert "do Xã Mới tiếp nhận" in refused.value.message_dict["period"][0]
    assert FigureEntry.objects.filter(unit=world.commune).count() == 1
    enter(world, "news_items", 5, unit=merged, period=periods.month(2025, 7), by=merged.focal)
    # the figure of June, entered before the merger, can still be corrected
    enter(world, "news_items", 6, period=periods.month(2025, 6), by=merged.focal)
    assert FigureEntry.objects.get(unit=world.commune).numerator == 6


def test_the_page_keeps_what_was_typed_beside_the_reason(world, merged, login):
    client = login(merged.focal)
    url = reverse("figures:unit", args=[world.commune.code])
    data = {"definition": figure("news_items").pk, "period": "2025-q3", "numerator": 17}
    data["document"] = "Báo cáo số 9/BC-UBND"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "không còn hoạt động vào ngày 30/09/2025" in html
    assert 'value="17"' in html and "Báo cáo số 9/BC-UBND" in html
    assert not FigureEntry.objects.exists()


def test_the_page_of_a_dissolved_commune_opens_on_its_last_quarter(world, merged, login):
    client = login(merged.focal)
    html = client.get(reverse("figures:unit", args=[world.commune.code])).content.decode()
    assert "01/04/2025 – 30/06/2025</h2>" in html  # the quarter it ended in, not today's
    html = client.get(reverse("figures:unit", args=[merged.code])).content.decode()
    assert "01/04/2025 – 30/06/2025</h2>" not in html
