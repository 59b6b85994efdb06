"""A staff member who is not a superuser sees and changes, in Django's admin, only the rows of
the units they manage, and cannot widen their own or anyone's scope (decision 0180)."""

from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.org.admin_scope import GLOBAL, ScopedAdmin
from cchc.org.choices import Role, UnitKind
from cchc.org.models import Membership, Post, Unit, UnitSuccession, User
from cchc.plans.models import Plan
from cchc.testing.auth import admin_login
from cchc.testing.factories import PlanFactory, PostFactory, UnitFactory, UserFactory, member


def staff(username: str, unit: Unit, role: str = Role.ADMIN) -> User:
    """A staff member given every model permission: only their scope holds them back."""
    person = member(UserFactory(username=username, is_staff=True), unit, role)
    person.user_permissions.set(Permission.objects.all())
    return person


@pytest.fixture
def scene(world):
    far = UnitFactory(
        code="xa-xa",
        name="Xã Xa",
        kind=UnitKind.COMMUNE,
        parent=UnitFactory(code="tinh-khac", name="Tỉnh Khác", kind=UnitKind.PROVINCE),
    )
    return SimpleNamespace(
        world=world,
        far=far,
        far_post=PostFactory(unit=far, name="Bưu tá xa"),
        far_plan=PlanFactory(unit=far, title="Kế hoạch của tỉnh khác"),
        plan=PlanFactory(unit=world.commune, title="Kế hoạch của xã A"),
        district=staff("quantri.huyen", world.district),
        province=staff("quantri.tinh", world.province),
    )


@pytest.fixture(params=["district", "province"])
def as_staff(request, scene, client):
    """The test run once as the district's staff administrator, once as the province's."""
    return admin_login(client, getattr(scene, request.param))


