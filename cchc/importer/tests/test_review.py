"""The review page: each row beside its source, guesses highlighted, corrections saved."""

import re

import pytest
from django.urls import reverse

from cchc.importer.models import PlanImport
from cchc.importer.review import initial_header, initial_periods, initial_targets, initial_tasks
from cchc.importer.tests.test_saving import parsed
from cchc.plans.models import Plan


def draft_for(world, data=None):
    data = data or parsed()
    data["tasks"][0]["source_text"] = "1\tXây dựng Kế hoạch khắc phục tồn tại\tCông chức VP-TK"
    data["tasks"][1]["lead"] = ["Bưu điện tỉnh"]
    return PlanImport.objects.create(
        unit=world.commune, created_by=world.people.focal, file_name="kh.docx", parsed=data
    )


def form_data(draft, **overrides):
    """The POST a browser sends when the person confirms without changing anything."""
    data = {}
    for key, value in initial_header(draft.parsed).items():
        data[f"plan-{key}"] = value if value is not None else ""
    for prefix, rows in (
        ("tasks", initial_tasks(draft.parsed)),
        ("targets", initial_targets(draft.parsed)),
        ("periods", initial_periods(draft.parsed)),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for i, row in enumerate(rows):
            for key, value in row.items():
                if isinstance(value, list):
                    value = "\n".join(value)
                data[f"{prefix}-{i}-{key}"] = "" if value is None else value
    data.update(overrides)
    return data


def test_the_review_page_shows_rows_beside_their_source_and_flags_unmatched_leads(world, login):
    draft = draft_for(world)
    html = (
        login(world.people.focal).get(reverse("importer:review", args=[draft.pk])).content.decode()
    )
    assert "Xây dựng Kế hoạch khắc phục tồn tại" in html
    assert "1\tXây dựng Kế hoạch khắc phục tồn tại\tCông chức VP-TK" in html
    assert "✓ Văn phòng – Thống kê" in html
    assert "“Bưu điện tỉnh” không khớp chức danh nào của đơn vị" in html
    assert "task 2: lead cell empty" in html
    assert "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" in html
    assert not Plan.objects.exists()


def test_confirming_with_corrections_saves_what_the_person_saw(world, login):
    draft = draft_for(world)
    data = form_data(
        draft,
        **{
            "plan-number": "27/QĐ-UBND",
            "tasks-1-lead": "Công chức Tư pháp – Hộ tịch",
            "tasks-0-due": "15/04/2024",
            "targets-1-DELETE": "on",
        },
    )
    response = login(world.people.focal).post(reverse("importer:review", args=[draft.pk]), data)
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert plan.number == "27/QĐ-UBND" and plan.status == "draft"
    first, second = plan.tasks.order_by("order")
    assert str(first.due) == "2024-04-15"
    assert second.parties.get(role="lead").post == world.justice
    assert plan.targets.count() == 1
    assert plan.sections.get(ref="2.1").parent.ref == "II"
    draft.refresh_from_db()
    assert draft.status == "confirmed" and draft.plan == plan


def test_a_wrong_value_is_shown_in_place_and_nothing_is_saved(world, login):
    draft = draft_for(world)
    data = form_data(draft, **{"tasks-0-title": "", "targets-0-value": "140"})
    response = login(world.people.focal).post(reverse("importer:review", args=[draft.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhập nội dung nhiệm vụ." in html
    assert "Tỷ lệ phần trăm không được vượt quá 100." in html
    assert not Plan.objects.exists()


def test_importing_a_plan_that_exists_asks_to_replace_or_keep_both(world, login):
    client = login(world.people.focal)
    first = draft_for(world)
    client.post(reverse("importer:review", args=[first.pk]), form_data(first))
    existing = Plan.objects.get()
    again = draft_for(world)
    response = client.post(reverse("importer:review", args=[again.pk]), form_data(again))
    assert "Chọn thay thế kế hoạch đã có hay giữ cả hai." in response.content.decode()
    # both choices drawn as Bootstrap's radios, spaced from their labels
    radios = re.findall(r'<input[^>]*name="dup-choice"[^>]*>', response.content.decode())
    assert len(radios) == 2 and all('class="form-check-input"' in r for r in radios)
    assert Plan.objects.count() == 1
    client.post(
        reverse("importer:review", args=[again.pk]), form_data(again, **{"dup-choice": "replace"})
    )
    assert Plan.objects.count() == 1 and not Plan.objects.filter(pk=existing.pk).exists()
    third = draft_for(world)
    client.post(
        reverse("importer:review", args=[third.pk]), form_data(third, **{"dup-choice": "keep"})
    )
    assert Plan.objects.count() == 2


@pytest.mark.parametrize("persona", ["outsider", "district", "official"])
def test_only_a_focal_point_of_the_unit_can_review_or_confirm(world, login, persona):
    draft = draft_for(world)
    client = login(getattr(world.people, persona))
    assert client.get(reverse("importer:review", args=[draft.pk])).status_code == 404
    assert (
        client.post(reverse("importer:review", args=[draft.pk]), form_data(draft)).status_code
        == 404
    )
    assert client.post(reverse("importer:cancel", args=[draft.pk])).status_code == 404
    assert not Plan.objects.exists()


def test_cancelling_an_import_saves_nothing_and_refuses_get(world, login):
    draft = draft_for(world)
    client = login(world.people.focal)
    assert client.get(reverse("importer:cancel", args=[draft.pk])).status_code == 405
    client.post(reverse("importer:cancel", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == "cancelled" and not Plan.objects.exists()
    assert client.get(reverse("importer:review", args=[draft.pk])).status_code == 404


def test_a_plan_without_a_number_is_said_to_match_by_its_title(world, login):
    # duplicates_of compares titles when the document has no number: the page said "cùng số"
    # when neither plan had one (decision 0159)
    client = login(world.people.focal)
    data = parsed()
    data["plan"]["number"] = None
    first = draft_for(world, data)
    client.post(reverse("importer:review", args=[first.pk]), form_data(first))
    data = parsed()
    data["plan"]["number"] = None
    page = client.get(reverse("importer:review", args=[draft_for(world, data).pk]))
    html = page.content.decode()
    assert "Đã có kế hoạch cùng năm và cùng tên:" in html
    assert "cùng số" not in html
    numbered = draft_for(world)
    client.post(reverse("importer:review", args=[numbered.pk]), form_data(numbered))
    again = client.get(reverse("importer:review", args=[draft_for(world).pk]))
    assert "Đã có kế hoạch cùng năm và cùng số:" in again.content.decode()
