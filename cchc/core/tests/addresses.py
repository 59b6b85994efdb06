"""The catalogue `test_every_address` walks: how each address of the site is filled with an
object of commune A (Xã Thạnh Tân in the demo), and which addresses are public and why.

A new address that is in neither `FILL` nor the admin's generated pages makes the test fail
with the message to add it here: no page skips the scope check (decision 0176)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

A = "thanh-tan"


@dataclass(frozen=True)
class Address:
    """One URL pattern: its name (namespaced; unnamed ones are named by their route), its
    route and its view's module (for the messages)."""

    name: str
    route: str
    module: str


@dataclass
class Request:
    """What the test asks at an address: its path, a query for GET, a body for POST (empty
    unless the address only means something with one, the API's pushes)."""

    path: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    about_a: bool = False  # its query or body names A (an address without arguments)
    form: dict[str, str] = field(default_factory=dict)  # a POST's fields, when not empty


def addresses() -> Iterator[Address]:
    """Every pattern of the root URL conf, recursively, admin included."""

    def walk(patterns, prefix: str, namespace: str) -> Iterator[Address]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = pattern.name or route
                full = f"{namespace}:{name}" if namespace else name
                yield Address(full, route, getattr(pattern.callback, "__module__", ""))

    seen: set[str] = set()
    for address in walk(get_resolver().url_patterns, "", ""):
        if address.name not in seen:  # the API lists a path once per method
            seen.add(address.name)
            yield address


def _year(w) -> int:
    return w.assessment.year


# Each address's arguments, from commune A's objects (`w`, built by the test's world).
Fill = Callable[[SimpleNamespace], dict[str, Any]]
NONE: Fill = lambda w: {}  # noqa: E731
CODE: Fill = lambda w: {"code": A}  # noqa: E731
PLAN: Fill = lambda w: {"pk": w.plan.pk}  # noqa: E731
TASK: Fill = lambda w: {"pk": w.task.pk}  # noqa: E731
TARGET: Fill = lambda w: {"pk": w.target.pk}  # noqa: E731
PAR: Fill = lambda w: {"code": A, "year": _year(w)}  # noqa: E731
PAR_SCORE: Fill = lambda w: {"code": A, "year": _year(w), "score_id": w.score.pk}  # noqa: E731
UPLOAD: Fill = lambda w: {"pk": w.upload.pk}  # noqa: E731
REPORT: Fill = lambda w: {"pk": w.report.pk}  # noqa: E731
CAMPAIGN: Fill = lambda w: {"pk": w.campaign.pk}  # noqa: E731
PLAN_IMPORT: Fill = lambda w: {"pk": w.plan_import.pk}  # noqa: E731

