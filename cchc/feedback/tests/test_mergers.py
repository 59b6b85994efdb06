"""Feedback received after a merger is entered for the commune in force (decision 0148); what
the dissolved commune received before stays its own and can still be corrected."""

import pytest
from django.urls import reverse

from cchc.feedback.models import Feedback

pytestmark = pytest.mark.django_db


def test_feedback_received_after_the_merger_is_refused_for_the_old_commune(world, merged, login):
    client = login(merged.focal)
    url = reverse("feedback:new", args=[world.commune.code])
    data = {"code": "PA-77", "received": "2025-08-04", "content": "Đường hư hỏng ấp 3"}
    refused = client.post(url, data)
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Xã Thạnh Tân không còn hoạt động vào ngày 04/08/2025" in html
    assert "hãy nhập phản ánh, kiến nghị cho đơn vị đó." in html
    assert "Đường hư hỏng ấp 3" in html and 'value="PA-77"' in html
    assert not Feedback.objects.exists()
    # received on its last day: its own
    assert client.post(url, {**data, "received": "2025-06-30"}).status_code == 302
    item = Feedback.objects.get()
    assert item.unit == world.commune
    # and corrected later, it stays with the unit that received it
    edit = reverse("feedback:edit", args=[world.commune.code, item.pk])
    assert (
        client.post(edit, {**data, "received": "2025-06-30", "answered": "2025-07-02"}).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.unit == world.commune and str(item.answered) == "2025-07-02"
    # the successor enters what came after
    new = reverse("feedback:new", args=[merged.code])
    assert client.post(new, {**data, "code": "PA-78"}).status_code == 302
    assert Feedback.objects.get(code="PA-78").unit == merged
