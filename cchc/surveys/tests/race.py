"""Twenty threads answering with the same dossier code at once (used by test_concurrency).

Run as a script (`python -m cchc.surveys.tests.race`) it migrates the database DATABASE_URL
names (the test hands it a copy of one already migrated: nothing left to do), makes a
campaign and prints the outcome as JSON: SQLite's in-memory test database is shared between
threads in a way the real file database is not, so on SQLite the test runs this against a
file, as `cchc serve` does.
"""

from __future__ import annotations

import json
import threading


def race(campaign, unit, data: dict, threads: int = 20) -> list[str]:
    from django.db import connection
    from django.utils import timezone

    from cchc.surveys import actions

    barrier = threading.Barrier(threads)
    outcomes: list[str] = []
    lock = threading.Lock()

    def answer():
        try:
            barrier.wait()
            actions.submit(campaign, unit, data, today=timezone.localdate(), code=data["ma"])
            outcome = "saved"
        except actions.Refused as refusal:
            outcome = refusal.reason
        except Exception as exc:
            outcome = f"error: {exc!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    workers = [threading.Thread(target=answer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return outcomes


def main() -> None:
    import datetime as dt
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from cchc.org.models import Unit
    from cchc.surveys.models import Campaign, Item, Questionnaire, Rating, Response, UsedCode

    call_command("migrate", interactive=False, verbosity=0)
    unit = Unit.objects.create(code="xa-race", name="Xã thử", kind="commune")
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        unit=unit,
        name="Thử",
        version=Questionnaire.objects.get(code="sipas-5").current(),
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=1),
    )
    data = {f"q{i.pk}": "4" for i in Item.objects.filter(element__version=campaign.version)}
    data["ma"] = "H01.1-CONCURRENT-0001"
    outcomes = race(campaign, unit, data)
    print(
        json.dumps(
            {
                "outcomes": outcomes,
                "responses": Response.objects.count(),
                "used": UsedCode.objects.count(),
                "ratings": Rating.objects.count(),
                "items": len(data) - 1,
            }
        )
    )


if __name__ == "__main__":
    main()
