"""The demo installation: real units, the five seed plans, believable activity.

Each app that has something to show contributes a `demo.py` module with a `load(ctx)`
function; `load_demo()` calls them in INSTALLED_APPS order, so org comes before plans and
plans before the progress and dossier data that refer to them. Dates are relative to the day
the demo is loaded, so a newcomer always sees a plan in use.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.apps import apps
from django.db import transaction

DEMO_PASSWORD = "demo"


class Writer(Protocol):
    def write(self, message: str) -> object: ...


@dataclass
class DemoContext:
    today: dt.date
    out: Writer
    units: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    plans: dict = field(default_factory=dict)
    logins: list = field(default_factory=list)  # (username, who, scope)

    def say(self, message: str) -> None:
        self.out.write(message + "\n")


def seeds_dir() -> Path | None:
    """Where the five seed plans are: $CCHC_SEEDS_DIR, else ../shared/seeds beside the repo."""
    import os

    from django.conf import settings

    candidates = [os.environ.get("CCHC_SEEDS_DIR", "")]
    candidates.append(str(settings.PROJECT_DIR.parent / "shared" / "seeds"))
    candidates.append(str(settings.BASE_DIR / "demo" / "seeds"))
    for candidate in candidates:
        if candidate and Path(candidate).is_dir() and any(Path(candidate).glob("*.txt")):
            return Path(candidate)
    return None


def load_demo(out, today: dt.date | None = None) -> DemoContext:
    ctx = DemoContext(today=today or dt.date.today(), out=out)
    with transaction.atomic():
        for config in apps.get_app_configs():
            if not config.name.startswith("cchc."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            module.load(ctx)
    return ctx
