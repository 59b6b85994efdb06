"""A plan's targets against the measured data: suggestion, value, projection, status, figures."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.dossiers.records import DossierRecord, ProcedureRecord
from cchc.dossiers.saving import import_dossiers, import_procedures
from cchc.indicators import targets as rules
from cchc.indicators.engine import Value
from cchc.indicators.models import IndicatorDefinition, TargetFigure
from cchc.plans import actions as plan_actions
from cchc.plans.models import Target
from cchc.testing.factories import PlanFactory, TargetFactory

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def definition(code: str) -> IndicatorDefinition:
    return IndicatorDefinition.objects.current().get(code=code)


# --- suggestion ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Phấn đấu 100% tỷ lệ hồ sơ TTHC do UBND cấp xã tiếp nhận trong năm được giải quyết "
            "đúng hạn và trước hạn",
            "on_time_rate",
        ),
        (
            "100% hồ sơ giải quyết quá hạn phải có văn bản xin lỗi của Thủ trưởng cơ quan",
            "late_apology_rate",
        ),
        (
            "Phấn đấu tối thiểu 90% TTHC có yêu cầu nghĩa vụ tài chính, được triển khai thanh "
            "toán trực tuyến",
            "payment_procedures_rate",
        ),
        ("Tỷ lệ giao dịch thanh toán trực tuyến đạt từ 30% trở lên", "online_payment_rate"),
        (
            "Tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến đạt 70%",
            "payment_used_procedures_rate",
        ),
        (
            "Tỷ lệ tiếp nhận và giải quyết TTHC trực tuyến toàn trình đạt từ 50% trở lên",
            "full_online_rate",
        ),
        ("100% hồ sơ, kết quả giải quyết được số hóa", "digitisation_rate"),
        (
            "Tỷ lệ khai thác và sử dụng lại thông tin, dữ liệu số hoá đạt từ 80% trở lên",
            "reuse_rate",
        ),
        # a sentence naming two indicators, or none, is left to a person
        (
            "Tỷ lệ số hoá hồ sơ, kết quả giải quyết thủ tục hành chính và tỷ lệ cấp kết quả "
            "giải quyết thủ tục hành chính điện tử đạt 100%",
            None,
        ),
        ("Mức độ hài lòng của người dân, doanh nghiệp về giải quyết TTHC đạt tối thiểu 95%", None),
        ("100% văn bản quy phạm pháp luật được tự kiểm tra kịp thời theo quy định", None),
    ],
)
def test_a_target_is_suggested_the_one_indicator_its_words_name(db, text, code):
    found = rules.suggest(text, "%")
    assert (found.code if found else None) == code


def test_a_rank_or_points_target_is_never_suggested_a_rate(db):
    assert rules.suggest("100% hồ sơ giải quyết đúng hạn", "points") is None


def test_an_unconfirmed_suggestion_follows_the_text_and_a_confirmed_link_stays(world):
    plan = PlanFactory(unit=world.commune)
    target = Target(plan=plan, text="100% hồ sơ giải quyết đúng hạn", comparator="=", value=100)
    target.unit = "%"
    plan_actions.save_target(target, by=None)
    assert target.indicator.code == "on_time_rate" and not target.indicator_confirmed

    target.text = "100% hồ sơ giải quyết quá hạn có văn bản xin lỗi"
    plan_actions.save_target(target, by=None)
    assert target.indicator.code == "late_apology_rate"

    target.indicator, target.indicator_confirmed = definition("reuse_rate"), True
    target.save()
    target.text = "100% hồ sơ giải quyết đúng hạn"
    plan_actions.save_target(target, by=None)
    assert target.indicator.code == "reuse_rate"


# --- projection and status -----------------------------------------------------------------
def test_a_steady_rate_projects_itself():
    months = [Value(80, 100)] * 6
    assert rules.project_rate(months, 6) == 80.0


def test_a_rising_rate_projects_along_its_trend():
    # 70, 72 … 80% over six months of 100 dossiers; the next six continue 82 … 92%:
    # (450 + 522) / 1200 = 81%
    months = [Value(70 + 2 * i, 100) for i in range(6)]
    assert rules.project_rate(months, 6) == 81.0


def test_a_projected_rate_never_leaves_0_to_100():
    months = [Value(90, 100), Value(99, 100)]  # +9 points a month
    assert rules.project_rate(months, 10) <= 100.0
    assert rules.project_rate([Value(0, 0)], 6) is None


def _dossiers(unit: str, month: int, on_time: int, late: int) -> list[DossierRecord]:
    records = []
    for n in range(on_time + late):
        received = dt.datetime(2024, month, 3, 9, tzinfo=VN)
        due = received + dt.timedelta(days=3)
        ended = due - dt.timedelta(hours=2) if n < on_time else due + dt.timedelta(days=2)
        records.append(
            DossierRecord(
                row=n,
                code=f"{unit}-{month}-{n}",
                procedure_code="1.001",
                unit_code=unit,
                received=received,
                due=due,
                processing_ended=ended,
                status=10,
            )
        )
    return records


@pytest.fixture
def measured_plan(world):
    import_procedures([ProcedureRecord(1, "1.001", "Đăng ký khai sinh")])
    records = []
    for month, on_time in zip(range(1, 7), [80, 82, 84, 86, 88, 90], strict=True):
        records += _dossiers("xa-a", month, on_time, 100 - on_time)
    records += _dossiers("xa-b", 3, 10, 0)  # another commune: never in xa-a's figures
    assert import_dossiers(records).saved
    plan = PlanFactory(unit=world.commune, year=2024)
    target = TargetFactory(
        plan=plan,
        text="Phấn đấu tỷ lệ hồ sơ giải quyết đúng hạn đạt từ 90% trở lên",
        comparator=">=",
        value=Decimal(90),
        unit="%",
        indicator=definition("on_time_rate"),
        indicator_confirmed=True,
    )
    return plan, target


def test_mid_year_a_target_below_its_goal_but_rising_to_it_is_at_risk(measured_plan):
    _plan, target = measured_plan
    progress = rules.progress_of(target, dt.date(2024, 6, 30))
    assert (progress.numerator, progress.denominator) == (510, 600)
    assert progress.value == 85.0
    # 80 … 90 by 2 points: the next six months continue 92, 94, 96, 98, 100 and 100 (a rate
    # stops at 100%) → (510 + 580) / 1200
    assert progress.projection == 90.83
    assert progress.status == rules.AT_RISK and not progress.final


def test_the_month_under_way_counts_in_the_value_but_not_in_the_trend(measured_plan):
    """On 10 July ten dossiers came in on 3 July, two finished on time and eight still open
    past their due day: July reads 20 %. The value so far counts them (512/610); the trend is
    January–June's, +2 points a month from 85 % at their middle, so the rest of the year runs
    94, 96, 98, 100, 100 % and 100 % for the last 21/31 of a month, 100 dossiers a month (not
    the 610/7 that July's ten days would drag the average to):
    (512 + 488 + 67.742) / (610 + 500 + 67.742) = 90.66 %."""
    _plan, target = measured_plan
    received = dt.datetime(2024, 7, 3, 9, tzinfo=VN)
    july = _dossiers("xa-a", 7, 2, 0)
    for n in range(8):
        july.append(
            DossierRecord(
                row=10 + n,
                code=f"OPEN-{n}",
                procedure_code="1.001",
                unit_code="xa-a",
                received=received,
                due=received + dt.timedelta(days=3),
                status=4,
            )
        )
    assert import_dossiers(july).saved
    progress = rules.progress_of(target, dt.date(2024, 7, 10))
    assert (progress.numerator, progress.denominator) == (512, 610)
    assert progress.months[-1][1].as_dict() == {"numerator": 2, "denominator": 10, "value": 20.0}
    assert progress.projection == 90.66
    assert progress.status == rules.AT_RISK  # 83,93 % now, 90,66 % projected: one of two


def test_in_the_first_days_of_the_year_the_days_so_far_are_the_trend():
    assert rules.project_rate([Value(8, 10)], 11.7, under_way=True) == 80.0


def test_a_goal_reached_now_and_at_year_end_is_met_and_one_missed_both_ways_is_not(
    measured_plan,
):
    _plan, target = measured_plan
    target.value = Decimal(80)
    assert rules.progress_of(target, dt.date(2024, 6, 30)).status == rules.MET
    target.value = Decimal(99)
    assert rules.progress_of(target, dt.date(2024, 6, 30)).status == rules.NOT_MET


def test_after_the_year_the_value_is_final(measured_plan):
    _plan, target = measured_plan
    progress = rules.progress_of(target, dt.date(2025, 2, 1))
    assert progress.final and progress.projection is None
    assert progress.end == dt.date(2024, 12, 31)
    assert progress.status == rules.NOT_MET  # 85% < 90% once the year is over


def test_a_dossier_still_open_is_judged_at_the_end_of_the_window_not_of_its_month(world):
    # received 20/1, due 5/2, not finished on 31/3: on time in January's figures, late in
    # the figures of the year so far — the target reads the year so far
    import_procedures([ProcedureRecord(1, "1.001", "Đăng ký khai sinh")])
    received = dt.datetime(2024, 1, 20, 9, tzinfo=VN)
    open_record = DossierRecord(
        row=1,
        code="OPEN",
        procedure_code="1.001",
        unit_code="xa-a",
        received=received,
        due=dt.datetime(2024, 2, 5, 17, tzinfo=VN),
        status=4,
    )
    assert import_dossiers([open_record]).saved
    target = TargetFactory(
        plan=PlanFactory(unit=world.commune, year=2024),
        text="Phấn đấu 100% hồ sơ giải quyết đúng hạn",
        comparator=">=",
        value=Decimal(100),
        unit="%",
        indicator=definition("on_time_rate"),
    )
    progress = rules.progress_of(target, dt.date(2024, 3, 31))
    assert progress.months[0][1].as_dict() == {"numerator": 1, "denominator": 1, "value": 100.0}
    assert (progress.numerator, progress.denominator, progress.value) == (0, 1, 0.0)
    plan_progress = rules.progress_of_plan(target.plan, dt.date(2024, 3, 31))[target.pk]
    assert (plan_progress.numerator, plan_progress.denominator) == (0, 1)


def test_a_procedure_rate_counts_each_procedure_once_over_the_year(world):
    # two procedures with a fee, one integrated with online payment: 1 of 2, whatever the
    # number of months — not 3 of 6 after three months
    import_procedures(
        [
            ProcedureRecord(1, "2.001", "Cấp bản sao", has_fee=True, payment_integrated=True),
            ProcedureRecord(2, "2.002", "Chứng thực", has_fee=True),
        ]
    )
    target = TargetFactory(
        plan=PlanFactory(unit=world.commune, year=2024),
        text="Phấn đấu tối thiểu 90% TTHC có yêu cầu nghĩa vụ tài chính được triển khai "
        "thanh toán trực tuyến",
        comparator=">=",
        value=Decimal(90),
        unit="%",
        indicator=definition("payment_procedures_rate"),
    )
    progress = rules.progress_of(target, dt.date(2024, 3, 31))
    assert len(progress.months) == 3
    assert (progress.numerator, progress.denominator, progress.value) == (1, 2, 50.0)


def test_without_dossiers_there_is_no_value_and_no_status(world):
    plan = PlanFactory(unit=world.other, year=2024)
    target = TargetFactory(
        plan=plan,
        text="x",
        comparator=">=",
        value=90,
        unit="%",
        indicator=definition("on_time_rate"),
    )
    progress = rules.progress_of(target, dt.date(2024, 6, 30))
    assert progress.value is None and progress.status == rules.NO_DATA


def test_a_target_without_an_indicator_takes_the_latest_figure(world):
    plan = PlanFactory(unit=world.commune, year=2024)
    target = TargetFactory(plan=plan, text="Hoàn thành 100% Kế hoạch", comparator="=", value=100)
    assert rules.progress_of(target, dt.date(2024, 6, 30)).status == rules.NO_DATA
    TargetFigure.objects.create(target=target, as_of=dt.date(2024, 3, 31), value=100)
    TargetFigure.objects.create(target=target, as_of=dt.date(2024, 6, 30), value=70)
    progress = rules.progress_of(target, dt.date(2024, 7, 1))
    assert (progress.value, progress.end, progress.source) == (70.0, dt.date(2024, 6, 30), "figure")
    assert progress.status == rules.AT_RISK
    assert rules.progress_of(target, dt.date(2025, 1, 5)).status == rules.NOT_MET


# --- pages ---------------------------------------------------------------------------------
def test_the_plan_page_shows_each_target_s_value_and_status(login, world, measured_plan):
    plan, target = measured_plan
    page = login(world.people.focal).get(reverse("plans:detail", args=[plan.pk]))
    row = page.content.decode().split(f'id="target-{target.pk}"')[1].split("</tr>")[0]
    assert "Tỷ lệ hồ sơ giải quyết đúng hạn" in row
    assert "85%" in row  # the whole year 2024 (over): 510 / 600
    assert "Không đạt" in row


def test_the_plan_page_query_count_does_not_grow_with_linked_targets(
    login, world, measured_plan, django_assert_max_num_queries
):
    plan, _target = measured_plan
    client = login(world.people.focal)
    with django_assert_max_num_queries(60) as few:
        client.get(reverse("plans:detail", args=[plan.pk]))
    for code in ("online_submission_rate", "digitisation_rate", "reuse_rate", "e_result_rate"):
        TargetFactory(
            plan=plan, text=code, comparator=">=", value=50, unit="%", indicator=definition(code)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("plans:detail", args=[plan.pk]))


def test_the_target_page_shows_the_months_and_the_focal_point_confirms_a_suggestion(
    login, world, measured_plan
):
    _plan, target = measured_plan
    target.indicator, target.indicator_confirmed = definition("reuse_rate"), False
    target.save()
    client = login(world.people.focal)
    page = client.get(reverse("plans:target", args=[target.pk])).content.decode()
    assert "hệ thống gợi ý" in page

    response = client.post(
        reverse("plans:target_link", args=[target.pk]),
        {"indicator": definition("on_time_rate").pk, "owner_post": world.justice.pk},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.indicator.code == "on_time_rate" and target.indicator_confirmed
    assert target.owner_post == world.justice
    page = client.get(reverse("plans:target", args=[target.pk])).content.decode()
    assert "510 / 600" in page and "03/2024" in page and "88%" in page
    assert "Xác định cách đo chỉ tiêu" in page  # the change is in the history


def test_the_target_pages_month_under_way_is_headed_with_the_day_its_figures_reach(
    login, world, measured_plan, monkeypatch
):
    from django.utils import timezone

    _plan, target = measured_plan
    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2024, 6, 20))
    page = login(world.people.focal).get(reverse("plans:target", args=[target.pk]))
    html = page.content.decode()
    assert "06/2024<br><span" in html and "đến 20/06" in html
    assert "05/2024<br>" not in html
    chart = json.loads(re.search(r'id="target-chart-data"[^>]*>(.*?)</script>', html).group(1))
    assert chart["unfinished"] == 5 and chart["labels"][5] == ["06/2024", "đến 20/06"]
    assert chart["labels"][4] == "05/2024"


@pytest.fixture
def manual_target(world):
    plan = PlanFactory(unit=world.commune, year=2024)
    return TargetFactory(
        plan=plan,
        text="Hoàn thành 100% Kế hoạch",
        comparator="=",
        value=100,
        unit="%",
        owner_post=world.justice,
    )


def figure(client, target, **fields):
    data = {"as_of": "2024-06-30", "value": "75", "note": "", "document": "Báo cáo số 12/BC-UBND"}
    data.update(fields)
    return client.post(reverse("plans:target_figure", args=[target.pk]), data)


def test_the_owner_enters_a_figure_with_its_evidence_and_it_becomes_the_value(
    login, world, manual_target
):
    client = login(world.people.official)  # holds the owner post, Tư pháp – Hộ tịch
    evidence = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")
    response = figure(client, manual_target, evidence=evidence)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = TargetFigure.objects.get()
    assert (saved.value, saved.entered_by) == (Decimal(75), world.people.official)
    proof = saved.evidence.get()
    assert (proof.title, proof.original_name) == ("Báo cáo số 12/BC-UBND", "bao-cao.pdf")
    assert (proof.size, proof.sha256) == (len(PDF), hashlib.sha256(PDF).hexdigest())
    assert proof.extension == ".pdf" and proof.file.name.endswith(".pdf")
    assert "bao-cao" not in proof.file.name  # stored under a random name
    assert proof.unit == manual_target.plan.unit and proof.uploaded_by == world.people.official

    page = client.get(reverse("plans:target", args=[manual_target.pk])).content.decode()
    assert "Báo cáo số 12/BC-UBND" in page and "75%" in page
    download = client.get(reverse("evidence:download", args=[proof.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF

    outsider = login(world.people.outsider)
    assert outsider.get(reverse("evidence:download", args=[proof.pk])).status_code == 404


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"value": "120"}, "value", "100"),
        ({"value": "-5"}, "value", "âm"),
        ({"as_of": "2023-12-31"}, "as_of", "2024"),
        ({"as_of": "31/02/2024"}, "as_of", ""),
        ({"value": ""}, "value", ""),
    ],
)
def test_a_wrong_figure_is_refused_naming_the_field(
    login, world, manual_target, fields, field, words
):
    response = figure(login(world.people.official), manual_target, **fields)
    assert response.status_code == 400
    errors = response.context["figure_form"].errors
    assert field in errors and words in " ".join(errors[field])
    assert not TargetFigure.objects.exists()


def test_a_figure_needs_its_evidence_and_a_real_document(login, world, manual_target):
    client = login(world.people.official)
    response = figure(client, manual_target, document="")
    assert response.status_code == 400 and "bằng chứng" in response.content.decode().lower()
    fake = SimpleUploadedFile(
        "bao-cao.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    response = figure(client, manual_target, evidence=fake)
    assert response.status_code == 400
    assert "evidence" in response.context["figure_form"].errors
    assert not TargetFigure.objects.exists()


def test_a_target_measured_from_data_takes_no_figure(login, world, measured_plan):
    _plan, target = measured_plan
    response = figure(login(world.people.focal), target)
    assert response.status_code == 400 and not TargetFigure.objects.exists()


def test_another_commune_cannot_read_or_change_a_target(login, world, manual_target):
    client = login(world.people.outsider)
    assert client.get(reverse("plans:target", args=[manual_target.pk])).status_code == 404
    assert figure(client, manual_target).status_code == 404
    response = client.post(reverse("plans:target_link", args=[manual_target.pk]), {"indicator": ""})
    assert response.status_code == 404
    assert not TargetFigure.objects.exists()


def test_read_only_roles_see_the_target_but_cannot_change_it(login, world, manual_target):
    for persona in ("leader", "district"):
        client = login(getattr(world.people, persona))
        assert client.get(reverse("plans:target", args=[manual_target.pk])).status_code == 200
        assert figure(client, manual_target).status_code == 403
        link = client.post(reverse("plans:target_link", args=[manual_target.pk]), {"indicator": ""})
        assert link.status_code == 403
    # the chairman may not link, the focal point may
    focal = login(world.people.focal)
    assert (
        focal.post(
            reverse("plans:target_link", args=[manual_target.pk]), {"indicator": ""}
        ).status_code
        == 302
    )


def test_wrong_methods_get_405(login, world, manual_target):
    client = login(world.people.focal)
    assert client.get(reverse("plans:target_link", args=[manual_target.pk])).status_code == 405
    assert client.get(reverse("plans:target_figure", args=[manual_target.pk])).status_code == 405
    assert client.post(reverse("plans:target", args=[manual_target.pk])).status_code == 405


def test_the_unit_dashboard_lists_the_targets_to_watch(login, world, measured_plan, settings):
    plan, target = measured_plan
    from cchc.plans.choices import PlanStatus

    plan.status = PlanStatus.ISSUED
    plan.save()
    page = login(world.people.leader).get(
        reverse("tracking:dashboard", args=["xa-a"]), {"year": 2024}
    )
    text = page.content.decode()
    assert "1 không đạt" in text
    assert reverse("plans:target", args=[target.pk]) in text


def test_the_history_names_the_suggested_indicator_not_its_id(world):
    from cchc.plans.history import plan_history

    plan = PlanFactory(unit=world.commune)
    target = Target(plan=plan, text="100% hồ sơ giải quyết đúng hạn", comparator="=", value=100)
    target.unit = "%"
    plan_actions.save_target(target, by=world.people.focal)
    [row] = plan_history(plan)
    shown = {c.label: c.after for c in row.changes}
    assert shown["Đo bằng"] == str(definition("on_time_rate"))
