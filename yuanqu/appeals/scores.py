"""Department scores (三率 and the on-time rate), per department per month, from the routing rows.

A month's cohort is the AppealAssignment rows whose assigned_on falls in it: a department is scored
on what was routed to it that month, wherever the appeal went afterwards. Each rate is data (RATES):
its name, its formula in Chinese and what its numerator and denominator count, so the page, the
export and the tests show the same definition beside the figure.

Everything is a handful of grouped queries over the whole period (one for assignments, one for
ratings), never a query or a calendar walk per row: the response windows are computed once per
calendar day of the period and sent to the database as one CASE over assigned_on.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, Count, DateField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, TruncMonth

from yuanqu.accounts.access import access_for
from yuanqu.common import clock, workdays
from yuanqu.registry.models import Department, Zone

from .choices import Rating
from .models import AppealAssignment, AppealRating, AppealSettings

PERM = "appeals.scores"
TREND_MONTHS = 12
SATISFIED_LEVELS = [r.value for r in Rating if r.value >= Rating.FAIRLY_SATISFIED]


@dataclass(frozen=True)
class RateDef:
    """One rate as shown beside its figure: what it means and what its two counts are."""

    key: str
    name: str
    formula: str
    numerator: str
    denominator: str
    note: str


RATES: tuple[RateDef, ...] = (
    RateDef("response", "响应率", "时限内响应数 ÷ 应响应数", "时限内响应", "应响应",
            "分派后在本园区设定的响应时限(工作日,遇节假日顺延)内受理或退回,算作及时响应。"
            "尚在时限内未响应的分派、园区领导改派收回的分派不计入应响应数。"),
    RateDef("solution", "解决率", "已答复数 ÷ 已受理数", "已答复", "已受理",
            "受理后已作出答复的;企业评价不满意而重办的,重新答复前不算已答复。"),
    RateDef("satisfaction", "满意率", "基本满意及以上评价数 ÷ 评价数", "基本满意及以上", "评价",
            "每次评价计一次(重办后再评价另计);答复后逾期未评价的按“满意”计入,默认评价数另列。"),
    RateDef("on_time", "按时办结率", "按时答复数 ÷ 已答复数", "按时答复", "已答复",
            "在承诺办结期限当日或之前答复;重办的按重办期限;领导督办改定的期限按新期限。"),
)
COHORT_NOTE = "按分派月份统计:某月的数据只看当月分派给该部门的诉求(包括之后被退回或改派的),与诉求后来由谁办理无关。"


@dataclass
class Figure:
    num: int = 0
    den: int = 0

    @property
    def pct(self) -> float | None:
        return round(100 * self.num / self.den, 1) if self.den else None

    @property
    def text(self) -> str:
        return "—" if self.pct is None else f"{self.pct:.1f}%"


@dataclass
class Score:
    """One department's four rates in one month."""

    department: Department
    month: dt.date
    rates: dict[str, Figure] = field(default_factory=lambda: {r.key: Figure() for r in RATES})
    auto_ratings: int = 0
    assignments: int = 0

    def rows(self) -> list[tuple[RateDef, Figure]]:
        return [(r, self.rates[r.key]) for r in RATES]


# ---- scope ------------------------------------------------------------------------------------------

def score_departments(user, zone_id: int | None = None) -> QuerySet[Department]:
    """Departments whose scores the user reads: the city all, a zone's leader its zone's, a
    department's staff its own."""
    scope = access_for(user).scope(PERM)
    qs = Department.objects.select_related("zone").order_by("zone__sort_order", "zone_id", "id")
    if not scope.everywhere:
        qs = qs.filter(Q(zone_id__in=scope.zone_ids) | Q(pk__in=scope.department_ids))
    if zone_id:
        qs = qs.filter(zone_id=zone_id)
    return qs


def score_zones(user) -> QuerySet[Zone]:
    """Zones offered by the page's zone filter."""
    scope = access_for(user).scope(PERM)
    qs = Zone.objects.order_by("sort_order", "id")
    if scope.everywhere:
        return qs
    return qs.filter(Q(pk__in=scope.zone_ids) | Q(pk__in=scope.department_zone_ids))


# ---- months -----------------------------------------------------------------------------------------

def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def trend_months(last: dt.date, count: int = TREND_MONTHS) -> list[dt.date]:
    """`count` months ending with the month of `last`, oldest first."""
    last = month_start(last)
    return [add_months(last, i) for i in range(1 - count, 1)]


# ---- the response window ----------------------------------------------------------------------------

def response_workdays_by_zone(zone_ids) -> dict[int, int]:
    default = AppealSettings._meta.get_field("response_workdays").default
    found = dict(AppealSettings.objects.filter(zone_id__in=zone_ids).values_list("zone_id", "response_workdays"))
    return {z: found.get(z, default) for z in zone_ids}


