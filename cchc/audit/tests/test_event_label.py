"""An event names its moment in Vietnam's time, as the history panels and the Excel export do,
and its action by the name the history gives it."""

import datetime as dt

from django.utils import translation

from cchc.audit.models import AuditEvent


def test_an_event_after_five_pm_utc_is_labelled_with_the_next_morning_in_vietnam():
    event = AuditEvent(
        at=dt.datetime(2024, 3, 8, 17, 30, tzinfo=dt.UTC),
        action="plan.create",
        object_repr="Kế hoạch CCHC 2024",
    )
    with translation.override("vi"):
        assert str(event) == "09/03/2024 00:30 Tạo kế hoạch Kế hoạch CCHC 2024"
