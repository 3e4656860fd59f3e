"""Writes of indicators and their values. Every change of a value leaves a ValueRevision (who, when,
old and new figure, why) and a change-log row; revising a confirmed figure needs a reason.

Staff with indicators.enter enter figures that count at once; an enterprise (indicators.report)
reports its own, which wait (待审核) until the zone's statistics clerk confirms or returns them.
"""

import re
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from yuanqu.audit.context import records_actor
from yuanqu.common import clock

from . import selectors
from .choices import LEVEL_RANK, Level, RevisionAction, Source, ValueState
from .growth import subject_key
from .models import Indicator, IndicatorValue, ValueRevision
from .periods import Period

MSG_NO_RIGHT = "您无权填报该对象的指标数据。"
MSG_NO_REVIEW = "您无权审核该数据。"
MSG_NO_CATALOGUE = "只有系统管理员可以维护指标目录。"
MSG_INACTIVE = "指标“{name}”已停用,不再接受新数据。"
MSG_LEVEL = "指标“{name}”按{level}填报,不能填报到{subject}。"
MSG_PARK_ZONE = "所选产业园不属于该园区。"
MSG_ENTERPRISE_ZONE = "所选企业不属于该园区。"
MSG_NEGATIVE = "数值不能为负数。"
MSG_TOO_BIG = "数值过大,请检查单位(金额以万元填报)。"
MSG_GROWTH_RANGE = "同比增速须在-100%至10000%之间。"
MSG_REASON_REQUIRED = "修订已核定的数据须写明修订原因。"
MSG_STALE = "该数据已被他人修改,请刷新后重试。"
MSG_NOT_PENDING = "只有待审核的数据可以核定或退回。"
MSG_RETURN_REASON = "退回须写明原因。"
MSG_CODE = "指标代码只能包含字母、数字和下划线。"
MSG_PARENT_SELF = "“其中”项不能属于自身或自己的下级。"
MSG_UNCHANGED = "数值与增速均未改变,无需修订。"
MSG_NOT_NUMBER = "须为有效的数字。"
MSG_MEANING = "该指标已有{count}条数据,不能再改变其{fields}(会改变已有数据的含义);如口径确有变化,请新建指标并停用本指标。"

MAX_VALUE = Decimal("1e15")


def _invalid(field: str, message: str, code: str) -> ValidationError:
    """A field's error that keeps its code (a dict of plain messages would drop it)."""
    return ValidationError({field: ValidationError(message, code=code)})


def _level_of(park, enterprise) -> str:
    if enterprise is not None:
        return Level.ENTERPRISE
    if park is not None:
        return Level.PARK
    return Level.ZONE


def _check_subject(indicator: Indicator, zone, park, enterprise) -> None:
    if enterprise is not None and enterprise.zone_id != zone.pk:
        raise _invalid("enterprise", MSG_ENTERPRISE_ZONE, "enterprise_zone")
    if park is not None and park.zone_id != zone.pk:
        raise _invalid("park", MSG_PARK_ZONE, "park_zone")
    level = _level_of(park, enterprise)
    # A figure may be entered at the indicator's level or above it (a zone's total typed in directly).
    if LEVEL_RANK[level] > LEVEL_RANK[indicator.level]:
        raise _invalid("indicator", MSG_LEVEL.format(
            name=indicator.name, level=Level(indicator.level).label, subject=Level(level).label), "level")


def _check_numbers(value: Decimal, reported_growth: Decimal | None) -> None:
    if not value.is_finite():
        raise _invalid("value", MSG_NOT_NUMBER, "not_number")
    if reported_growth is not None and not reported_growth.is_finite():
        raise _invalid("reported_growth", MSG_NOT_NUMBER, "not_number")
    if value < 0:
        raise _invalid("value", MSG_NEGATIVE, "negative")
    if abs(value) >= MAX_VALUE:
        raise _invalid("value", MSG_TOO_BIG, "too_big")
    if reported_growth is not None and not Decimal(-100) <= reported_growth <= Decimal(10000):
        raise _invalid("reported_growth", MSG_GROWTH_RANGE, "growth_range")


