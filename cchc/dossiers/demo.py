"""Demo dossiers: a procedure catalogue and two years of one-stop records for the demo communes.

Each unit gets its own profile (how many dossiers, how many online, how punctual, how far
digitisation has gone) that improves month by month, so the indicator pages have trends and
differences to show. Everything goes through `saving.import_dossiers`, the path a real file
takes, so the demo's facts are built exactly as production's are.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from cchc.demo import DemoContext
from cchc.formats import day
from cchc.org.models import Unit

from .models import Dossier, Procedure
from .records import DossierRecord, ProcedureRecord
from .saving import import_dossiers, import_procedures

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")

# (code, name, field, full-online eligible, fee, payment integrated, returns a document, days)
PROCEDURES = [
    ("1.001193", "Đăng ký khai sinh", "Hộ tịch", True, False, False, True, 1),
    ("1.000656", "Đăng ký khai tử", "Hộ tịch", True, False, False, True, 1),
    ("1.000894", "Đăng ký kết hôn", "Hộ tịch", False, False, False, True, 1),
    ("1.004873", "Cấp bản sao trích lục hộ tịch", "Hộ tịch", True, True, True, True, 1),
    ("1.004746", "Xác nhận tình trạng hôn nhân", "Hộ tịch", True, True, True, True, 3),
    ("1.001022", "Đăng ký thay đổi, cải chính hộ tịch", "Hộ tịch", False, True, False, True, 3),
    ("2.000815", "Chứng thực bản sao từ bản chính", "Chứng thực", False, True, True, True, 1),
    (
        "2.000884",
        "Chứng thực chữ ký trong giấy tờ, văn bản",
        "Chứng thực",
        False,
        True,
        True,
        True,
        1,
    ),
    (
        "2.001019",
        "Chứng thực hợp đồng, giao dịch liên quan đến nhà ở",
        "Chứng thực",
        False,
        True,
        False,
        True,
        2,
    ),
    ("1.001612", "Đăng ký thường trú", "Đăng ký, quản lý cư trú", True, False, False, False, 7),
    (
        "1.003618",
        "Đăng ký hộ kinh doanh",
        "Thành lập và hoạt động của hộ kinh doanh",
        True,
        True,
        True,
        True,
        3,
    ),
    (
        "1.001266",
        "Thay đổi nội dung đăng ký hộ kinh doanh",
        "Thành lập và hoạt động của hộ kinh doanh",
        True,
        True,
        True,
        True,
        3,
    ),
    (
        "1.005462",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "Hoạt động xây dựng",
        True,
        True,
        False,
        True,
        15,
    ),
    (
        "1.002335",
        "Đăng ký biến động đất đai (chuyển nhượng)",
        "Đất đai",
        False,
        True,
        False,
        True,
        10,
    ),
    ("2.000346", "Hòa giải tranh chấp đất đai", "Đất đai", False, False, False, False, 30),
    (
        "1.001776",
        "Trợ cấp xã hội hằng tháng cho đối tượng bảo trợ",
        "Bảo trợ xã hội",
        True,
        False,
        False,
        True,
        7,
    ),
    ("1.001758", "Hỗ trợ chi phí mai táng", "Bảo trợ xã hội", True, False, False, True, 3),
    (
        "2.000286",
        "Xác nhận hộ nghèo, hộ cận nghèo phát sinh",
        "Giảm nghèo",
        True,
        False,
        False,
        True,
        7,
    ),
    ("1.003645", "Công nhận gia đình văn hóa", "Văn hóa cơ sở", True, False, False, True, 5),
    (
        "2.001157",
        "Cấp giấy xác nhận đăng ký khai thác thủy sản",
        "Thủy sản",
        True,
        True,
        True,
        True,
        5,
    ),
]

COMMUNES = [
    # code, dossiers per month, online share, punctuality, digitisation, improvement per month
    ("thanh-tan", 70, 0.45, 0.97, 0.70, 0.010),
    ("phuong-1", 110, 0.60, 0.99, 0.85, 0.004),
    ("phuong-2", 95, 0.55, 0.95, 0.75, 0.006),
    ("phuong-3", 80, 0.35, 0.92, 0.55, 0.012),
    ("hiep-ninh", 100, 0.50, 0.985, 0.80, 0.005),
    ("binh-minh", 45, 0.25, 0.90, 0.40, 0.015),
    ("tan-binh", 40, 0.30, 0.96, 0.50, 0.010),
    ("long-an-xa", 50, 0.40, 0.94, 0.60, 0.008),
    ("tan-duc", 55, 0.35, 0.93, 0.55, 0.010),
    # Phường 1, 2 and 3 of Kiến Tường until their merger (30/06/2025), then Phường Kiến Tường
    # (org/demo.py MERGERS): each unit receives dossiers only while it is in force
    ("kt-phuong-1", 50, 0.50, 0.97, 0.70, 0.006),
    ("kt-phuong-2", 30, 0.45, 0.95, 0.65, 0.008),
    ("kt-phuong-3", 25, 0.35, 0.92, 0.55, 0.010),
    ("kt-phuong-kien-tuong", 100, 0.50, 0.96, 0.68, 0.008),
    ("kt-binh-hiep", 35, 0.30, 0.91, 0.45, 0.012),
]

# a unit dissolved before the generated years still shows its last months before the merger
DISSOLVED_MONTHS = 6


def _procedures() -> list[ProcedureRecord]:
    return [
        ProcedureRecord(
            row=i,
            code=code,
            name=name,
            field=field,
            level="Cấp xã",
            full_online_eligible=full,
            has_fee=fee,
            payment_integrated=integrated,
            returns_document=document,
            legal_time=str(days),
            time_unit="Ngày làm việc",
        )
        for i, (code, name, field, full, fee, integrated, document, days) in enumerate(
            PROCEDURES, start=2
        )
    ]


def _add_working_days(start: dt.datetime, days: int) -> dt.datetime:
    moment = start
    while days > 0:
        moment += dt.timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment.replace(hour=17, minute=0, second=0)


def _window(unit: Unit, start: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """The days [first, end) a unit receives dossiers: from `start` (or the day it came into
    force) to the day before `today` (or its last day in force). A unit dissolved before
    `start` gets its last months, so its successor's pages still show the years before."""
    first, end = start, today
    if unit.valid_from is not None:
        first = max(first, unit.valid_from)
    if unit.valid_to is not None:
        end = min(end, unit.valid_to + dt.timedelta(days=1))
        if end <= start:
            first = (end - dt.timedelta(days=30 * DISSOLVED_MONTHS)).replace(day=1)
    return first, end


