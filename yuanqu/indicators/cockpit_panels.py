"""The cockpit's panels from the other modules: projects by stage and light (yuanqu/projects and
supervision), and appeal timeliness per zone or month (yuanqu/appeals, counted as its department
scores are). Each is a fixed number of grouped queries whatever the rows; each is absent when its
module is not installed or the user may not read it."""

import datetime as dt
from collections import defaultdict
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Case, Count, DateField, ExpressionWrapper, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse

from yuanqu.accounts.access import access_for
from yuanqu.appeals.deadlines import month_end
from yuanqu.common import clock

from .cockpit import Controls, _everywhere, _reverse, period_dates


# ---- projects -------------------------------------------------------------------------------------

def project_panel(user, controls: Controls) -> dict | None:
    """Projects by stage in lifecycle order and by light (two grouped queries)."""
    if not apps.is_installed("yuanqu.projects") or not access_for(user).has("projects.view"):
        return None
    from yuanqu.projects.choices import STAGE_ORDER
    from yuanqu.projects.selectors import project_list
    from yuanqu.supervision.choices import Light

    qs = project_list(user).order_by()
    if controls.zone is not None and len(controls.zones) > 1:
        qs = qs.filter(zone_id=controls.zone.pk)
    base = reverse("projects:project_list")
    zone_q = {"zone": controls.zone.pk} if controls.zone is not None else {}
    stages = dict(qs.values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    lights = dict(qs.filter(light__isnull=False).values_list("light__light").annotate(n=Count("pk"))
                  .values_list("light__light", "n"))
    total = sum(stages.values())
    if not total:
        return {"total": 0}
    return {
        "total": total,
        "stages": [{"name": s.label, "value": stages.get(s.value, 0),
                    "url": f"{base}?{urlencode({**zone_q, 'stage': s.value})}"} for s in STAGE_ORDER],
        "lights": [{"name": l.label, "key": l.value, "value": lights.get(l.value, 0),
                    "url": f"{base}?{urlencode({**zone_q, 'light': l.value})}"} for l in Light],
        "lit": sum(lights.values()),
        "unlit": total - sum(lights.values()),
        "url": f"{base}?{urlencode(zone_q)}" if zone_q else base,
    }


# ---- appeals --------------------------------------------------------------------------------------

def appeal_panel(user, controls: Controls) -> dict | None:
    """按时办结率 and 响应率 of the appeals routed in the period's months, per zone (per month for one
    zone), counted as the department scores count them (appeals/scores.py, with its response windows):
    the departments of the zones, then one grouped query over the period's routing rows, read through
    the assigned_on index (or the department's), grouped by department without a join. Months are a
    CASE over assigned_on ranges: the database's own date functions, not SQLite's Python TruncMonth."""
    if not apps.is_installed("yuanqu.appeals"):
        return None
    scope = access_for(user).scope("appeals.view")
    if not (scope.everywhere or scope.zone_ids):
        return None
    from yuanqu.appeals import scores
    from yuanqu.appeals.models import AppealAssignment
    from yuanqu.registry.models import Department

    zones = [z for z in controls.shown_zones if scope.everywhere or z.pk in scope.zone_ids]
    if not zones:
        return None
    first, last = period_dates(controls.period)
    months = _months(first, last)
    single = len(zones) == 1
    every_zone = scope.everywhere and controls.zone is None and _everywhere(user)
    departments = Department.objects.order_by()
    if not every_zone:
        departments = departments.filter(zone_id__in=[z.pk for z in zones])
    zone_of = dict(departments.values_list("pk", "zone_id"))
    n_by_zone = scores.response_workdays_by_zone([z.pk for z in zones])
    due = Coalesce(F("respond_by"), _response_due(first, last, n_by_zone, zone_of))
    withdrawn = Q(current=False, response="")
    responded = Q(responded_on__isnull=False)
    expected = ~withdrawn & (responded | Q(due__lt=clock.today()))
    qs = AppealAssignment.objects.filter(assigned_on__range=(first, last))
    if every_zone:
        # Grouping on department_id + 0 keeps SQLite off the (department, assigned_on) index, which
        # would visit the period's rows department by department, scattered over the table; the
        # assigned_on index reads them in the order they were written, two to three times faster.
        qs = qs.annotate(dept=ExpressionWrapper(F("department_id") + 0, output_field=IntegerField()))
    else:
        qs = qs.filter(department_id__in=sorted(zone_of)).annotate(dept=F("department_id"))
    group = ["dept"]
    if single and len(months) > 1:
        qs = qs.annotate(bucket=Case(*[When(assigned_on__range=(m, month_end(m)), then=Value(i))
                                       for i, m in enumerate(months)], output_field=IntegerField()))
        group.append("bucket")
    rows = (qs.annotate(due=due).values(*group)
            .annotate(total=Count("pk"), expected=Count("pk", filter=expected),
                      in_time=Count("pk", filter=responded & Q(responded_on__lte=F("due"))),
                      answered=Count("pk", filter=Q(answered_on__isnull=False)),
                      on_time=Count("pk", filter=Q(answered_on__isnull=False, on_time=True)))
            .order_by())
    sums = defaultdict(lambda: defaultdict(int))
    for r in rows:
        key = months[r.get("bucket") or 0] if single else zone_of.get(r["dept"])
        for name in ("total", "expected", "in_time", "answered", "on_time"):
            sums[key][name] += r[name]
    has_scores = access_for(user).has(scores.PERM)

    def link(zone, month):
        if has_scores:
            return _reverse("appeals:appeal_scores") + "?" + urlencode({"zone": zone.pk, "month": f"{month:%Y-%m}"})
        return _reverse("appeals:appeal_list") + "?" + urlencode({"zone": zone.pk})

    last_month = last.replace(day=1)
    if single:
        zone = zones[0]
        items = [(f"{m.month}月", sums.get(m), link(zone, m)) for m in months]
    else:
        items = [(z.short_name, sums.get(z.pk), link(z, last_month)) for z in zones]
    total = sum(s["total"] for s in sums.values())
    if not total:
        return {"total": 0, "by": "month" if single else "zone"}

    def pct(s, num, den):
        return round(100 * s[num] / s[den], 1) if s and s[den] else None

    shown = [(name, s, url) for name, s, url in items if s or single]
    return {
        "total": total, "by": "month" if single else "zone",
        "categories": [name for name, _, _ in shown],
        "series": [
            {"name": "按时办结率", "data": [{"value": pct(s, "on_time", "answered"), "url": url,
                                            "num": s["on_time"] if s else 0, "den": s["answered"] if s else 0}
                                           for _, s, url in shown]},
            {"name": "响应率", "data": [{"value": pct(s, "in_time", "expected"), "url": url,
                                        "num": s["in_time"] if s else 0, "den": s["expected"] if s else 0}
                                       for _, s, url in shown]},
        ],
        "table": [{"name": name, "assigned": s["total"] if s else 0,
                   "on_time": _pct_text(pct(s, "on_time", "answered")), "on_time_of": f"{s['on_time']}/{s['answered']}" if s else "0/0",
                   "response": _pct_text(pct(s, "in_time", "expected")), "response_of": f"{s['in_time']}/{s['expected']}" if s else "0/0",
                   "url": url} for name, s, url in shown],
        "notes": {r.key: r for r in scores.RATES},
        "scores_url": link(zones[0], last_month) if single else (reverse("appeals:appeal_scores") if has_scores else reverse("appeals:appeal_list")),
    }


def _response_due(first: dt.date, last: dt.date, n_by_zone: dict, zone_of: dict):
    """The last day of a routing's response window, for rows routed before the window was stored:
    scores.response_due's windows as a balanced tree of CASEs over assigned_on (about seven
    comparisons a row instead of one per run of days), by department rather than through a join
    when zones' windows differ."""
    from yuanqu.appeals.scores import window_runs

    def tree(runs):
        if len(runs) == 1:
            return Value(runs[0][2], output_field=DateField())
        mid = len(runs) // 2
        return Case(When(assigned_on__lt=runs[mid][0], then=tree(runs[:mid])), default=tree(runs[mid:]),
                    output_field=DateField())

    by_n = defaultdict(list)
    for zone_id, n in n_by_zone.items():
        by_n[n].append(zone_id)
    trees = {n: tree(window_runs(first, last, n)) for n in by_n}
    if len(trees) == 1:
        return next(iter(trees.values()))
    whens = []
    for n, zone_ids in sorted(by_n.items()):
        zones = set(zone_ids)
        whens.append(When(department_id__in=sorted(d for d, z in zone_of.items() if z in zones), then=trees[n]))
    return Case(*whens, default=Value(None, output_field=DateField()), output_field=DateField())


def _pct_text(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    from yuanqu.appeals.scores import add_months

    out, m = [], first.replace(day=1)
    while m <= last:
        out.append(m)
        m = add_months(m, 1)
    return out
