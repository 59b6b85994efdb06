"""Public answering pages (no login) and the staff pages: results, kiosk devices, posters."""

from __future__ import annotations

import datetime as dt
import io

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from cchc.accounts.addresses import client_address
from cchc.formats import day
from cchc.formats.inputs import typed_day
from cchc.org.access import Action, access_for, links_read_once, unit_for
from cchc.org.in_force import last_day
from cchc.org.models import Unit

from . import actions, exports, results
from .choices import Channel
from .forms import DeviceForm
from .limits import allow
from .models import Campaign, KioskDevice, Questionnaire


def _today() -> dt.date:
    return timezone.localdate()


# who runs a unit's campaigns: its focal point, its upper-level reviewer, an administrator
RUNNERS = (Action.MANAGE, Action.APPRAISE, Action.EDIT_PLAN)


def may_run(user, unit: Unit) -> bool:
    access = access_for(user)
    return any(access.can(action, unit) for action in RUNNERS)


def open_campaigns(unit: Unit, today: dt.date):
    """The campaigns taking answers for the unit today (its own or an upper level's), newest
    first: new answers go to the unit's own campaigns and those above it, never to the units it
    succeeded."""
    return _campaigns_for(unit).filter(starts_on__lte=today, ends_on__gte=today)


def coming_campaigns(unit: Unit, today: dt.date):
    """The campaigns for the unit whose first day is still to come, the soonest first: what a
    kiosk with nothing open names (decision 0177)."""
    return _campaigns_for(unit).filter(starts_on__gt=today).order_by("starts_on", "pk")


def _campaigns_for(unit: Unit):
    return (
        Campaign.objects.select_related("unit", "version", "version__questionnaire")
        .filter(closed=False, unit_id__in=unit.lineage_ids())
        .order_by("-starts_on", "-pk")
    )


def answer_path(campaign: Campaign, unit: Unit) -> str:
    return reverse("surveys:answer", args=[campaign.pk, unit.code])


def _form_context(campaign, unit, *, code="", error="", values=None, kiosk=None):
    elements = []
    for element in campaign.version.elements.all():
        chosen = [(i, (values or {}).get(f"q{i.pk}", "")) for i in element.items.all()]
        elements.append((element, chosen))
    return {
        "campaign": campaign,
        "unit": unit,
        "version": campaign.version,
        "elements": elements,
        "scale": list(enumerate(campaign.version.scale, start=1)),
        "code": code,
        "error": error,
        "values": values or {},
        "kiosk": kiosk,
        "idle": settings.SURVEY_KIOSK_IDLE_SECONDS,
    }


def _take(request, campaign, unit, *, channel, device=None, template_args=None):
    """The POST of a public form: rate limit, one action, thanks page or the form again."""
    code = (request.POST.get("ma") or "")[:100]
    if not allow(
        address=client_address(request) or "",
        device_id=device.pk if device else None,
        campaign_id=campaign.pk,
    ):
        return render(
            request,
            "surveys/public/refused.html",
            {"message": "Có quá nhiều phiếu gửi từ thiết bị này trong ít phút. Xin thử lại sau."},
            status=429,
        )
    if code and channel == Channel.QR:
        channel = Channel.DOSSIER
    try:
        actions.submit(campaign, unit, request.POST, today=_today(), code=code, channel=channel)
    except actions.Refused as refusal:
        status = 409 if refusal.reason == actions.ALREADY_ANSWERED else 400
        if refusal.reason == actions.CLOSED:
            status = 410
        values = {k: v for k, v in request.POST.items() if k.startswith("q")}
        context = _form_context(
            campaign, unit, code=code, error=refusal.message, values=values, kiosk=device
        )
        context.update(template_args or {})
        return render(request, "surveys/public/form.html", context, status=status)
    if device is not None:
        return redirect(
            reverse("surveys:kiosk_thanks", args=[request.resolver_match.kwargs["token"]])
        )
    return redirect("surveys:thanks")


