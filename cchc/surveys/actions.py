"""The survey writes: taking an answer, kiosk devices, campaigns and their sample targets.

Taking an answer is the one rule that matters most (decision 0063): one answer per dossier
code, kept by the primary key of `UsedCode`; the answer and the used code are written in one
transaction, so a refusal leaves nothing behind. Answers are not audited: an audit event
carries a time and the answer's id, which would undo the anonymity; the devices, campaigns
and targets are.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cchc.audit.log import record
from cchc.dossiers.models import Dossier
from cchc.org.access import within
from cchc.org.in_force import UnitNotInForce, refusal

from .choices import Channel
from .keys import code_hash, new_token, normalise_code, token_hash
from .models import Campaign, Item, KioskDevice, Rating, Response, SampleTarget, UsedCode

log = logging.getLogger("cchc.surveys")


class Refused(Exception):
    """An answer that is not taken; `message` is what the person is told (Vietnamese)."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


ALREADY_ANSWERED = "already"
CLOSED = "closed"
INVALID = "invalid"


def read_values(items: list[tuple[int, str]], data: Mapping[str, str]) -> dict[int, int | None]:
    """The value per item (id, text) from the form (`q<item id>`): 1–5, or empty for no
    opinion. A value outside the scale names its question; at least one must be answered."""
    values: dict[int, int | None] = {}
    for item_id, text in items:
        raw = (data.get(f"q{item_id}") or "").strip()
        if raw in ("", "0"):
            values[item_id] = None
            continue
        if raw not in {"1", "2", "3", "4", "5"}:
            raise Refused(
                INVALID,
                _("Câu “%(text)s”: chỉ chọn một mức từ 1 đến 5.") % {"text": text},
            )
        values[item_id] = int(raw)
    if not any(v is not None for v in values.values()):
        raise Refused(INVALID, _("Xin chọn câu trả lời cho ít nhất một câu hỏi."))
    return values


def _verified(code: str, typed: str, unit) -> bool:
    """Whether the code is a dossier of the unit, of a unit below it or of a unit it
    succeeded (a dossier filed before a merger is the merged commune's to answer for): the
    code as normalised (capitals) or as typed, looked up on the unique index of dossier
    codes. (A lookup ignoring case read the whole dossier table for every answer with a
    code.)"""
    return Dossier.objects.visible().filter(within(unit), code__in={code, typed.strip()}).exists()


def answered_by(campaign: Campaign, unit, today: dt.date):
    """The unit an answer given for `unit` belongs to: `unit`, or, when it was dissolved by a
    merger (a poster printed before it, a link kept), the unit in force that succeeded it if
    the campaign covers that one — a dissolved unit gets nothing new (decision 0140)."""
    successor = unit.successor_in_force(today)
    return successor if successor is not None and campaign.covers(successor) else unit


def submit(
    campaign: Campaign,
    unit,
    data: Mapping[str, str],
    *,
    today: dt.date,
    code: str = "",
    channel: str = Channel.QR,
) -> Response:
    """Take one answer. Raises `Refused` (nothing saved) for a closed campaign, a unit the
    campaign does not cover, a value outside the scale, or a code that has answered already.

    A code that matches no dossier is treated exactly like one that does (its hash is kept,
    a second answer with it is refused with the same words): the replies never tell whether
    a dossier code exists. Only the answer's `verified` flag differs, and nobody sees it
    beside the code. An answer for a unit dissolved since goes to its successor in force
    (`answered_by`)."""
    unit = answered_by(campaign, unit, today)
    if not campaign.is_open(today) or not campaign.covers(unit):
        raise Refused(CLOSED, _("Đợt khảo sát này đã kết thúc hoặc không nhận ý kiến nữa."))
    if not campaign.accepts(channel):
        raise Refused(CLOSED, _("Đợt khảo sát này không nhận ý kiến qua kênh này."))
    items = list(
        Item.objects.filter(element__version=campaign.version_id).values_list("pk", "text")
    )
    values = read_values(items, data)
    typed, code = code or "", normalise_code(code or "")
    if len(code) > 80:
        raise Refused(INVALID, _("Mã hồ sơ quá dài."))
    with transaction.atomic():
        verified = False
        if code:
            try:
                with transaction.atomic():
                    UsedCode.objects.create(hash=code_hash(code))
            except IntegrityError:
                log.info("survey answer refused: code already used, campaign %s", campaign.pk)
                raise Refused(
                    ALREADY_ANSWERED,
                    _(
                        "Mã hồ sơ này đã được dùng để trả lời. Mỗi hồ sơ chỉ trả lời một lần; "
                        "ý kiến trước đó vẫn được giữ nguyên."
                    ),
                ) from None
            verified = _verified(code, typed, unit)
        response = Response.objects.create(
            campaign=campaign,
            unit=unit,
            version_id=campaign.version_id,
            answered_on=today,
            channel=channel,
            verified=verified,
        )
        Rating.objects.bulk_create(
            Rating(response=response, item_id=item_id, value=value)
            for item_id, value in values.items()
        )
    return response


# --- kiosk devices ---------------------------------------------------------------------------


def no_device(unit, today: dt.date) -> str | None:
    """Why `unit` gets no new kiosk device today (no longer in force: its successor's device
    takes the answers, decision 0148), or None."""
    return refusal(unit, today, instead=_("hãy cấp thiết bị cho đơn vị đó."))


