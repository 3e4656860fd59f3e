"""Reception days (企业接待日): the schedule rule, the host rotation, and the writes of a zone's days,
hosts and settings.

The rule is pure: a month's reception day is the zone's day of the month (9 by default), moved by the
zone's shift rule when that is not a working day of the one calendar (yuanqu.common.workdays). A
date in a year whose holidays are not yet published is computed from weekends and the fixed-date
holidays and marked provisional.

Hosts rotate in ReceptionHost order: a day's host is the one after the host of the latest earlier day
(cancelled days do not count: the leader whose day was cancelled hosts the next one).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet

from yuanqu.accounts.access import access_for
from yuanqu.audit.context import records_actor
from yuanqu.common import clock, workdays
from yuanqu.common.services import MSG_STALE, versioned_save
from yuanqu.registry.models import Enterprise, Official, Zone

from .choices import ReceptionStatus, ShiftRule
from .models import Appeal, AppealSettings, ReceptionDay, ReceptionHost
from .selectors import appeal_scope, appeal_settings_for

ONE_DAY = dt.timedelta(days=1)
MANAGE = "appeals.reception"
MAX_PLAN = 12  # a year ahead at most: later years' holidays are not published anyway

MSG_NO_RIGHT = "只有该园区的领导可以安排企业接待日。"
MSG_COUNT = "请选择计划的期数(1至{n}期)。".format(n=MAX_PLAN)
MSG_HOST_ZONE = "坐镇领导须是本园区的干部。"
MSG_ENTERPRISE_ZONE = "接待企业须是本园区的企业:{names}。"
MSG_HELD_FUTURE = "接待日为{day},尚未到来,不能标记为已举行。"
MSG_HOLD_STATE = "该接待日{state},不能再标记为已举行。"
MSG_CANCEL_WITH_APPEALS = "该接待日已登记{n}件诉求,不能取消;如日期有变,请修改日期。"
MSG_CANCELLED_DAY = "该接待日已取消,不能再登记接待企业。"
MSG_ENTERPRISE_REQUIRED = "请选择接待的企业。"
MSG_DATE_REQUIRED = "请填写接待日期。"
MSG_HOST_DUPLICATE = "该领导已在轮值名单中。"
MSG_MOVE = "没有“{direction}”这个调整方向。"

SETTINGS_FIELDS = ("reception_name", "reception_day", "shift_rule", "reception_place", "response_workdays",
                   "default_workdays", "reopen_workdays", "auto_rate_workdays")


# ---- the rule (pure but for the calendar) ---------------------------------------------------------

@dataclass(frozen=True)
class Scheduled:
    """A month's reception date under a zone's rule."""

    year: int
    month: int
    nominal: dt.date  # the day of the month as set
    date: dt.date  # where the rule puts it
    provisional: bool  # computed without the year's published holidays

    @property
    def shifted(self) -> bool:
        return self.date != self.nominal


def reception_date(year: int, month: int, *, day: int = 9, rule: str = ShiftRule.NEXT) -> Scheduled:
    """The reception date of a month: `day`, or the working day the shift rule moves it to."""
    nominal = dt.date(year, month, day)
    date = nominal
    if rule == ShiftRule.NEXT:
        date = workdays.next_workday(nominal, provisional=True)
    elif rule == ShiftRule.PREVIOUS:
        while not workdays.is_workday(date, provisional=True):
            date -= ONE_DAY
    # KEEP holds it on the day whatever the calendar says; the calendar is then not consulted.
    provisional = rule != ShiftRule.KEEP and workdays.is_provisional(nominal, date)
    return Scheduled(year, month, nominal, date, provisional)


def scheduled_for(settings: AppealSettings, year: int, month: int) -> Scheduled:
    return reception_date(year, month, day=settings.reception_day, rule=settings.shift_rule)


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def rule_month(settings: AppealSettings, date: dt.date) -> tuple[int, int]:
    """The month a reception date stands for. A shift can carry a day across a month's end (the 28th
    moved past 国庆, the 1st brought back into the month before); a date the rule does not give (edited
    by hand) stands for its own month."""
    own = (date.year, date.month)
    for year, month in (own, _previous_month(*own), next_month(*own)):
        if scheduled_for(settings, year, month).date == date:
            return year, month
    return own


def first_month_from(settings: AppealSettings, today: dt.date) -> tuple[int, int]:
    """The first month whose reception date is today or later."""
    here = (today.year, today.month)
    return here if scheduled_for(settings, *here).date >= today else next_month(*here)


def host_after(hosts: list, previous_host_ids: list) -> object | None:
    """The next host in rotation: the one after the most recent previous host still in the list
    (`previous_host_ids` newest first); the first host when none of them is; None with no hosts."""
    if not hosts:
        return None
    order = [h.pk for h in hosts]
    for host_id in previous_host_ids:
        if host_id in order:
            return hosts[(order.index(host_id) + 1) % len(hosts)]
    return hosts[0]


# ---- who may and where --------------------------------------------------------------------------

def can_manage(user, zone_id: int) -> bool:
    scope = access_for(user).scope(MANAGE)
    return scope.everywhere or zone_id in scope.zone_ids


def managed_zones(user) -> QuerySet[Zone]:
    scope = access_for(user).scope(MANAGE)
    qs = Zone.objects.order_by("sort_order", "id")
    return qs if scope.everywhere else qs.filter(pk__in=scope.zone_ids)


def visible_zones(user) -> QuerySet[Zone]:
    """Zones whose reception days the user may list: its zones, its departments' zones, its enterprises'."""
    scope = access_for(user).scope("appeals.view")
    qs = Zone.objects.order_by("sort_order", "id")
    if scope.everywhere:
        return qs
    ids = scope.zone_ids | scope.department_zone_ids
    if scope.enterprise_ids:
        ids |= set(Enterprise.objects.filter(pk__in=scope.enterprise_ids).values_list("zone_id", flat=True))
    return qs.filter(pk__in=ids)


def can_intake_in(user, zone_id: int) -> bool:
    """Whether the user takes appeals for the zone's enterprises (the reception day's staff)."""
    scope = access_for(user).scope("appeals.intake")
    return scope.everywhere or zone_id in scope.zone_ids


def _require_manage(actor, zone_id: int) -> None:
    if not can_manage(actor, zone_id):
        raise PermissionDenied(MSG_NO_RIGHT)


def zone_hosts(zone) -> list[Official]:
    """The zone's hosts in rotation order, as officials."""
    return [h.official for h in ReceptionHost.objects.filter(zone=zone).select_related("official")]


