"""A confirmed dossier file is imported by the worker: the request returns at once, the page
follows the progress, the outcome stays in the history; an import that fails or whose worker
dies is reported as interrupted, nothing of it saved, and can be run again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cchc.dossiers import background, staging
from cchc.dossiers.jobs import recover_imports
from cchc.dossiers.models import Dossier, DossierFact, DossierUpload, ImportBatch, MonthRollup
from cchc.dossiers.tests.test_web_import import BAD, GOOD, catalogue, upload  # noqa: F401
from cchc.testing.tasks import run_queued

Status = DossierUpload.Status


def confirm_only(client, pk: int, **extra):
    page = client.get(reverse("dossiers:upload", args=[pk]))
    form = page.context["form"]
    data = {f"col_{name}": form[f"col_{name}"].value() or "" for name in form.columns}
    data.update(action="import", **extra)
    return client.post(reverse("dossiers:upload", args=[pk]), data)


def progress(client, pk: int):
    return client.get(reverse("dossiers:progress", args=[pk]))


@pytest.fixture
def queued(login, world, catalogue):  # noqa: F811
    client = login(world.people.focal)
    upload(client, "xa-a", BAD)
    item = DossierUpload.objects.get()
    response = confirm_only(client, item.pk, skip_invalid="on")
    assert response.status_code == 302
    item.refresh_from_db()
    return client, item


def test_confirming_queues_the_import_and_the_page_follows_it(queued):
    client, item = queued
    assert item.status == Status.QUEUED
    assert not Dossier.objects.exists()  # nothing done in the request
    assert DBTaskResult.objects.ready().get().task_path.endswith("jobs.import_upload")
    page = client.get(reverse("dossiers:upload", args=[item.pk])).content.decode()
    assert "Đang chờ bắt đầu nhập" in page and 'hx-trigger="every 1s"' in page
    polled = progress(client, item.pk)
    assert polled.status_code == 200 and "HX-Refresh" not in polled.headers
    assert item.progress["total"] == 4  # the header and three rows

    assert run_queued() == 1
    item.refresh_from_db()
    assert item.status == Status.IMPORTED
    assert sorted(Dossier.objects.values_list("code", flat=True)) == ["HS-1", "HS-2"]
    assert (item.progress["read"], item.progress["valid"], item.progress["invalid"]) == (3, 2, 1)
    assert item.confirmed_by.username == "focal"
    done = progress(client, item.pk)
    assert done.headers["HX-Refresh"] == "true"  # the page reloads and shows the outcome
    page = client.get(reverse("dossiers:upload", args=[item.pk])).content.decode()
    assert "Đã nhập." in page and "31/02/2024" in page  # the row with its error is listed
    history = client.get(reverse("dossiers:import", args=["xa-a"])).content.decode()
    assert "đã nhập" in history and "hoso.csv" in history


def test_an_import_that_fails_in_the_worker_is_interrupted_saves_nothing_and_runs_again(
    queued, monkeypatch
):
    client, item = queued

    def die(phase, batch_id):
        if phase == "written":  # its new dossiers are in the dossier table, unpublished
            raise RuntimeError("the database went away")

    monkeypatch.setattr(staging, "between_batches", die)
    with pytest.raises(RuntimeError):
        run_queued()
    item.refresh_from_db()
    assert item.status == Status.INTERRUPTED
    assert not Dossier.objects.exists() and not DossierFact.objects.exists()
    assert not MonthRollup.objects.exists()
    assert default_storage.exists(item.stored_name)  # kept for another try
    page = client.get(reverse("dossiers:upload", args=[item.pk])).content.decode()
    assert "Việc nhập bị gián đoạn" in page

    monkeypatch.undo()
    assert client.post(reverse("dossiers:rerun", args=[item.pk])).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.QUEUED
    run_queued()
    item.refresh_from_db()
    assert item.status == Status.IMPORTED
    assert Dossier.objects.count() == 2 and MonthRollup.objects.exists()
    assert not default_storage.exists(item.stored_name or "none")


def test_an_import_whose_worker_died_is_marked_interrupted_by_the_recovery_job(queued):
    _client, item = queued
    DossierUpload.objects.filter(pk=item.pk).update(
        status=Status.RUNNING, heartbeat=timezone.now() - dt.timedelta(minutes=5)
    )
    assert recover_imports.call() == 0  # still within the time an import may stay silent
    DossierUpload.objects.filter(pk=item.pk).update(
        heartbeat=timezone.now() - staging.STALE_AFTER - dt.timedelta(minutes=1)
    )
    # its import is still being applied (the batch beats): not interrupted
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.DOSSIERS,
        source=ImportBatch.Source.WEB,
        unit=item.unit,
        file_name=item.file_name,
        state=ImportBatch.State.APPLYING,
        heartbeat=timezone.now(),
    )
    assert recover_imports.call() == 0
    ImportBatch.objects.filter(pk=batch.pk).update(
        heartbeat=timezone.now() - staging.STALE_AFTER - dt.timedelta(minutes=1)
    )
    assert recover_imports.call() == 1  # the batch is rolled back, the upload interrupted
    item.refresh_from_db()
    assert item.status == Status.INTERRUPTED
    assert not ImportBatch.objects.filter(pk=batch.pk).exists()


def test_a_queued_upload_runs_once(queued):
    _client, item = queued
    assert background.run_queued(item.pk) == Status.IMPORTED
    assert background.run_queued(item.pk) == Status.IMPORTED  # a second delivery does nothing
    assert Dossier.objects.count() == 2


def test_a_catalogue_file_is_still_imported_at_once(login, world):
    client = login(world.people.focal)
    upload(client, "xa-a", "MaTTHC,TenTTHC\n9.009,Khai tử\n", name="tthc.csv", kind="procedures")
    item = DossierUpload.objects.get()
    confirm_only(client, item.pk)
    item.refresh_from_db()
    assert item.status == Status.IMPORTED and not DBTaskResult.objects.exists()


def test_another_commune_cannot_follow_or_rerun_the_import(queued, login, world):
    _client, item = queued
    outsider = login(world.people.outsider)
    assert progress(outsider, item.pk).status_code == 404
    assert outsider.post(reverse("dossiers:rerun", args=[item.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["leader", "district"])
def test_read_only_roles_cannot_follow_or_rerun_the_import(queued, login, world, persona):
    _client, item = queued
    reader = login(getattr(world.people, persona))
    assert progress(reader, item.pk).status_code == 403
    assert reader.post(reverse("dossiers:rerun", args=[item.pk])).status_code == 403


def test_wrong_methods_on_progress_and_rerun_get_405(queued):
    client, item = queued
    assert client.post(reverse("dossiers:progress", args=[item.pk])).status_code == 405
    assert client.get(reverse("dossiers:rerun", args=[item.pk])).status_code == 405
