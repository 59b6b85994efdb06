"""Every form of the demo answers bad input in words (decision 0175). The forms are not listed
by hand: each person of the demo follows the links from their home (crawl_forms.py) and every
form posting to the site is posted again with what an outside check types — nothing, spaces,
100 000 characters, impossible dates, numbers written the wrong way, a script, ids that are not
ids — in every box at once. Whatever the form, no answer is a server error, a page shown again
saved nothing (rows counted before and after, the audit log included) and says why beside a
field, and a text box never takes 100 000 characters. A form met for the first time is not in
`KNOWN` and fails the test until someone has looked at what it does with bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from cchc.audit.models import AuditEvent
from cchc.core.tests.bad_files import LIMIT_MB, bad_files
from cchc.core.tests.crawl_forms import Form, crawl, forms_at
from cchc.surveys.models import KioskDevice
from cchc.testing import writes
from cchc.testing.demo import demo_fixtures

TODAY = dt.date(2025, 6, 11)
pytestmark = pytest.mark.xdist_group("demo-2025-06-11")
_demo_once, demo = demo_fixtures(TODAY)

# who meets the forms: the focal point follows every link from his home (the crawl, which finds
# a form no one listed); the others open only the pages where they meet a form he does not —
# their own crawls from home met nothing else and took two thirds of the crawl's time (0179)
CRAWLED = "thanhtan"
A = "thanh-tan"


def _pages(demo) -> dict[str | None, list[str]]:
    """Each other person's pages (None: a visitor, for the public forms)."""
    from cchc.feedback.models import Feedback
    from cchc.parindex.models import Assessment
    from cchc.plans.models import Plan
    from cchc.surveys.models import Campaign
    from cchc.tracking.models import Direction

    year = Assessment.objects.filter(unit__code=A).order_by("-year")[0].year
    campaign = Campaign.objects.filter(unit__code=A).first() or Campaign.objects.first()
    feedback = Feedback.objects.filter(unit__code=A).first()
    closed = Plan.objects.filter(unit__code="long-an-xa", status="closed").first()
    task = Direction.objects.filter(task__plan__unit__code=A).first().task
    return {
        None: [  # a visitor: signing in, a forgotten password
            reverse("login"),
            reverse("basics:password_reset"),
        ],
        "thanhtan.tuphap": [reverse("feedback:edit", kwargs={"code": A, "pk": feedback.pk})],
        "thanhtan.chutich": [
            reverse("parindex:assessment", args=[A, year]),
            reverse("tracking:task", args=[task.pk]),
        ],
        "noivu.tayninh": [
            reverse("parindex:assessment", args=[A, year]),
            reverse("surveys:campaign", args=[campaign.pk]),
            reverse("surveys:campaign_edit", args=[campaign.pk]),
        ],
        "longan": [
            reverse("parindex:assessment", args=["long-an-xa", year]),
            closed.get_absolute_url(),
        ],
    }


BAD = {
    "empty": "",
    "spaces": "   ",
    "long": "x" * 100_000,
    "feb31": "31/02/2026",
    "month13": "2026-13-01",
    "words": "hôm qua",
    "comma": "1.234,5",
    "minus": "-1",
    "huge": "1e9",
    "nan": "NaN",
    "infinity": "∞",
    "script": "<script>alert(1)</script>",
    "no-such-id": "999999999",
    "not-an-id": "abc",
}
IDS = ("", "-1", "999999999", "abc")  # also chosen in every list of the form
TYPED = ("text", "textarea", "number", "password")  # the boxes every value is typed in

