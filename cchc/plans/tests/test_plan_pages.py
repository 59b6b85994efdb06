import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cchc.audit.models import AuditEvent
from cchc.plans.choices import Area
from cchc.plans.models import LegalBasis, Plan, Section, Target, Task
from cchc.testing.factories import PlanFactory, TargetFactory, TaskFactory


@pytest.fixture
def plan(world):
    plan = PlanFactory(
        unit=world.commune,
        title="Kế hoạch Cải cách hành chính năm 2024 trên địa bàn xã Thạnh Tân",
        number="26/QĐ-UBND",
        issued_on=dt.date(2024, 3, 8),
        issuer="UBND xã Thạnh Tân",
        theme="Đẩy mạnh chuyển đổi số",
    )
    LegalBasis.objects.create(
        plan=plan, number="76/NQ-CP", text="Nghị quyết số 76/NQ-CP ngày 15/7/2021"
    )
    direction = Section.objects.create(
        plan=plan, order=1, ref="I", title="CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", area=Area.DIRECTION
    )
    institutions = Section.objects.create(
        plan=plan, order=2, ref="II", title="CẢI CÁCH THỂ CHẾ", area=Area.INSTITUTIONS
    )
    TaskFactory(
        plan=plan,
        section=direction,
        area=Area.DIRECTION,
        ref="1",
        title="Xây dựng Kế hoạch khắc phục tồn tại",
        leads=["Văn phòng – Thống kê"],
        products=["Kế hoạch"],
        deadline_text="Tháng 03/2024",
        due=dt.date(2024, 3, 31),
    )
    TaskFactory(
        plan=plan,
        section=direction,
        area=Area.DIRECTION,
        ref="2",
        title="Đánh giá Chỉ số CCHC năm 2024",
        leads=["Văn phòng – Thống kê"],
        deadline_text="Quý IV năm 2024",
        due=dt.date(2024, 12, 31),
    )
    TaskFactory(
        plan=plan,
        section=institutions,
        area=Area.INSTITUTIONS,
        ref="3",
        title="Xây dựng kế hoạch theo dõi thi hành pháp luật",
        leads=["Tư pháp – Hộ tịch"],
        deadline_text="Tháng 01 năm 2024",
        due=dt.date(2024, 1, 31),
        budget_million_vnd=5,
    )
    TargetFactory(plan=plan)
    return plan