FILL: dict[str, Fill] = {
    "home": NONE,
    "healthz": NONE,
    "login": NONE,
    "logout": NONE,
    "password_change": NONE,
    "password_change_done": NONE,
    "evidence:download": lambda w: {"pk": w.evidence.pk},
    "basics:search": NONE,
    "basics:guide_index": NONE,
    "basics:guide": lambda w: {"slug": "bao-cao"},
    "basics:people": CODE,
    "basics:reset_password": lambda w: {"pk": w.focal.pk},
    "basics:password_reset": NONE,
    "basics:password_reset_done": NONE,
    "basics:password_reset_confirm": lambda w: {
        "uidb64": urlsafe_base64_encode(force_bytes(w.focal.pk)),
        "token": default_token_generator.make_token(w.focal),
    },
    "basics:password_reset_complete": NONE,
    "accounts:confirm_password": NONE,
    "accounts:two_step_verify": NONE,
    "accounts:two_step_setup": NONE,
    "importer:upload": NONE,
    "importer:review": PLAN_IMPORT,
    "importer:cancel": PLAN_IMPORT,
    "plans:list": NONE,
    "plans:create": NONE,
    "plans:detail": PLAN,
    "plans:edit": PLAN,
    "plans:delete": PLAN,
    "plans:submit": PLAN,
    "plans:return": PLAN,
    "plans:issue": PLAN,
    "plans:close": PLAN,
    "plans:reopen": PLAN,
    "plans:amend": PLAN,
    "plans:amendment_discard": PLAN,
    "plans:amendment_issue": PLAN,
    "plans:appraise": PLAN,
    "plans:answer": lambda w: {"pk": w.comment.pk},
    "plans:export": PLAN,
    "plans:adopt": lambda w: {"pk": w.plan.pk, "task_pk": w.task.pk},
    "plans:task_create": lambda w: {"plan_pk": w.plan.pk},
    "plans:task_edit": TASK,
    "plans:task_delete": TASK,
    "plans:task_cancel": TASK,
    "plans:task_restore": TASK,
    "plans:target_create": lambda w: {"plan_pk": w.plan.pk},
    "plans:target_edit": TARGET,
    "plans:target_delete": TARGET,
    "plans:target": TARGET,
    "plans:target_link": TARGET,
    "plans:target_figure": TARGET,
    "tracking:mine": NONE,
    "tracking:task": TASK,
    "tracking:report": lambda w: {"pk": w.occurrence.pk},
    "tracking:set_due": TASK,
    "tracking:assign": TASK,
    "tracking:unassign": lambda w: {"pk": w.assignment.pk},
    "tracking:give_direction": TASK,
    "tracking:answer_direction": lambda w: {"pk": w.direction.pk},
    "tracking:plan_rule": PLAN,
    "tracking:nudge": CODE,
    "tracking:dashboard": CODE,
    "tracking:compare": CODE,
    "tracking:compare_excel": CODE,
    "tracking:undated": CODE,
    "tracking:reminder_settings": CODE,
    "notifications:list": NONE,
    "notifications:read": lambda w: {"pk": w.notification.pk},
    "notifications:read_all": NONE,
    "dossiers:import": CODE,
    "dossiers:upload": UPLOAD,
    "dossiers:discard": UPLOAD,
    "dossiers:progress": UPLOAD,
    "dossiers:rerun": UPLOAD,
    "dossiers:errors": UPLOAD,
    "dossiers:publication": NONE,
    "dossiers:publication_edit": lambda w: {"code": w.procedure.code},
    "indicators:unit": CODE,
    "indicators:export": CODE,
    "index766:unit": CODE,
    "index766:publish": CODE,
    "index766:published": lambda w: {"code": A, "month": f"{w.publication.month:%Y-%m}"},
    "reports:detail": REPORT,
    "reports:edit": REPORT,
    "reports:window": REPORT,
    "reports:submit": REPORT,
    "reports:accept": REPORT,
    "reports:return": REPORT,
    "reports:tables": REPORT,
    "reports:docx": REPORT,
    "reports:unit": CODE,
    "reports:period": lambda w: {"code": A, "key": w.report.period_key},
    "reports:compiled": lambda w: {"code": A, "key": w.report.period_key},
    "parindex:ranking": lambda w: {"code": w.district.code, "year": _year(w)},
    "parindex:criteria": lambda w: {"code": A, "year": _year(w)},
    "parindex:assessment": PAR,
    "parindex:open": PAR,
    "parindex:self": PAR,
    "parindex:evidence": PAR_SCORE,
    "parindex:submit": PAR,
    "parindex:reopen": PAR,
    "parindex:appraise": PAR,
    "parindex:explanation_round": PAR,
    "parindex:explain": PAR_SCORE,
    "parindex:finalise": PAR,
    "parindex:export": PAR,
    "parindex:document": PAR,
    "parindex:win_back": PAR,
    "parindex:add_task": PAR_SCORE,
    "surveys:thanks": NONE,
    "surveys:kiosk": lambda w: {"token": w.kiosk_token},
    "surveys:kiosk_thanks": lambda w: {"token": w.kiosk_token},
    "surveys:answer": lambda w: {"campaign": w.campaign.pk, "unit": A},
    "surveys:results": CODE,
    "surveys:results_excel": CODE,
    "surveys:devices": CODE,
    "surveys:poster": lambda w: {"code": w.campaign.unit.code, "campaign": w.campaign.pk},
    "surveys:campaign_new": CODE,
    "surveys:campaign": CAMPAIGN,
    "surveys:campaign_edit": CAMPAIGN,
    "surveys:close": CAMPAIGN,
    "figures:unit": CODE,
    "figures:table": CODE,
    "figures:target": TARGET,
    "feedback:register": CODE,
    "feedback:new": CODE,
    "feedback:edit": lambda w: {"code": A, "pk": w.feedback.pk},
    "feedback:import": CODE,
    "public:unit": CODE,
    "public:lookup": CODE,
    "public:json": CODE,
    "public:csv": CODE,
    "api:openapi-json": NONE,
    "api:openapi-view": NONE,
    "api:push_dossiers": NONE,
    "api:indicators": NONE,
    "api:push_feedback": NONE,
    "api:api-root": NONE,
    "admin:index": NONE,
    "admin:login": NONE,
    "admin:logout": NONE,
    "admin:password_change": NONE,
    "admin:password_change_done": NONE,
    "admin:autocomplete": NONE,
    "admin:jsi18n": NONE,
    "admin:view_on_site": lambda w: {"content_type_id": w.plan_type.pk, "object_id": w.plan.pk},
    "admin:auth_user_password_change": lambda w: {"id": w.focal.pk},
    "admin:app_list": lambda w: {"app_label": "plans"},
    "admin:admin/(?P<url>.*)$": lambda w: {"url": "plans/plan/"},
}

