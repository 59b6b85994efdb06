"""The monthly freeze and publication, corrections with their reason, and `published()`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cchc.audit.models import AuditEvent
from cchc.dossiers.records import DossierRecord
from cchc.dossiers.saving import import_dossiers
from cchc.index766.actions import publish, publish_due
from cchc.index766.models import Publication
from cchc.index766.publication import published

from .conftest import at

MARCH = dt.date(2024, 3, 1)


def import_late_dossier() -> None:
    """A March dossier the one-stop system sends after the month was published."""
    late = DossierRecord(
        0,
        "LATE-1",
        "1.001",
        "xa-a",
        received=at("2024-03-20"),
        due=at("2024-03-22", 17),
        processing_ended=at("2024-03-25"),
        status=10,
    )
    import_dossiers([late])


def test_nothing_is_published_before_the_publication_day(march):
    assert publish_due(dt.date(2024, 4, 4)) == 0
    assert not Publication.objects.exists()


def test_on_the_fifth_last_months_index_of_every_unit_is_frozen_once(march, settings):
    settings.INDEX766_PUBLISH_DAY = 5
    assert publish_due(dt.date(2024, 4, 5)) == 4  # province, district, two communes
    assert publish_due(dt.date(2024, 4, 6)) == 0  # already published: nothing again
    commune = Publication.objects.get(unit=march.commune, month=MARCH)
    assert (commune.revision, commune.published_by, commune.reason) == (1, None, "")
    # as test_index recomputes it: no feedback received, full points for feedback on time
    assert (float(commune.total), float(commune.max_points)) == (37.03, 60.0)
    progress = next(g for g in commune.snapshot["groups"] if g["code"] == "progress")
    assert progress["criteria"][0]["numerator"] == 33
    assert AuditEvent.objects.filter(action="index766.publish").count() == 4


def test_the_publication_day_is_a_setting(march, settings):
    settings.INDEX766_PUBLISH_DAY = 10
    assert publish_due(dt.date(2024, 4, 9)) == 0
    assert publish_due(dt.date(2024, 4, 10)) == 4


def test_a_published_month_stays_as_published_when_data_arrive_later(march):
    first = publish(march.commune, MARCH, dt.date(2024, 4, 5))
    import_late_dossier()
    first.refresh_from_db()
    progress = next(g for g in first.snapshot["groups"] if g["code"] == "progress")
    assert (progress["criteria"][0]["numerator"], progress["criteria"][0]["denominator"]) == (
        33,
        43,
    )


def test_a_correction_needs_its_reason_and_the_old_version_stays_visible(march, login):
    publish(march.commune, MARCH, dt.date(2024, 4, 5))
    with pytest.raises(ValidationError, match="lý do"):
        publish(march.commune, MARCH, dt.date(2024, 4, 8), by=march.people.focal, reason="  ")
    assert Publication.objects.filter(unit=march.commune).count() == 1
    import_late_dossier()
    second = publish(
        march.commune,
        MARCH,
        dt.date(2024, 4, 8),
        by=march.people.focal,
        reason="Bổ sung hồ sơ đồng bộ chậm từ hệ thống một cửa",
    )
    assert second.revision == 2
    months = published(march.commune)
    assert [m.key for m in months] == ["2024-03"]
    assert [p.revision for p in months[0].versions] == [2, 1]
    assert months[0].current.reason.startswith("Bổ sung")
    event = AuditEvent.objects.get(action="index766.correct")
    assert event.reason.startswith("Bổ sung")
    page = login(march.people.leader).get("/units/xa-a/index766/published/2024-03/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Bổ sung hồ sơ đồng bộ chậm" in html and "Phiên bản 1" in html and "Phiên bản 2" in html


def test_a_month_not_ended_cannot_be_published(march):
    with pytest.raises(ValidationError, match="chưa kết thúc"):
        publish(march.commune, MARCH, dt.date(2024, 3, 31))
