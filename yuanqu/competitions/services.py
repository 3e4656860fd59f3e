"""Writes on competitions: each checks that the actor is the organiser (市园区办), validates, saves and
writes the audit row (django-auditlog) in the same transaction.

History: a period's scores are kept once computed. Recomputing a computed period replaces its
scores with the same result when nothing changed (idempotent); a published period is closed and
refuses recomputation, manual values and term changes reach only periods not yet published.
"""

import calendar
import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from yuanqu.audit.context import records_actor
from yuanqu.registry.models import Zone

from . import measures, scoring
from .choices import PeriodKind, PeriodState, TermSource
from .models import Award, Competition, ManualValue, Period, Score, Term
from .permissions import can_manage

MSG_NO_RIGHT = "只有市园区办可以组织竞赛、录入评分、计算和发布排名。"
MSG_PUBLISHED = "“{period}”的排名已发布,不能再修改或重新计算。"
MSG_NO_TERMS = "请先设置计分公式的评分项。"
MSG_WEIGHTS = "各评分项权重之和须为1,当前为{total}。"
MSG_NOT_COMPUTED = "请先计算排名,再发布。"
MSG_AWARD_UNPUBLISHED = "排名发布后才能授予奖项。"
MSG_BAD_NUMBER = "第{n}期不存在:{kind}的期号应在1到{max}之间。"
MSG_MANUAL_TERM = "“{label}”不是人工评分项。"
MSG_MANUAL_RANGE = "{zone}的分值“{value}”不正确:请填写0到100之间的数。"
MSG_TERMS_LOCKED = "已有发布的排名时不能删除评分项:已发布排名须与其公式一致。可新增评分项用于今后各期。"

QUARTER_NAMES = {1: "一季度", 2: "二季度", 3: "三季度", 4: "四季度"}
PERIOD_COUNT = {PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12, PeriodKind.YEAR: 1}


def _require_manager(actor):
    if not can_manage(actor):
        raise PermissionDenied(MSG_NO_RIGHT)


def _require_open(period: Period):
    if period.state == PeriodState.PUBLISHED:
        raise ValidationError(MSG_PUBLISHED.format(period=period.label), code="published")


def period_bounds(kind: str, year: int, number: int) -> tuple[str, dt.date, dt.date]:
    """(label, first day, last day) of the number-th period of a year: 2021年一季度, 2021-01-01, 2021-03-31."""
    count = PERIOD_COUNT[PeriodKind(kind)]
    if not 1 <= number <= count:
        raise ValidationError(MSG_BAD_NUMBER.format(n=number, kind=PeriodKind(kind).label, max=count), code="number")
    if kind == PeriodKind.QUARTER:
        first = 3 * number - 2
        last = first + 2
        return f"{year}年{QUARTER_NAMES[number]}", dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    if kind == PeriodKind.MONTH:
        return f"{year}年{number}月", dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])
    return f"{year}年度", dt.date(year, 1, 1), dt.date(year, 12, 31)


@records_actor
@transaction.atomic
def competition_create(*, actor, data: dict) -> Competition:
    _require_manager(actor)
    competition = Competition(**data)
    competition.full_clean()
    competition.save()
    return competition


@records_actor
@transaction.atomic
def term_add(*, actor, competition: Competition, data: dict) -> Term:
    _require_manager(actor)
    term = Term(competition=competition, **data)
    if not term.sort_order:
        term.sort_order = competition.terms.count() + 1
    term.full_clean()
    term.save()
    return term


@records_actor
@transaction.atomic
def term_delete(*, actor, term: Term) -> None:
    _require_manager(actor)
    if term.competition.periods.filter(state=PeriodState.PUBLISHED).exists():
        raise ValidationError(MSG_TERMS_LOCKED, code="locked")
    term.delete()


@records_actor
@transaction.atomic
def period_create(*, actor, competition: Competition, year: int, number: int) -> Period:
    _require_manager(actor)
    label, start, end = period_bounds(competition.period_kind, year, number)
    period = Period(competition=competition, label=label, start=start, end=end)
    period.full_clean()
    period.save()
    return period


