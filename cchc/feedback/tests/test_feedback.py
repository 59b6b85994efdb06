"""Citizens' feedback: import (command, web, API), entry, deadlines, register, rates, access."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cchc.audit.models import AuditEvent
from cchc.dossiers import tokens
from cchc.feedback import rates
from cchc.feedback.models import Feedback
from cchc.org.choices import Role
from cchc.testing.factories import UnitFactory, UserFactory, member, merge

HEADER = "MaPAKN,MaDonVi,NgayTiepNhan,NgayTraLoi,NgayCongKhai,LinhVuc,KhongHaiLong,LapLai\n"


def csv_file(tmp_path, body: str, name="pakn.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def run(path, *options: str) -> tuple[dict, int]:
    out = __import__("io").StringIO()
    try:
        call_command("import_feedback", str(path), "--format", "json", *options, stdout=out)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return json.loads(out.getvalue()), code


def test_a_file_is_imported_with_due_dates_in_working_days(world, tmp_path):
    # Monday 3 June 2024: 15 working days later is Monday 24 June; publication 2 after 20 June
    path = csv_file(tmp_path, "PA-1,xa-a,03/06/2024,2024-06-20,2024-06-21,Đất đai,0,0\n")
    result, code = run(path)
    assert code == 0 and result["created"] == 1 and result["errors"] == []
    item = Feedback.objects.get(code="PA-1")
    assert item.unit == world.commune
    assert item.answer_due == dt.date(2024, 6, 24)
    assert item.publish_due == dt.date(2024, 6, 24)
    assert AuditEvent.objects.filter(action="feedback.import").count() == 1
    again, _code = run(path)
    assert again["unchanged"] == 1 and Feedback.objects.count() == 1


def test_a_one_stop_export_naming_the_unit_by_its_e_id_code_is_accepted(world, tmp_path):
    world.commune.eid_code = "000.31.35.H55"
    world.commune.save(update_fields=["eid_code"])
    result, code = run(csv_file(tmp_path, "PA-9,000.31.35.H55,03/06/2024,,,,0,0\n"))
    assert code == 0 and result["errors"] == []
    assert Feedback.objects.get(code="PA-9").unit == world.commune


def test_the_deadline_skips_the_national_holidays(world, tmp_path):
    # received Friday 26 April 2024; 30/4 and 1/5 are holidays. Counted by hand: 29/4 (1),
    # 2-3/5 (3), 6-10/5 (8), 13-17/5 (13), 20/5 (14), 21/5 (15) — not the 15th day of the
    # calendar week count (17/5) nor 26/4 + 21 days.
    run(csv_file(tmp_path, "PA-2,xa-a,2024-04-26,,,,,\n"))
    assert Feedback.objects.get().answer_due == dt.date(2024, 5, 21)


def test_an_answer_before_the_reception_and_an_unknown_unit_save_nothing(world, tmp_path):
    body = (
        "PA-1,xa-a,2024-06-03,,,,0,0\n"
        "PA-2,xa-a,2024-06-10,2024-06-05,,,0,0\n"
        "PA-3,khong-co,2024-06-10,,,,0,0\n"
    )
    result, code = run(csv_file(tmp_path, body))
    assert code == 1
    assert not Feedback.objects.exists()
    by_row = {(e["row"], e["column"]): e["message"] for e in result["errors"]}
    assert by_row[(3, "NgayTraLoi")] == (
        "Ngày trả lời (05/06/2024) trước ngày tiếp nhận (10/06/2024)."
    )
    assert by_row[(4, "MaDonVi")] == "Không có đơn vị nào có mã 'khong-co'."


def test_skip_invalid_saves_the_valid_rows_and_still_reports_the_others(world, tmp_path):
    """Feedback files follow "the same file rules as dossiers": `--skip-invalid` included
    (the command refused the option, exit 2)."""
    body = "PA-1,xa-a,2024-06-03,,,,0,0\nPA-2,xa-a,2024-06-10,2024-06-05,,,0,0\n"
    result, code = run(csv_file(tmp_path, body), "--skip-invalid")
    assert code == 1
    assert list(Feedback.objects.values_list("code", flat=True)) == ["PA-1"]
    assert (result["created"], [(e["row"], e["column"]) for e in result["errors"]]) == (
        1,
        [(3, "NgayTraLoi")],
    )
    assert result["warnings"] == []


def test_a_cell_written_decomposed_reads_as_its_composed_spelling(world, tmp_path):
    """A file saved on a Mac writes "có" as "c", "o" and a combining accent (NFD)."""
    body = unicodedata.normalize("NFD", "PA-1,xa-a,2024-06-03,,,Đất đai,có,không\n")
    result, code = run(csv_file(tmp_path, body))
    assert (code, result["errors"]) == (0, [])
    item = Feedback.objects.get()
    assert (item.unsatisfied, item.repeated, item.field) == (True, False, "Đất đai")


def test_a_publication_without_an_answer_is_refused(world, tmp_path):
    result, code = run(csv_file(tmp_path, "PA-1,xa-a,2024-06-03,,2024-06-05,,,\n"))
    assert code == 1 and result["errors"][0]["column"] == "NgayCongKhai"
    assert not Feedback.objects.exists()


def make(unit, code, received, answered=None, published=None, **extra):
    from cchc.feedback import deadlines

    return Feedback.objects.create(
        code=code,
        unit=unit,
        received=received,
        answered=answered,
        published=published,
        answer_due=deadlines.answer_due(received, unit),
        publish_due=deadlines.publish_due(answered, unit),
        source=Feedback.Source.ENTRY,
        **extra,
    )


def test_on_time_and_satisfaction_rates_count_as_the_index_defines(world):
    june = dt.date(2024, 6, 3)  # Monday; answer due 24/6
    make(world.commune, "A", june, dt.date(2024, 6, 10), dt.date(2024, 6, 11))  # on time
    make(world.commune, "B", june, dt.date(2024, 6, 28), dt.date(2024, 6, 28))  # answered late
    make(world.commune, "C", june, dt.date(2024, 6, 10), dt.date(2024, 6, 20))  # published late
    make(world.commune, "D", june, dt.date(2024, 6, 10), dt.date(2024, 6, 10), unsatisfied=True)
    make(world.commune, "E", june, dt.date(2024, 6, 10), dt.date(2024, 6, 10), repeated=True)
    make(world.commune, "F", dt.date(2024, 6, 25))  # not answered, not yet due on 30/6
    make(world.other, "G", june)  # another commune: not counted for xa-a
    start, end = dt.date(2024, 6, 1), dt.date(2024, 6, 30)
    assert rates.on_time(world.commune, start, end) == (4, 6)  # A, D, E, F
    assert rates.satisfaction(world.commune, start, end) == (2, 6)  # A, F
    # the district counts both communes; G is unanswered and past due on 30/6
    assert rates.on_time(world.district, start, end) == (4, 7)
    assert rates.on_time(world.commune, dt.date(2024, 7, 1), dt.date(2024, 7, 31)) is None


def test_the_register_lists_what_is_late_and_what_is_due(world, login, settings):
    today = dt.date.today()
    make(world.commune, "LATE-1", today - dt.timedelta(days=60))
    make(world.commune, "DUE-1", today, sender_name="Nguyễn Văn Gửi")
    client = login(world.people.official)
    url = reverse("feedback:register", args=["xa-a"])
    late = client.get(url + "?show=late").content.decode()
    assert "LATE-1" in late and "DUE-1" not in late
    due = client.get(url + "?show=due").content.decode()
    assert "DUE-1" in due and "LATE-1" not in due and "Nguyễn Văn Gửi" in due


def test_the_office_enters_and_corrects_feedback_with_the_same_rules(world, login):
    client = login(world.people.official)
    url = reverse("feedback:new", args=["xa-a"])
    data = {"code": "PA-9", "received": "2024-06-10", "answered": "2024-06-05"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "trước ngày tiếp nhận" in refused.content.decode()
    assert not Feedback.objects.exists()
    data["answered"] = "2024-06-12"
    assert client.post(url, data).status_code == 302
    item = Feedback.objects.get(code="PA-9")
    assert item.source == "entry" and item.answered == dt.date(2024, 6, 12)
    edit = reverse("feedback:edit", args=["xa-a", item.pk])
    client.post(edit, {**data, "published": "2024-06-13"})
    item.refresh_from_db()
    assert item.published == dt.date(2024, 6, 13) and item.publish_due == dt.date(2024, 6, 14)
    assert AuditEvent.objects.filter(action="feedback.enter").count() == 2


def test_the_web_import_saves_the_whole_file_or_nothing(world, login):
    client = login(world.people.focal)
    url = reverse("feedback:import", args=["xa-a"])
    bad = HEADER + "PA-1,xa-a,2024-06-03,,,,,\nPA-2,xa-b,2024-06-03,,,,,\n"
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", bad.encode())})
    assert response.status_code == 400
    assert "ngoài các đơn vị" in response.content.decode()
    assert not Feedback.objects.exists()
    good = HEADER + "PA-1,xa-a,2024-06-03,,,,,\n"
    response = client.post(url, {"file": SimpleUploadedFile("p.csv", good.encode())})
    assert response.status_code == 200 and Feedback.objects.count() == 1


def test_the_api_takes_a_batch_for_the_tokens_units_only(world, client):
    _token, key = tokens.issue(world.commune, "Một cửa")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    url = "/api/v1/feedback"
    item = {"MaPAKN": "API-1", "MaDonVi": "xa-a", "NgayTiepNhan": "2024-06-03"}
    response = client.post(url, {"feedback": [item]}, content_type="application/json", **auth)
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 1
    outside = {**item, "MaPAKN": "API-2", "MaDonVi": "xa-b"}
    response = client.post(url, {"feedback": [outside]}, content_type="application/json", **auth)
    assert response.status_code == 403
    wrong = {**item, "MaPAKN": "API-3", "NgayTraLoi": "2024-06-01"}
    response = client.post(url, {"feedback": [wrong]}, content_type="application/json", **auth)
    assert response.status_code == 422
    assert response.json()["errors"][0]["column"] == "NgayTraLoi"
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize("name", ["feedback:register", "feedback:new", "feedback:import"])
def test_an_outsider_gets_404(world, login, name):
    client = login(world.people.outsider)
    assert client.get(reverse(name, args=["xa-a"])).status_code == 404


def test_a_read_only_role_may_read_the_register_but_not_write(world, login):
    client = login(world.people.leader)
    assert client.get(reverse("feedback:register", args=["xa-a"])).status_code == 200
    assert client.get(reverse("feedback:new", args=["xa-a"])).status_code == 403
    assert client.post(reverse("feedback:import", args=["xa-a"])).status_code == 403


def test_a_wrong_method_gets_405(world, login):
    client = login(world.people.focal)
    assert client.post(reverse("feedback:register", args=["xa-a"])).status_code == 405
    assert client.put(reverse("feedback:new", args=["xa-a"])).status_code == 405


def test_the_register_query_count_is_bounded(world, login, django_assert_max_num_queries):
    for n in range(30):
        make(world.commune, f"N-{n}", dt.date(2024, 6, 3))
    client = login(world.people.focal)
    with django_assert_max_num_queries(15):
        client.get(reverse("feedback:register", args=["xa-a"]) + "?show=all")


def test_a_merged_commune_keeps_the_feedback_its_predecessor_received(world, login):
    merged = merge(world.commune, into=UnitFactory(code="xa-moi", parent=world.district))
    focal = member(UserFactory(username="xa-moi.focal"), merged, Role.FOCAL_POINT)
    received = dt.date.today() - dt.timedelta(days=60)
    item = make(world.commune, "CU-1", received)
    client = login(focal)
    register = client.get(reverse("feedback:register", args=["xa-moi"]) + "?show=all")
    assert "CU-1" in register.content.decode()
    # corrected from the merged commune's page, it stays the predecessor's
    edit = reverse("feedback:edit", args=["xa-moi", item.pk])
    assert client.get(edit).status_code == 200
    answered = received + dt.timedelta(days=5)
    data = {"code": "CU-1", "received": received.isoformat(), "answered": answered.isoformat()}
    assert client.post(edit, data).status_code == 302
    item.refresh_from_db()
    assert item.answered == answered and item.unit == world.commune
    # another commune sees none of it
    client = login(world.people.outsider)
    register = client.get(reverse("feedback:register", args=["xa-b"]) + "?show=all")
    assert "CU-1" not in register.content.decode()
    assert client.get(reverse("feedback:edit", args=["xa-b", item.pk])).status_code == 404


def test_the_register_stacks_into_labelled_cards_on_a_phone(world, login):
    make(world.commune, "DUE-1", dt.date.today())
    html = login(world.people.official).get(reverse("feedback:register", args=["xa-a"]))
    html = html.content.decode()
    assert 'class="table table-sm table-bordered align-middle stack-sm"' in html
    assert 'data-label="Hạn trả lời">' in html and 'data-label="Người gửi">' in html


def test_the_entry_pages_title_says_what_is_entered_or_which_feedback_is_open(world, login):
    client = login(world.people.official)
    html = client.get(reverse("feedback:new", args=["xa-a"])).content.decode()
    assert f"<title>Nhập phản ánh · {world.commune.name}" in html
    item = make(world.commune, "PA-7", dt.date.today())
    html = client.get(reverse("feedback:edit", args=["xa-a", item.pk])).content.decode()
    assert f"<title>Phản ánh PA-7 · {world.commune.name}" in html
