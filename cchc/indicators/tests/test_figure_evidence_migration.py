"""Target figures entered before the shared evidence app keep their evidence: the migration
turns each figure's document and file into an evidence of the figure, leaves the file where it
is on disk and computes the size and checksum the figure never kept. The database is taken
back to the old schema, old figures are written, then the migrations run forward."""

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
from cchc.indicators.models import TargetFigure
from cchc.testing.factories import PlanFactory, TargetFactory

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BEFORE = [("indicators", "0003_target_figures")]


def migrate_to(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_schema():
    apps = migrate_to(BEFORE)
    yield apps
    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_old_figure_evidence_becomes_shared_evidence_with_size_and_checksum(
    world, old_schema, login
):
    target = TargetFactory(plan=PlanFactory(unit=world.commune, year=2024), unit="%")
    name = default_storage.save("target-evidence/2024/5e6f.pdf", ContentFile(PDF))
    Figure = old_schema.get_model("indicators", "TargetFigure")
    base = {"target_id": target.pk, "value": 75, "entered_by_id": world.people.official.pk}
    with_file = Figure.objects.create(
        as_of=dt.date(2024, 6, 30),
        document="Báo cáo số 12/BC-UBND",
        file=name,
        file_name="bao-cao.pdf",
        content_type="application/pdf",
        extension=".pdf",
        **base,
    )
    words_only = Figure.objects.create(
        as_of=dt.date(2024, 3, 31), document="Thống kê từ hệ thống", **base
    )
    file_gone = Figure.objects.create(
        as_of=dt.date(2024, 9, 30),
        file="target-evidence/2024/missing.pdf",
        file_name="mat.pdf",
        extension=".pdf",
        content_type="application/pdf",
        **base,
    )
    nothing = Figure.objects.create(as_of=dt.date(2024, 1, 31), **base)

    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())

    carried = TargetFigure.objects.get(pk=with_file.pk).evidence.get()
    assert (carried.title, carried.original_name) == ("Báo cáo số 12/BC-UBND", "bao-cao.pdf")
    assert carried.file.name == name  # the file stays where it was
    assert (carried.size, carried.sha256) == (len(PDF), hashlib.sha256(PDF).hexdigest())
    assert (carried.extension, carried.content_type) == (".pdf", "application/pdf")
    assert (carried.unit, carried.uploaded_by) == (world.commune, world.people.official)

    words = TargetFigure.objects.get(pk=words_only.pk).evidence.get()
    assert (words.title, words.file.name) == ("Thống kê từ hệ thống", "")
    gone = TargetFigure.objects.get(pk=file_gone.pk).evidence.get()
    assert (gone.file.name, gone.size, gone.sha256) == ("target-evidence/2024/missing.pdf", 0, "")
    assert not TargetFigure.objects.get(pk=nothing.pk).evidence.exists()
    assert Evidence.objects.count() == 3

    client = login(world.people.official)
    page = client.get(reverse("plans:target", args=[target.pk])).content.decode()
    assert "Báo cáo số 12/BC-UBND" in page and "bao-cao.pdf" in page
    download = client.get(reverse("evidence:download", args=[carried.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert client.get(reverse("evidence:download", args=[gone.pk])).status_code == 404
    url = reverse("evidence:download", args=[carried.pk])
    assert login(world.people.outsider).get(url).status_code == 404

    # and back, should an upgrade be rolled back: the document and file return to the figure
    old_apps = migrate_to(BEFORE)
    back = old_apps.get_model("indicators", "TargetFigure").objects.get(pk=with_file.pk)
    assert (back.document, back.file.name, back.file_name) == (
        "Báo cáo số 12/BC-UBND",
        name,
        "bao-cao.pdf",
    )
