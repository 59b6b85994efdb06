"""The change history is only ever added to: the database itself refuses to change or remove
a recorded event, whoever asks (a shell, a script, a bug), and the people named in it stay."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from cchc.audit.log import record
from cchc.audit.models import AuditEvent
from cchc.org.models import User
from cchc.testing.factories import UserFactory

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def event(world):
    return record(
        "plan.update",
        by=world.people.focal,
        unit=world.commune,
        before={"title": "Cũ"},
        after={"title": "Mới"},
    )


def _refused(sql: str, params=()) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_raw_update_of_an_audit_row_is_refused_by_the_database(event):
    _refused(f"UPDATE {TABLE} SET reason = %s WHERE id = %s", ["sửa lén", event.pk])
    _refused(f"UPDATE {TABLE} SET user_id = NULL")
    event.refresh_from_db()
    assert event.reason == ""
    assert event.user_id is not None


def test_a_raw_delete_of_audit_rows_is_refused_by_the_database(event):
    _refused(f"DELETE FROM {TABLE} WHERE id = %s", [event.pk])
    _refused(f"DELETE FROM {TABLE}")
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_orm_cannot_edit_or_delete_an_event_either(event):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="plan.delete")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "plan.update"


def test_a_person_named_in_the_history_cannot_be_deleted_and_stays_its_author(world, event):
    author = world.people.focal
    with pytest.raises(ProtectedError), transaction.atomic():
        author.delete()
    assert User.objects.filter(pk=author.pk).exists()
    event.refresh_from_db()
    assert event.user == author


def test_a_person_without_history_can_still_be_deleted(db):
    person = UserFactory(username="nham-tai-khoan")
    person.delete()
    assert not User.objects.filter(username="nham-tai-khoan").exists()


@pytest.mark.django_db(transaction=True)
def test_emptying_the_database_on_purpose_still_works_and_the_guard_comes_back():
    # `flush` (used by `cchc demo --reset` and by tests that commit, this one included)
    # lifts the guard for its own run only.
    record("plan.update", by=UserFactory(username="tac-gia"), after={"title": "Mới"})
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    again = record("plan.update", after={"title": "x"})
    _refused(f"DELETE FROM {TABLE} WHERE id = %s", [again.pk])
    assert AuditEvent.objects.filter(pk=again.pk).exists()