@require_http_methods(["GET", "POST"])
def answer(request, campaign: int, unit: str):
    """The public form of one campaign for one unit (the address its QR code carries);
    `?ma=CODE` fills in the dossier code for a per-dossier link."""
    campaign = get_object_or_404(Campaign.objects.select_related("unit", "version"), pk=campaign)
    unit = get_object_or_404(Unit, code=unit)
    answering = actions.answered_by(campaign, unit, _today())
    if answering != unit and request.method != "POST":  # a poster printed before a merger
        query = request.GET.urlencode()
        address = answer_path(campaign, answering)
        return redirect(f"{address}?{query}" if query else address)
    if not campaign.covers(answering):
        raise Http404
    if campaign.opens_later(_today()):  # not "ended": the citizen is asked to come back
        return _refused(request, _opens_on(campaign, "Đợt khảo sát này"), 403, onward=answering)
    if not campaign.is_open(_today()):
        ended = "Đợt khảo sát này đã kết thúc. Cảm ơn Ông/Bà đã quan tâm."
        return _refused(request, ended, 410, onward=answering)
    if request.method == "POST":
        return _take(request, campaign, unit, channel=Channel.QR)
    code = (request.GET.get("ma") or "")[:80]
    return render(request, "surveys/public/form.html", _form_context(campaign, unit, code=code))


def _opens_on(campaign: Campaign, which: str) -> str:
    return (
        f"{which} nhận ý kiến từ ngày {day(campaign.starts_on)}. "
        "Mời Ông/Bà quay lại từ ngày đó để góp ý."
    )


@require_GET
def thanks(request):
    return render(request, "surveys/public/thanks.html", {})


def _device(token: str) -> KioskDevice:
    device = actions.device_for(token, _today())
    if device is None:
        raise _Refused()
    return device


class _Refused(Exception):
    pass


def _refused(request, message: str, status: int, *, onward: Unit | None = None):
    """The public page saying why no answer is taken here; with `onward`, a link to that
    unit's public page, the citizen's way on from a poster or a link (never on a kiosk, which
    stays on its own form; decision 0177)."""
    context = {"message": message, "onward": onward}
    return render(request, "surveys/public/refused.html", context, status=status)


def _kiosk_refused(request):
    return _refused(request, "Thiết bị này chưa được cấp quyền hoặc quyền đã hết hạn.", 403)


@require_http_methods(["GET", "POST"])
def kiosk(request, token: str):
    """The kiosk form: bound to a device token, it empties itself after each answer and
    after a while without a touch (static/js/survey-kiosk.js)."""
    try:
        device = _device(token)
    except _Refused:
        return _kiosk_refused(request)
    campaign = next(
        (c for c in open_campaigns(device.unit, _today()) if c.accepts(Channel.KIOSK)), None
    )
    if campaign is None:
        return _refused(request, _nothing_open(device.unit), 410)
    if request.method == "POST":
        return _take(request, campaign, device.unit, channel=Channel.KIOSK, device=device)
    return render(
        request, "surveys/public/form.html", _form_context(campaign, device.unit, kiosk=device)
    )


def _nothing_open(unit: Unit) -> str:
    """What a kiosk with no campaign open says: from which day the next one takes answers,
    when one is set up."""
    now = "Hiện không có đợt khảo sát nào đang mở."
    coming = (c for c in coming_campaigns(unit, _today()) if c.accepts(Channel.KIOSK))
    following = next(coming, None)
    if following is None:
        return now
    return f"{now} {_opens_on(following, 'Đợt khảo sát tiếp theo')}"


@require_GET
def kiosk_thanks(request, token: str):
    try:
        _device(token)
    except _Refused:
        return _kiosk_refused(request)
    return render(
        request,
        "surveys/public/thanks.html",
        {
            "back": reverse("surveys:kiosk", args=[token]),
            "home": reverse("surveys:kiosk", args=[token]),
            "kiosk": True,
            "idle": 5,
        },
    )


# --- staff pages -----------------------------------------------------------------------------


def _asked(request, name: str, label: str, wrong: dict[str, str]) -> dt.date | None:
    """The date typed in the `name` box (dd/mm/yyyy, or ISO from old links); None when empty
    or mistyped, the message of a mistyped one put in `wrong` under the box's name."""
    try:
        return typed_day(request.GET.get(name), label)
    except ValidationError as exc:
        wrong[name] = exc.messages[0]
        return None


def _window(request, unit) -> tuple[dt.date, dt.date, dict[str, str]]:
    """The dates asked, else this year — for a unit dissolved by a merger its last year up to
    its last day, where its answers are, not the empty year since (0148); and the messages of
    the boxes mistyped, by name (their default date is used)."""
    today = _today()
    last = last_day(unit, today)
    wrong: dict[str, str] = {}
    start = _asked(request, "from", "Từ ngày", wrong) or dt.date(last.year, 1, 1)
    end = _asked(request, "to", "Đến ngày", wrong) or (
        dt.date(last.year, 12, 31) if last == today else last
    )
    if end < start:
        start, end = end, start
    if (end - start).days > 366 * settings.MAX_WINDOW_YEARS:
        start = end - dt.timedelta(days=366)
    return start, end, wrong


