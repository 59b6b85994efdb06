"""Demo survey: the city's counter survey of the year with sample targets for its communes and
wards, answers spread over the year so far, and a kiosk device for Xã Thạnh Tân."""

from __future__ import annotations

import datetime as dt
import random

from cchc.demo import DemoContext

from .builtin import install_now
from .models import Campaign, Item, KioskDevice, Questionnaire, Rating, Response, SampleTarget

# unit code → (answers so far, how satisfied: chance of a 4 or 5)
PROFILES = {"thanh-tan": (140, 0.9), "phuong-2": (70, 0.82), "binh-minh": (40, 0.76)}
TARGET = 120


def load(ctx: DemoContext) -> None:
    install_now()
    city = ctx.units.get("tp-tay-ninh")
    if city is None:
        return
    year = ctx.today.year
    name = f"Khảo sát mức độ hài lòng tại Bộ phận Một cửa năm {year}"
    if Campaign.objects.filter(unit=city, name=name).exists():
        return
    version = Questionnaire.objects.get(code="sipas-5").current()
    campaign = Campaign.objects.create(
        unit=city,
        name=name,
        version=version,
        starts_on=dt.date(year, 1, 1),
        ends_on=dt.date(year, 12, 31),
    )
    items = list(Item.objects.filter(element__version=version))
    rng = random.Random(year)
    days = max(1, (ctx.today - campaign.starts_on).days)
    answers, ratings = [], []
    for code, (count, satisfied) in PROFILES.items():
        unit = ctx.units.get(code)
        if unit is None:
            continue
        SampleTarget.objects.create(campaign=campaign, unit=unit, target=TARGET)
        for n in range(count):
            answer = Response(
                campaign=campaign,
                unit=unit,
                version=version,
                answered_on=campaign.starts_on + dt.timedelta(days=rng.randrange(days)),
                channel=rng.choice(["qr", "kiosk", "dossier"]),
                verified=n % 3 == 0,
            )
            answers.append(answer)
            for item in items:
                if rng.random() < 0.05:
                    value = None
                elif rng.random() < satisfied:
                    value = rng.choice([4, 5])
                else:
                    value = rng.choice([1, 2, 3])
                ratings.append(Rating(response=answer, item=item, value=value))
    Response.objects.bulk_create(answers)
    Rating.objects.bulk_create(ratings, batch_size=2000)
    if "thanh-tan" in ctx.units:
        from .keys import token_hash

        KioskDevice.objects.get_or_create(
            key_hash=token_hash("demo-kiosk-thanh-tan"),
            defaults={
                "unit": ctx.units["thanh-tan"],
                "name": "Máy tính bảng quầy 1",
                "issued_on": ctx.today,
                "expires_on": ctx.today + dt.timedelta(days=365),
            },
        )
    ctx.say(
        f"Khảo sát hài lòng: {len(answers)} phiếu; kiosk mẫu /y-kien/kiosk/demo-kiosk-thanh-tan/"
    )
