"""Lights and the escalation ladder of appeals, from the committed deadline.

The same rules as projects' milestones (yuanqu.supervision.lights): an appeal being handled is red
past its deadline, yellow within the zone's `yellow_within` working days of it, green otherwise; an
overdue appeal climbs 提醒 → 督办 → 通报 after the zone's thresholds, each step once per committed
deadline (a unique row), however often and however concurrently `yuanqu tick` runs. A new deadline
(a 督办 by hand, a reopening) is a new commitment and climbs a new ladder if it is missed.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse

from yuanqu.common import clock, workdays
from yuanqu.inbox.services import inbox_send
from yuanqu.supervision.choices import Level
from yuanqu.supervision.lights import Judge, MilestoneLight
from yuanqu.supervision.selectors import ZoneJudges, thresholds_for

from . import recipients
from .choices import RUNNING_STATES
from .models import Appeal, AppealEscalation


def appeal_light(appeal: Appeal, today: dt.date | None = None, judge: Judge | None = None) -> MilestoneLight | None:
    """The appeal's light while its deadline runs; None when it has none (not yet routed, answered, closed)."""
    if appeal.state not in RUNNING_STATES or appeal.deadline is None:
        return None
    judge = judge or Judge(today or clock.today(), thresholds_for(appeal.zone_id))
    return judge.milestone(appeal.deadline, None)


class Judges(ZoneJudges):
    """One Judge per zone's thresholds, for a list of appeals (lights computed with no per-row query)."""

    def light(self, appeal: Appeal) -> MilestoneLight | None:
        return appeal_light(appeal, judge=self.judge(appeal.zone_id))


def _people(appeal: Appeal, level: str, cache: dict) -> list:
    """提醒: the lead department; 督办: and the zone's leaders; 通报: and the city."""
    def once(key, fetch):
        if key not in cache:
            cache[key] = fetch()
        return cache[key]

    # Looked up once per department and zone per run: an overdue backlog shares few of each.
    lead = once(("lead", appeal.lead_department_id), lambda: recipients.lead_users(appeal))
    if level == Level.REMIND:
        return lead or once(("leaders", appeal.zone_id), lambda: recipients.zone_leaders(appeal.zone_id))
    leaders = once(("leaders", appeal.zone_id), lambda: recipients.zone_leaders(appeal.zone_id))
    if level == Level.SUPERVISE:
        return lead + leaders
    return lead + leaders + once("city", recipients.city_users)


def _message(appeal: Appeal, level: str, overdue: int) -> tuple[str, str]:
    department = appeal.lead_department.name if appeal.lead_department_id else "未分派"
    head = f"{appeal.enterprise.name}的诉求“{appeal.title}”承诺{appeal.deadline:%Y年%m月%d日}前办结,已逾期{overdue}个工作日。"
    if level == Level.REMIND:
        return f"【提醒】诉求逾期:{appeal.title}", head + f"请{department}抓紧办理。"
    if level == Level.SUPERVISE:
        return f"【督办】诉求逾期{overdue}个工作日:{appeal.title}", head + f"转园区领导督办。主办部门:{department}。"
    return f"【通报】诉求逾期{overdue}个工作日:{appeal.title}", head + f"督办后仍未办结,予以通报。主办部门:{department}。"


def appeals_escalate(today: dt.date | None = None) -> dict:
    """Climb the ladder of every overdue appeal as far as it has reached, each step once."""
    today = today or clock.today()
    counts = {level.value: 0 for level in Level} | {"messages": 0}
    overdue = list(Appeal.objects.filter(state__in=RUNNING_STATES, deadline__lt=today)
                   .select_related("enterprise", "lead_department").order_by("pk"))
    if not overdue:
        return counts
    taken = set(AppealEscalation.objects.filter(appeal__in=[a.pk for a in overdue])
                .values_list("appeal_id", "deadline", "level"))
    judges = Judges({a.zone_id for a in overdue}, today)
    cache: dict = {}
    days_since: dict[dt.date, int] = {}
    for appeal in overdue:
        if appeal.deadline not in days_since:
            days_since[appeal.deadline] = workdays.workdays_between(appeal.deadline, today, provisional=True)
        days = days_since[appeal.deadline]
        for level in judges.judge(appeal.zone_id).levels_due(days):
            if (appeal.pk, appeal.deadline, level) in taken:
                continue
            people = _people(appeal, level, cache)
            title, body = _message(appeal, level, days)
            try:
                with transaction.atomic():
                    # Under the appeal's lock, as it stands now: a deadline redone or an answer given
                    # since the list was read is not announced as missed.
                    now = Appeal.objects.select_for_update().filter(pk=appeal.pk).values_list("deadline", "state").first()
                    if now is None or now[0] != appeal.deadline or now[1] not in RUNNING_STATES:
                        break
                    AppealEscalation.objects.create(appeal=appeal, deadline=appeal.deadline, level=level,
                                                    overdue_workdays=days, date=today,
                                                    recipients=len({p.pk for p in people}))
                    sent = inbox_send(recipients=people, title=title, body=body, kind=level,
                                      url=reverse("appeals:appeal_detail", args=[appeal.pk]),
                                      dedupe_key=f"appeal-escalation:{appeal.pk}:{appeal.deadline}:{level}")
            except IntegrityError:
                continue  # another tick took this step
            counts[level] += 1
            counts["messages"] += len(sent)
    return counts