def issue_device(unit, name: str, *, by, today: dt.date, days: int = 365):
    """A new kiosk device for the unit; returns (device, token). The token is shown once;
    refused (`no_device`) for a unit no longer in force."""
    reason = no_device(unit, today)
    if reason is not None:
        raise UnitNotInForce(reason)
    token = new_token()
    with transaction.atomic():
        device = KioskDevice.objects.create(
            unit=unit,
            name=name.strip()[:100] or _("Máy kiosk"),
            key_hash=token_hash(token),
            issued_on=today,
            expires_on=today + dt.timedelta(days=days),
        )
        record(
            "survey.device_issue",
            by=by,
            obj=device,
            unit=unit,
            after={"name": device.name, "expires_on": device.expires_on.isoformat()},
        )
    return device, token


def _switch_on(obj, flag: str, action: str, *, by) -> None:
    """Set a yes/no flag that is never set back (a device revoked, a campaign closed), under a
    row lock, audited once: doing it twice changes nothing."""
    with transaction.atomic():
        obj = type(obj).objects.select_for_update().get(pk=obj.pk)
        if getattr(obj, flag):
            return
        setattr(obj, flag, True)
        obj.save(update_fields=[flag])
        record(action, by=by, obj=obj, unit=obj.unit, before={flag: False}, after={flag: True})


def revoke_device(device: KioskDevice, *, by) -> None:
    _switch_on(device, "revoked", "survey.device_revoke", by=by)


def device_for(token: str, today: dt.date) -> KioskDevice | None:
    """The usable device holding this token, or None (unknown, revoked or expired alike)."""
    if not token or len(token) > 100:
        return None
    device = KioskDevice.objects.select_related("unit").filter(key_hash=token_hash(token)).first()
    if device is None or not device.usable(today):
        return None
    return device


# --- campaigns -------------------------------------------------------------------------------


def set_targets(campaign: Campaign, targets: Mapping, *, by) -> None:
    """The sample wanted from each unit (unit → number; 0 removes the target)."""
    with transaction.atomic():
        before = {
            t.unit.code: t.target for t in campaign.targets.select_related("unit").order_by("pk")
        }
        for unit, number in targets.items():
            if not campaign.covers(unit):
                raise Refused(
                    INVALID,
                    _("Đơn vị %(unit)s không thuộc phạm vi đợt khảo sát.") % {"unit": unit.name},
                )
            if number:
                SampleTarget.objects.update_or_create(
                    campaign=campaign, unit=unit, defaults={"target": number}
                )
            else:
                SampleTarget.objects.filter(campaign=campaign, unit=unit).delete()
        after = {
            t.unit.code: t.target for t in campaign.targets.select_related("unit").order_by("pk")
        }
        record(
            "survey.targets_set",
            by=by,
            obj=campaign,
            unit=campaign.unit,
            before=before,
            after=after,
        )


def close_campaign(campaign: Campaign, *, by) -> None:
    _switch_on(campaign, "closed", "survey.campaign_close", by=by)


CAMPAIGN_FIELDS = ("name", "version", "starts_on", "ends_on", "aggregation", "margin", "channels")


def _campaign_state(campaign: Campaign) -> dict:
    state = {f: getattr(campaign, f) for f in CAMPAIGN_FIELDS}
    state["version"] = str(campaign.version)
    state["starts_on"], state["ends_on"] = (
        campaign.starts_on.isoformat(),
        campaign.ends_on.isoformat(),
    )
    state["margin"] = str(campaign.margin)
    return state


def _check_campaign(campaign: Campaign) -> None:
    if campaign.ends_on < campaign.starts_on:
        raise Refused(INVALID, _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
    if not campaign.channels:
        raise Refused(INVALID, _("Chọn ít nhất một kênh nhận ý kiến."))
    if not campaign.version.published:
        raise Refused(INVALID, _("Phiếu %(v)s không còn được dùng.") % {"v": campaign.version})
    gone = no_campaign(campaign.unit, campaign.ends_on)
    if campaign.pk is None and gone is not None:  # a new campaign after a merger (0148)
        raise Refused(INVALID, gone)


def no_campaign(unit, on: dt.date) -> str | None:
    """Why `unit` organises no new campaign ending on `on` (no longer in force then: its
    successor's campaigns ask its people, decision 0148), or None. With today, the reason its
    pages give instead of the form: any campaign it would start now ends after its last day."""
    return refusal(unit, on, instead=_("đợt khảo sát do đơn vị đó tổ chức."))


@transaction.atomic
def save_campaign(campaign: Campaign, *, by, target: int | None = None) -> Campaign:
    """Create or change a campaign (its fields set by the caller) and, when given, the sample
    wanted from the organising unit itself; checked first, audited, all or nothing. A campaign
    that has answers keeps its questionnaire version: its answers were given to that one."""
    _check_campaign(campaign)
    before = None
    if campaign.pk:
        stored = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if stored.closed:
            raise Refused(INVALID, _("Đợt khảo sát đã đóng, không sửa được nữa."))
        if stored.version_id != campaign.version_id and stored.responses.exists():
            raise Refused(
                INVALID, _("Đợt khảo sát đã có phiếu trả lời: không đổi mẫu phiếu được nữa.")
            )
        before = _campaign_state(stored)
    campaign.save()
    if target is not None:
        set_targets(campaign, {campaign.unit: target}, by=by)
    record(
        "survey.campaign_create" if before is None else "survey.campaign_edit",
        by=by,
        obj=campaign,
        unit=campaign.unit,
        before=before,
        after=_campaign_state(campaign),
    )
    return campaign
