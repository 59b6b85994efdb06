"""Small factories for tests. Personas live in cchc/conftest.py."""

from __future__ import annotations

import datetime as dt

import factory

from cchc.org.choices import PostKind, Role, SuccessionKind, UnitKind
from cchc.org.models import Membership, Post, Unit, UnitSuccession, User
from cchc.plans.choices import Area, Comparator, PlanStatus, TargetUnit
from cchc.plans.models import Amendment, Plan, Target, Task, TaskParty


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = UnitKind.COMMUNE


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    unit = factory.SubFactory(UnitFactory)
    name = factory.Sequence(lambda n: f"Chức danh {n}")
    kind = PostKind.POST


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Người dùng {n}")
    password = factory.django.Password("secret-pass-1")


def member(user: User, unit: Unit, role: str = Role.FOCAL_POINT, post: Post | None = None):
    Membership.objects.create(user=user, unit=unit, role=role, post=post)
    return user


def merge(*predecessors: Unit, into: Unit, on: dt.date = dt.date(2025, 7, 1)) -> Unit:
    """A 2025 merger as it is recorded: each predecessor ends the day before `on` and is
    succeeded by `into` (returned)."""
    for old in predecessors:
        old.valid_to = on - dt.timedelta(days=1)
        old.save(update_fields=["valid_to"])
        UnitSuccession.objects.create(
            predecessor=old, successor=into, kind=SuccessionKind.MERGE, effective_on=on
        )
    return into


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        skip_postgeneration_save = True

    unit = factory.SubFactory(UnitFactory)
    year = 2024
    title = factory.LazyAttribute(lambda o: f"Kế hoạch cải cách hành chính năm {o.year}")
    number = factory.Sequence(lambda n: f"{n + 1}/KH-UBND")
    issued_on = dt.date(2024, 1, 15)
    # Plans made by tests are issued (in force: their tasks are work) unless a test says
    # otherwise, e.g. PlanFactory(status=PlanStatus.DRAFT) — decision 0050.
    status = PlanStatus.ISSUED

    @factory.post_generation
    def amending(self, create, extracted, **kwargs):
        """An issued plan's tasks and targets change only within an amendment: the plans
        tests make come with one being prepared, so a test may write them as the focal point
        would; `PlanFactory(amending=False)` makes a plan without one."""
        if create and self.status == PlanStatus.ISSUED and extracted is not False:
            Amendment.objects.create(plan=self, reason="Điều chỉnh (kiểm thử)")


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    ref = factory.Sequence(lambda n: str(n + 1))
    order = factory.Sequence(lambda n: n + 1)
    area = Area.DIRECTION
    title = factory.Sequence(lambda n: f"Nhiệm vụ số {n + 1}")
    deadline_text = "Tháng 03/2024"
    due = dt.date(2024, 3, 31)

    @factory.post_generation
    def leads(self, create, extracted, **kwargs):
        for i, name in enumerate(extracted or []):
            post = Post.objects.filter(unit=self.plan.unit, name=name).first()
            TaskParty.objects.create(task=self, role="lead", order=i, text=name, post=post)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    plan = factory.SubFactory(PlanFactory)
    area = Area.PROCEDURES
    text = "Phấn đấu tối thiểu 90% TTHC có yêu cầu nghĩa vụ tài chính được thanh toán trực tuyến"
    comparator = Comparator.AT_LEAST
    value = 90
    unit = TargetUnit.PERCENT