def changelist(client, model: str, **query) -> str:
    response = client.get(reverse(f"admin:{model}_changelist"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_lists_show_only_the_rows_of_ones_units(as_staff, scene):
    units = changelist(as_staff, "org_unit")
    assert "Xã Thạnh Tân" in units and "Phường 2" in units
    assert "Xã Xa" not in units and "Tỉnh Khác" not in units
    plans = changelist(as_staff, "plans_plan")
    assert "Kế hoạch của xã A" in plans and "Kế hoạch của tỉnh khác" not in plans
    people = changelist(as_staff, "org_user")
    assert "focal" in people and "outsider" in people


def test_the_district_staff_does_not_see_the_province_above(scene, client):
    admin_login(client, scene.district)
    assert "Tỉnh Tây Ninh" not in changelist(client, "org_unit")
    assert "tinh.reviewer" not in changelist(client, "org_user")
    province = reverse("admin:org_unit_change", args=[scene.world.province.pk])
    assert client.get(province).status_code == 404


def test_another_provinces_objects_cannot_be_opened_changed_or_deleted(as_staff, scene):
    for name, obj in [
        ("org_unit", scene.far),
        ("org_post", scene.far_post),
        ("plans_plan", scene.far_plan),
    ]:
        change = reverse(f"admin:{name}_change", args=[obj.pk])
        delete = reverse(f"admin:{name}_delete", args=[obj.pk])
        assert as_staff.get(change).status_code == 404
        assert as_staff.post(change, {"name": "Đổi", "title": "Đổi"}).status_code == 404
        assert as_staff.post(delete, {"post": "yes"}).status_code == 404
    assert Unit.objects.get(pk=scene.far.pk).name == "Xã Xa"
    assert Post.objects.filter(pk=scene.far_post.pk).exists()
    assert Plan.objects.get(pk=scene.far_plan.pk).title == "Kế hoạch của tỉnh khác"


def test_nothing_is_added_under_another_province(as_staff, scene):
    response = as_staff.post(
        reverse("admin:org_post_add"),
        {"unit": scene.far.pk, "name": "Lén", "kind": "post", "order": 0},
    )
    assert response.status_code != 302
    unit = {"code": "xa-len", "name": "Xã Lén", "kind": UnitKind.COMMUNE, "parent": scene.far.pk}
    for prefix in ("posts", "predecessions"):
        unit |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    assert as_staff.post(reverse("admin:org_unit_add"), unit).status_code != 302
    assert not Post.objects.filter(name="Lén").exists()
    assert not Unit.objects.filter(code="xa-len").exists()


def test_the_choices_and_the_autocomplete_offer_only_ones_units(as_staff, scene):
    form = as_staff.get(reverse("admin:org_membership_add")).context["adminform"].form
    assert scene.far not in form.fields["unit"].queryset
    assert scene.world.commune in form.fields["unit"].queryset
    assert scene.far_post not in form.fields["post"].queryset
    found = as_staff.get(
        reverse("admin:autocomplete"),
        {"app_label": "org", "model_name": "membership", "field_name": "unit", "term": "X"},
    ).json()
    names = {row["text"] for row in found["results"]}
    assert "Xã Thạnh Tân" in names and "Xã Xa" not in names


def test_a_staff_member_cannot_make_themselves_superuser(as_staff, scene):
    me = User.objects.get(pk=as_staff.session["_auth_user_id"])
    response = as_staff.post(
        reverse("admin:org_user_change", args=[me.pk]),
        {
            "username": me.username,
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 403
    me.refresh_from_db()
    assert not me.is_superuser


def test_a_person_of_ones_units_cannot_be_made_staff(as_staff, scene):
    focal = scene.world.people.focal
    membership = Membership.objects.get(user=focal)
    response = as_staff.post(
        reverse("admin:org_user_change", args=[focal.pk]),
        {
            "username": "focal",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-user": focal.pk,
            "memberships-0-unit": membership.unit_id,
            "memberships-0-role": membership.role,
            "memberships-0-is_active": "on",
        },
    )
    assert response.status_code == 302  # saved: the name, not the grants
    focal.refresh_from_db()
    assert not focal.is_staff and not focal.is_superuser


def test_no_role_is_given_on_another_unit_nor_to_oneself(as_staff, scene):
    me = User.objects.get(pk=as_staff.session["_auth_user_id"])
    add = reverse("admin:org_membership_add")
    focal = scene.world.people.focal
    as_staff.post(
        add, {"user": focal.pk, "unit": scene.far.pk, "role": Role.ADMIN, "is_active": "on"}
    )
    assert not Membership.objects.filter(unit=scene.far).exists()
    response = as_staff.post(
        add, {"user": me.pk, "unit": scene.world.commune.pk, "role": Role.ADMIN, "is_active": "on"}
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=me, unit=scene.world.commune).exists()


def test_a_reviewer_gives_no_role_wider_than_their_own(scene, client):
    reviewer = staff("xem.huyen", scene.world.district, Role.REVIEWER)
    admin_login(client, reviewer)
    assert "Xã Thạnh Tân" in changelist(client, "org_unit")  # sees
    focal = scene.world.people.focal
    change = reverse("admin:org_unit_change", args=[scene.world.commune.pk])
    assert client.post(change, {"name": "Đổi"}).status_code == 403  # changes nothing
    client.post(
        reverse("admin:org_membership_add"),
        {"user": focal.pk, "unit": scene.world.commune.pk, "role": Role.ADMIN},
    )
    assert not Membership.objects.filter(user=focal, role=Role.ADMIN).exists()


def test_a_reorganisation_never_links_a_unit_outside_ones_scope(as_staff, scene):
    # a successor sees its predecessors' data: linking another province's commune would
    # widen the scope of everyone above it
    as_staff.post(
        reverse("admin:org_unitsuccession_add"),
        {
            "predecessor": scene.far.pk,
            "successor": scene.world.commune.pk,
            "kind": "merge",
            "effective_on": "01/07/2025",
        },
    )
    assert not UnitSuccession.objects.exists()


def test_global_configuration_is_a_superusers_alone(as_staff):
    for name in ("dossiers_procedure", "auth_group", "indicators_indicatordefinition"):
        assert as_staff.get(reverse(f"admin:{name}_changelist")).status_code == 403


def test_a_superuser_still_sees_and_opens_everything(scene, client):
    admin_login(client, UserFactory(username="goc", is_staff=True, is_superuser=True))
    units = changelist(client, "org_unit")
    assert "Xã Xa" in units and "Tỉnh Tây Ninh" in units
    assert client.get(reverse("admin:org_unit_change", args=[scene.far.pk])).status_code == 200


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_admin_page_says_where_its_rows_unit_is(model):
    page = admin.site._registry[model]
    assert isinstance(page, ScopedAdmin)
    if page.unit_field in (GLOBAL, "") or model is User:
        return
    current = model
    for name in page.unit_field.split("__"):
        try:
            current = current._meta.get_field(name).related_model
        except FieldDoesNotExist:
            pytest.fail(f"{model._meta.label}: {page.unit_field}")
    assert current is Unit


def test_a_person_added_gets_a_role_in_ones_units_on_the_same_page_and_is_audited(as_staff, scene):
    add = reverse("admin:org_user_add")
    person = {"username": "moi", "password1": "Mat-khau-dai-2024", "password2": "Mat-khau-dai-2024"}
    none = {"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}
    assert as_staff.post(add, person | none).status_code == 200  # asked for a role
    assert not User.objects.filter(username="moi").exists()
    role = {
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-0-unit": scene.world.commune.pk,
        "memberships-0-role": Role.VIEWER,
        "memberships-0-is_active": "on",
    }
    assert as_staff.post(add, person | role).status_code == 302
    given = Membership.objects.get(user__username="moi")
    assert given.unit == scene.world.commune
    me = User.objects.get(pk=as_staff.session["_auth_user_id"])
    assert AuditEvent.objects.filter(action="membership.create", user=me).exists()


def test_the_district_administrator_edits_their_own_district_but_cannot_move_it(scene, client):
    admin_login(client, scene.district)
    district = scene.world.district
    change = reverse("admin:org_unit_change", args=[district.pk])
    data = {
        "code": district.code,
        "name": "Thành phố Tây Ninh (mới)",
        "kind": district.kind,
        "posts-TOTAL_FORMS": "0",
        "posts-INITIAL_FORMS": "0",
        "predecessions-TOTAL_FORMS": "0",
        "predecessions-INITIAL_FORMS": "0",
    }
    assert client.post(change, data | {"parent": scene.far.parent.pk}).status_code == 302
    district.refresh_from_db()
    assert district.name == "Thành phố Tây Ninh (mới)"
    assert district.parent == scene.world.province  # the parent is shown, not offered


def test_the_bare_address_and_view_on_site_do_not_lead_to_another_provinces_plan(as_staff, scene):
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(Plan)
    assert as_staff.get(f"/admin/plans/plan/{scene.far_plan.pk}/").status_code == 404
    on_site = reverse("admin:view_on_site", args=[kind.pk, scene.far_plan.pk])
    assert as_staff.get(on_site).status_code == 404
    own = reverse("admin:view_on_site", args=[kind.pk, scene.plan.pk])
    assert as_staff.get(own).status_code == 302