def previous_host_ids(zone, before: dt.date | None = None) -> list[int]:
    days = ReceptionDay.objects.filter(zone=zone, host__isnull=False).exclude(status=ReceptionStatus.CANCELLED)
    if before is not None:
        days = days.filter(date__lt=before)
    return list(days.order_by("-date", "-id").values_list("host_id", flat=True)[:50])


def next_host_for(zone, date: dt.date | None = None):
    """Who hosts the zone's next day (after every day there is, or the day on `date`)."""
    return host_after(zone_hosts(zone), previous_host_ids(zone, before=date))


# ---- planning -----------------------------------------------------------------------------------

@records_actor
@transaction.atomic
def reception_plan(*, actor, zone, count: int) -> list[ReceptionDay]:
    """Make sure the zone has `count` reception days from today on (cancelled ones not counted),
    adding the missing ones month by month after its last day, each with the next host in rotation.
    Idempotent: planning the same count again adds nothing. Each new day carries `.provisional`."""
    _require_manage(actor, zone.pk)
    try:
        count = int(count)
    except (TypeError, ValueError):
        count = 0
    if not 1 <= count <= MAX_PLAN:
        raise ValidationError({"count": MSG_COUNT}, code="count")
    # One planner at a time per zone: a second waits here and then finds the first one's days.
    Zone.objects.select_for_update().filter(pk=zone.pk).first()
    settings = appeal_settings_for(zone)
    today = clock.today()
    days = list(ReceptionDay.objects.filter(zone=zone).order_by("date", "id"))
    upcoming = [d for d in days if d.date >= today and d.status != ReceptionStatus.CANCELLED]
    missing = count - len(upcoming)
    if missing <= 0:
        return []
    month = first_month_from(settings, today)
    if days:
        month = max(month, next_month(*rule_month(settings, days[-1].date)))
    number = max((d.number for d in days), default=0)
    hosts = zone_hosts(zone)
    previous = [d.host_id for d in reversed(days) if d.host_id and d.status != ReceptionStatus.CANCELLED]
    created = []
    for _ in range(missing):
        scheduled = scheduled_for(settings, *month)
        host = host_after(hosts, previous)
        number += 1
        day = ReceptionDay(zone=zone, number=number, date=scheduled.date, host=host, place=settings.reception_place)
        day.full_clean()
        day.save()
        day.provisional = scheduled.provisional
        created.append(day)
        if host is not None:
            previous.insert(0, host.pk)
        month = next_month(*month)
    return created


