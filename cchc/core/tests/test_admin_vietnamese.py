"""Everything the admin shows of the application is Vietnamese: every model and field of our
apps is named in Vietnamese, and so are the admin's own chrome and the third-party apps it
lists (decision 0134)."""

import json
import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django_tasks_db.models import DBTaskResult

from cchc.audit.log import record
from cchc.testing.auth import admin_login
from cchc.testing.factories import UnitFactory, UserFactory

# a letter only Vietnamese (of the two languages) writes: ă â đ ê ô ơ ư and the tone marks
VIETNAMESE = re.compile(r"[^\x00-\x7f]")

# what the admin showed on every page before: English Django's vi catalogue lacks, and its
# mistranslations
CHROME = (
    "Skip to main content",
    "Toggle theme",
    "current theme",
    "Model name",
    "Add link",
    "Change or view list link",
    "Các mô models",
    "Site quản trị",
    "Bản ghi nhớ",
    "Toggle navigation",
    "Filter navigation items",
    "Breadcrumbs",
    "Show counts",
    "Tasks Database Backend",
    "Task Results",
)


def _in_vietnamese(label) -> bool:
    """Shown in Vietnamese: Vietnamese text, or a translatable text our catalogue (or
    Django's) translates — "email" may stay "Email", but it must have been translated."""
    with translation.override("vi"):
        shown = str(label)
        catalogue = translation.trans_real.translation("vi")._catalog
    if VIETNAMESE.search(shown):
        return True
    if not isinstance(label, Promise):
        return False  # plain English text, which no catalogue can translate
    with translation.override("en"):
        msgid = str(label)
    return msgid in catalogue


def _our_models():
    for config in apps.get_app_configs():
        if config.name.startswith("cchc."):
            yield from config.get_models()


def test_every_model_and_field_of_our_apps_is_named_in_vietnamese():
    english = []
    for model in _our_models():
        meta = model._meta
        for attr in ("verbose_name", "verbose_name_plural"):
            # a name Django makes up is English ("staged dossier", "month rollups")
            if attr not in meta.original_attrs or not _in_vietnamese(getattr(meta, attr)):
                english.append(f"{meta.label} {attr}: {getattr(meta, attr)}")
        for field in meta.get_fields():
            ours = field.model.__module__.startswith("cchc.")  # not a proxied vendor's
            if field.auto_created or not (field.concrete or field.many_to_many) or not ours:
                continue
            if not _in_vietnamese(field.verbose_name):
                english.append(f"{meta.label}.{field.name}: {field.verbose_name}")
    assert english == [], "Give these a verbose_name=_() and a msgstr:\n" + "\n".join(english)


def test_every_app_and_model_on_the_admin_index_is_named_in_vietnamese():
    english = []
    for model in admin.site._registry:
        meta = model._meta
        for name in (meta.app_config.verbose_name, meta.verbose_name, meta.verbose_name_plural):
            if not _in_vietnamese(name):
                english.append(f"{meta.label}: {name}")
    assert english == []


@pytest.fixture
def admin_client(client, db):
    admin_login(client, UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


def _page(client, url: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    return response.content.decode()


def _text(page: str) -> str:
    """What a reader sees: the page without its tags, scripts and styles."""
    page = re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>", " ", page)
    return re.sub(r"(?s)<[^>]+>", " ", page)


def test_the_admin_index_has_no_english_chrome(admin_client):
    page = _page(admin_client, reverse("admin:index"))
    assert [text for text in CHROME if text in page] == []
    assert "Chuyển đến nội dung chính" in page
    assert "Đổi giao diện (hiện tại: tự động)" in page
    assert "Các loại dữ liệu trong Đơn vị và người dùng" in page
    assert "Việc chạy nền" in page and "Kết quả việc chạy nền" in page


def test_the_background_jobs_list_names_its_columns_filters_and_states_in_vietnamese(
    admin_client,
):
    DBTaskResult.objects.create(
        task_path="cchc.core.jobs.unknown",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after="2026-01-01T00:00:00Z",
        exception_class_path="",
        traceback="",
    )
    page = _page(admin_client, reverse("admin:django_tasks_database_dbtaskresult_changelist"))
    assert [text for text in CHROME if text in page] == []
    for shown in (
        "Theo độ ưu tiên",
        "Theo hàng đợi",
        "Chờ chạy",
        "Đang chạy",
        "Xong",
        "<span>Việc</span>",
    ):
        assert shown in page
    text = _text(page)
    for english in ("priority", "queue name", "Ready", "Running", "Successful", "Task name"):
        assert english not in text


def test_a_units_page_is_vietnamese_and_leaves_the_computed_tree_fields_out(admin_client):
    unit = UnitFactory(code="xa-a", name="Xã Thạnh Tân")
    page = _page(admin_client, reverse("admin:org_unit_change", args=[unit.pk]))
    assert [text for text in CHROME if text in page] == []
    # the place in the tree is computed on save (decision 0164): neither typed nor shown
    assert "Đường dẫn trong cây đơn vị" not in page and "Cấp trong cây đơn vị" not in page
    assert "<label>Path:</label>" not in page and "<label>Depth:</label>" not in page
    assert 'class="historylink">Lịch sử</a>' in page


def test_the_history_filters_by_kinds_of_our_objects_only(admin_client):
    person = UserFactory(username="canbo")
    record("login", by=person, obj=person)
    page = _page(admin_client, reverse("admin:audit_auditevent_changelist"))
    assert "Đơn vị và người dùng | người dùng" in page
    # sessions, django-axes' and django-otp's tables are no kind of ours
    for other in ("Phiên đăng nhập |", "Bảo vệ đăng nhập |", "TOTP device", "static token"):
        assert other not in page


def test_the_admins_calendar_names_the_days_in_vietnamese(admin_client):
    script = _page(admin_client, reverse("admin:jsi18n"))
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\n  \});", script, re.S)[1])
    assert catalogue["Sunday"] == "Chủ nhật"
    assert catalogue["abbrev. day Sunday\x04Sun"] == "CN"


def test_every_column_and_read_only_field_of_our_admin_pages_is_named_in_vietnamese(rf):
    """The labels the admin takes from a field, a method or a function: Django names a
    model's automatic key "ID", plain text no catalogue translates."""
    from django.contrib.admin.utils import label_for_field

    request = rf.get("/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True)
    english = []
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("cchc."):
            continue
        shown = [*model_admin.get_list_display(request), *model_admin.get_readonly_fields(request)]
        for name in shown:
            if name in ("__str__", "action_checkbox"):
                continue
            label = label_for_field(name, model, model_admin)
            if not _in_vietnamese(label):
                english.append(f"{model._meta.label} {name}: {label}")
    assert english == []


def test_the_admin_pages_name_the_sites_icon(admin_client):
    # without it the browser asks for /favicon.ico, a 404 in the console of every admin page
    signed_out = Client().get(reverse("admin:login"))
    for page in (admin_client.get(reverse("admin:index")), signed_out):
        assert 'rel="icon" href="/static/favicon.svg"' in page.content.decode()
