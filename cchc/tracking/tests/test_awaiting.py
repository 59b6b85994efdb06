"""What waits for a leader or an upper level on the page they land on (decision 0161): a plan
to sign or to appraise, and the overdue count that opens the overdue list."""

from django.urls import reverse

from cchc.plans.choices import PlanStatus
from cchc.testing.factories import PlanFactory


def test_the_leader_lands_on_the_plan_awaiting_their_signature(world, login, today):
    plan = PlanFactory(
        unit=world.commune, year=today.year, status=PlanStatus.SUBMITTED, title="Kế hoạch CCHC xã"
    )
    home = login(world.people.leader).get("/", follow=True)
    page = home.content.decode()
    assert "Chờ anh/chị xử lý" in page
    assert "Kế hoạch chờ anh/chị ký ban hành: Kế hoạch CCHC xã" in page
    assert f'href="{reverse("plans:issue", args=[plan.pk])}"' in page
    # the focal point who submitted it does not sign it: nothing waits for them here
    focal = login(world.people.focal).get(reverse("tracking:dashboard", args=["xa-a"]))
    assert "Kế hoạch chờ anh/chị ký ban hành" not in focal.content.decode()


def test_the_upper_levels_home_lists_the_plans_awaiting_its_appraisal(world, login, today):
    plan = PlanFactory(
        unit=world.other, year=today.year, status=PlanStatus.SUBMITTED, title="Kế hoạch phường"
    )
    PlanFactory(unit=world.commune, year=today.year, status=PlanStatus.DRAFT)  # not sent up
    page = login(world.people.district).get("/", follow=True).content.decode()
    assert "Kế hoạch chờ anh/chị thẩm định: Phường 2 — Kế hoạch phường" in page
    assert f'href="{reverse("plans:appraise", args=[plan.pk])}"' in page
    assert page.count("chờ anh/chị thẩm định") == 1


def test_the_overdue_count_opens_the_overdue_list(follow, world, login):
    page = (
        login(world.people.leader)
        .get(reverse("tracking:dashboard", args=["xa-a"]))
        .content.decode()
    )
    assert 'id="overdue-count" href="#overdue"' in page
    assert '<section class="col-12 col-xl-6" id="overdue"' in page


def test_the_leader_reads_the_answer_to_a_direction_on_their_home(follow, world, login):
    from cchc.tracking import directions

    given = directions.give_direction(
        follow.justice, by=world.people.leader, text="Đề nghị hoàn thành trước thứ Sáu."
    )
    directions.answer_direction(
        given, by=world.people.official, answer="Đã trình dự thảo, hoàn thành thứ Năm."
    )
    page = login(world.people.leader).get("/", follow=True).content.decode()
    assert "Ý kiến chỉ đạo đã được trả lời trong 14 ngày qua" in page
    assert "Đã trình dự thảo, hoàn thành thứ Năm." in page
    assert f'href="{reverse("tracking:task", args=[follow.justice.pk])}#directions"' in page
