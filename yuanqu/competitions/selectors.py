"""Reads of competitions. Readers (the city and zone staff) see every competition; draft periods and
their rankings only the organiser (市园区办) sees, a zone's staff see published ones (others 404)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from yuanqu.registry.models import Zone

from .choices import PeriodState, TermSource
from .models import Award, Competition, ManualValue, Period, Score
from .permissions import can_manage


def competition_list(user) -> QuerySet[Competition]:
    return Competition.objects.all()


def competition_detail(user, pk: int) -> Competition:
    return get_object_or_404(competition_list(user).prefetch_related("terms"), pk=pk)


def period_list(user, competition: Competition | None = None) -> QuerySet[Period]:
    qs = Period.objects.select_related("competition")
    if competition is not None:
        qs = qs.filter(competition=competition)
    if not can_manage(user):
        qs = qs.filter(state=PeriodState.PUBLISHED)
    return qs


def period_detail(user, pk: int) -> Period:
    return get_object_or_404(period_list(user), pk=pk)


def ranking(period: Period) -> list[Score]:
    return list(Score.objects.filter(period=period).select_related("zone"))


def awards(periods) -> list[Award]:
    return list(Award.objects.filter(period__in=periods).select_related("zone", "period").order_by("period__start", "id"))


def history(periods: list[Period]) -> dict:
    """Zone × period table of (total, rank), in one query: rows in zone order, columns in period order."""
    periods = [p for p in periods if p.state != PeriodState.DRAFT]
    scores = Score.objects.filter(period__in=periods).select_related("zone")
    cells: dict[int, dict[int, Score]] = {}
    zones: dict[int, Zone] = {}
    for s in scores:
        cells.setdefault(s.zone_id, {})[s.period_id] = s
        zones[s.zone_id] = s.zone
    ordered = sorted(zones.values(), key=lambda z: (z.sort_order, z.pk))
    rows = [{"zone": z, "cells": [cells[z.pk].get(p.pk) for p in periods]} for z in ordered]
    return {"periods": periods, "rows": rows}


def manual_values(period: Period) -> dict[tuple[int, int], ManualValue]:
    """(term id, zone id) → value entered for the period."""
    return {(mv.term_id, mv.zone_id): mv for mv in ManualValue.objects.filter(period=period)}


def manual_terms(competition: Competition) -> list:
    return [t for t in competition.terms.all() if t.source == TermSource.MANUAL]


def zones() -> list[Zone]:
    return list(Zone.objects.order_by("sort_order", "id"))