def _results_for(request, unit, start: dt.date, end: dt.date):
    code = request.GET.get("mau") or results.DEFAULT_QUESTIONNAIRE
    questionnaire = Questionnaire.objects.filter(code=code).first()
    if questionnaire is None:
        raise Http404
    args = dict(questionnaire=questionnaire)
    with links_read_once():  # three readings of one scope: its succession links read once
        return (
            results.compute(unit, start, end, **args),
            results.compute(unit, start, end, verified=True, **args),
            results.compute(unit, start, end, verified=False, **args),
        )


@login_required
@require_GET
def results_page(request, code: str):
    unit = unit_for(request.user, code, Action.VIEW)
    start, end, wrong = _window(request, unit)
    everything, verified, unverified = _results_for(request, unit, start, end)
    campaigns = list(open_campaigns(unit, _today()))
    access = access_for(request.user)
    for campaign in campaigns:
        # an upper level's campaign page is linked only for those who may open it
        campaign.may_open = access.can(Action.VIEW, campaign.unit)
    chart = {
        "labels": [e.title for e in everything.elements],
        "values": [None if e.value is None else round(e.value, 2) for e in everything.elements],
    }
    return render(
        request,
        "surveys/results.html",
        {
            "nav": "surveys",
            "unit": unit,
            "r": everything,
            "verified": verified,
            "unverified": unverified,
            "questionnaires": Questionnaire.objects.all(),
            "campaigns": campaigns,
            "own_campaigns": Campaign.objects.filter(unit=unit).select_related("version")[:10],
            "may_run": may_run(request.user, unit),
            "no_campaign": actions.no_campaign(unit, _today()),
            "chart": chart,
            "wrong": wrong,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def results_excel(request, code: str):
    unit = unit_for(request.user, code, Action.VIEW)
    everything, verified, unverified = _results_for(request, unit, *_window(request, unit)[:2])
    response = HttpResponse(
        exports.results_workbook(everything, unverified, verified),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"khao-sat-{unit.code}-{everything.start:%Y%m%d}-{everything.end:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG markup, drawn on the server. It has a viewBox and no
    size of its own: the poster's style sizes it (120 mm on paper, the screen's width on a
    phone), and the drawing fills that box."""
    out = io.BytesIO()
    segno.make(url, error="m").save(
        out, kind="svg", scale=8, border=2, xmldecl=False, svgns=True, omitsize=True
    )
    return out.getvalue().decode()


@login_required
@require_GET
def poster(request, code: str, campaign: int):
    """An A4 page for the counter: the unit's QR code and its address, ready to print."""
    unit = unit_for(request.user, code, Action.VIEW)
    campaign = get_object_or_404(Campaign, pk=campaign)
    if not campaign.covers(unit):
        raise Http404
    url = settings.SITE_URL.rstrip("/") + answer_path(campaign, unit)
    return render(
        request,
        "surveys/poster.html",
        {"units": [(unit, url, qr_svg(url))], "campaign": campaign},
    )


@login_required
@require_http_methods(["GET", "POST"])
def devices(request, code: str):
    """The unit's kiosk devices: issue one (its token shown once), revoke one."""
    unit = unit_for(request.user, code, Action.VIEW)
    token = None
    form = DeviceForm()
    if request.method == "POST":
        unit = unit_for(request.user, code, Action.ENTER_DATA)
        if "revoke" in request.POST:
            revoke = request.POST.get("revoke", "")  # a word is no device's id: 404
            pk = int(revoke) if revoke.isdigit() else 0
            device = get_object_or_404(KioskDevice, pk=pk, unit=unit)
            actions.revoke_device(device, by=request.user)
            return redirect("surveys:devices", unit.code)
        form = DeviceForm(request.POST)
        if form.is_valid():
            _device_obj, token = actions.issue_device(
                unit, form.cleaned_data["name"], by=request.user, today=_today()
            )
            form = DeviceForm()
    kiosk_url = (
        settings.SITE_URL.rstrip("/") + reverse("surveys:kiosk", args=[token]) if token else None
    )
    return render(
        request,
        "surveys/devices.html",
        {
            "nav": "surveys",
            "unit": unit,
            "devices": KioskDevice.objects.filter(unit=unit).order_by("-issued_on", "name"),
            "kiosk_url": kiosk_url,
            "form": form,
            "no_device": actions.no_device(unit, _today()),
            "today": _today(),
        },
        status=400 if form.errors else 200,
    )
