import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from cchc.surveys.models import Campaign, Questionnaire


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def campaign(world):
    """An open SIPAS-style campaign run by the district for its communes."""
    from cchc.surveys.builtin import install_now

    install_now()  # a live-server test runs on a flushed database
    today = timezone.localdate()
    version = Questionnaire.objects.get(code="sipas-5").current()
    return Campaign.objects.create(
        unit=world.district,
        name="Khảo sát năm nay",
        version=version,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today + dt.timedelta(days=30),
    )


def items_of(campaign):
    from cchc.surveys.models import Item

    return list(
        Item.objects.filter(element__version=campaign.version).order_by("element__order", "order")
    )


def form_data(campaign, value="5", code=""):
    data = {f"q{i.pk}": value for i in items_of(campaign)}
    if code:
        data["ma"] = code
    return data


def dossier_row(unit, code, day=None):
    """A dossier received and due on `day` (today by default), not yet saved: one is saved by
    `make_dossier`, many at once by `bulk_create`."""
    import datetime as _dt

    from cchc.dossiers.models import Dossier, Procedure

    day = day or timezone.localdate()
    procedure, _ = Procedure.objects.get_or_create(code="1.001", defaults={"name": "Khai sinh"})
    moment = timezone.make_aware(_dt.datetime.combine(day, _dt.time(9)))
    return Dossier(
        code=code,
        unit=unit,
        procedure=procedure,
        received=moment,
        due=moment,
        received_on=day,
        month=day.replace(day=1),
        on_time_until=day,
    )


def make_dossier(unit, code, day=None):
    made = dossier_row(unit, code, day)
    made.save()
    return made


@pytest.fixture
def dossier(world):
    return make_dossier(world.commune, "H01.1-250101-0042")
