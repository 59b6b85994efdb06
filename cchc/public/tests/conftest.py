"""A commune with a plan, dossiers, a published procedure and people's personal data."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.utils import timezone

from cchc.dossiers.models import Procedure
from cchc.dossiers.records import DossierRecord
from cchc.dossiers.saving import import_dossiers
from cchc.feedback.deadlines import answer_due
from cchc.feedback.models import Feedback
from cchc.index766 import seed
from cchc.index766.actions import publish
from cchc.index766.models import IndexCriterion, IndexGroup, IndexVersion
from cchc.indicators.builtins import install
from cchc.indicators.models import IndicatorDefinition
from cchc.plans.choices import Area, PlanStatus
from cchc.public.figures import last_month
from cchc.testing.factories import PlanFactory, TaskFactory
from cchc.tracking.schedule import sync_plan

LOCAL = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def moment(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=LOCAL)


def dossiers(jan: dt.date) -> list[DossierRecord]:
    """Xã a: one finished on time, one finished late; xã b: one unfinished and past due."""
    return [
        DossierRecord(
            1,
            "000.31.35.H55-260102-0001",
            "1.001612",
            "xa-a",
            moment(jan),
            moment(jan + dt.timedelta(days=5)),
            processing_ended=moment(jan + dt.timedelta(days=1)),
            status=10,
        ),
        DossierRecord(
            2,
            "000.31.35.H55-260102-0002",
            "1.001612",
            "xa-a",
            moment(jan),
            moment(jan + dt.timedelta(days=1)),
            processing_ended=moment(jan + dt.timedelta(days=3)),
            status=10,
        ),
        DossierRecord(
            3,
            "000.02.31.H55-260102-0003",
            "1.001612",
            "xa-b",
            moment(jan),
            moment(jan + dt.timedelta(days=1)),
            status=4,
        ),
    ]


@pytest.fixture
def published(world):
    today = timezone.localdate()
    plan = PlanFactory(unit=world.commune, year=today.year, status=PlanStatus.ISSUED)
    TaskFactory(
        plan=plan, area=Area.INSTITUTIONS, title="Rà soát văn bản", due=today + dt.timedelta(days=3)
    )
    TaskFactory(
        plan=plan, area=Area.DIRECTION, title="Tuyên truyền", due=today - dt.timedelta(days=5)
    )
    sync_plan(plan)
    Procedure.objects.create(
        code="1.001612",
        name="Đăng ký khai sinh",
        level="Cấp xã",
        publication_decided=dt.date(today.year, 1, 10),
        on_national_db=True,
        parts=["name"],
    )
    jan = last_month(today)[0] + dt.timedelta(days=1)  # the month the page publishes
    outcome = import_dossiers(dossiers(jan))
    assert outcome.saved, outcome.errors
    Feedback.objects.create(
        code="PA-1",
        unit=world.commune,
        received=jan,
        answer_due=answer_due(jan, world.commune),
        source="entry",
        sender_name="Trần Thị Phản Ánh",
        sender_address="Số 12 đường Hoà Bình, ấp 3",
        sender_phone="0912 345 678",
        content="Đề nghị sửa đường của bà Trần Thị Phản Ánh",
    )
    people = world.people
    people.focal.full_name, people.focal.email, people.focal.phone = (
        "Lê Văn Đầu Mối",
        "daumoi@thanhtan.gov.vn",
        "0987 654 321",
    )
    people.focal.save()
    # the focal point publishes last month's service index, then corrects it (the index's
    # version 1 put back first: a browser test's flushed database has lost it)
    seed.install(IndexVersion, IndexGroup, IndexCriterion)
    install(IndicatorDefinition)
    month = jan.replace(day=1)
    publish(world.commune, month, today, by=people.focal)
    publish(world.commune, month, today, by=people.focal, reason="Nhập bổ sung hồ sơ trực tuyến")
    return SimpleNamespace(today=today, plan=plan, jan=jan)
