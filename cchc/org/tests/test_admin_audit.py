"""What an administrator changes in the admin (people, their roles, units, posts) is in the
change history with who did it, before and after, and the unit; a change whose record cannot
be written is not saved. People named in the history are deactivated, never deleted."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cchc.audit.log import record
from cchc.audit.models import AuditEvent
from cchc.org.choices import PostKind, Role
from cchc.org.models import Membership, Post, Unit, User
from cchc.testing.auth import admin_login
from cchc.testing.factories import UserFactory

from .test_admin import management


@pytest.fixture
def admin_user(db):
    return UserFactory(username="quantri", is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, admin_user):
    admin_login(client, admin_user)
    return client


@pytest.fixture
def audit_fails(monkeypatch):
    def refuse(*args, **kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(AuditEvent.objects, "create", refuse)


def membership_form(membership, **changes) -> dict:
    data = {
        "user": membership.user_id,
        "unit": membership.unit_id,
        "role": membership.role,
        "post": membership.post_id or "",
        "is_active": "on" if membership.is_active else "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def user_form(user, **changes) -> dict:
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "date_joined_0": user.date_joined.strftime("%d/%m/%Y"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        **management("memberships"),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_a_role_change_is_recorded_with_the_administrator_before_and_after(
    admin_client, admin_user, world
):
    membership = Membership.objects.get(user=world.people.focal)
    response = admin_client.post(
        reverse("admin:org_membership_change", args=[membership.pk]),
        membership_form(membership, role=Role.OFFICIAL),
    )
    assert response.status_code == 302
    event = AuditEvent.objects.for_object(membership).get()
    assert event.action == "membership.update"
    assert event.user == admin_user
    assert event.unit == world.commune
    assert event.before["role"] == Role.FOCAL_POINT
    assert event.after["role"] == Role.OFFICIAL


def test_adding_and_removing_a_role_are_recorded(admin_client, admin_user, world):
    person = UserFactory(username="moi")
    response = admin_client.post(
        reverse("admin:org_membership_add"),
        {"user": person.pk, "unit": world.other.pk, "role": Role.OFFICIAL, "is_active": "on"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=person)
    created = AuditEvent.objects.get(action="membership.create")
    assert (created.user, created.unit, created.after["role"]) == (
        admin_user,
        world.other,
        Role.OFFICIAL,
    )
    response = admin_client.post(
        reverse("admin:org_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    removed = AuditEvent.objects.get(action="membership.delete")
    assert removed.object_id == str(membership.pk)
    assert (removed.user, removed.unit, removed.before["user"]) == (
        admin_user,
        world.other,
        person.pk,
    )


def test_a_role_switched_off_in_the_person_page_is_recorded(admin_client, admin_user, world):
    person = world.people.official
    membership = Membership.objects.get(user=person)
    data = user_form(
        person,
        **{
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-user": person.pk,
            "memberships-0-unit": membership.unit_id,
            "memberships-0-role": membership.role,
            "memberships-0-post": membership.post_id,
        },
    )
    response = admin_client.post(reverse("admin:org_user_change", args=[person.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.for_object(membership).get()
    assert event.action == "membership.deactivate"
    assert (event.user, event.unit) == (admin_user, world.commune)
    assert (event.before["is_active"], event.after["is_active"]) == (True, False)


def test_creating_and_deactivating_a_person_are_recorded_without_the_password(
    admin_client, admin_user, world
):
    response = admin_client.post(
        reverse("admin:org_user_add"),
        {
            "username": "canbo.moi",
            "usable_password": "true",
            "password1": "Mat-khau-dai-2024",
            "password2": "Mat-khau-dai-2024",
            **management("memberships"),
        },
    )
    assert response.status_code == 302
    person = User.objects.get(username="canbo.moi")
    created = AuditEvent.objects.for_object(person).get()
    assert (created.action, created.user) == ("user.create", admin_user)
    assert created.after["username"] == "canbo.moi"
    assert "password" not in created.after

    response = admin_client.post(
        reverse("admin:org_user_change", args=[person.pk]), user_form(person, is_active="")
    )
    assert response.status_code == 302
    event = AuditEvent.objects.for_object(person).get(action="user.deactivate")
    assert event.user == admin_user
    assert (event.before["is_active"], event.after["is_active"]) == (True, False)


def test_a_password_set_by_the_administrator_is_recorded_but_not_its_value(
    admin_client, admin_user, world
):
    person = world.people.focal
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[person.pk]),
        {"password1": "Mat-khau-moi-2025", "password2": "Mat-khau-moi-2025"},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.for_object(person).get()
    assert (event.action, event.user) == ("user.password", admin_user)
    assert "Mat-khau-moi-2025" not in str(event.before) + str(event.after)


def test_unit_and_post_changes_are_recorded(admin_client, admin_user, world):
    commune = world.commune
    data = {
        "code": commune.code,
        "name": "Xã Thạnh Tân (mới)",
        "kind": commune.kind,
        "parent": commune.parent_id,
        "settings": "{}",
        **management("posts"),
        **management("predecessions"),
        "posts-TOTAL_FORMS": "1",
        "posts-0-name": "Bộ phận Kiểm soát TTHC",
        "posts-0-kind": PostKind.OFFICE,
        "posts-0-order": "9",
    }
    response = admin_client.post(reverse("admin:org_unit_change", args=[commune.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    renamed = AuditEvent.objects.for_object(commune).get()
    assert (renamed.action, renamed.user, renamed.unit) == ("unit.update", admin_user, commune)
    assert (renamed.before["name"], renamed.after["name"]) == ("Xã Thạnh Tân", "Xã Thạnh Tân (mới)")
    post = Post.objects.get(name="Bộ phận Kiểm soát TTHC")
    added = AuditEvent.objects.for_object(post).get()
    assert (added.action, added.user, added.unit) == ("post.create", admin_user, commune)


def test_a_role_change_whose_record_fails_is_not_saved(admin_client, world, audit_fails):
    membership = Membership.objects.get(user=world.people.focal)
    with pytest.raises(RuntimeError):
        admin_client.post(
            reverse("admin:org_membership_change", args=[membership.pk]),
            membership_form(membership, role=Role.LEADER),
        )
    assert Membership.objects.get(pk=membership.pk).role == Role.FOCAL_POINT


def test_a_new_person_whose_record_fails_is_not_saved(admin_client, world, audit_fails):
    with pytest.raises(RuntimeError):
        admin_client.post(
            reverse("admin:org_user_add"),
            {
                "username": "khong.luu",
                "usable_password": "true",
                "password1": "Mat-khau-dai-2024",
                "password2": "Mat-khau-dai-2024",
                **management("memberships"),
            },
        )
    assert not User.objects.filter(username="khong.luu").exists()


def test_a_unit_deletion_whose_record_fails_is_not_done(admin_client, db, audit_fails):
    unit = Unit.objects.create(code="tam", name="Đơn vị tạm", kind="commune")
    with pytest.raises(RuntimeError):
        admin_client.post(reverse("admin:org_unit_delete", args=[unit.pk]), {"post": "yes"})
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_a_person_in_the_history_cannot_be_deleted_in_the_admin(admin_client, world):
    author = world.people.focal
    record("plan.update", by=author, unit=world.commune, after={"title": "x"})
    url = reverse("admin:org_user_delete", args=[author.pk])
    for response in (admin_client.get(url), admin_client.post(url, {"post": "yes"})):
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:org_user_change", args=[author.pk])
        text = " ".join(str(m) for m in get_messages(response.wsgi_request))
        assert "khóa tài khoản" in text
    assert User.objects.filter(pk=author.pk).exists()
    assert AuditEvent.objects.get(action="plan.update").user == author


def test_the_bulk_delete_refuses_people_in_the_history_and_deactivation_is_offered(
    admin_client, admin_user, world
):
    author, newcomer = world.people.focal, UserFactory(username="chua-lam-gi")
    record("plan.update", by=author, unit=world.commune, after={"title": "x"})
    changelist = reverse("admin:org_user_changelist")
    response = admin_client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": [author.pk, newcomer.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert User.objects.filter(pk__in=[author.pk, newcomer.pk]).count() == 2
    assert "khóa tài khoản" in " ".join(str(m) for m in get_messages(response.wsgi_request))

    response = admin_client.post(
        changelist, {"action": "deactivate_selected", "_selected_action": [author.pk]}
    )
    assert response.status_code == 302
    assert not User.objects.get(pk=author.pk).is_active
    event = AuditEvent.objects.for_object(author).get()
    assert (event.action, event.user) == ("user.deactivate", admin_user)


def test_a_person_without_history_can_be_deleted_and_the_deletion_is_recorded(
    admin_client, admin_user, world
):
    newcomer = UserFactory(username="nham")
    response = admin_client.post(
        reverse("admin:org_user_delete", args=[newcomer.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=newcomer.pk).exists()
    event = AuditEvent.objects.get(action="user.delete")
    assert (event.user, event.before["username"]) == (admin_user, "nham")


def test_the_admin_offers_no_way_to_edit_or_delete_a_change_record(admin_client, world):
    event = record("plan.update", by=world.people.focal, unit=world.commune, after={"a": 1})
    change = reverse("admin:audit_auditevent_change", args=[event.pk])
    page = admin_client.get(change)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert admin_client.post(change, {"reason": "sửa"}).status_code == 403
    delete = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    listing = admin_client.get(reverse("admin:audit_auditevent_changelist"))
    assert b"delete_selected" not in listing.content
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_a_plan_section_renamed_in_the_admin_is_recorded_under_the_plans_unit(
    admin_client, admin_user, world
):
    from cchc.plans.models import Section
    from cchc.testing.factories import PlanFactory

    plan = PlanFactory(unit=world.commune)
    section = Section.objects.create(plan=plan, order=1, ref="I", title="Cũ", area="direction")
    response = admin_client.post(
        reverse("admin:plans_section_change", args=[section.pk]),
        {"plan": plan.pk, "order": 1, "ref": "I", "title": "Mới", "area": "direction"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.for_object(section).get()
    assert (event.action, event.user, event.unit) == ("section.update", admin_user, world.commune)
    assert (event.before["title"], event.after["title"]) == ("Cũ", "Mới")