# What each form does with bad input, looked at once (decision 0175 lists them):
# REFUSED — every value above is refused: the page again, 400, the reason beside the field;
# TEXT — free text: 100 000 characters are refused, and nothing or spaces in a box the page
#   marks required; other words are words;
# BUTTON — nothing typed: the step is done or refused whatever else is posted.
# CHOICE — a list or buttons to choose from: an id that is not one of them is refused;
REFUSED, TEXT, BUTTON, CHOICE = "refused", "text", "button", "choice"
KNOWN = {
    "login": REFUSED,
    "basics:password_reset": REFUSED,
    "accounts:two_step_setup": REFUSED,
    "password_change": REFUSED,
    "dossiers:import": REFUSED,
    "feedback:new": REFUSED,
    "feedback:edit": REFUSED,
    "feedback:import": REFUSED,
    "figures:unit": REFUSED,
    "figures:target": CHOICE,
    "importer:upload": REFUSED,
    "index766:publish": REFUSED,
    "parindex:reopen": REFUSED,
    "plans:create": REFUSED,
    "plans:edit": REFUSED,
    "plans:delete": REFUSED,
    "plans:task_create": REFUSED,
    "plans:task_edit": REFUSED,
    "plans:target_create": REFUSED,
    "plans:target_edit": REFUSED,
    "plans:target_figure": REFUSED,
    "surveys:campaign_new": REFUSED,
    "surveys:campaign_edit": REFUSED,
    "surveys:devices": TEXT,
    "tracking:assign": REFUSED,
    "tracking:report": REFUSED,
    "tracking:set_due": REFUSED,
    "tracking:reminder_settings": REFUSED,
    "plans:amend": TEXT,
    "plans:close": TEXT,
    "plans:reopen": TEXT,
    "plans:task_cancel": TEXT,
    "tracking:give_direction": TEXT,
    "tracking:answer_direction": TEXT,
    "surveys:campaign": TEXT,  # sample targets: a number, or none (an empty box)
    "plans:answer": TEXT,  # the answer beside an appraisal's comment (decision 0179)
    "plans:target_link": CHOICE,
    "plans:submit": BUTTON,
    "plans:task_delete": BUTTON,
    "plans:target_delete": BUTTON,
    "tracking:plan_rule": BUTTON,
    "notifications:read": BUTTON,
    "notifications:read_all": BUTTON,
    "parindex:open": BUTTON,
    "parindex:self": BUTTON,
    "parindex:evidence": BUTTON,
    "parindex:submit": BUTTON,
    "parindex:add_task": BUTTON,
    "reports:period": BUTTON,
    "surveys:close": BUTTON,
}
NOT_POSTED = {"logout"}
# written by any request, whatever it posts: the session, the sign-in lockout's records
UNSAVED = (
    "django_session",
    "axes_",
    "accounts_lockoutattempt",
)  # posting it ends the crawl's session
# how a page marks a reason: under a field (Bootstrap's or the campaign form's), or at the top
REASON_SHOWN = ("invalid-feedback", "alert-danger", 'role="alert"', "errorlist")
# written by a refused post by design: a wrong code counts against the asker's own new
# authenticator (django-otp's throttle, against guessing), an UPDATE of its row; a failed
# sign-in is recorded (the audit log, for whoever watches for guessing)
REFUSAL_WRITES = {
    "accounts:two_step_setup": {"otp_totp_totpdevice"},
    "login": {"audit_auditevent"},
}
# made, it is shown on the page rather than after a redirect: a kiosk's address, shown once
SHOWN_ONCE_MADE = {"surveys:devices"}


def _payload(form: Form, value: str) -> dict:
    data = form.defaults()
    data["csrfmiddlewaretoken"] = "x"  # as a browser sends it (the test client checks none)
    for f in form.fields:
        if f.kind in TYPED or (f.kind in ("select", "radio") and value in IDS):
            data[f.name] = value
    return data


def _post(client, form: Form, data: dict):
    """The answer and the tables it wrote to (rows added or removed, or updated in place),
    rolled back after: only the tables written are counted (cchc/testing/writes.py)."""
    with transaction.atomic():
        with writes.statements(UNSAVED) as seen:
            response = client.post(form.action, data)
        grown = {table for verb, table, _rows in seen if verb != "UPDATE"}
        after = writes.row_counts(grown)
        transaction.set_rollback(True)
    before = writes.row_counts(grown)
    updated = {table for verb, table, rows in seen if verb == "UPDATE" and rows}
    return response, sorted(updated | {t for t in grown if before[t] != after[t]})


def _typed(form: Form, kinds=TYPED) -> bool:
    return any(f.kind in kinds for f in form.fields)


def _required(form: Form) -> bool:
    return any(f.kind in TYPED and f.required for f in form.fields)


def _refused_here(form: Form, kind: str) -> bool:
    """Whether the form's kind (`KNOWN`) refuses this bad value."""
    expected = KNOWN[form.url_name]
    if expected == REFUSED:
        return True
    if expected == CHOICE:
        return BAD[kind] in IDS[1:]
    if expected == TEXT:
        blank = kind in ("empty", "spaces")
        return (kind == "long" and _typed(form)) or (blank and _required(form))
    return False


def _faults(form: Form, kind: str, response, changed: list[str]) -> list[str]:
    status = response.status_code
    said = f"{form.url_name} ({form.user}, {kind})"
    if status >= 500:
        return [f"{said}: {status}"]
    faults = []
    changed = [t for t in changed if t not in REFUSAL_WRITES.get(form.url_name, ())]
    page = response.content.decode(errors="replace") if status not in (301, 302, 303) else ""
    if page and changed and not (form.url_name in SHOWN_ONCE_MADE and status == 200):
        faults.append(f"{said}: the page shown again ({status}) saved {changed}")
    if status == 400 and not any(mark in page for mark in REASON_SHOWN):
        faults.append(f"{said}: refused without a reason shown")
    if _refused_here(form, kind) and status != 400:
        faults.append(f"{said}: {status}, not refused (400), saved {changed}")
    kept = status != 400 or kind not in ("words", "script") or not _typed(form, TYPED[:3])
    if not (kept or escape(BAD[kind]) in page):
        faults.append(f"{said}: what was typed is not in the page again")
    return faults