@records_actor
@transaction.atomic
def manual_values_set(*, actor, period: Period, term: Term, values: dict[int, Decimal | None], notes: dict | None = None) -> int:
    """Set a manual term's value per zone id (None clears it). All or nothing: one bad value saves none."""
    _require_manager(actor)
    period = Period.objects.select_for_update().get(pk=period.pk)
    _require_open(period)
    if term.source != TermSource.MANUAL or term.competition_id != period.competition_id:
        raise ValidationError(MSG_MANUAL_TERM.format(label=term.label), code="not_manual")
    zones = Zone.objects.in_bulk(list(values))
    errors = []
    for zone_id, value in values.items():
        if value is not None and not (Decimal(0) <= value <= Decimal(100)):
            errors.append(ValidationError(MSG_MANUAL_RANGE.format(zone=zones[zone_id].short_name, value=value), code="range"))
    if errors:
        raise ValidationError(errors)
    saved = 0
    for zone_id, value in values.items():
        existing = ManualValue.objects.filter(period=period, term=term, zone_id=zone_id).first()
        if value is None:
            if existing:
                existing.delete()
            continue
        mv = existing or ManualValue(period=period, term=term, zone_id=zone_id)
        mv.value, mv.note = value, (notes or {}).get(zone_id, mv.note)
        mv.full_clean()
        mv.save()
        saved += 1
    return saved


def _term_note(term: Term) -> str:
    if term.source == TermSource.INVESTMENT:
        return measures.investment_note()
    if term.source == TermSource.GROWTH and term.indicator is not None:
        return f"{term.indicator.name}同比增速,取自经济指标(按上年同期数计算;无上年同期数时用填报增速)"
    return ""


def _specs(terms) -> list[scoring.TermSpec]:
    return [scoring.TermSpec(label=t.label, weight=t.weight, normalisation=t.normalisation, source=t.source) for t in terms]


@records_actor
@transaction.atomic
def period_compute(*, actor, period: Period) -> list[Score]:
    """Score every zone for the period by the competition's current formula; replaces the period's
    scores, so computing twice over the same data gives the same rows."""
    _require_manager(actor)
    period = Period.objects.select_for_update().select_related("competition").get(pk=period.pk)
    _require_open(period)
    terms = list(period.competition.terms.select_related("indicator"))
    if not terms:
        raise ValidationError(MSG_NO_TERMS, code="no_terms")
    total_weight = sum((t.weight for t in terms), Decimal(0))
    if total_weight != Decimal(1):
        raise ValidationError(MSG_WEIGHTS.format(total=f"{total_weight.normalize():f}"), code="weights")
    zone_ids = list(Zone.objects.order_by("sort_order", "id").values_list("pk", flat=True))
    manual: dict[int, dict[int, Decimal]] = {}
    for mv in ManualValue.objects.filter(period=period):
        manual.setdefault(mv.term_id, {})[mv.zone_id] = mv.value
    raw = [measures.raw_values(t.source, period, manual.get(t.pk), indicator=t.indicator) for t in terms]
    results = scoring.compute(_specs(terms), raw, zone_ids)

    # Update rows in place (same ids, nothing written when nothing changed); drop zones no longer there.
    existing = {s.zone_id: s for s in Score.objects.filter(period=period)}
    scores = []
    for r in results:
        score = existing.pop(r.zone_id, None) or Score(period=period, zone_id=r.zone_id)
        if score.pk is None or (score.total, score.rank, score.parts) != (r.total, r.rank, r.parts):
            score.total, score.rank, score.parts = r.total, r.rank, r.parts
            score.save()
        scores.append(score)
    Score.objects.filter(pk__in=[s.pk for s in existing.values()]).delete()
    period.formula_text = scoring.formula_text(_specs(terms))
    period.terms_snapshot = [
        {"label": t.label, "source": t.source, "source_label": TermSource(t.source).label, "weight": f"{t.weight.normalize():f}",
         "normalisation": t.normalisation, "normalisation_label": t.get_normalisation_display(),
         "note": _term_note(t)}
        for t in terms
    ]
    period.state = PeriodState.COMPUTED
    period.computed_at = timezone.now()
    period.save()
    return scores


@records_actor
@transaction.atomic
def period_publish(*, actor, period: Period) -> Period:
    """Close the period: its ranking becomes visible to the zones and can no longer change."""
    _require_manager(actor)
    period = Period.objects.select_for_update().get(pk=period.pk)
    _require_open(period)
    if period.state != PeriodState.COMPUTED:
        raise ValidationError(MSG_NOT_COMPUTED, code="not_computed")
    period.state = PeriodState.PUBLISHED
    period.published_at = timezone.now()
    period.save()
    return period


@records_actor
@transaction.atomic
def award_give(*, actor, period: Period, zone: Zone, name: str, note: str = "") -> Award:
    _require_manager(actor)
    period = Period.objects.get(pk=period.pk)  # its state as stored, not as the caller last saw it
    if period.state != PeriodState.PUBLISHED:
        raise ValidationError(MSG_AWARD_UNPUBLISHED, code="unpublished")
    award = Award(period=period, zone=zone, name=name.strip(), note=note.strip(), given_by=actor)
    award.full_clean()
    award.save()
    return award