# What the test asks besides the path: a query a page needs to show A's data, a body a push
# needs to name A's unit.
QUERY: dict[str, Callable[[SimpleNamespace], dict[str, str]]] = {
    "api:indicators": lambda w: {"unit": A, "from": "2025-01-01", "to": "2025-12-31"},
    "basics:search": lambda w: {"q": "cải cách hành chính năm 2026"},
    "public:lookup": lambda w: {"ma": w.dossier.code},
}
BODY: dict[str, Callable[[SimpleNamespace], dict[str, Any]]] = {
    "api:push_dossiers": lambda w: {
        "dossiers": [
            {
                "MaHoSo": "HS-NGOAI",
                "MaTTHC": w.procedure.code,
                "MaDonVi": A,
                "NgayTiepNhan": "2025-03-04 08:30:00",
                "NgayHenTra": "2025-03-08 17:00:00",
                "TrangThaiHoSo": 1,
                "KenhThucHien": 2,
            }
        ]
    },
    "api:push_feedback": lambda w: {
        "feedback": [{"MaPAKN": "PA-NGOAI", "MaDonVi": A, "NgayTiepNhan": "2025-06-03"}]
    },
}

# The steps that ask for a text before they ask who acts (the plan's life: a reason, a note,
# an answer): an empty POST is refused for the missing text, so the text is given and the
# role is what is checked
REASON = {"text": "Lý do do phép thử phạm vi ghi"}
FORM: dict[str, dict[str, str]] = {
    name: REASON
    for name in (
        "plans:return",
        "plans:close",
        "plans:reopen",
        "plans:amend",
        "plans:amendment_discard",
        "plans:answer",
    )
}

# Addresses whose POST changes only the asker's own rows, and those rows' tables
OWN: dict[str, tuple[str, ...]] = {
    "logout": ("audit_auditevent",),  # signing out is recorded, for the asker
    "admin:logout": ("audit_auditevent",),  # the same, for a staff member (decision 0180)
    "notifications:read_all": ("notifications_notification",),  # the asker's notifications
    "accounts:two_step_setup": ("otp_totp_totpdevice",),  # the asker's own authenticator
}

# What A's people without the focal point's role may still change with an empty POST, by
# design (decision 0176 leaves it so), and where
MAY: dict[str, dict[str, tuple[str, ...]]] = {
    # the justice official: ENTER_DATA, which every official holds
    "thanhtan.tuphap": {
        # an interrupted import of A's dossiers, discarded or run again by whoever enters data
        "dossiers:discard": ("audit_auditevent", "dossiers_dossierupload"),
        "dossiers:rerun": (
            "audit_auditevent",
            "dossiers_dossierupload",
            "django_tasks_database_dbtaskresult",  # the import queued for the worker
        ),
        # a kiosk device issued for A's survey (surveys.views.devices asks ENTER_DATA)
        "surveys:devices": ("audit_auditevent", "surveys_kioskdevice"),
    },
    # the chairman: APPROVE; he sends the report up, its Word file frozen as evidence; he
    # closes the plan and answers its appraisal (plans: the leader or the focal point)
    "thanhtan.chutich": {
        "reports:submit": ("audit_auditevent", "evidence_evidence", "reports_report"),
        "plans:close": ("audit_auditevent", "plans_plan"),
        "plans:answer": ("audit_auditevent", "plans_appraisalcomment"),
    },
}

# Where a viewer of A (who may change nothing there) is not refused outright (401/403/404/
# 405) by a POST, and why. Anywhere else a form checked before the role would hide the
# role's check from an empty POST, so the test asks for the refusal itself.
VIEWER_ANSWERED: dict[str, str] = {
    "home": "a POST to the home page sends the viewer to their landing page, as a GET does",
    "password_change": "the viewer's own password (the empty form shown again)",
    "accounts:confirm_password": "the viewer's own password asked again",
    "accounts:two_step_verify": "the viewer's own sign-in step",
    "accounts:two_step_setup": "the viewer's own authenticator",
    "reports:period": "A's report of that period exists: the viewer is sent to it, as by a GET",
    **{
        name: "refused by a message on the plan's page (the rules decide), nothing saved"
        for name in FORM
    },
}

