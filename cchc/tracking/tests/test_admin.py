"""Progress reports and their evidence are shown in the admin but cannot be edited or deleted
there: they are the record of what an official reported, kept with its audit trail."""

import pytest
from django.urls import reverse

from cchc.evidence.models import Evidence
from cchc.testing.auth import admin_login
from cchc.testing.factories import UserFactory
from cchc.tracking.actions import EvidenceInput, report_progress
from cchc.tracking.models import ProgressUpdate

from .conftest import pdf_bytes, upload


@pytest.fixture
def staff(client, db):
    admin_login(client, UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def update(follow, world):
    return report_progress(
        follow.justice_occ,
        by=world.people.official,
        state="working",
        percent=40,
        evidence=[EvidenceInput(file=upload("bc.pdf", pdf_bytes()), title="Báo cáo rà soát")],
    )


@pytest.mark.parametrize("model", ["progressupdate", "evidence"])
def test_a_report_and_its_evidence_are_listed_but_not_deleted_in_the_admin(update, staff, model):
    obj = update if model == "progressupdate" else update.evidence.get()
    app = "evidence" if model == "evidence" else "tracking"
    listing = staff.get(reverse(f"admin:{app}_{model}_changelist"))
    assert listing.status_code == 200
    assert "delete_selected" not in listing.content.decode()  # no bulk delete offered
    delete = staff.post(reverse(f"admin:{app}_{model}_delete", args=[obj.pk]), {"post": "yes"})
    assert delete.status_code == 403
    bulk = staff.post(
        reverse(f"admin:{app}_{model}_changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    assert ProgressUpdate.objects.filter(pk=update.pk).exists()
    assert Evidence.objects.of(update).count() == 1
