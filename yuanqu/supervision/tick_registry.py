"""The registry of `yuanqu tick`'s steps: the time-driven work a timer runs (DESIGN: not in requests).

An app adds a step in its own `ticks.py`, found by autodiscovery like Django admin's `admin.py`:

    from yuanqu.supervision.tick_registry import tick_step

    @tick_step("appeals_overdue", label="诉求逾期督办", order=50)
    def appeals_overdue(today):
        ...
        return {"escalated": n}

A step receives today's date (the one clock) and returns counts of what it changed. Every step must
be idempotent: run twice in a row, the second run changes nothing and returns only zeros.
Steps run in `order`, then by name.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from django.utils.module_loading import autodiscover_modules

from yuanqu.common import clock


@dataclass(frozen=True)
class TickStep:
    name: str
    label: str
    order: int
    run: Callable[[dt.date], dict]


_steps: dict[str, TickStep] = {}


def tick_step(name: str, *, label: str, order: int = 100):
    def register(func):
        _steps[name] = TickStep(name, label, order, func)
        return func

    return register


def steps() -> list[TickStep]:
    autodiscover_modules("ticks")
    return sorted(_steps.values(), key=lambda s: (s.order, s.name))


def run_ticks(today: dt.date | None = None, only: list[str] | None = None) -> list[tuple[TickStep, dict]]:
    """Run the steps (all, or those named) as of today; each step's counts, in order."""
    today = today or clock.today()
    chosen = steps()
    if only:
        unknown = set(only) - {s.name for s in chosen}
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        chosen = [s for s in chosen if s.name in only]
    return [(s, s.run(today)) for s in chosen]
