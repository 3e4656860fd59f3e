"""Planning a case: the critical path through its items' prerequisites, in working days.

`schedule` is the pure part (a directed acyclic graph of tasks with durations → earliest and latest
starts, slack, the critical chain), and refuses a cycle naming its items. `case_plan` lays a case's
items on it twice: as planned (every item takes its promised limit from the signing day, items
planned on commitment take none) and as forecast today (granted items at their actual day, running
ones at what is left of their clock, the rest from today). The earliest start is the day the last
item that must precede construction is granted (and not before land handover): 交地即开工 is the
case where commitment items let that be the handover day itself.
"""

import datetime as dt
from dataclasses import dataclass, field

from yuanqu.common import workdays

from . import clock
from .choices import CaseKind, ItemState

MSG_CYCLE = "前置事项形成循环:{chain}。请调整其中一项的前置事项。"


class CycleError(ValueError):
    """Prerequisites that go round in a circle; `names` in the order of the circle, first repeated."""

    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(MSG_CYCLE.format(chain=" → ".join(names)))


@dataclass
class Task:
    key: object
    name: str
    duration: int
    prerequisites: tuple = ()
    release: int = 0  # cannot start before this offset
    finish: int | None = None  # a fixed finish (already done): overrides start + duration


@dataclass
class Scheduled:
    task: Task
    es: int
    ef: int
    ls: int = 0
    lf: int = 0

    @property
    def slack(self) -> int:
        return self.ls - self.es

    @property
    def critical(self) -> bool:
        return self.slack == 0


@dataclass
class Schedule:
    rows: dict  # key → Scheduled, in topological order
    finish: int
    chain: list  # keys of the critical chain, first to last

    def __getitem__(self, key) -> Scheduled:
        return self.rows[key]


