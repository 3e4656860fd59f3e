"""The dispatch pack (调度材料): each project of the zone before (the previous meeting's snapshot) and
now (this meeting's snapshot, or live figures while it is a draft), what changed, the projects new
since then, and the tasks of earlier meetings carried over. A fixed number of queries, whatever the
number of projects or tasks."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from yuanqu.common import clock
from yuanqu.common.formatting import money
from yuanqu.indicators.bulletins import BulletinPage, zone_economy
from yuanqu.projects.choices import STAGE_ORDER, Stage

from .choices import MeetingStatus, TaskState
from .models import DispatchMeeting, DispatchSnapshot, DispatchTask
from .selectors import is_overdue
from .sources import ProjectState, snapshot_state, zone_states

LIGHTS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}


@dataclass
class Row:
    """One project in the pack: before → now and the changes in words."""

    now: ProjectState
    before: ProjectState | None
    changes: list[str] = field(default_factory=list)
    stage_moved: bool = False
    progress_delta: Decimal | None = None
    investment_delta: Decimal | None = None
    light_changed: bool = False
    coordination_delta: int | None = None

    @property
    def is_new(self) -> bool:
        return self.before is None

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def stage_text(self) -> str:
        if self.stage_moved:
            return f"{stage_label(self.before.stage)} → {stage_label(self.now.stage)}"
        return stage_label(self.now.stage)

    @property
    def progress_text(self) -> str:
        return percent_text(self.now.progress)

    @property
    def progress_delta_text(self) -> str:
        return signed_points(self.progress_delta) if self.progress_delta else ""

    @property
    def investment_text(self) -> str:
        return money(self.now.completed_investment)

    @property
    def investment_delta_text(self) -> str:
        return signed_money(self.investment_delta) if self.investment_delta else ""

    @property
    def light_text(self) -> str:
        return light_label(self.now.light)


@dataclass
class TaskRow:
    task: DispatchTask
    overdue: bool


@dataclass
class Pack:
    meeting: DispatchMeeting
    previous: DispatchMeeting | None
    live: bool  # a draft shows today's figures; a held meeting its snapshot
    rows: list[Row]
    gone: list[ProjectState]  # in the previous snapshot, no longer in the zone
    carried: list[TaskRow]  # earlier meetings' tasks still open at this meeting
    closed_since: list[TaskRow]  # earlier meetings' tasks closed since the previous meeting
    decisions: list[TaskRow]  # this meeting's own tasks
    reference: dt.date  # the day "overdue" is judged on
    # 经济运行: the zone's bulletin for the latest period ended before the meeting (indicators.bulletins).
    economy: BulletinPage | None = None

    @property
    def new_rows(self) -> list[Row]:
        return [r for r in self.rows if r.is_new and self.previous is not None]

    @property
    def changed_count(self) -> int:
        return sum(1 for r in self.rows if r.changed)

    @property
    def overdue_count(self) -> int:
        return sum(1 for t in self.carried if t.overdue)


def stage_label(stage: str) -> str:
    return Stage(stage).label if stage in Stage.values else stage


def light_label(light: str | None) -> str:
    return LIGHTS.get(light, light) if light else "—"


def percent_text(value: Decimal | None) -> str:
    return "—" if value is None else f"{value.quantize(Decimal('0.1')).normalize():f}%"


def signed_points(delta: Decimal) -> str:
    return f"{'+' if delta > 0 else '−'}{abs(delta).quantize(Decimal('0.1')).normalize():f}个百分点"


def signed_money(delta: Decimal) -> str:
    return f"{'+' if delta > 0 else '−'}{money(abs(delta))}"


def compare(now: ProjectState, before: ProjectState | None) -> Row:
    row = Row(now=now, before=before)
    if before is None:
        return row
    if now.stage != before.stage:
        row.stage_moved = True
        backwards = STAGE_ORDER.index(now.stage) < STAGE_ORDER.index(before.stage) if (
            now.stage in Stage.values and before.stage in Stage.values) else False
        row.changes.append(f"阶段{'回退' if backwards else ''}:{stage_label(before.stage)} → {stage_label(now.stage)}")
    if now.progress is not None and before.progress is not None and now.progress != before.progress:
        row.progress_delta = now.progress - before.progress
        row.changes.append(f"进度{signed_points(row.progress_delta)}")
    elif now.progress is not None and before.progress is None:
        row.changes.append(f"首次填报进度{percent_text(now.progress)}")
    if now.completed_investment is not None and now.completed_investment != (before.completed_investment or 0):
        row.investment_delta = now.completed_investment - (before.completed_investment or Decimal(0))
        row.changes.append(f"完成投资{signed_money(row.investment_delta)}")
    if now.light and before.light and now.light != before.light:
        row.light_changed = True
        row.changes.append(f"{light_label(before.light)} → {light_label(now.light)}")
    if now.open_coordination is not None and before.open_coordination is not None:
        delta = now.open_coordination - before.open_coordination
        if delta:
            row.coordination_delta = delta
            row.changes.append(f"未办结协调事项{before.open_coordination} → {now.open_coordination}"
                               f"({'新增' if delta > 0 else '减少'}{abs(delta)}项)")
    return row


def previous_meeting(meeting: DispatchMeeting) -> DispatchMeeting | None:
    """The zone's latest held meeting of an earlier month: the one whose snapshot this pack compares with."""
    return (
        DispatchMeeting.objects.filter(zone_id=meeting.zone_id, month__lt=meeting.month, status=MeetingStatus.HELD)
        .order_by("-month").first()
    )


def build_pack(meeting: DispatchMeeting) -> Pack:
    previous = previous_meeting(meeting)
    live = meeting.status == MeetingStatus.DRAFT
    if live:
        now_states = zone_states(meeting.zone_id)
    else:
        now_states = [snapshot_state(s) for s in DispatchSnapshot.objects.filter(meeting=meeting).order_by("id")]
    before_states = {}
    if previous is not None:
        for s in DispatchSnapshot.objects.filter(meeting=previous).order_by("id"):
            before_states[s.project_id] = snapshot_state(s)
    rows = [compare(s, before_states.get(s.project_id)) for s in now_states]
    present = {s.project_id for s in now_states}
    gone = [s for pid, s in before_states.items() if pid not in present]

    # Tasks of earlier meetings still open when this one sits, and those closed since the previous one.
    reference = clock.today() if live else meeting.held_on
    since = previous.held_on if previous else None
    earlier = Q(meeting__zone_id=meeting.zone_id, meeting__month__lt=meeting.month)
    still = Q(state=TaskState.OPEN) | Q(closed_on__gt=reference)
    wanted = still | Q(closed_on__gte=since) if since else still
    tasks = list(
        DispatchTask.objects.filter(earlier & wanted)
        .select_related("meeting", "project", "owner_department", "owner_official")
        .order_by("deadline", "id")
    )
    carried, closed_since = [], []
    for t in tasks:
        open_then = t.state == TaskState.OPEN or t.closed_on > reference
        (carried if open_then else closed_since).append(TaskRow(t, is_overdue(t, reference) if open_then else False))
    decisions = [
        TaskRow(t, is_overdue(t))
        for t in DispatchTask.objects.filter(meeting=meeting)
        .select_related("project", "owner_department", "owner_official").order_by("id")
    ]
    economy = zone_economy(meeting.zone, meeting.held_on)
    return Pack(meeting, previous, live, rows, gone, carried, closed_since, decisions, reference, economy)
