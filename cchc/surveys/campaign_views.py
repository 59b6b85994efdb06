"""The staff pages of survey campaigns: create and edit one, its progress against the sample
targets (which the organising level sets for its units here), its QR posters, closing it.

Who runs a unit's campaigns: its CCHC focal point, its upper-level reviewer (a district's
home-affairs office runs the district's survey of its communes) or an administrator. Others
who see the unit read the progress (403 on a write); outsiders get 404."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from cchc.org.access import Action, access_for, unit_for
from cchc.org.models import Unit

from . import actions
from .forms import CampaignForm
from .models import Campaign, SampleTarget, all_channels
from .views import answer_path, may_run, qr_svg


def _run_unit(request, code: str) -> Unit:
    unit = unit_for(request.user, code)
    if not may_run(request.user, unit):
        raise PermissionDenied("Chỉ đầu mối CCHC, cán bộ thẩm định cấp trên hoặc quản trị.")
    return unit


def _units_below(campaign):
    """The units a campaign may ask a sample of: those below its unit in force today. Not the
    units its unit succeeded, nor a unit dissolved by a merger (a dissolved unit gets nothing
    new: its answers go to its successor; decision 0140)."""
    return (
        Unit.objects.subtree(campaign.unit)
        .current(timezone.localdate())
        .exclude(pk=campaign.unit_id)
    )


def _form_page(request, unit: Unit, form: CampaignForm, campaign=None, status=200):
    return render(
        request,
        "surveys/campaign_form.html",
        {"nav": "surveys", "unit": unit, "form": form, "campaign": campaign},
        status=status,
    )


def _save(request, unit: Unit, form: CampaignForm, campaign=None):
    if not form.is_valid():
        return _form_page(request, unit, form, campaign, status=400)
    found = form.save(commit=False)
    found.unit = unit
    try:
        actions.save_campaign(found, by=request.user, target=form.cleaned_data.get("target"))
    except actions.Refused as refusal:
        form.add_error(None, refusal.message)
        return _form_page(request, unit, form, campaign, status=400)
    return redirect("surveys:campaign", found.pk)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request, code: str):
    unit = _run_unit(request, code)
    if request.method == "POST":
        return _save(request, unit, CampaignForm(request.POST))
    today = timezone.localdate()
    gone = actions.no_campaign(unit, today)
    if gone is not None:  # the reason, not a form whose every save would be refused
        return render(
            request,
            "surveys/campaign_form.html",
            {"nav": "surveys", "unit": unit, "no_campaign": gone},
        )
    initial = {
        "starts_on": today,
        "ends_on": today.replace(month=12, day=31),
        "channels": all_channels(),
    }
    return _form_page(request, unit, CampaignForm(initial=initial))


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk: int):
    campaign = get_object_or_404(Campaign.objects.select_related("unit", "version"), pk=pk)
    unit = _run_unit(request, campaign.unit.code)
    own = SampleTarget.objects.filter(campaign=campaign, unit=unit).first()
    if request.method == "POST":
        return _save(request, unit, CampaignForm(request.POST, instance=campaign), campaign)
    form = CampaignForm(instance=campaign, initial={"target": own.target if own else None})
    return _form_page(request, unit, form, campaign)


def _read_targets(request, campaign) -> tuple[dict, str]:
    wanted = {}
    for unit in _units_below(campaign):
        raw = (request.POST.get(f"t{unit.pk}") or "").strip()
        if raw and not raw.isdigit():
            return {}, f"{unit.name}: số phiếu cần thu phải là số nguyên không âm."
        wanted[unit] = int(raw or 0)
    return wanted, ""


def _posters(request, campaign, rows):
    units = [t[0] for t in rows] or [campaign.unit]
    site = settings.SITE_URL.rstrip("/")
    posters = []
    for unit in units:
        url = site + answer_path(campaign, unit)
        posters.append((unit, url, qr_svg(url)))
    return render(request, "surveys/poster.html", {"campaign": campaign, "units": posters})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_page(request, pk: int):
    """A campaign's progress: answers per unit against the sample the organising level set
    (it edits the targets here), and the posters of all its units to print."""
    campaign = get_object_or_404(Campaign.objects.select_related("unit", "version"), pk=pk)
    access_unit = unit_for(request.user, campaign.unit.code, Action.VIEW)
    access = access_for(request.user)
    may_set = access.can(Action.APPRAISE, access_unit) or access.can(Action.MANAGE, access_unit)
    error = ""
    if request.method == "POST":
        unit_for(request.user, campaign.unit.code, Action.APPRAISE)
        wanted, error = _read_targets(request, campaign)
        if not error:
            actions.set_targets(campaign, wanted, by=request.user)
            return redirect("surveys:campaign", campaign.pk)
    counts = dict(
        campaign.responses.values_list("unit").annotate(n=Count("pk")).values_list("unit", "n")
    )
    rows = [
        (t.unit, t.target, counts.get(t.unit_id, 0))
        for t in campaign.targets.select_related("unit").order_by("unit__path")
    ]
    if request.GET.get("in") == "poster":
        return _posters(request, campaign, rows)
    targets = {t.unit_id: t.target for t in campaign.targets.all()}
    if error:
        # refused: the targets as typed, to correct, not the stored ones
        targets = {u.pk: request.POST.get(f"t{u.pk}", "") for u in _units_below(campaign)}
    editable = [(u, targets.get(u.pk, "")) for u in _units_below(campaign)] if may_set else []
    context = {
        "nav": "surveys",
        "campaign": campaign,
        "rows": rows,
        "editable": editable,
        "error": error,
        "may_run": may_run(request.user, campaign.unit),
        "link": settings.SITE_URL.rstrip("/") + answer_path(campaign, campaign.unit),
        "today": timezone.localdate(),
    }
    return render(request, "surveys/campaign.html", context, status=400 if error else 200)


@login_required
@require_POST
def close(request, pk: int):
    campaign = get_object_or_404(Campaign.objects.select_related("unit"), pk=pk)
    _run_unit(request, campaign.unit.code)
    actions.close_campaign(campaign, by=request.user)
    return redirect("surveys:campaign", campaign.pk)