def find_cycle(graph: dict) -> list | None:
    """A cycle of `graph` ({key: prerequisite keys}) as [a, b, …, a], or None. Iterative DFS."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = {k: WHITE for k in graph}
    for root in graph:
        if colour[root] != WHITE:
            continue
        stack = [(root, iter(graph[root]))]
        path = [root]
        colour[root] = GREY
        while stack:
            node, children = stack[-1]
            for child in children:
                if child not in colour:
                    continue
                if colour[child] == GREY:
                    return path[path.index(child):] + [child]
                if colour[child] == WHITE:
                    colour[child] = GREY
                    path.append(child)
                    stack.append((child, iter(graph[child])))
                    break
            else:
                colour[node] = BLACK
                stack.pop()
                path.pop()
    return None


def schedule(tasks: list[Task]) -> Schedule:
    """Earliest/latest start and finish of each task (prerequisites outside `tasks` are ignored)."""
    by_key = {t.key: t for t in tasks}
    graph = {t.key: [p for p in t.prerequisites if p in by_key] for t in tasks}
    order, indegree = [], {k: len(v) for k, v in graph.items()}
    successors: dict = {k: [] for k in graph}
    for k, prereqs in graph.items():
        for p in prereqs:
            successors[p].append(k)
    ready = [k for k in graph if indegree[k] == 0]
    while ready:
        k = ready.pop(0)
        order.append(k)
        for s in successors[k]:
            indegree[s] -= 1
            if indegree[s] == 0:
                ready.append(s)
    if len(order) < len(graph):
        cycle = find_cycle({k: graph[k] for k in graph if k not in set(order)})
        raise CycleError([by_key[k].name for k in cycle])
    rows: dict = {}
    for k in order:
        t = by_key[k]
        es = max([t.release] + [rows[p].ef for p in graph[k]])
        ef = t.finish if t.finish is not None else es + t.duration
        rows[k] = Scheduled(t, es, ef)
    finish = max((r.ef for r in rows.values()), default=0)
    for k in reversed(order):
        r = rows[k]
        r.lf = min([rows[s].ls for s in successors[k]] + [finish])
        r.ls = r.lf - (r.ef - r.es)
    chain = []
    if rows:
        # Walk back from the task that finishes last through the prerequisite that held it up.
        k = max(order, key=lambda key: (rows[key].ef, -order.index(key)))
        while k is not None:
            chain.append(k)
            binding = [p for p in graph[k] if rows[p].ef == rows[k].es]
            k = binding[0] if binding else None
        chain.reverse()
    return Schedule(rows, finish, chain)


class Axis:
    """Working days counted from a base date: offset n is the n-th working day after it (0: the base).
    Dates are looked up in a list grown as needed, so a plan costs one calendar walk, not one per item."""

    def __init__(self, base: dt.date):
        self.base = base
        self._days = [base]

    def date(self, offset: int) -> dt.date:
        if offset < 0:
            return workdays.add_workdays(self.base, offset, provisional=True)
        while len(self._days) <= offset:
            day = self._days[-1] + dt.timedelta(days=1)
            while not workdays.is_workday(day, provisional=True):
                day += dt.timedelta(days=1)
            self._days.append(day)
        return self._days[offset]

    def offset(self, day: dt.date) -> int:
        if day <= self.base:
            return -workdays.workdays_between(day, self.base, provisional=True)
        while self._days[-1] < day:
            self.date(len(self._days))
        # The count of working days after the base up to and including `day`.
        lo, hi = 0, len(self._days) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._days[mid] <= day:
                lo = mid
            else:
                hi = mid - 1
        return lo


@dataclass
class PlanRow:
    case_item: object
    planned_start: dt.date
    planned_finish: dt.date
    forecast_finish: dt.date | None
    actual_finish: dt.date | None
    slack: int
    critical: bool
    used: int  # working days on the clock so far (pauses excluded)
    es: int = 0  # planned offsets, for drawing
    ef: int = 0


@dataclass
class CasePlan:
    base: dt.date
    rows: list = field(default_factory=list)
    chain: list = field(default_factory=list)  # CaseItems on the critical path to the start, in order
    planned_start: dt.date | None = None
    planned_workdays: int | None = None
    forecast_start: dt.date | None = None
    actual_start: dt.date | None = None
    actual_workdays: int | None = None  # signing → start, in working days
    slowest: list = field(default_factory=list)  # CaseItems that took longest on the clock
    span: int = 0  # the widest offset drawn (for the chart's scale)


def workdays_to_start(case) -> int | None:
    """Working days to the actual start: a project's from its signing, an event's (no signing) from
    the day its case opened; None before the start (or a project with no signing date)."""
    since = case.opened_on if case.kind == CaseKind.EVENT else case.signed_on
    if since is None or case.started_on is None:
        return None
    return workdays.workdays_between(since, case.started_on, provisional=True)


def _forecast_task(ci, axis: Axis, today_off: int, today: dt.date, duration: int, prereqs) -> Task:
    name = ci.item.name
    if ci.state == ItemState.DONE:
        return Task(ci.pk, name, 0, prereqs, finish=axis.offset(ci.done_on))
    if ci.state in (ItemState.ACCEPTED, ItemState.REVIEWING, ItemState.CORRECTING):
        return Task(ci.pk, name, max(clock.remaining(ci, today), 0), (), release=today_off)
    return Task(ci.pk, name, duration, prereqs, release=today_off)


def case_plan(case, items: list, edges: dict, today: dt.date) -> CasePlan:
    """The case's plan and forecast. `items`: its CaseItems (with .item); `edges`: catalogue item id →
    prerequisite catalogue item ids. Raises CycleError if the prerequisites go round."""
    base = case.signed_on or case.opened_on
    axis = Axis(base)
    by_catalogue = {ci.item_id: ci for ci in items}

    def prereqs(ci):
        return tuple(by_catalogue[p].pk for p in effective_prerequisites(ci.item_id, edges, by_catalogue))

    def duration(ci):
        return 0 if ci.by_commitment else ci.promised_days

    planned = schedule([Task(ci.pk, ci.item.name, duration(ci), prereqs(ci)) for ci in items])
    today_off = axis.offset(today)
    forecast = schedule([_forecast_task(ci, axis, today_off, today, duration(ci), prereqs(ci)) for ci in items])

    out = CasePlan(base=base)
    before = [ci for ci in items if ci.before_start]
    # The critical path to the start: the chain through the items that must precede it.
    if before:
        to_start = schedule([Task(ci.pk, ci.item.name, duration(ci), prereqs(ci)) for ci in before])
        finish_off = to_start.finish
        start = axis.date(finish_off)
        if case.land_handover_on and case.land_handover_on > start:
            start = case.land_handover_on
        out.planned_start = start
        out.planned_workdays = workdays.workdays_between(base, start, provisional=True)
        chain_keys = set(to_start.chain)
        out.chain = [ci for ci in before if ci.pk in chain_keys]
        out.chain.sort(key=lambda ci: to_start[ci.pk].es)
        fc = max(forecast[ci.pk].ef for ci in before)
        forecast_start = axis.date(fc)
        if not case.started_on:  # not started yet: not before today, nor before the land is handed over
            forecast_start = max([forecast_start, today] + ([case.land_handover_on] if case.land_handover_on else []))
        out.forecast_start = forecast_start
    else:
        chain_keys, to_start = set(), None
    if case.started_on:
        out.actual_start = case.started_on
        out.actual_workdays = workdays_to_start(case)
    for ci in items:
        p, f = planned[ci.pk], forecast[ci.pk]
        # An item that must precede the start has its slack against the start (0 on the critical path
        # to it), not against items done after the start (排污许可, 竣工联合验收).
        slack = to_start[ci.pk].slack if to_start is not None and ci.pk in to_start.rows else p.slack
        done = ci.state == ItemState.DONE
        out.rows.append(PlanRow(
            case_item=ci, planned_start=axis.date(p.es), planned_finish=axis.date(p.ef),
            forecast_finish=None if done or ci.state == ItemState.REFUSED else axis.date(max(f.ef, today_off)),
            actual_finish=ci.done_on if done else None, slack=slack, critical=ci.pk in chain_keys,
            used=clock.used(ci, today), es=p.es, ef=p.ef))
    out.span = max([planned.finish, forecast.finish] + [r.ef for r in out.rows]) if out.rows else 0
    out.slowest = sorted((ci for ci in items if ci.accepted_on), key=lambda ci: (-clock.used(ci, today), ci.sort_order))[:3]
    return out


def effective_prerequisites(item_id, graph: dict, present) -> list:
    """The item's prerequisites among `present` (the items of a case), looking through those the case
    does not have: a case with 立项备案 and 建设用地规划许可 but no 用地预审 still has the second wait
    for the first. `graph`: the catalogue's item id → prerequisite ids."""
    out, seen, stack = [], {item_id}, list(reversed(graph.get(item_id, ())))  # never its own prerequisite
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        if p in present:
            out.append(p)
        else:
            stack.extend(reversed(graph.get(p, ())))
    return out


def check_prerequisites(item, prerequisites, graph: dict, names: dict) -> None:
    """Refuse prerequisites that would close a cycle. `graph`: catalogue id → prerequisite ids (the
    catalogue as stored); `names`: id → name. Raises CycleError naming the items."""
    trial = {k: list(v) for k, v in graph.items()}
    trial[item.pk] = [p.pk for p in prerequisites]
    names = dict(names)
    names[item.pk] = item.name
    for p in prerequisites:
        names[p.pk] = p.name
        trial.setdefault(p.pk, [])
    for k in list(trial):
        for p in trial[k]:
            trial.setdefault(p, [])
    cycle = find_cycle(trial)
    if cycle:
        raise CycleError([names.get(k, str(k)) for k in cycle])