# ---- a day --------------------------------------------------------------------------------------

def _check_enterprises(zone, enterprises) -> list:
    enterprises = list(enterprises)
    foreign = [e.name for e in enterprises if e.zone_id != zone.pk]
    if foreign:
        raise ValidationError({"enterprises": MSG_ENTERPRISE_ZONE.format(names="、".join(foreign))}, code="zone")
    return enterprises


@records_actor
@transaction.atomic
def reception_edit(*, actor, day: ReceptionDay, version: int | None, date: dt.date, host=None, place: str = "",
                   attendees: str = "", summary: str = "", status: str = ReceptionStatus.PLANNED,
                   enterprises=None) -> ReceptionDay:
    """Edit a day as one whole: refused if someone saved it since `version` was read, and nothing is
    saved when any part is wrong. `enterprises` None leaves the enterprises received as they are."""
    _require_manage(actor, day.zone_id)
    errors = {}
    if date is None:
        errors["date"] = MSG_DATE_REQUIRED
    if host is not None and host.zone_id != day.zone_id:
        errors["host"] = MSG_HOST_ZONE
    if status == ReceptionStatus.HELD and date is not None and date > clock.today():
        errors["status"] = MSG_HELD_FUTURE.format(day=f"{date:%Y-%m-%d}")
    if status == ReceptionStatus.CANCELLED:
        n = Appeal.objects.filter(reception=day).count()
        if n:
            errors["status"] = MSG_CANCEL_WITH_APPEALS.format(n=n)
    if enterprises is not None:
        try:
            enterprises = _check_enterprises(day.zone, enterprises)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    day = versioned_save(day, version=version, data={
        "date": date, "host": host, "place": (place or "").strip(), "attendees": (attendees or "").strip(),
        "summary": (summary or "").strip(), "status": status,
    })
    if enterprises is not None:
        day.enterprises.set(enterprises)
    return day


@records_actor
@transaction.atomic
def reception_enterprises_add(*, actor, day: ReceptionDay, enterprises) -> ReceptionDay:
    """Record enterprises received on the day (those already recorded are kept)."""
    _require_manage(actor, day.zone_id)
    day = ReceptionDay.objects.select_for_update().get(pk=day.pk)
    enterprises = _check_enterprises(day.zone, enterprises)
    if not enterprises:
        raise ValidationError({"enterprise": MSG_ENTERPRISE_REQUIRED}, code="required")
    if day.status == ReceptionStatus.CANCELLED:
        raise ValidationError(MSG_CANCELLED_DAY, code="cancelled")
    day.enterprises.add(*enterprises)
    # A new version, so an edit form opened before (it carries the list of enterprises) is refused
    # rather than silently dropping the enterprise just recorded.
    day.version += 1
    day.save(update_fields=["version", "updated_at"])
    return day


