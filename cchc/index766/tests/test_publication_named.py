"""The administrator reading the audit log sees a publication of the 766 index by its month
(decision 0177): the "Đối tượng" column read "26 11/2026 r1" — the unit's id, an "r"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.index766.actions import publish
from cchc.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_audit_log_names_the_publication_by_its_month(march, client):
    publish(march.commune, dt.date(2024, 3, 1), dt.date(2024, 4, 5))
    event = AuditEvent.objects.get(action="index766.publish")
    assert event.object_repr == "Chỉ số 766 tháng 03/2024 (lần công bố 1)"
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:audit_auditevent_changelist")).content.decode()
    assert "Chỉ số 766 tháng 03/2024 (lần công bố 1)" in page
