"""An event names its moment in Vietnam's time, as the history panels and the Excel export do."""

import datetime as dt

from cchc.audit.models import AuditEvent


def test_an_event_after_five_pm_utc_is_labelled_with_the_next_morning_in_vietnam():
    event = AuditEvent(
        at=dt.datetime(2024, 3, 8, 17, 30, tzinfo=dt.UTC),
        action="plan.create",
        object_repr="Kế hoạch CCHC 2024",
    )
    assert str(event) == "09/03/2024 00:30 plan.create Kế hoạch CCHC 2024"
