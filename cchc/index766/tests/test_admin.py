"""A version of the index some month was published with is read-only in the admin: its groups
and criteria too (a change is a new version); an unpublished version stays editable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.test import RequestFactory

from cchc.index766.actions import publish
from cchc.index766.admin import GroupInline
from cchc.index766.models import IndexCriterion, IndexVersion, Publication

MARCH = dt.date(2024, 3, 1)


@pytest.fixture
def admin_request(django_user_model):
    request = RequestFactory().get("/admin/")
    request.user = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    return request


def may_edit(request, version: IndexVersion) -> list[bool]:
    criterion = IndexCriterion.objects.filter(group__version=version).first()
    assert criterion is not None
    version_admin = admin.site._registry[IndexVersion]
    criterion_admin = admin.site._registry[IndexCriterion]
    groups = GroupInline(IndexVersion, admin.site)
    return [
        version_admin.has_change_permission(request, version),
        version_admin.has_delete_permission(request, version),
        groups.has_change_permission(request, version),
        groups.has_delete_permission(request, version),
        criterion_admin.has_change_permission(request, criterion),
        criterion_admin.has_delete_permission(request, criterion),
    ]


def test_a_published_version_its_groups_and_criteria_cannot_be_changed_or_deleted(
    march, admin_request
):
    publish(march.commune, MARCH, dt.date(2024, 4, 5))
    version = Publication.objects.get().version
    assert may_edit(admin_request, version) == [False] * 6
    # the lists themselves stay open (a new version is added there)
    assert admin.site._registry[IndexVersion].has_change_permission(admin_request) is True


def test_a_version_no_month_was_published_with_stays_editable(march, admin_request):
    version = IndexVersion.objects.get()
    assert not Publication.objects.exists()
    assert may_edit(admin_request, version) == [True] * 6
