"""One illustrative planned date, so the demo shows a red light and its escalation ladder.

Every planned date the page implies lies after the demo's today (2021-05-14) or was met, so no
light would be red. This adds one, marked 示意: 创普开业's line, producing since December 2020, planned
to reach full output (达产) by 2021-04-30 and not there yet. On the demo's today that is 8 working
days overdue (the 五一 holiday of 1—5 May not counted), so `yuanqu tick` reminds its liaison and,
past 3 working days, has the zone's leader supervise (督办).
"""

import datetime as dt

PROJECT = "创普开业液晶显示屏生产线项目"
PLANNED_FULL_OUTPUT = dt.date(2021, 4, 30)
NOTE = "示意:报道未载明达产日期"


def load_illustrative_plan() -> None:
    from yuanqu.projects.models import Milestone, Project

    project = Project.objects.get(name=PROJECT)
    milestone, _ = Milestone.objects.get_or_create(project=project, kind="full")
    if (milestone.planned, milestone.note) != (PLANNED_FULL_OUTPUT, NOTE):
        milestone.planned, milestone.note = PLANNED_FULL_OUTPUT, NOTE
        milestone.save()
