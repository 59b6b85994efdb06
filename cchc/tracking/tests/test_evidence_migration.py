"""Progress evidence recorded before the shared evidence app is carried over by the migration:
each old row becomes an evidence of its report (or, when its report is gone, of its
occurrence), with its document details, size, checksum and its file where it was on disk; the
old table goes. The database is taken back to the old schema, old rows are written, then the
migrations run forward as on an upgraded server."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from cchc.evidence.models import Evidence
from cchc.tracking.models import ProgressUpdate
from cchc.tracking.timeline import task_timeline

from .conftest import pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("tracking", "0001_execution_tables")]


def migrate_to(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def old_schema():
    apps = migrate_to(BEFORE)
    yield apps
    migrate_to(latest())  # even when the test failed: the next tests need today's schema


def test_old_progress_evidence_becomes_shared_evidence_with_its_file(
    follow, world, old_schema, login
):
    content = pdf_bytes()
    name = default_storage.save("evidence/2025/11/0a1b2c.pdf", ContentFile(content))
    update = ProgressUpdate.objects.create(
        occurrence=follow.justice_occ, by=world.people.official, state="working", percent=40
    )
    Old = old_schema.get_model("tracking", "Evidence")
    common = {
        "file": name,
        "original_name": "Báo cáo rà soát.pdf",
        "content_type": "application/pdf",
        "extension": ".pdf",
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "uploaded_by_id": world.people.official.pk,
    }
    Old.objects.create(
        occurrence_id=follow.justice_occ.pk,
        update_id=update.pk,
        title="Báo cáo kết quả rà soát",
        number="45/BC-UBND",
        issued_on=dt.date(2025, 11, 3),
        issuer="UBND xã Thạnh Tân",
        **common,
    )
    # a row whose report was removed (the old foreign key was SET_NULL)
    Old.objects.create(occurrence_id=follow.office_occ.pk, title="Kế hoạch", **common)

    migrate_to(latest())

    carried = Evidence.objects.of(update).get()
    assert (carried.title, carried.number, carried.issued_on, carried.issuer) == (
        "Báo cáo kết quả rà soát",
        "45/BC-UBND",
        dt.date(2025, 11, 3),
        "UBND xã Thạnh Tân",
    )
    assert carried.file.name == name  # the file stays where it was
    assert (carried.size, carried.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    assert (carried.original_name, carried.extension) == ("Báo cáo rà soát.pdf", ".pdf")
    assert (carried.unit, carried.uploaded_by) == (world.commune, world.people.official)
    assert list(follow.justice_occ.evidence()) == [carried]

    loose = follow.office_occ.loose_evidence.get()
    assert loose.title == "Kế hoạch" and list(follow.office_occ.evidence()) == [loose]
    entries = task_timeline(follow.office)
    assert [e.evidence for e in entries if e.kind == "evidence"] == [[loose]]

    url = reverse("evidence:download", args=[carried.pk])
    download = login(world.people.official).get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == content
    assert login(world.people.outsider).get(url).status_code == 404
    with connection.cursor() as cursor:
        assert "tracking_evidence" not in connection.introspection.table_names(cursor)

    # and back, should an upgrade be rolled back: the rows return to the old table
    old_apps = migrate_to(BEFORE)
    rows = old_apps.get_model("tracking", "Evidence").objects.order_by("pk")
    assert [(r.update_id, r.occurrence_id, r.title, r.file.name) for r in rows] == [
        (update.pk, follow.justice_occ.pk, "Báo cáo kết quả rà soát", name),
        (None, follow.office_occ.pk, "Kế hoạch", name),
    ]
