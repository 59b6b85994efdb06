"""Saving a parsed plan: everything or nothing, leads matched to posts, one audit event."""

import datetime as dt

import pytest

from cchc.audit.models import AuditEvent
from cchc.importer.saving import duplicates_of, report_kind, save_parsed_plan
from cchc.plans.models import Plan, Task, TaskParty


def parsed(**changes):
    data = {
        "plan": {
            "issuer": "UBND xã Thạnh Tân",
            "number": "26/QĐ-UBND",
            "issued_on": "2024-03-08",
            "year": 2024,
            "title": "Kế hoạch cải cách hành chính năm 2024 trên địa bàn xã Thạnh Tân",
            "theme": "Đẩy mạnh chuyển đổi số",
        },
        "legal_bases": [
            {"number": "76/NQ-CP", "issued_on": "2021-07-15", "text": "Nghị quyết số 76/NQ-CP"}
        ],
        "sections": [
            {"ref": "I", "title": "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "area": "direction"},
            {"ref": "II", "title": "CẢI CÁCH THỂ CHẾ", "area": "institutions"},
            {"ref": "2.1", "title": "Theo dõi thi hành pháp luật", "area": "institutions"},
        ],
        "tasks": [
            {
                "ref": "1",
                "area": "direction",
                "section_ref": "I",
                "title": "Xây dựng Kế hoạch khắc phục tồn tại",
                "lead": ["Công chức Văn phòng – Thống kê"],
                "coordinators": ["Các công chức chuyên môn khác"],
                "products": ["Kế hoạch"],
                "deadline": "Tháng 03/2024",
                "due": "2024-03-31",
                "recurrence": None,
                "budget_million_vnd": None,
                "source_line": 412,
            },
            {
                "ref": "2.1.1",
                "area": "institutions",
                "section_ref": "2.1",
                "title": "Theo dõi thi hành pháp luật",
                "lead": ["Công chức Tư pháp"],
                "coordinators": [],
                "products": [],
                "deadline": "Thường xuyên",
                "due": None,
                "recurrence": "regular",
                "budget_million_vnd": 20,
                "source_line": 430,
            },
        ],
        "targets": [
            {
                "area": "procedures",
                "comparator": ">=",
                "value": 90,
                "unit": "%",
                "text": "Phấn đấu tối thiểu 90% TTHC có yêu cầu nghĩa vụ tài chính…",
                "source_line": 120,
            },
            {
                "area": "other",
                "comparator": "top",
                "value": 3,
                "unit": "rank",
                "text": "nhóm 03/14",
            },
        ],
        "reporting_periods": [
            {
                "name": "Báo cáo Quý I/2024",
                "from": "2023-12-15",
                "to": "2024-02-29",
                "due": "2024-03-11",
            },
            {"name": "Báo cáo năm 2024", "from": "2023-12-15", "to": "2024-11-06", "due": None},
        ],
        "warnings": ["task 2: lead cell empty"],
    }
    data.update(changes)
    return data


def test_a_parsed_plan_is_saved_whole_with_leads_matched_to_posts(world):
    plan = save_parsed_plan(
        parsed(), unit=world.commune, by=world.people.focal, source_name="kh.docx"
    )
    assert (plan.number, plan.issued_on, plan.year) == ("26/QĐ-UBND", dt.date(2024, 3, 8), 2024)
    assert plan.legal_bases.get().issued_on == dt.date(2021, 7, 15)
    sub = plan.sections.get(ref="2.1")
    assert sub.parent.ref == "II"
    first, second = plan.tasks.order_by("order")
    assert first.section.ref == "I" and second.section == sub
    assert first.parties.get(role="lead").post == world.office
    assert second.parties.get(role="lead").post == world.justice  # alias "Tư pháp"
    assert second.budget_million_vnd == 20 and second.recurrence == "regular"
    assert [t.summary for t in plan.targets.order_by("order")] == ["≥ 90%", "nhóm 3"]
    kinds = list(plan.reporting_periods.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["q1", "year"]
    event = AuditEvent.objects.get(action="plan.import")
    assert event.after["tasks"] == 2 and event.after["warnings"] == ["task 2: lead cell empty"]


def test_a_failure_half_way_saves_nothing(world, monkeypatch):
    from cchc.importer import saving

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(saving, "_save_targets", boom)
    with pytest.raises(RuntimeError):
        save_parsed_plan(parsed(), unit=world.commune, by=world.people.focal)
    assert (
        not Plan.objects.exists() and not Task.objects.exists() and not TaskParty.objects.exists()
    )


def test_reimporting_the_same_document_is_recognised_and_can_replace_it(world):
    first = save_parsed_plan(parsed(), unit=world.commune, by=world.people.focal)
    assert duplicates_of(parsed(), world.commune) == [first]
    assert duplicates_of(parsed(), world.other) == []
    second = save_parsed_plan(parsed(), unit=world.commune, by=world.people.focal, replace=first)
    assert list(Plan.objects.all()) == [second]
    assert Task.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Báo cáo Quý I/2024", "q1"),
        ("Báo cáo 6 tháng đầu năm 2024", "h1"),
        ("Báo cáo 9 tháng năm 2024", "m9"),
        ("Báo cáo năm 2024", "year"),
        ("Báo cáo đột xuất", "other"),
    ],
)
def test_scheduled_reports_are_recognised_by_name(name, kind):
    assert report_kind(name) == kind