def _months_between(start: dt.date, later: dt.date) -> int:
    return max(0, (later.year - start.year) * 12 + later.month - start.month)


def generate(ctx: DemoContext, start: dt.date) -> list[DossierRecord]:
    """Dossiers received from `start` up to the day before the demo's today, each unit's
    while it is in force (`_window`)."""
    rng = random.Random(766)
    weights = [8, 3, 4, 6, 5, 2, 9, 12, 3, 6, 3, 2, 2, 3, 1, 2, 1, 2, 1, 1]
    today = ctx.today
    records: list[DossierRecord] = []
    for code, per_month, online, punctual, digitised, gain in COMMUNES:
        unit = ctx.units.get(code) or Unit.objects.filter(code=code).first()
        if unit is None:
            continue
        first, end = _window(unit, start, today)
        cursor = first.replace(day=1)
        month_index = _months_between(start, cursor)  # a trend that goes on past a merger
        while cursor < end:
            improve = gain * month_index
            count = max(5, int(rng.gauss(per_month, per_month * 0.12)))
            for n in range(count):
                day = cursor + dt.timedelta(days=rng.randrange(28))
                if not first <= day < end:
                    continue
                if day.weekday() == 6:
                    day -= dt.timedelta(days=1)
                    if day < first:
                        continue
                received = dt.datetime.combine(
                    day, dt.time(rng.randrange(7, 17), rng.randrange(60)), LOCAL
                )
                spec = rng.choices(PROCEDURES, weights)[0]
                proc_code, _n, _f, full_ok, fee, integrated, document, days = spec
                due = _add_working_days(received, days)
                channel = 2 if rng.random() < min(0.95, online + improve) else 1
                if channel == 1 and rng.random() < 0.03:
                    channel = 3
                age = (today - day).days
                finished = age > days + 10 or rng.random() < 0.6
                on_time = rng.random() < min(0.995, punctual + improve / 3)
                supplements = 0
                requested = supplied = None
                if rng.random() < 0.08:
                    supplements = 1 if rng.random() < 0.85 else 2
                    requested = received + dt.timedelta(days=1, hours=2)
                    supplied = requested + dt.timedelta(days=rng.randrange(1, 4))
                    if not finished and rng.random() < 0.5:
                        supplied = None
                ended = None
                status = rng.choice([2, 4]) if not finished else 10
                if finished:
                    slack = dt.timedelta(hours=rng.randrange(1, 40))
                    ended = due - slack if on_time else due + dt.timedelta(days=rng.randrange(1, 6))
                    if requested and supplied:
                        ended += supplied - requested
                    ended = max(ended, received + dt.timedelta(hours=1))
                if not finished and requested and not supplied:
                    status = 5
                if rng.random() < 0.01:
                    status = 3  # refused at intake
                has_fee = fee and rng.random() < 0.9
                paid = 0
                if has_fee and integrated and channel == 2 and rng.random() < 0.6 + improve:
                    paid = rng.choice([1, 1, 2])
                e_result = document and finished and rng.random() < min(0.95, digitised + improve)
                records.append(
                    DossierRecord(
                        row=len(records) + 2,
                        code=f"{code.upper()}-{day:%y%m%d}-{n:04d}",
                        procedure_code=proc_code,
                        unit_code=code,
                        received=received,
                        due=due,
                        processing_ended=ended,
                        returned=ended + dt.timedelta(hours=2) if ended else None,
                        status=status,
                        channel=channel,
                        full_online=full_ok and channel == 2 and rng.random() < 0.5 + improve,
                        paid_online=paid,
                        has_fee=has_fee,
                        digitised=rng.random() < min(0.98, digitised + improve),
                        reused=rng.random() < min(0.9, digitised / 2 + improve),
                        e_result=bool(e_result),
                        supplements=supplements,
                        supplement_requested=requested,
                        supplement_supplied=supplied,
                        apology=bool(finished and not on_time and rng.random() < 0.8),
                    )
                )
            month_index += 1
            cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    return records