@records_actor
@transaction.atomic
def reception_hold(*, actor, day: ReceptionDay) -> ReceptionDay:
    """The day took place (已举行)."""
    _require_manage(actor, day.zone_id)
    day = ReceptionDay.objects.select_for_update().get(pk=day.pk)
    if day.status != ReceptionStatus.PLANNED:
        raise ValidationError(MSG_HOLD_STATE.format(state=ReceptionStatus(day.status).label), code="illegal")
    if day.date > clock.today():
        raise ValidationError(MSG_HELD_FUTURE.format(day=f"{day.date:%Y-%m-%d}"), code="future")
    day.status = ReceptionStatus.HELD
    day.version += 1
    day.save(update_fields=["status", "version", "updated_at"])
    return day


# ---- the zone's settings and hosts --------------------------------------------------------------

@records_actor
@transaction.atomic
def appeal_settings_save(*, actor, zone, version: int | None, **fields) -> AppealSettings:
    """Save the zone's reception and appeal settings. `version` is the one the form was opened at,
    0 when the zone had none yet (a row created meanwhile is then a concurrent edit)."""
    _require_manage(actor, zone.pk)
    unknown = set(fields) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown settings fields: {sorted(unknown)}")
    Zone.objects.select_for_update().filter(pk=zone.pk).first()  # two first saves cannot both create
    current = AppealSettings.objects.filter(zone=zone).first()
    if current is not None:
        return versioned_save(current, version=version, data=fields)
    if version:
        raise ValidationError(MSG_STALE, code="stale")
    settings = AppealSettings(zone=zone, **fields)
    settings.full_clean()
    settings.save()
    return settings


@records_actor
@transaction.atomic
def reception_host_add(*, actor, zone, official) -> ReceptionHost:
    """Add a leader at the end of the zone's rotation."""
    _require_manage(actor, zone.pk)
    if official is None or official.zone_id != zone.pk:
        raise ValidationError({"official": MSG_HOST_ZONE}, code="zone")
    Zone.objects.select_for_update().filter(pk=zone.pk).first()
    if ReceptionHost.objects.filter(zone=zone, official=official).exists():
        raise ValidationError({"official": MSG_HOST_DUPLICATE}, code="duplicate")
    last = ReceptionHost.objects.filter(zone=zone).aggregate(m=Max("sort_order"))["m"] or 0
    host = ReceptionHost(zone=zone, official=official, sort_order=last + 1)
    host.full_clean()
    host.save()
    return host


def _renumber(zone, hosts: list[ReceptionHost]) -> None:
    for order, host in enumerate(hosts, start=1):
        if host.sort_order != order:
            host.sort_order = order
            host.save(update_fields=["sort_order"])


@records_actor
@transaction.atomic
def reception_host_remove(*, actor, host: ReceptionHost) -> None:
    """Take a leader out of the rotation (the days it hosted keep their host)."""
    _require_manage(actor, host.zone_id)
    zone = Zone.objects.select_for_update().get(pk=host.zone_id)
    ReceptionHost.objects.filter(pk=host.pk).delete()
    _renumber(zone, list(ReceptionHost.objects.filter(zone=zone)))


@records_actor
@transaction.atomic
def reception_host_move(*, actor, host: ReceptionHost, direction: str) -> None:
    """Move a leader one place up or down the rotation."""
    _require_manage(actor, host.zone_id)
    if direction not in ("up", "down"):
        raise ValidationError(MSG_MOVE.format(direction=direction), code="direction")
    zone = Zone.objects.select_for_update().get(pk=host.zone_id)
    hosts = list(ReceptionHost.objects.filter(zone=zone))
    i = next((k for k, h in enumerate(hosts) if h.pk == host.pk), None)
    if i is None:
        return
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(hosts):
        hosts[i], hosts[j] = hosts[j], hosts[i]
    _renumber(zone, hosts)


# ---- the minutes (read) -------------------------------------------------------------------------

@dataclass
class Minutes:
    """What the minutes of a day say: the day, its title and the appeals taken on it that the reader sees."""

    day: ReceptionDay
    title: str
    reception_name: str
    enterprises: list
    appeals: list


def reception_title(day: ReceptionDay, settings: AppealSettings | None = None) -> str:
    settings = settings or appeal_settings_for(day.zone)
    return f"{day.zone.short_name}第{day.number}期“{settings.reception_name}”"