def _met(demo) -> list[Form]:
    """Every form met, each with the client of the person who met it first."""
    found = []
    client = Client(raise_request_exception=False)
    client.force_login(demo.users[CRAWLED])
    found += [(client, form) for form in crawl(client, CRAWLED)]
    for username, pages in _pages(demo).items():
        client = Client(raise_request_exception=False)
        if username is not None:
            client.force_login(demo.users[username])
        found += [(client, form) for form in forms_at(client, username or "visitor", pages)]
    return found


def _checked(client, form: Form) -> list[str]:
    """The faults of one form posted with every bad value. A value the form's boxes do not
    take (a word, where the form has only lists) sends what another value sent: posted once,
    its answer judged for each."""
    faults, answers = [], {}
    for kind, value in BAD.items():
        data = _payload(form, value)
        key = repr(sorted(data.items()))
        if key not in answers:
            answers[key] = _post(client, form, data)
        faults.extend(_faults(form, kind, *answers[key]))
    return faults


# the forms whose only box to fill is the file: a refusal there is about the file, and names it
FILE_ONLY = {"importer:upload", "dossiers:import", "feedback:import"}
UNUSABLE = ("0 bytes", "cut in half", "over the limit")  # never kept, whatever the form
# refused in words that do not name the file (decision 0179 leaves them: one file per form,
# chosen a moment before; the reason says what is wrong with it)
UNNAMED = {
    ("dossiers:import", "0 bytes"),  # Django's "the file sent is empty", before the form's check
    ("dossiers:import", "over the limit"),  # the limit and the server command, not the name
    *(
        (name, kind)
        for name in ("importer:upload", "feedback:import")
        for kind in ("0 bytes", "a picture renamed", "cut in half", "over the limit")
    ),
    ("importer:upload", "a name far too long"),
    ("feedback:import", "a name far too long"),
}


def _file_fault(form: Form, box, kind: str, upload, response, changed) -> str | None:
    status, page = response.status_code, response.content.decode(errors="replace")
    # a box naming no type takes what evidence takes: PDF, Word, Excel, JPG, PNG (evidence/files)
    pictures = not box.options or any(ext in box.options for ext in (".png", ".jpg", "image/*"))
    if status >= 500:
        return f"{status}"
    if changed and (status in (200, 400) or kind in UNUSABLE):
        return f"{status}, saved {changed}"
    if changed and kind == "a picture renamed" and not pictures:
        return f"{status}, a picture kept in a box for {box.options}: saved {changed}"
    if status == 400 and not any(mark in page for mark in REASON_SHOWN):
        return "refused without a reason shown"
    if form.url_name in FILE_ONLY and kind != "../ in its name":
        if status != 400:
            return f"{status}, not refused (400)"
        named = upload.name.rsplit("/", 1)[-1][:40] in page
        if not named and (form.url_name, kind) not in UNNAMED:
            return "the reason does not name the file"
    return None


def _file_faults(client, form: Form) -> list[str]:
    """Each bad file (bad_files.py) in each of the form's file boxes, the rest as drawn."""
    faults = []
    for box in (f for f in form.fields if f.kind == "file"):
        for kind, upload in bad_files(box.options).items():
            response, changed = _post(client, form, {**form.defaults(), box.name: upload})
            changed = [t for t in changed if t not in REFUSAL_WRITES.get(form.url_name, ())]
            fault = _file_fault(form, box, kind, upload, response, changed)
            if fault:
                faults.append(f"{form.url_name} ({form.user}, {box.name}: {kind}): {fault}")
    return faults


def test_every_form_of_the_demo_answers_bad_input_in_words(demo, settings):
    settings.MAX_UPLOAD_MB = settings.MAX_IMPORT_MB = LIMIT_MB
    faults, met = [], set()
    for client, form in _met(demo):
        if form.url_name in NOT_POSTED or form.url_name in met:
            continue
        met.add(form.url_name)
        if form.url_name not in KNOWN:
            faults.append(f"{form.url_name}: a form not yet checked (add it to KNOWN)")
            continue
        faults.extend(_checked(client, form))
        faults.extend(_file_faults(client, form))
    assert not faults, "\n".join(faults)
    # the crawl still reaches the forms checked: a form no longer met is noticed too
    assert set(KNOWN) - met == set()


def test_a_form_sent_without_its_token_is_refused_in_vietnamese_and_saves_nothing(world):
    client = Client(enforce_csrf_checks=True)  # as a browser whose page outlived its cookie
    client.force_login(world.people.focal)
    events, devices = AuditEvent.objects.count(), KioskDevice.objects.count()
    url = reverse("surveys:devices", args=[world.commune.code])
    response = client.post(url, {"name": "Quầy 1"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Biểu mẫu chưa được gửi" in page and "tải lại trang (F5)" in page
    assert "CSRF verification failed" not in page and "Forbidden" not in page
    assert KioskDevice.objects.count() == devices and AuditEvent.objects.count() == events
