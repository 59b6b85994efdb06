"""Every address of the site checks scope (decision 0176). The whole URL conf is walked, admin
included; each address is filled with an object of commune A (the demo's Xã Thạnh Tân, the
catalogue in `addresses.py`) and asked, GET and POST, by someone who may not see or change it:

- an anonymous visitor: sent to a sign-in page, or 401/403/404/405 — unless the address is
  listed public, whose body then must name none of the demo's people;
- the focal point of Phường 2 (same district) and the reviewer of Thị xã Kiến Tường (another
  district, read-only; staff, who may open the admin, decision 0180), each also carrying their
  unit's API token: 403/404/405 at an address about A; a page of their own (no argument) may
  answer, without a word of A's;
- A's people without the focal point's role (a viewer, an official, the chairman): a POST
  saves nothing, but for what their role allows (`addresses.MAY`, each with why).

Nothing saved means no INSERT, UPDATE or DELETE reached the database during the request (the
session's own rows aside), a stricter check than the tables' row counts."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client

from cchc.core.tests import addresses as catalogue
from cchc.dossiers import tokens
from cchc.dossiers.models import Dossier, DossierUpload, ImportBatch, Procedure
from cchc.evidence.models import Evidence
from cchc.feedback.models import Feedback
from cchc.importer.models import PlanImport
from cchc.index766.models import Publication
from cchc.notifications.models import Notification
from cchc.org.choices import Role
from cchc.org.models import Membership, Unit, UnitSuccession, User
from cchc.parindex.models import Assessment, Score
from cchc.plans.models import AppraisalComment, Plan, Target, Task
from cchc.reports.models import Report
from cchc.surveys.models import Campaign
from cchc.testing.auth import admin_login
from cchc.testing.demo import demo_loaded
from cchc.testing.writes import row_counts, statements
from cchc.tracking.models import Assignment, Direction, Occurrence

TODAY = dt.date.today()
KIOSK = "demo-kiosk-thanh-tan"  # the demo's kiosk token (surveys/demo.py)

# the demo as of today, loaded once per test process (cchc/testing/demo.py)
pytestmark = pytest.mark.xdist_group("demo-today")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with demo_loaded(django_db_blocker, tmp_path_factory, TODAY):
        yield _world()


def _world() -> SimpleNamespace:
    """Commune A's objects, one of each kind an address names; those the demo has none of
    (a plan import, an upload, an assignment) made here."""
    unit = Unit.objects.get(code=catalogue.A)
    focal = User.objects.get(username="thanhtan")
    plan = Plan.objects.filter(unit=unit, status="issued").first()
    task = Task.objects.filter(plan=plan).first()
    viewer = User.objects.create_user("thanhtan.xem", full_name="Đỗ Thị Xem")
    Membership.objects.create(user=viewer, unit=unit, role=Role.VIEWER)
    # a reorganisation of A's (the demo's one is Kiến Tường's): a commune without data of
    # its own merged into A, whose admin page an outsider must not open
    old = Unit.objects.create(code="xa-cu", name="Xã Cũ", kind=unit.kind, parent=unit.parent)
    UnitSuccession.objects.create(
        predecessor=old, successor=unit, kind="merge", effective_on=dt.date(2025, 7, 1)
    )
    return SimpleNamespace(
        unit=unit,
        district=unit.parent,
        focal=focal,
        viewer=viewer,
        plan=plan,
        plan_type=ContentType.objects.get_for_model(Plan),
        task=task,
        target=Target.objects.filter(plan=plan).first(),
        occurrence=Occurrence.objects.filter(task__plan=plan).first(),
        assignment=Assignment.objects.create(task=task, user=focal, assigned_by=focal),
        direction=Direction.objects.filter(task__plan__unit=unit).first(),
        comment=AppraisalComment.objects.filter(appraisal__plan__unit=unit).first(),
        notification=Notification.objects.filter(user=focal).first(),
        evidence=Evidence.objects.filter(unit=unit).first(),
        plan_import=PlanImport.objects.create(unit=unit, created_by=focal, file_name="kh.docx"),
        upload=DossierUpload.objects.create(
            unit=unit,
            created_by=focal,
            kind=ImportBatch.Kind.DOSSIERS,
            file_name="hs.xlsx",
            status=DossierUpload.Status.INTERRUPTED,  # its file gone: discarded or run again
        ),
        report=Report.objects.filter(unit=unit).first(),
        assessment=(assessment := Assessment.objects.filter(unit=unit).order_by("-year")[0]),
        score=Score.objects.filter(assessment=assessment).first(),
        publication=Publication.objects.filter(unit=unit).first(),
        procedure=Procedure.objects.first(),
        dossier=Dossier.objects.filter(unit=unit).first(),
        campaign=Campaign.objects.first(),
        kiosk_token=KIOSK,
        feedback=Feedback.objects.filter(unit=unit).first(),
    )


# --- who asks --------------------------------------------------------------------------------
OUTSIDERS = {
    "phuong2": "phuong-2",  # the focal point of another commune of A's district
    "kientuong": "kien-tuong",  # the read-only reviewer of another district
}
# A's own people without the role a write needs: a viewer (made here), the demo's justice
# official (OFFICIAL: sees, reports on his own tasks, enters data) and its chairman (LEADER:
# sees, approves); what the last two may still do is listed in `addresses.MAY`
INSIDERS = ("thanhtan.xem", "thanhtan.tuphap", "thanhtan.chutich")
SIGN_IN = ("/accounts/login/", "/admin/login/")
REFUSED = {401, 403, 404, 405}
# rows a request may write whoever asks: the session, the sign-in lockout's records, an API
# token's last use (the caller's own token), the public cache's freshness counter (a refused
# import drops the batch it staged, and the public figures are read again: nothing changed)
UNSAVED_TABLES = (
    "django_session",
    "axes_",
    "accounts_lockoutattempt",
    "dossiers_unittoken",
    "public_freshness",
    "public_unitfreshness",
)


def _client(username: str | None, unit_code: str | None = None) -> Client:
    headers = {}
    if unit_code is not None:  # the unit's API token, sent with every request
        _row, key = tokens.issue(Unit.objects.get(code=unit_code), f"Thử {unit_code}")
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    client = Client(raise_request_exception=False, **headers)
    if username is not None:
        # signed in with the password just confirmed: a staff member (the demo's Phòng Nội
        # vụ) reaches the admin's role and delete pages, whose scope is then what answers
        admin_login(client, User.objects.get(username=username))
    return client


def _asked(client: Client, method: str, request) -> tuple[object, list[str]]:
    """The answer, and what it left saved: tables whose row count it changed (counted after
    it, then after it was rolled back), rows it updated in place."""
    with transaction.atomic():
        with statements(UNSAVED_TABLES) as seen:
            response = _ask(client, method, request)
        if getattr(response, "streaming", False):
            response.content = b"".join(response.streaming_content)
        grown = {table for verb, table, _rows in seen if verb != "UPDATE"}
        after = row_counts(grown)
        transaction.set_rollback(True)
    before = row_counts(grown)
    saved = [f"{t} {before[t]}→{after[t]} rows" for t in sorted(grown) if before[t] != after[t]]
    changed = {table for verb, table, rows in seen if verb == "UPDATE" and rows}
    return response, saved + [f"{table} updated" for table in sorted(changed)]


def _ask(client: Client, method: str, request: catalogue.Request):
    if method == "GET":
        return client.get(request.path, request.query)
    if request.body is not None:
        return client.post(request.path, request.body, content_type="application/json")
    return client.post(request.path, request.form)


def _text(response) -> str:
    return response.content.decode("utf-8", "replace")


def _names(text: str, words) -> list[str]:
    """The words found in a body, as written or JSON-escaped."""
    low = text.lower()
    return [w for w in words if w.lower() in low or json.dumps(w)[1:-1].lower() in low]


def _sent_to_sign_in(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(SIGN_IN)


# --- the tests -------------------------------------------------------------------------------
def test_every_address_is_in_the_catalogue(world, db):
    every = list(catalogue.addresses())
    unknown = [a for a in every if catalogue.request_for(a, world) is None]
    assert not unknown, (
        "Addresses the scope test does not know how to fill: add each to FILL in "
        "cchc/core/tests/addresses.py (and to PUBLIC, with why, if anyone may open it): "
        + ", ".join(f"{a.name} ({a.route}, {a.module})" for a in unknown)
    )
    names = {a.name for a in every}
    assert not set(catalogue.PUBLIC) - names, "PUBLIC names an address the site no longer has"
    assert not set(catalogue.FILL) - names, "FILL names an address the site no longer has"


# A's own words: its people, its plans' titles, its dossiers' and feedback's codes, its pages'
# addresses. (Not its name: the demo's other communes copied their plans from A's, tasks naming
# "Xã Thạnh Tân" included.) An outsider's page holding one shows A's data.
def _a_words(w) -> list[str]:
    people = ["Nguyễn Thị Lan", "Trần Văn Minh", "Lê Văn Hùng", w.viewer.full_name]
    plans = list(Plan.objects.filter(unit=w.unit).values_list("title", flat=True))
    feedback = list(Feedback.objects.filter(unit=w.unit).values_list("code", flat=True))
    return [*people, *plans, *feedback, "THANH-TAN-", f"/units/{w.unit.code}/"]


def _people() -> dict[str, Client]:
    people = {"anonymous": _client(None)}
    people.update({name: _client(name, code) for name, code in OUTSIDERS.items()})
    people.update({name: _client(name) for name in INSIDERS})
    return people


def _judge(address, request, who: str, response, written: list[str], words) -> str | None:
    """What is wrong with one answer, or None."""
    status = response.status_code
    if status >= 500:
        return f"answered {status}"
    own = catalogue.OWN.get(address.name, ())
    own += catalogue.MAY.get(who, {}).get(address.name, ())
    written = [w for w in written if w.split()[0] not in own]
    if written:
        return f"saved ({', '.join(written)})"
    public = address.name in catalogue.PUBLIC
    about_a = bool(request.kwargs) and address.name not in catalogue.NOT_ABOUT_A
    about_a = about_a or request.about_a
    refused = status in REFUSED or _sent_to_sign_in(response)
    if who == "anonymous" and not public and not refused:
        return f"answered {status} without sign-in"
    answered = public or address.name in catalogue.OWN or address.name in catalogue.VIEWER_ANSWERED
    if who == "thanhtan.xem" and not answered and not refused:
        return f"answered {status}: a viewer's POST is refused before its form is read"
    if who in OUTSIDERS and not public:
        if about_a and not refused:
            return f"answered {status} about commune A"
        named = _names(_text(response), words)
        if named:
            return f"answered {status} naming {', '.join(named)}"
    return None


def test_no_one_outside_commune_a_sees_or_changes_it_at_any_address(world, db, settings):
    settings.REAUTH_SECONDS = 24 * 3600  # the confirmation lasts the whole walk
    assert User.objects.get(username="kientuong").is_staff  # the admin is asked by scope
    people = _people()
    words = _a_words(world)
    cookies = {who: client.cookies for who, client in people.items()}
    found = []
    for address in catalogue.addresses():
        request = catalogue.request_for(address, world)
        assert request is not None, address  # the test above says which
        for who, client in people.items():
            for method in ("POST",) if who in INSIDERS else ("GET", "POST"):
                client.cookies = copy.deepcopy(cookies[who])  # a sign-out undone
                response, written = _asked(client, method, request)
                wrong = _judge(address, request, who, response, written, words)
                if wrong:
                    found.append(f"{method} {request.path} ({address.name}) as {who}: {wrong}")
    assert not found, f"{len(found)} answers break scope:\n" + "\n".join(found)


def _personal_data() -> list[str]:
    """The demo's people as a public page could give them away: users' names and e-mail
    addresses, citizens' names, phone numbers and addresses from their feedback. (The demo
    holds no citizen identity number; any run of 9 or 12 digits is looked for instead.)"""
    # the administrator's account is named as the admin's header is ("Quản trị hệ thống")
    users = User.objects.exclude(full_name="").exclude(is_superuser=True)
    users = users.values_list("full_name", "email")
    senders = Feedback.objects.values_list("sender_name", "sender_phone", "sender_address")
    words = {w for row in [*users, *senders] for w in row if w}
    return sorted(words)


PERSONAL = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.-]+"  # an e-mail address
    r"|(?<![\w.-])0\d{2,3}[ .]?\d{3}[ .]?\d{3,4}(?![\w.-])"  # a phone number
    r"|(?<![\w.-])(?:\d{9}|\d{12})(?![\w.-])"  # an identity card's or citizen's number
)


def test_public_addresses_name_none_of_the_demos_people(world, db):
    people = _personal_data()
    assert "0900 000 101" in people  # the demo's feedback, checked below
    visitor = _client(None)
    found = []
    for address in catalogue.addresses():
        if address.name not in catalogue.PUBLIC:
            continue
        request = catalogue.request_for(address, world)
        response, _saved = _asked(visitor, "GET", request)
        text = _text(response)
        named = _names(text, people) + PERSONAL.findall(text)
        if named:
            found.append(f"{request.path} ({address.name}): {', '.join(named)}")
    assert not found, "Public pages giving away people:\n" + "\n".join(found)


def test_an_address_the_catalogue_does_not_know_is_not_filled(world, db):
    """What makes the first test fail for a page added tomorrow."""
    new = catalogue.Address("plans:tomorrow", "plans/<int:pk>/tomorrow/", "cchc.plans.views")
    assert catalogue.request_for(new, world) is None
    generated = catalogue.Address(
        "admin:plans_plan_change", "admin/plans/plan/<path:object_id>/change/", ""
    )
    assert catalogue.request_for(generated, world) is not None