def reception_minutes(user, day: ReceptionDay) -> Minutes:
    """The minutes of a day for this reader. Appeals come through the reader's appeal scope: an
    enterprise reads its own appeals of the day, a department those routed to it."""
    settings = appeal_settings_for(day.zone)
    appeals = list(
        appeal_scope(user).filter(reception=day)
        .select_related("enterprise", "lead_department", "category")
        .prefetch_related("co_departments")
        .order_by("id")
    )
    # Those whose appeals the minutes list come first, in the order of their first appeal.
    first_appeal = {}
    for i, a in enumerate(appeals):
        first_appeal.setdefault(a.enterprise_id, i)
    enterprises = sorted(day.enterprises.order_by("name"), key=lambda e: first_appeal.get(e.pk, len(appeals)))
    return Minutes(day=day, title=reception_title(day, settings), reception_name=settings.reception_name,
                   enterprises=enterprises, appeals=appeals)


def weekday_label(date: dt.date) -> str:
    return "星期" + "一二三四五六日"[date.weekday()]


def is_provisional_date(date: dt.date) -> bool:
    return workdays.is_provisional(date)


def falls_on_a_day_off(day: ReceptionDay, settings, today: dt.date) -> bool:
    """A planned day still to come that the published calendar makes a day off: planned while its
    year was 暂定 it may have landed on a holiday (or a manager chose the day on purpose), so the
    page says so and leaves the move to the manager. A zone that holds its days 照常 (on the day
    whatever the calendar says) is never told."""
    return (day.status == ReceptionStatus.PLANNED and day.date >= today and settings.shift_rule != ShiftRule.KEEP
            and not workdays.is_provisional(day.date) and not workdays.is_workday(day.date))



def _date_text(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "—"


def minutes_document(minutes: Minutes):
    """The minutes as a Word document in the official-document look (yuanqu.common.docx)."""
    from yuanqu.common.docx import OfficialDocument

    day = minutes.day
    doc = OfficialDocument()
    doc.title(f"{minutes.title}纪要")
    draft = "" if day.status == ReceptionStatus.HELD else f"({day.get_status_display()})"
    doc.subtitle(f"{_date_text(day.date)}{weekday_label(day.date)}{draft}")
    facts = [("时间:", f"{_date_text(day.date)}{weekday_label(day.date)}")]
    if day.place:
        facts.append(("地点:", day.place))
    if day.host_id:
        facts.append(("坐镇领导:", f"{day.host.position}{day.host.name}" if day.host.position else day.host.name))
    if day.attendees:
        facts.append(("参加部门:", day.attendees))
    facts.append(("接待企业:", "、".join(e.name for e in minutes.enterprises) or "无"))
    for lead, text in facts:
        doc.paragraph(text, bold_lead=lead)

    doc.heading("一、基本情况")
    summary = day.summary or (
        f"本期接待企业{len(minutes.enterprises)}家,现场收集诉求{len(minutes.appeals)}件。")
    for line in summary.splitlines():
        if line.strip():
            doc.paragraph(line.strip())

    doc.heading("二、企业诉求及现场答复")
    if minutes.appeals:
        rows = []
        for i, a in enumerate(minutes.appeals, start=1):
            handling = a.lead_department.name if a.lead_department_id else "待分派"
            co = "、".join(d.name for d in a.co_departments.all())
            if co:
                handling += f"(协办:{co})"
            if a.deadline:
                handling += f";{_date_text(a.deadline)}前" + (f"({a.deadline_note})" if a.deadline_note else "")
            rows.append([str(i), a.enterprise.name, f"{a.title}:{a.content}", a.spot_answer or "—", handling,
                         a.get_state_display()])
        doc.table(["序号", "企业", "诉求事项", "现场答复", "承办部门及期限", "办理状态"], rows,
                  widths_mm=[10, 26, 44, 34, 26, 16])
    else:
        doc.paragraph("本期未登记诉求。")
    return doc