@records_actor
@transaction.atomic
def value_save(*, actor, indicator: Indicator, zone, period: Period, value: Decimal, park=None, enterprise=None,
               reported_growth: Decimal | None = None, note: str = "", reason: str = "",
               source: str = Source.FORM, version: int | None = None, illustrative: bool = False) -> IndicatorValue:
    """Enter a figure, or revise the one already there for the same indicator, subject and period.

    Staff (indicators.enter) write confirmed figures; an enterprise (indicators.report) writes its own
    as 待审核. A confirmed figure is revised only with a reason; `version` (from the edit form)
    refuses a revision made over someone else's."""
    value = Decimal(value)
    reported_growth = None if reported_growth in (None, "") else Decimal(reported_growth)
    if enterprise is not None:
        # An enterprise's figure sits in the enterprise's own park, whatever park was named with it
        # (a park-limited role must not reach another park's enterprise through a mislabelled row).
        park = enterprise.park
    probe = IndicatorValue(indicator=indicator, zone=zone, park=park, enterprise=enterprise)
    staff = selectors.may(actor, selectors.ENTER, probe)
    own = enterprise is not None and selectors.may(actor, selectors.REPORT, probe)
    if not (staff or own):
        raise PermissionDenied(MSG_NO_RIGHT)
    if not indicator.is_active:
        raise _invalid("indicator", MSG_INACTIVE.format(name=indicator.name), "inactive")
    _check_subject(indicator, zone, park, enterprise)
    _check_numbers(value, reported_growth)
    level = _level_of(park, enterprise)
    key = subject_key(level, (enterprise or park or zone).pk)
    existing = (IndicatorValue.objects.select_for_update()
                .filter(indicator=indicator, subject_key=key, year=period.year,
                        period_kind=period.kind, period=period.number).order_by("pk").first())
    state = ValueState.CONFIRMED if staff else ValueState.PENDING
    if not staff:
        source = Source.ENTERPRISE
    now = clock.now()
    if existing is None:
        row = IndicatorValue(
            indicator=indicator, zone=zone, park=park, enterprise=enterprise, level=level, subject_key=key,
            year=period.year, period_kind=period.kind, period=period.number, value=value,
            reported_growth=reported_growth, state=state, source=source, note=note, entered_by=actor,
            is_illustrative=illustrative,
        )
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:  # another request entered the same figure a moment ago
            raise ValidationError(MSG_STALE, code="stale") from None
        ValueRevision.objects.create(
            value=row, action=RevisionAction.ENTER if staff else RevisionAction.SUBMIT, changed_by=actor,
            new_value=value, new_growth=reported_growth, source=source, reason=reason)
        return row
    if version is not None and existing.version != version:
        raise ValidationError(MSG_STALE, code="stale")
    if not staff and existing.state == ValueState.CONFIRMED:
        # An enterprise cannot overwrite a figure the zone has confirmed.
        raise PermissionDenied(MSG_NO_RIGHT)
    if existing.state == ValueState.CONFIRMED and not reason.strip():
        raise _invalid("reason", MSG_REASON_REQUIRED, "reason_required")
    if existing.value == value and existing.reported_growth == reported_growth and existing.state == state \
            and existing.note == note:
        raise ValidationError(MSG_UNCHANGED, code="unchanged")
    old_value, old_growth = existing.value, existing.reported_growth
    existing.value, existing.reported_growth, existing.note = value, reported_growth, note
    existing.source, existing.version = source, existing.version + 1
    if staff and existing.state != ValueState.CONFIRMED:
        existing.reviewed_by, existing.reviewed_at = actor, now
    existing.state = state
    existing.return_reason = "" if state != ValueState.RETURNED else existing.return_reason
    existing.save()
    ValueRevision.objects.create(
        value=existing, action=RevisionAction.REVISE if staff else RevisionAction.SUBMIT, changed_by=actor,
        old_value=old_value, new_value=value, old_growth=old_growth, new_growth=reported_growth,
        source=source, reason=reason)
    return existing


