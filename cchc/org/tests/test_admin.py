"""An administrator manages units, posts, people and their roles in Django's admin, and what
they enter there is what the rest of the system goes by."""

import pytest
from django.urls import reverse

from cchc.org.access import Action, access_for
from cchc.org.choices import PostKind, Role, UnitKind
from cchc.org.models import Membership, Post, Unit, User
from cchc.testing.auth import admin_login
from cchc.testing.factories import PlanFactory, UserFactory


def management(prefix: str) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.fixture
def admin_client(client, db):
    admin_login(client, UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["unit", "post", "user", "membership", "unitsuccession"])
def test_the_admin_lists_and_opens_the_add_form_for_each_organisation_table(
    admin_client, world, model
):
    assert admin_client.get(reverse(f"admin:org_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:org_{model}_add")).status_code == 200


def test_the_admin_adds_a_commune_with_its_posts_and_the_tree_follows(admin_client, world):
    data = {
        "code": "xa-moi",
        "name": "Xã Mới",
        "kind": UnitKind.COMMUNE,
        "parent": world.district.pk,
        "settings": "{}",
        **management("posts"),
        **management("predecessions"),
        "posts-TOTAL_FORMS": "2",
        "posts-0-name": "Văn phòng – Thống kê",
        "posts-0-kind": PostKind.POST,
        "posts-0-order": "1",
        "posts-1-name": "Bộ phận Một cửa",
        "posts-1-kind": PostKind.OFFICE,
        "posts-1-order": "2",
    }
    response = admin_client.post(reverse("admin:org_unit_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    unit = Unit.objects.get(code="xa-moi")
    assert unit.path == f"{world.district.path}{unit.pk}/"
    assert unit.depth == world.district.depth + 1
    assert set(Post.objects.filter(unit=unit).values_list("name", flat=True)) == {
        "Văn phòng – Thống kê",
        "Bộ phận Một cửa",
    }
    # The district's reviewer now sees the new commune.
    assert access_for(world.people.district).can(Action.VIEW, unit)


def test_the_admin_creates_a_person_and_gives_them_a_role_that_sets_their_scope(
    admin_client, world
):
    response = admin_client.post(
        reverse("admin:org_user_add"),
        {
            "username": "vanphong.xa-a",
            "usable_password": "true",
            "password1": "Mat-khau-dai-2024",
            "password2": "Mat-khau-dai-2024",
            **management("memberships"),
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="vanphong.xa-a")
    assert not access_for(user).can(Action.VIEW, world.commune)

    response = admin_client.post(
        reverse("admin:org_membership_add"),
        {
            "user": user.pk,
            "unit": world.commune.pk,
            "role": Role.FOCAL_POINT,
            "post": world.office.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(pk=user.pk)
    access = access_for(user)
    assert access.can(Action.EDIT_PLAN, world.commune)
    assert not access.can(Action.VIEW, world.other)


def test_a_role_with_a_post_of_another_unit_is_refused(admin_client, world):
    user = UserFactory(username="nham")
    response = admin_client.post(
        reverse("admin:org_membership_add"),
        {
            "user": user.pk,
            "unit": world.other.pk,
            "role": Role.OFFICIAL,
            "post": world.justice.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "post" in response.context["adminform"].form.errors
    assert not Membership.objects.filter(user=user).exists()


def test_switching_a_role_off_in_the_admin_takes_the_plans_out_of_sight(admin_client, world):
    plan = PlanFactory(unit=world.commune)
    membership = Membership.objects.get(user=world.people.focal)
    response = admin_client.post(
        reverse("admin:org_membership_change", args=[membership.pk]),
        {
            "user": membership.user_id,
            "unit": membership.unit_id,
            "role": membership.role,
            "post": membership.post_id,
        },
    )
    assert response.status_code == 302
    focal = User.objects.get(pk=world.people.focal.pk)
    assert not access_for(focal).can(Action.VIEW, plan.unit)


def test_people_without_staff_rights_are_kept_out_of_the_admin(client, world):
    client.force_login(world.people.focal)
    response = client.get(reverse("admin:org_unit_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_the_unit_form_asks_only_what_an_administrator_knows(admin_client, world):
    url = reverse("admin:org_unit_change", args=[world.commune.pk])
    page = admin_client.get(url).content.decode()
    for asked in ("code", "eid_code", "name", "kind", "parent", "valid_from", "valid_to"):
        assert f'name="{asked}"' in page
    # the place in the tree is computed from the parent; the settings box is read by nothing
    for internal in ("path", "depth", "settings"):
        assert f'name="{internal}"' not in page
        assert f"field-{internal}" not in page
    assert "Cấp trong cây đơn vị" not in page


def test_a_path_posted_to_the_unit_form_is_ignored_and_the_tree_stays_right(admin_client, world):
    unit = world.commune
    data = {
        "code": unit.code,
        "name": "Xã A (đổi tên)",
        "kind": unit.kind,
        "parent": world.district.pk,
        "path": "/999/",
        "depth": "7",
        **management("posts"),
        **management("predecessions"),
    }
    response = admin_client.post(reverse("admin:org_unit_change", args=[unit.pk]), data)
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Xã A (đổi tên)"
    assert unit.path == f"{world.district.path}{unit.pk}/"
    assert unit.depth == world.district.depth + 1


def test_a_persons_form_asks_the_full_name_once_and_shows_the_system_dates(admin_client, world):
    person = world.people.focal
    page = admin_client.get(reverse("admin:org_user_change", args=[person.pk])).content.decode()
    assert 'name="full_name"' in page
    assert 'name="first_name"' not in page and 'name="last_name"' not in page
    # the last sign-in decides when an idle account is locked: shown, not typed
    assert 'name="last_login_0"' not in page and 'name="date_joined_0"' not in page
    assert "field-last_login" in page and "field-date_joined" in page