# Addresses whose argument is not an object of A: an app of the admin, a page of the admin
# reached through its catch-all address (`/admin/plans/plan/`, the plans' list)
NOT_ABOUT_A = {"admin:app_list", "admin:admin/(?P<url>.*)$"}

# Addresses without arguments whose query or body names commune A
ABOUT_A = {"api:indicators", "api:push_dossiers", "api:push_feedback", "public:lookup"}

# Addresses anyone may open without signing in, and why. Their bodies are checked for the
# demo's people (names, phone numbers, e-mail addresses, identity numbers).
PUBLIC: dict[str, str] = {
    "healthz": "the load balancer's health check: says only that the site answers",
    "login": "signing in",
    "logout": "signing out (a POST; leaves an anonymous visitor as it was)",
    "basics:guide_index": "the user guide, read before signing in (no data)",
    "basics:guide": "a page of the user guide (no data)",
    "basics:password_reset": "asking for a forgotten password's link",
    "basics:password_reset_done": "“the link was sent”",
    "basics:password_reset_confirm": "a reset link opened from the e-mail (its token checked)",
    "basics:password_reset_complete": "“the password was changed”",
    "surveys:thanks": "the thank-you page after a citizen's answer",
    "surveys:kiosk": "the survey form on a kiosk, bound to a device token",
    "surveys:kiosk_thanks": "the kiosk's thank-you page",
    "surveys:answer": "a citizen answers the satisfaction survey (QR, per-dossier link)",
    "public:unit": "a unit's published figures (aggregates only, decision 0085)",
    "public:lookup": "a citizen looks up a dossier by its code (procedure, status, dates)",
    "public:json": "the open data of a unit (aggregates)",
    "public:csv": "the open data of a unit (aggregates)",
    "api:openapi-json": "the API's description (no data)",
    "api:openapi-view": "the API's browsable description (no data)",
    "admin:login": "the admin's sign-in page",
    "admin:logout": "the admin's sign-out (a POST)",
    "api:api-root": "the API's root: 404 to everyone",
}

_ADMIN_VIEWS = re.compile(r"^admin:(?P<model>\w+)_(changelist|add|history|delete|change)$")


def admin_models() -> dict[str, Any]:
    """The admin's registered models by "<app_label>_<model_name>"."""
    return {f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin.site._registry}


def admin_fill(address: Address, models: dict[str, Any]) -> Fill | None:
    """The pages the admin makes for each registered model (its list, add, change, history,
    delete and the redirect of a bare object address): filled with one of the model's rows."""
    found = _ADMIN_VIEWS.match(address.name)
    model = models.get(found["model"]) if found else None
    if model is None:
        bare = re.match(r"^admin:admin/(\w+)/(\w+)/<path:object_id>/$", address.name)
        model = models.get(f"{bare[1]}_{bare[2]}") if bare else None
    if model is None:
        return None
    if "<path:object_id>" not in address.route:
        return NONE
    return lambda w: {"object_id": str(getattr(_a_row(model, w), "pk", 1))}


def _a_row(model, w: SimpleNamespace):
    """A row of commune A, found where the model's admin page says its unit is (decision
    0180: a staff outsider opens the admin, and sees rows of their own units); a row of a
    global table (a superuser's alone) otherwise."""
    from cchc.org.access import within
    from cchc.org.models import User

    if model is User:
        return w.focal
    field = admin.site._registry[model].unit_field
    if field is None:
        return model.objects.first()
    return model.objects.filter(within(w.unit, field)).first()


def request_for(address: Address, w: SimpleNamespace) -> Request | None:
    """The request for an address, or None when the catalogue does not know how to fill it."""
    from django.urls import reverse

    fill = FILL.get(address.name) or admin_fill(address, admin_models())
    if fill is None:
        return None
    kwargs = fill(w)
    if address.name.startswith("admin:admin/"):
        path = "/" + re.sub(r"\(\?P<(\w+)>[^)]*\)|<(?:\w+:)?(\w+)>", "{}", address.route)
        path = path.replace("^", "").replace("$", "").format(*kwargs.values())
    else:
        path = reverse(address.name, kwargs=kwargs)
    query = QUERY[address.name](w) if address.name in QUERY else {}
    body = BODY[address.name](w) if address.name in BODY else None
    form = {name: value for name, value in FORM.get(address.name, {}).items()}
    return Request(path, kwargs, query, body, address.name in ABOUT_A, form)


TODAY = dt.date.today()