def window_runs(first: dt.date, last: dt.date, n: int) -> list[tuple[dt.date, dt.date, dt.date]]:
    """(from, to, due) runs covering first..last: an assignment made on any day from..to must be
    answered by `due`. Consecutive days share a due date over weekends and holidays, so a year is
    about 250 runs, not 365 branches."""
    runs: list[list] = []
    day = first
    while day <= last:
        due = workdays.add_workdays(day, n, provisional=True)
        if runs and runs[-1][2] == due:
            runs[-1][1] = day
        else:
            runs.append([day, day, due])
        day += workdays.ONE_DAY
    return [tuple(r) for r in runs]


def response_due(first: dt.date, last: dt.date, n_by_zone: dict[int, int]):
    """A CASE expression over an assignment row: the last day of its response window."""
    zones_by_n: dict[int, list[int]] = {}
    for zone_id, n in n_by_zone.items():
        zones_by_n.setdefault(n, []).append(zone_id)
    whens = []
    for n, zone_ids in sorted(zones_by_n.items()):
        # With a single window length (the usual case) the zone needs no condition.
        zone_q = Q() if len(zones_by_n) == 1 else Q(department__zone_id__in=zone_ids)
        for start, end, due in window_runs(first, last, n):
            whens.append(When(zone_q & Q(assigned_on__range=(start, end)), then=Value(due)))
    return Case(*whens, default=Value(None), output_field=DateField())


# ---- the scores -------------------------------------------------------------------------------------

def department_scores(departments, months: list[dt.date], *, today: dt.date | None = None,
                      n_by_zone: dict[int, int] | None = None) -> dict:
    """{(department_id, month): Score} for every department and month given (zeros where nothing was
    routed). Two grouped queries, plus one for the zones' response windows unless given."""
    departments = list(departments)
    today = today or clock.today()
    first, last = months[0], add_months(months[-1], 1) - dt.timedelta(days=1)
    out = {(d.pk, m): Score(d, m) for d in departments for m in months}
    if not departments:
        return out
    dept_ids = [d.pk for d in departments]
    if n_by_zone is None:
        n_by_zone = response_workdays_by_zone({d.zone_id for d in departments})
    # The window stored when the appeal was routed; the zone's current setting for older rows.
    due = Coalesce(F("respond_by"), response_due(first, last, n_by_zone))

    withdrawn = Q(current=False, response="")
    responded = Q(responded_on__isnull=False)
    # An unanswered window still open is not yet a miss; a routing the leader took back is no one's.
    expected = ~withdrawn & (responded | Q(due__lt=today))
    rows = (AppealAssignment.objects
            .filter(department_id__in=dept_ids, assigned_on__range=(first, last))
            .annotate(due=due, month=TruncMonth("assigned_on"))
            .values("department_id", "month")
            .annotate(total=Count("pk"),
                      expected=Count("pk", filter=expected),
                      in_time=Count("pk", filter=responded & Q(responded_on__lte=F("due"))),
                      accepted=Count("pk", filter=Q(response="accepted")),
                      answered=Count("pk", filter=Q(answered_on__isnull=False)),
                      on_time=Count("pk", filter=Q(answered_on__isnull=False, on_time=True)))
            .order_by())
    for r in rows:
        s = out[(r["department_id"], _as_date(r["month"]))]
        s.assignments = r["total"]
        s.rates["response"] = Figure(r["in_time"], r["expected"])
        s.rates["solution"] = Figure(r["answered"], r["accepted"])
        s.rates["on_time"] = Figure(r["on_time"], r["answered"])

    ratings = (AppealRating.objects
               .filter(assignment__department_id__in=dept_ids, assignment__assigned_on__range=(first, last))
               .annotate(month=TruncMonth("assignment__assigned_on"), department_id=F("assignment__department_id"))
               .values("department_id", "month")
               .annotate(total=Count("pk"),
                         satisfied=Count("pk", filter=Q(level__in=SATISFIED_LEVELS)),
                         auto=Count("pk", filter=Q(auto=True)))
               .order_by())
    for r in ratings:
        s = out[(r["department_id"], _as_date(r["month"]))]
        s.rates["satisfaction"] = Figure(r["satisfied"], r["total"])
        s.auto_ratings = r["auto"]
    return out


def _as_date(value) -> dt.date:
    # TruncMonth gives a date on PostgreSQL and SQLite alike; a datetime would mean a DateTimeField.
    return value.date() if isinstance(value, dt.datetime) else value


def window_label(n_by_zone: dict[int, int]) -> str:
    """The response window as shown beside 响应率: one number, or a range when zones differ."""
    values = sorted(set(n_by_zone.values()))
    if not values:
        return ""
    if len(values) == 1:
        return f"{values[0]}个工作日"
    return f"{values[0]}–{values[-1]}个工作日(各园区设定不同)"


def provisional(months: list[dt.date]) -> bool:
    """Whether a response window of these months runs through a year with no official schedule yet."""
    return workdays.is_provisional(months[0], add_months(months[-1], 2))
