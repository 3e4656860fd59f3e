"""湘乡经开区's monthly dispatch (月调度) in April and May 2021, so the May pack shows what changed.

The page says the zone dispatches its projects monthly but prints no meeting, figure or decision of
one: the meetings' dates, the progress figures below and the decisions are illustrative (marked so).
The April snapshot is rebuilt as of its day: each project's stage from its lifecycle history, its
progress from the records up to then; lights and coordination items, which April did not record,
are left unknown. May is left a draft held "today" (the demo's 2021-05-14), for the leader to hold.
"""

import datetime as dt

from yuanqu.accounts.models import User
from yuanqu.common.clock import frozen
from yuanqu.registry.models import Zone

D = dt.date
ZONE = "湘乡经开区"
ILLUSTRATIVE = "(示意)"
APRIL, APRIL_HELD = D(2021, 4, 1), D(2021, 4, 14)
MAY, MAY_HELD = D(2021, 5, 1), D(2021, 5, 14)
ATTENDEES = "管委会主任、分管副主任,各项目联点责任人,相关项目业主单位负责人" + ILLUSTRATIVE

# Progress of the projects under construction, recorded before each meeting (illustrative).
PROGRESS = {
    "电子信息产业园三期": [(D(2021, 4, 9), 55), (D(2021, 5, 13), 68)],
    "电子信息产业园四期": [(D(2021, 4, 9), 30), (D(2021, 5, 13), 41)],
    "电力检测所": [(D(2021, 4, 9), 62), (D(2021, 5, 13), 75)],
}

# (meeting month, content, project, other owner, deadline, closed on, result) — all illustrative.
TASKS = [
    (APRIL, "督促振添光学玻璃二期4月中旬实现试投产,做好投产前安全、环保验收服务", "振添光学玻璃二期项目",
     "振添光学项目业主", D(2021, 4, 30), D(2021, 4, 15), "已于4月15日试投产"),
    (APRIL, "加快电子信息产业园五期土地报批,5月底前完成组卷上报", "电子信息产业园五期",
     "园区规划建设部门", D(2021, 5, 31), None, ""),
    (MAY, "电力检测所倒排工期、挂图作战,确保8月竣工投产", "电力检测所",
     "电力检测所项目业主", D(2021, 8, 31), None, ""),
]


def _stage_on(project, day):
    """The stage a project stood at on `day`, from its lifecycle transitions (the stage today if none)."""
    steps = sorted(project.transitions.all(), key=lambda t: (t.effective, t.pk))
    before = [t for t in steps if t.effective <= day]
    if before:
        return before[-1].to_stage
    return steps[0].from_stage if steps else project.stage


def load_dispatch() -> int:
    """Create (or leave as it is) the April and May meetings of 湘乡经开区; returns the number of meetings."""
    from yuanqu.dispatch import services
    from yuanqu.dispatch.models import DispatchMeeting, DispatchSnapshot, DispatchTask
    from yuanqu.projects.models import ProgressRecord, Project

    zone = Zone.objects.get(short_name=ZONE)
    leader = User.objects.get(username="leader")
    projects = {p.name: p for p in Project.objects.filter(zone=zone).prefetch_related("transitions")}
    for name, records in PROGRESS.items():
        for day, percent in records:
            ProgressRecord.objects.get_or_create(project=projects[name], date=day,
                                                 defaults={"percent": percent, "source": "月调度" + ILLUSTRATIVE})

    meetings = {}
    for month, held_on in ((APRIL, APRIL_HELD), (MAY, MAY_HELD)):
        meeting = DispatchMeeting.objects.filter(zone=zone, month=month).first()
        if meeting is None:
            with frozen(held_on):
                meeting = services.meeting_create(
                    actor=leader, zone=zone, month=month, held_on=held_on, attendees=ATTENDEES,
                    notes=f"{month.month}月项目建设调度会,逐个过项目进度,议定事项见下" + ILLUSTRATIVE)
        meetings[month] = meeting

    april = meetings[APRIL]
    if april.status == "draft":
        with frozen(APRIL_HELD):
            services.meeting_hold(actor=leader, meeting=april)
        for snap in DispatchSnapshot.objects.filter(meeting=april).select_related("project"):
            if snap.project is not None:
                snap.stage = _stage_on(projects[snap.project.name], APRIL_HELD)
            snap.light = snap.open_coordination = None  # not recorded in April
            snap.save(update_fields=["stage", "light", "open_coordination"])

    for month, content, project, owner, deadline, closed_on, result in TASKS:
        meeting = meetings[month]
        if DispatchTask.objects.filter(meeting=meeting, content=content).exists():
            continue
        with frozen(meeting.held_on):
            task = services.task_create(actor=leader, meeting=meeting, content=content, project=projects[project],
                                        owner_other=owner + ILLUSTRATIVE, deadline=deadline, illustrative=True)
        if closed_on:
            with frozen(closed_on):
                services.task_done(actor=leader, task=task, note=result)
    return len(meetings)
