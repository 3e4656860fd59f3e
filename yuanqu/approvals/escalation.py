"""The escalation ladder of overdue approval items, climbed by `yuanqu tick`.

The same rules as projects' milestones and appeals (yuanqu.supervision.lights): an item forces by its
deadline (lights.item_deadline) — its clock's while accepted or under review, its commitment
follow-up check's once granted on commitment and until checked. Past it, the item climbs 提醒 → 督办
→ 通报 after the zone's thresholds in working days, each step once per (item, run, follow-up, level)
— the ApprovalEscalation unique row — however often and however concurrently the tick runs. A run
is the clock's from its acceptance (or the commitment grant, for the check): a 补正 pause moves the
deadline (the days with the enterprise do not count) but the lateness is the same and is not
announced again; an item accepted anew after reapplying climbs a new ladder if it is late again.
An item paused for 补正 has no deadline, so it never escalates.

Recipients: 提醒 the case's agency officer and the item's department's staff (the zone's leaders when
there is neither); 督办 these and the zone's leaders; 通报 these and the city's viewers. Lights are
computed at read time from the stored deadlines, so nothing else is refreshed here.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.accounts.roles import Role
from yuanqu.common import clock, workdays
from yuanqu.inbox.services import inbox_send
from yuanqu.supervision.choices import Level

from . import selectors
from .choices import RUNNING_STATES, ItemState
from .lights import Judges, item_deadline
from .models import ApprovalEscalation, CaseItem


def _users(**filters) -> list:
    ids = RoleAssignment.objects.filter(**filters).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


class _Recipients:
    """Who hears of a step, looked up once per department and zone per run (an overdue backlog
    shares few of each)."""

    def __init__(self):
        self._cache: dict = {}

    def _once(self, key, fetch) -> list:
        if key not in self._cache:
            self._cache[key] = fetch()
        return self._cache[key]

    def department(self, department_id) -> list:
        if not department_id:
            return []
        return self._once(("dept", department_id), lambda: _users(role=Role.DEPT, department_id=department_id))

    def leaders(self, zone_id) -> list:
        return self._once(("leaders", zone_id), lambda: _users(role=Role.LEADER, zone_id=zone_id))

    def city(self) -> list:
        return self._once("city", lambda: _users(role=Role.CITY))

    def for_step(self, case_item: CaseItem, level: str) -> list:
        case = case_item.case
        # Per agent and zone, not per case: a backlog of overdue items shares a few agents.
        holds = self._once(("agent", case.agent_id, case.zone_id), lambda: selectors.agent_holds(case))
        agent = [case.agent] if holds else []
        handlers = agent + self.department(case_item.department_id)
        if level == Level.REMIND:
            return handlers or self.leaders(case.zone_id)
        if level == Level.SUPERVISE:
            return handlers + self.leaders(case.zone_id)
        return handlers + self.leaders(case.zone_id) + self.city()


def _cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _message(case_item: CaseItem, level: str, deadline: dt.date, followup: bool, overdue: int,
             today: dt.date) -> tuple[str, str]:
    case, name = case_item.case, case_item.item.name
    who = f"{case.enterprise.name}的" if case.enterprise_id else ""
    days = f"{overdue}个工作日" + ("(暂定)" if workdays.is_provisional(deadline, today) else "")
    late = f"已逾期{days}" if overdue else "已过期限"
    if followup:
        head = (f"{who}办件“{case.title}”中的“{name}”按告知承诺制先行办结,承诺核查应于{_cn(deadline)}前完成,"
                f"截至{_cn(today)}尚未核查,{late}。")
        what = "核查"
    else:
        head = (f"{who}办件“{case.title}”中的“{name}”应于{_cn(deadline)}前办结(承诺{case_item.promised_days}个工作日),"
                f"截至{_cn(today)}尚未办结,{late}。")
        what = "办结"
    department = case_item.department.name if case_item.department_id else "未指定承办部门"
    agent = case.agent.display_name if case.agent_id else "未指定"
    if level == Level.REMIND:
        return (f"【提醒】审批事项逾期:{name}({case.title})",
                head + f"请抓紧{what};{what}后在办件页面登记,提醒即停止。承办部门:{department};代办员:{agent}。")
    short = f"{overdue}个工作日" if overdue else ""
    if level == Level.SUPERVISE:
        return (f"【督办】审批事项逾期{short}:{name}({case.title})",
                head + f"提醒后仍未{what},转园区领导督办。承办部门:{department};代办员:{agent}。")
    return (f"【通报】审批事项逾期{short}:{name}({case.title})",
            head + f"督办后仍未{what},予以通报。承办部门:{department};代办员:{agent}。")


def overdue_items(today: dt.date):
    """Items past their deadline as of today: on the clock past `due_on`, or granted on commitment
    with the follow-up check past `followup_due`."""
    q = Q(state__in=RUNNING_STATES, due_on__lt=today) | Q(
        state=ItemState.DONE, on_commitment=True, followup_done_on__isnull=True, followup_due__lt=today)
    return (CaseItem.objects.filter(q)
            .select_related("case", "case__enterprise", "case__agent", "item", "department").order_by("pk"))


def run_of(case_item, followup: bool, deadline: dt.date) -> dt.date:
    """What one ladder belongs to: the clock's run from its acceptance, or the commitment grant whose
    check is due. A 补正 pause or a recomputed calendar moves the deadline within the same run."""
    return (case_item.done_on if followup else case_item.accepted_on) or deadline


def _take_step(case_item, level, deadline, followup, days, today, recipients: _Recipients) -> int | None:
    """Take one step and send its messages; None when another run took it already."""
    people = recipients.for_step(case_item, level)
    title, body = _message(case_item, level, deadline, followup, days, today)
    kind = "followup" if followup else "clock"
    run = run_of(case_item, followup, deadline)
    try:
        with transaction.atomic():
            ApprovalEscalation.objects.create(case_item=case_item, deadline=deadline, run=run, followup=followup,
                                              level=level, overdue_workdays=days, date=today,
                                              recipients=len({p.pk for p in people}))
            sent = inbox_send(recipients=people, title=title, body=body, kind=level,
                              url=reverse("approvals:case_detail", args=[case_item.case_id]),
                              dedupe_key=f"approval-escalation:{case_item.pk}:{run}:{kind}:{level}")
    except IntegrityError:
        return None
    return len(sent)


def approvals_escalate(today: dt.date | None = None) -> dict:
    """Climb the ladder of every overdue item as far as it has reached, each step once."""
    today = today or clock.today()
    counts = {level.value: 0 for level in Level} | {"messages": 0}
    overdue = list(overdue_items(today))
    if not overdue:
        return counts
    taken = set(ApprovalEscalation.objects.filter(case_item__in=[ci.pk for ci in overdue])
                .values_list("case_item_id", "run", "followup", "level"))
    judges = Judges({ci.case.zone_id for ci in overdue}, today)
    recipients = _Recipients()
    days_since: dict[dt.date, int] = {}  # many items share a deadline: count its days once
    for ci in overdue:
        deadline, followup = item_deadline(ci)
        if deadline is None:
            continue
        run = run_of(ci, followup, deadline)
        if (ci.pk, run, followup, Level.NOTIFY) in taken:
            continue  # the top of the ladder: nothing left to take
        if deadline not in days_since:
            days_since[deadline] = workdays.workdays_between(deadline, today, provisional=True)
        days = days_since[deadline]
        for level in judges.judge(ci.case.zone_id).levels_due(days):
            if (ci.pk, run, followup, level) in taken:
                continue
            sent = _take_step(ci, level, deadline, followup, days, today, recipients)
            if sent is not None:
                counts[level] += 1
                counts["messages"] += sent
    return counts
