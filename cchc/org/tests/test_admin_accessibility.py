"""The admin pages an administrator sets a commune up with pass axe-core at a desktop's width
(decision 0164): breadcrumbs told apart from text, every box of a table of rows named by its
column, the header cells Django leaves empty named, autocomplete boxes named by their label,
a date-and-time box's two boxes labelled, a column edited in a list named by its header.
The admin's own overrides: templates/admin/ (edit_inline/tabular.html, base_site.html),
static/css/admin.css and static/js/admin-names.js."""

from __future__ import annotations

import pytest

from cchc.conftest import browser_login, screenshot
from cchc.notifications.models import EmailDelivery, Notification
from cchc.plans.models import LegalBasis, ReportingPeriod
from cchc.surveys.builtin import install_now
from cchc.testing.axe import violations
from cchc.testing.factories import PlanFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_pages_that_set_up_a_commune_pass_axe(page, world):
    UserFactory(username="quantri", is_staff=True, is_superuser=True)
    plan = PlanFactory(unit=world.commune)
    LegalBasis.objects.create(plan=plan, order=0, text="Nghị quyết số 76/NQ-CP ngày 15/7/2021")
    ReportingPeriod.objects.create(plan=plan, kind="q1", name="Quý I")
    person = world.people.focal
    install_now()  # the built-in questionnaires: their questions' order is edited in the list
    notice = Notification.objects.create(user=person, kind="report_due", title="Báo cáo quý")
    email = EmailDelivery.objects.create(notification=notice, to="lan@tayninh.gov.vn")
    addresses = [
        f"/admin/org/unit/{world.commune.pk}/change/",  # posts and predecessors inline
        "/admin/org/unit/add/",  # the parent's autocomplete box, empty
        "/admin/org/user/",
        f"/admin/org/user/{person.pk}/change/",  # memberships inline, autocomplete in rows
        "/admin/org/membership/",
        f"/admin/plans/plan/{plan.pk}/change/",  # legal bases and report periods inline
        "/admin/surveys/item/",  # a column edited in the list
        f"/admin/notifications/emaildelivery/{email.pk}/change/",  # a date-and-time box
    ]
    browser_login(page, "quantri")
    page.set_viewport_size({"width": 1366, "height": 768})
    found = {}
    for address in addresses:
        page.goto(page.base_url + address)
        if "/accounts/confirm-password/" in page.url:  # a person's page asks it again
            page.get_by_label("Mật khẩu").fill("secret-pass-1")
            page.get_by_role("button", name="Xác nhận").click()
            page.wait_for_load_state()
        assert page.url.endswith(address), page.url
        page.wait_for_load_state("load")
        broken = violations(page)
        if broken:
            found[address] = broken
            screenshot(page, "axe-admin-" + address.strip("/").replace("/", "-"))
    assert found == {}


def test_a_row_added_to_a_table_of_roles_is_named_too(page, world):
    UserFactory(username="quantri", is_staff=True, is_superuser=True)
    browser_login(page, "quantri")
    address = f"/admin/org/user/{world.people.focal.pk}/change/"
    page.goto(page.base_url + address)
    page.get_by_label("Mật khẩu").fill("secret-pass-1")
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_load_state("load")
    page.locator("#memberships-group .add-row a").click()
    added = page.locator("#memberships-1")
    assert added.get_by_role("combobox", name="Đơn vị").count() == 1
    assert added.get_by_role("combobox", name="Vai trò").count() == 1
    assert violations(page) == []


def test_a_wide_table_of_rows_without_boxes_is_reached_by_keyboard_on_a_phone(page):
    from cchc.parindex import sample

    criteria = sample.install(2026)  # its criteria are read-only rows, wider than a phone
    UserFactory(username="quantri", is_staff=True, is_superuser=True)
    browser_login(page, "quantri")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + f"/admin/parindex/criteriaset/{criteria.pk}/change/")
    page.wait_for_load_state("load")
    table = page.locator("#criteria-group")
    assert table.get_attribute("tabindex") == "0"
    assert page.get_by_role("region", name="Tiêu chí Chỉ số CCHC (cuộn ngang)").count() == 1
    assert violations(page) == []
    page.set_viewport_size({"width": 1366, "height": 768})  # it fits: no stop of its own
    page.wait_for_function("!document.querySelector('#criteria-group').hasAttribute('tabindex')")
