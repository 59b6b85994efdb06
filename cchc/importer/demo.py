"""Demo plans: the five seeds, read by the importer into their units, and Xã Thạnh Tân's
seed-000 plan carried into the current year so that follow-up pages show a plan in use.

The importer loads them (not plans, which sits below the importer): it runs right after plans
in INSTALLED_APPS order, before the apps whose demo data refer to the plans."""

from __future__ import annotations

from cchc.demo import DemoContext, seeds_dir
from cchc.plans.actions import copy_plan
from cchc.plans.demo_life import show as show_life
from cchc.plans.models import Plan

from .saving import import_plan_file

# Seed 003 carries no number ("Số: /KH-UBND"): it stays a draft, as the focal point would
# leave it until the leader issues it (decision 0050); the others are issued.
DRAFT_SEEDS = {"003"}

# seed file prefix → (unit code, login that imports it)
SEED_UNITS = {
    "000": ("thanh-tan", "thanhtan"),
    "001": ("long-an-xa", "longan"),
    "002": ("phuong-2", "phuong2"),
    "003": ("tan-duc", "tanduc"),
    "004": ("kien-tuong", "kientuong"),
}


def load(ctx: DemoContext) -> None:
    directory = seeds_dir()
    if directory is None:
        ctx.say("Không tìm thấy thư mục kế hoạch mẫu (../shared/seeds hoặc CCHC_SEEDS_DIR).")
        return
    for path in sorted(directory.glob("*.txt")):
        prefix = path.name[:3]
        if prefix not in SEED_UNITS:
            continue
        unit_code, username = SEED_UNITS[prefix]
        unit = ctx.units[unit_code]
        existing = Plan.objects.filter(unit=unit, source_name=path.name).first()
        if existing is None:
            draft = prefix in DRAFT_SEEDS
            existing = import_plan_file(
                path, unit=unit, by=ctx.users.get(username), status="draft" if draft else "issued"
            )
            if not draft and existing.year < ctx.today.year:
                # Last years' plans are finished business: kept to read, not to chase.
                existing.status = "closed"
                existing.save(update_fields=["status"])
        ctx.plans[prefix] = existing

    source = ctx.plans.get("000")
    if source is not None:
        current = Plan.objects.filter(
            unit=source.unit, year=ctx.today.year, title__icontains="cải cách hành chính"
        ).first()
        if current is None:
            current = copy_plan(source, year=ctx.today.year, by=ctx.users.get("thanhtan"))
            current.status = "issued"
            current.number = "15/KH-UBND"
            current.issued_on = ctx.today.replace(month=1, day=15)
            current.save()
        ctx.plans["current"] = current
        show_life(ctx, current)  # an amendment, next year's draft appraised (decision 0050)
    ctx.say(f"Kế hoạch: {Plan.objects.count()}")