def _publish(ctx: DemoContext) -> None:
    """Give the demo catalogue its publication: decided a week or more before the act took
    effect, on the national database within days, most with their seven parts."""
    from .publication import PART_CODES

    decided = dt.date(ctx.today.year - 1, 12, 1)
    for n, procedure in enumerate(Procedure.objects.filter(publication_decided__isnull=True)):
        procedure.deciding_act = f"Quyết định số {100 + n}/QĐ-UBND"
        procedure.act_effective = decided + dt.timedelta(days=14 if n % 4 else 3)
        procedure.publication_decided = decided
        procedure.on_national_db = n % 5 != 4
        procedure.national_db_on = decided + dt.timedelta(days=2 + n % 9) if n % 5 != 4 else None
        procedure.parts = list(PART_CODES if n % 3 else PART_CODES[:5])
        procedure.save()


def load(ctx: DemoContext) -> None:
    import_procedures(_procedures(), file_name="demo")
    _publish(ctx)
    if Dossier.objects.exists():
        ctx.say(f"Hồ sơ TTHC: giữ nguyên {Dossier.objects.count()} hồ sơ đã có")
        return
    start = dt.date(ctx.today.year - 1, 1, 1)
    records = generate(ctx, start)
    outcome = import_dossiers(records, file_name="demo")
    units = len({record.unit_code for record in records})
    ctx.say(
        f"Hồ sơ TTHC: {outcome.created} hồ sơ của {units} xã, phường "
        f"từ {day(start)} ({outcome.seconds:.1f} giây)"
    )