def _review(actor, value: IndicatorValue, version: int | None) -> IndicatorValue:
    value = IndicatorValue.objects.select_for_update(of=("self",)).select_related("park", "enterprise").get(pk=value.pk)
    if not selectors.may(actor, selectors.REVIEW, value):
        raise PermissionDenied(MSG_NO_REVIEW)
    if value.state != ValueState.PENDING:
        raise ValidationError(MSG_NOT_PENDING, code="not_pending")
    if version is not None and value.version != version:
        raise ValidationError(MSG_STALE, code="stale")
    return value


@records_actor
@transaction.atomic
def value_confirm(*, actor, value: IndicatorValue, version: int | None = None) -> IndicatorValue:
    """The clerk accepts an enterprise's figure: from now on it counts."""
    value = _review(actor, value, version)
    value.state, value.reviewed_by, value.reviewed_at = ValueState.CONFIRMED, actor, clock.now()
    value.version += 1
    value.save()
    ValueRevision.objects.create(value=value, action=RevisionAction.CONFIRM, changed_by=actor,
                                 old_value=value.value, new_value=value.value, source=value.source)
    return value


@records_actor
@transaction.atomic
def value_return(*, actor, value: IndicatorValue, reason: str, version: int | None = None) -> IndicatorValue:
    """The clerk sends an enterprise's figure back with the reason; the enterprise corrects and resubmits."""
    if not reason.strip():
        raise _invalid("reason", MSG_RETURN_REASON, "reason_required")
    value = _review(actor, value, version)
    value.state, value.return_reason = ValueState.RETURNED, reason.strip()
    value.reviewed_by, value.reviewed_at = actor, clock.now()
    value.version += 1
    value.save()
    ValueRevision.objects.create(value=value, action=RevisionAction.RETURN, changed_by=actor,
                                 old_value=value.value, new_value=value.value, source=value.source,
                                 reason=reason.strip())
    return value


@records_actor
@transaction.atomic
def indicator_save(*, actor, data: dict, indicator: Indicator | None = None,
                   version: int | None = None) -> Indicator:
    """Add an indicator to the catalogue or change one (the system administrator's list)."""
    from yuanqu.accounts.access import access_for

    if not access_for(actor).has(selectors.CATALOGUE):
        raise PermissionDenied(MSG_NO_CATALOGUE)
    if indicator is not None:
        indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if version is not None and indicator.version != version:
            raise ValidationError(MSG_STALE, code="stale")
        indicator.version += 1
    else:
        indicator = Indicator()
    code = str(data.get("code", indicator.code)).strip()
    if not re.fullmatch(r"[A-Za-z0-9_]+", code):
        raise _invalid("code", MSG_CODE, "code")
    parent = data.get("parent", indicator.parent if indicator.pk else None)
    ancestor = parent
    while ancestor is not None:
        if indicator.pk and ancestor.pk == indicator.pk:
            raise _invalid("parent", MSG_PARENT_SELF, "parent_cycle")
        ancestor = ancestor.parent
    if indicator.pk:
        meaning = {"unit": "计量单位", "cumulative": "累计/当期", "level": "填报层级"}
        changed = [label for f, label in meaning.items() if f in data and data[f] != getattr(indicator, f)]
        count = indicator.values.count() if changed else 0
        if count:
            raise ValidationError(MSG_MEANING.format(count=count, fields="、".join(changed)), code="meaning")
    for field in ("name", "unit", "cumulative", "level", "aggregation", "lead", "definition", "is_key",
                  "sort_order", "is_active"):
        if field in data:
            setattr(indicator, field, data[field])
    indicator.code, indicator.parent = code, parent
    indicator.full_clean()
    indicator.save()
    return indicator