def test_the_plan_page_shows_the_plan_as_officials_know_it(plan, world, login):
    response = login(world.people.focal).get(reverse("plans:detail", args=[plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for expected in [
        "26/QĐ-UBND",
        "08/03/2024",
        "UBND xã Thạnh Tân",
        "Đẩy mạnh chuyển đổi số",
        "Nghị quyết số 76/NQ-CP",
        "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "CẢI CÁCH THỂ CHẾ",
        "Chủ trì",
        "Phối hợp",
        "Sản phẩm",
        "Thời gian hoàn thành",
        "Kinh phí (triệu đồng)",
        "Tháng 03/2024",
        "Chỉ tiêu",
        "≥ 90%",
    ]:
        assert expected in html, expected
    # Section headings come before the tasks under them.
    assert (
        html.index("CÔNG TÁC CHỈ ĐẠO")
        < html.index("khắc phục tồn tại")
        < html.index("CẢI CÁCH THỂ CHẾ")
        < html.index("theo dõi thi hành")
    )


def test_an_issued_plan_names_its_signer_only_when_it_is_known(plan, world, login):
    """A plan read from a document may not say who signed it: the page then says what it
    knows, not "người ký —"."""
    client = login(world.people.focal)
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "ban hành số 26/QĐ-UBND ngày 08/03/2024</div>" in html and "người ký" not in html
    plan.signer = "Nguyễn Văn Tâm"
    plan.save(update_fields=["signer"])
    html = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert "ban hành số 26/QĐ-UBND ngày 08/03/2024, người ký Nguyễn Văn Tâm" in html


def test_tasks_filter_by_area_lead_and_due_month(plan, world, login):
    client = login(world.people.focal)
    url = reverse("plans:detail", args=[plan.pk])
    html = client.get(url, {"area": Area.INSTITUTIONS}).content.decode()
    assert "theo dõi thi hành pháp luật" in html and "khắc phục tồn tại" not in html
    html = client.get(url, {"lead": "Văn phòng – Thống kê"}).content.decode()
    assert "khắc phục tồn tại" in html and "theo dõi thi hành pháp luật" not in html
    html = client.get(url, {"month": "2024-12"}).content.decode()
    assert "Đánh giá Chỉ số CCHC" in html and "khắc phục tồn tại" not in html


def test_the_filter_answers_htmx_with_only_the_table(plan, world, login):
    client = login(world.people.focal)
    response = client.get(
        reverse("plans:detail", args=[plan.pk]),
        {"area": Area.DIRECTION},
        headers={"HX-Request": "true", "HX-Target": "task-table"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="task-table">')
    assert "<html" not in html and "khắc phục tồn tại" in html


def test_the_plan_page_query_count_does_not_grow_with_tasks(
    plan, world, login, django_assert_max_num_queries
):
    for i in range(30):
        TaskFactory(plan=plan, title=f"Nhiệm vụ thêm {i}", leads=["Văn phòng – Thống kê"])
    client = login(world.people.focal)
    # 21 before the plan's life; its amendments, appraisals and signed scan add one each, and
    # one asks which targets a figure measures (cchc.figures, plans.measures), one whether a
    # task was reported on (then the plan is closed, not deleted: no delete button)
    with django_assert_max_num_queries(26):
        client.get(reverse("plans:detail", args=[plan.pk]))


def test_the_excel_export_has_the_task_table_and_the_targets(plan, world, login):
    response = login(world.people.district).get(reverse("plans:export", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Nhiệm vụ", "Chỉ tiêu"]
    tasks = book["Nhiệm vụ"]
    rows = [[c.value for c in row] for row in tasks.iter_rows(min_row=3)]
    assert rows[0][:6] == [
        "Số",
        "Nhiệm vụ",
        "Chủ trì",
        "Phối hợp",
        "Sản phẩm",
        "Thời gian hoàn thành",
    ]
    assert rows[1][:2] == ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"]
    assert rows[2][1] == "Xây dựng Kế hoạch khắc phục tồn tại"
    assert rows[2][2] == "Văn phòng – Thống kê"
    assert rows[2][6].date() == dt.date(2024, 3, 31)
    assert tasks.column_dimensions["B"].width >= 50
    assert tasks.freeze_panes == "A4"
    targets = book["Chỉ tiêu"]
    values = [c.value for row in targets.iter_rows() for c in row if c.value]
    assert any("90% TTHC" in str(v) for v in values)


def test_a_task_title_that_looks_like_a_formula_is_exported_as_text(plan, world, login):
    # A title typed (or imported) as a formula must reach Excel as the words the user typed,
    # never as a live formula that opens a link or runs when the file is opened.
    title = '=HYPERLINK("http://evil.example/x","Bấm vào đây")'
    TaskFactory(plan=plan, title=title)
    TaskFactory(plan=plan, title="+84 cán bộ được tập huấn")
    response = login(world.people.focal).get(reverse("plans:export", args=[plan.pk]))
    book = load_workbook(io.BytesIO(response.content))
    cells = {row[1].value: row[1] for row in book["Nhiệm vụ"].iter_rows(min_row=4)}
    for text in (title, "+84 cán bộ được tập huấn"):
        assert cells[text].data_type == "s"  # a string, shown exactly as typed
        assert cells[text].quotePrefix  # Excel keeps it text even when the cell is edited
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)  # no formula at all


def test_the_export_follows_the_filter_on_screen(plan, world, login):
    response = login(world.people.focal).get(
        reverse("plans:export", args=[plan.pk]), {"area": Area.INSTITUTIONS}
    )
    book = load_workbook(io.BytesIO(response.content))
    titles = [row[1].value for row in book["Nhiệm vụ"].iter_rows(min_row=4)]
    assert titles == ["CẢI CÁCH THỂ CHẾ", "Xây dựng kế hoạch theo dõi thi hành pháp luật"]


def test_the_focal_point_creates_a_plan_with_its_legal_bases(world, login):
    client = login(world.people.focal)
    response = client.post(
        reverse("plans:create"),
        {
            "unit": world.commune.pk,
            "year": 2025,
            "kind": "annual",
            "number": "12/KH-UBND",
            "issued_on": "2025-01-10",
            "issuer": "UBND xã Thạnh Tân",
            "title": "Kế hoạch cải cách hành chính năm 2025",
            "theme": "",
            "legal_bases_text": (
                "Căn cứ Kế hoạch số 40/KH-UBND ngày 09 tháng 01 năm 2025 của UBND thành phố\n"
                "Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"
            ),
        },
    )
    plan = Plan.objects.get(year=2025)
    assert response.status_code == 302
    assert plan.unit == world.commune and plan.created_by == world.people.focal
    bases = list(plan.legal_bases.values_list("number", "issued_on"))
    assert bases == [("40/KH-UBND", dt.date(2025, 1, 9)), ("76/NQ-CP", dt.date(2021, 7, 15))]
    event = AuditEvent.objects.get(action="plan.create")
    assert event.user == world.people.focal and event.unit == world.commune


def test_a_commune_user_cannot_create_a_plan_for_another_commune(world, login):
    client = login(world.people.focal)
    response = client.post(
        reverse("plans:create"),
        {"unit": world.other.pk, "year": 2025, "kind": "annual", "title": "Kế hoạch giả"},
    )
    assert response.status_code == 400  # a refused save (decisions 0142, 0175, 0177)
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Plan.objects.exists()


def test_adding_a_task_matches_its_lead_to_the_post_and_is_audited(plan, world, login):
    client = login(world.people.focal)
    response = client.post(
        reverse("plans:task_create", args=[plan.pk]),
        {
            "ref": "4",
            "area": Area.PROCEDURES,
            "title": "Rà soát TTHC",
            "leads": "CC VP-TK",
            "coordinators": "Công chức chuyên môn\nBộ phận Một cửa",
            "products": "Báo cáo rà soát; Danh mục TTHC",
            "deadline_text": "Quý I năm 2024",
            "due": "2024-03-31",
            "recurrence": "",
            "budget_million_vnd": "2,5",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    task = Task.objects.get(ref="4", plan=plan)
    assert task.products == ["Báo cáo rà soát", "Danh mục TTHC"]
    lead = task.parties.get(role="lead")
    assert lead.text == "CC VP-TK" and lead.post == world.office
    assert [p.post_id is not None for p in task.parties.filter(role="coordinator")] == [False, True]
    assert str(task.budget_million_vnd) == "2.500"
    event = AuditEvent.objects.get(action="task.create")
    assert event.after["lead"] == ["CC VP-TK"]


def test_editing_a_task_records_before_and_after(plan, world, login):
    task = plan.tasks.get(ref="1")
    client = login(world.people.focal)
    data = {
        "ref": "1",
        "area": Area.DIRECTION,
        "title": task.title,
        "leads": "Văn phòng – Thống kê",
        "coordinators": "",
        "products": "Kế hoạch",
        "deadline_text": "Tháng 04/2024",
        "due": "2024-04-30",
        "recurrence": "",
        "budget_million_vnd": "",
        "note": "",
    }
    assert client.post(reverse("plans:task_edit", args=[task.pk]), data).status_code == 302
    event = AuditEvent.objects.get(action="task.update")
    assert event.before["due"] == "2024-03-31" and event.after["due"] == "2024-04-30"
    assert ("deadline_text", "Tháng 03/2024", "Tháng 04/2024") in event.changes()


def test_deleting_a_plan_with_tasks_asks_for_the_password(plan, world, login):
    client = login(world.people.focal)
    url = reverse("plans:delete", args=[plan.pk])
    page = client.get(url).content.decode()
    assert "3 nhiệm vụ và 1 chỉ tiêu" in page
    response = client.post(url, {"password": "wrong"})
    assert "Mật khẩu không đúng" in response.content.decode()
    assert Plan.objects.filter(pk=plan.pk).exists()
    assert client.post(url, {"password": "secret-pass-1"}).status_code == 302
    assert not Plan.objects.filter(pk=plan.pk).exists()
    assert not Task.objects.exists() and not Target.objects.exists()
    assert AuditEvent.objects.get(action="plan.delete").before["tasks"] == 3


def test_a_closed_plan_keeps_its_tasks_and_targets_until_it_is_reopened(plan, world, login):
    from cchc.plans.choices import PlanStatus
    from cchc.testing.factories import TargetFactory

    target = TargetFactory(plan=plan, value=90)
    task = plan.tasks.first()
    plan.status = PlanStatus.CLOSED
    plan.save()
    client = login(world.people.focal)
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    assert reverse("plans:task_edit", args=[task.pk]) not in page
    assert reverse("plans:target_create", args=[plan.pk]) not in page
    assert reverse("plans:edit", args=[plan.pk]) in page  # reopening stays possible
    for url in (
        reverse("plans:task_create", args=[plan.pk]),
        reverse("plans:task_edit", args=[task.pk]),
        reverse("plans:task_delete", args=[task.pk]),
        reverse("plans:target_create", args=[plan.pk]),
        reverse("plans:target_edit", args=[target.pk]),
        reverse("plans:target_delete", args=[target.pk]),
        reverse("plans:target_link", args=[target.pk]),
    ):
        assert client.post(url, {"title": "x", "text": "x", "value": "1"}).status_code == 403, url
    target.refresh_from_db()
    assert target.value == 90 and plan.tasks.filter(pk=task.pk).exists()


def test_the_plans_list_stacks_into_labelled_cards_on_a_phone(plan, world, login):
    html = login(world.people.focal).get(reverse("plans:list")).content.decode()
    assert 'class="table table-hover bg-white border align-middle stack-sm"' in html
    assert f'data-label="Năm">{plan.year}</td>' in html and 'data-label="Trạng thái">' in html


def test_the_report_schedule_stacks_into_labelled_cards_on_a_phone(plan, world, login):
    from cchc.plans.models import ReportingPeriod

    ReportingPeriod.objects.create(plan=plan, kind="q1", name="Quý I", due=dt.date(2026, 3, 20))
    html = login(world.people.focal).get(plan.get_absolute_url()).content.decode()
    assert '<table class="table table-sm bg-white border stack-sm" id="report-schedule">' in html
    assert '<td data-label="Hạn nộp">20/03/2026</td>' in html
