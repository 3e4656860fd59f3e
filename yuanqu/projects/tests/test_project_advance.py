"""The lifecycle moves only by named actions, each checked for the stage, the date and the actor."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.audit.models import AuditEntry
from yuanqu.common.clock import frozen
from yuanqu.projects.models import Milestone, Project, StageTransition
from yuanqu.projects.services import (
    MSG_BEFORE_PREVIOUS, MSG_FUTURE, MSG_ILLEGAL, MSG_NO_ADVANCE, MSG_UNKNOWN_ACTION, project_advance,
)

from .conftest import D, ProjectFactory, add_milestone, at_stage

TODAY = D(2021, 5, 14)

# The lifecycle as the issue states it, written out by hand (not read from services.ACTIONS):
# stage → {action: (target stage, milestone the target reaches or None)}.
LIFECYCLE = {
    "planning": {"start_preliminary": ("preliminary", None), "sign": ("signed", "signed")},
    "preliminary": {"sign": ("signed", "signed")},
    "signed": {"start_construction": ("started", "started")},
    "started": {"begin_main_works": ("main_works", "main_works"), "complete": ("completed", "completed")},
    "main_works": {"complete": ("completed", "completed")},
    "completed": {"start_trial": ("trial", "trial"), "start_production": ("producing", "producing")},
    "trial": {"start_production": ("producing", "producing")},
    "producing": {"reach_full": ("full", "full")},
    "full": {},
}
STAGE_LABEL = {"planning": "谋划", "preliminary": "前期", "signed": "签约", "started": "开工", "main_works": "主体施工",
               "completed": "竣工", "trial": "试投产", "producing": "投产", "full": "达产"}
ACTION_LABEL = {"start_preliminary": "转入前期", "sign": "签约", "start_construction": "开工",
                "begin_main_works": "进入主体施工", "complete": "竣工", "start_trial": "试投产",
                "start_production": "投产", "reach_full": "达产"}
# What the refusal lists as allowed, in the order it names them.
ALLOWED = {
    "planning": "转入前期、签约", "preliminary": "签约", "signed": "开工", "started": "进入主体施工、竣工",
    "main_works": "竣工", "completed": "试投产、投产", "trial": "投产", "producing": "达产", "full": "无(已达产)",
}
LEGAL = [(stage, action) for stage, actions in LIFECYCLE.items() for action in actions]


@pytest.fixture
def project(world):
    return ProjectFactory(zone=world.zone_a, liaison=world["liaison_a"])


def snapshot(project) -> tuple:
    project = Project.objects.get(pk=project.pk)
    return (
        project.stage, project.version,
        list(StageTransition.objects.filter(project=project).values_list("pk", flat=True)),
        list(Milestone.objects.filter(project=project).values_list("kind", "planned", "actual")),
        AuditEntry.objects.get_for_object(project).count(),
    )


def refusal(call) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        call()
    return exc.value


@pytest.mark.parametrize("stage, action", LEGAL, ids=[f"{s}-{a}" for s, a in LEGAL])
def test_a_legal_action_moves_the_stage_records_the_transition_and_reaches_the_milestone(world, project, stage, action):
    at_stage(project, stage)
    target, milestone = LIFECYCLE[stage][action]
    with frozen(TODAY):
        moved = project_advance(actor=world["leader_a"], project=project, action=action,
                                effective=D(2021, 5, 10), note=" 现场核实 ")
    assert moved.stage == target
    assert Project.objects.get(pk=project.pk).stage == target
    t = StageTransition.objects.get(project=project)
    assert (t.action, t.from_stage, t.to_stage, t.effective, t.actor, t.note) == (
        action, stage, target, D(2021, 5, 10), world["leader_a"], "现场核实")
    reached = dict(Milestone.objects.filter(project=project, actual__isnull=False).values_list("kind", "actual"))
    assert reached == ({milestone: D(2021, 5, 10)} if milestone else {})


def test_reaching_a_milestone_keeps_its_planned_date(world, project):
    at_stage(project, "signed")
    add_milestone(project, "started", planned=D(2021, 4, 30))
    with frozen(TODAY):
        project_advance(actor=world["leader_a"], project=project, action="start_construction", effective=D(2021, 5, 6))
    m = Milestone.objects.get(project=project, kind="started")
    assert (m.planned, m.actual) == (D(2021, 4, 30), D(2021, 5, 6))


@pytest.mark.parametrize("stage", list(LIFECYCLE))
def test_every_action_not_allowed_from_a_stage_is_refused_naming_the_stage_and_what_is_allowed(world, project, stage):
    at_stage(project, stage)
    illegal = [a for a in ACTION_LABEL if a not in LIFECYCLE[stage]]
    assert illegal
    before = snapshot(project)
    for action in illegal:
        with frozen(TODAY):
            exc = refusal(lambda: project_advance(actor=world["leader_a"], project=project, action=action,
                                                  effective=D(2021, 5, 10)))
        assert exc.messages == [MSG_ILLEGAL.format(stage=STAGE_LABEL[stage], action=ACTION_LABEL[action],
                                                   allowed=ALLOWED[stage])], action
        assert snapshot(project) == before, action


def test_the_refusal_reads_as_a_sentence(world, project):
    at_stage(project, "planning")
    with frozen(TODAY):
        exc = refusal(lambda: project_advance(actor=world["leader_a"], project=project, action="reach_full",
                                              effective=TODAY))
    assert exc.messages == ["项目当前处于“谋划”阶段,不能执行“达产”。当前可执行:转入前期、签约。"]


def test_an_unknown_action_is_refused(world, project):
    before = snapshot(project)
    exc = refusal(lambda: project_advance(actor=world["leader_a"], project=project, action="demolish",
                                          effective=D(2021, 5, 10)))
    assert exc.messages == [MSG_UNKNOWN_ACTION.format(action="demolish")]
    assert snapshot(project) == before


def test_a_date_after_today_is_refused(world, project):
    before = snapshot(project)
    with frozen(TODAY):
        exc = refusal(lambda: project_advance(actor=world["leader_a"], project=project, action="sign",
                                              effective=D(2021, 5, 15)))
        # Today itself is fine.
        project_advance(actor=world["leader_a"], project=project, action="sign", effective=TODAY)
    assert exc.messages == [MSG_FUTURE.format(today=TODAY)]
    assert "2021-05-14" in exc.messages[0]
    assert Project.objects.get(pk=project.pk).stage == "signed"
    assert len(snapshot(project)[2]) == len(before[2]) + 1


def test_the_clock_decides_what_the_future_is(world, project):
    with frozen(D(2021, 5, 9)):
        exc = refusal(lambda: project_advance(actor=world["leader_a"], project=project, action="sign",
                                              effective=D(2021, 5, 10)))
    assert exc.messages == [MSG_FUTURE.format(today=D(2021, 5, 9))]


def test_a_date_before_the_previous_reached_milestone_is_refused(world, project):
    at_stage(project, "signed")
    add_milestone(project, "signed", actual=D(2021, 2, 5))
    before = snapshot(project)
    with frozen(TODAY):
        exc = refusal(lambda: project_advance(actor=world["leader_a"], project=project, action="start_construction",
                                              effective=D(2021, 2, 4)))
    assert exc.messages == [MSG_BEFORE_PREVIOUS.format(label="签约", date=D(2021, 2, 5))]
    assert snapshot(project) == before
    # The same day as the previous milestone is allowed.
    with frozen(TODAY):
        project_advance(actor=world["leader_a"], project=project, action="start_construction", effective=D(2021, 2, 5))
    assert Project.objects.get(pk=project.pk).stage == "started"


def test_the_previous_milestone_is_the_latest_reached_one_including_the_preliminary_steps(world, project):
    at_stage(project, "preliminary")
    add_milestone(project, "design", actual=D(2021, 3, 26))
    add_milestone(project, "land", planned=D(2021, 6, 30))  # planned only: not reached
    with frozen(TODAY):
        exc = refusal(lambda: project_advance(actor=world["leader_a"], project=project, action="sign",
                                              effective=D(2021, 3, 25)))
    assert exc.messages == [MSG_BEFORE_PREVIOUS.format(label="规划设计完成", date=D(2021, 3, 26))]


def test_a_whole_lifecycle_walked_step_by_step(world, project):
    steps = [("start_preliminary", D(2020, 3, 2)), ("sign", D(2020, 6, 1)), ("start_construction", D(2020, 6, 30)),
             ("begin_main_works", D(2020, 8, 3)), ("complete", D(2020, 11, 27)), ("start_trial", D(2020, 12, 7)),
             ("start_production", D(2020, 12, 28)), ("reach_full", D(2021, 5, 10))]
    with frozen(TODAY):
        for action, day in steps:
            project = project_advance(actor=world["leader_a"], project=project, action=action, effective=day)
    assert project.stage == "full"
    assert list(StageTransition.objects.filter(project=project).values_list("action", "to_stage")) == [
        (a, LIFECYCLE[s][a][0]) for s, (a, _) in zip(LIFECYCLE, steps)]
    assert dict(Milestone.objects.filter(project=project).values_list("kind", "actual")) == {
        "signed": D(2020, 6, 1), "started": D(2020, 6, 30), "main_works": D(2020, 8, 3), "completed": D(2020, 11, 27),
        "trial": D(2020, 12, 7), "producing": D(2020, 12, 28), "full": D(2021, 5, 10)}
    assert project.version == 1 + len(steps)


# -- who may advance ----------------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["leader_a", "liaison_a"])
def test_the_zone_leader_and_the_assigned_liaison_may_advance(world, project, persona):
    with frozen(TODAY):
        project_advance(actor=world[persona], project=project, action="sign", effective=TODAY)
    assert StageTransition.objects.get(project=project).actor == world[persona]


@pytest.mark.parametrize("persona", [
    "city", "leader_b", "dept_a", "agent_a", "investor_a", "enterprise_a", "clerk_a", "mentor_a", "sysadmin", "nobody",
])
def test_no_one_else_may_advance(world, project, persona):
    before = snapshot(project)
    with frozen(TODAY), pytest.raises(PermissionDenied) as exc:
        project_advance(actor=world[persona], project=project, action="sign", effective=TODAY)
    assert str(exc.value) == MSG_NO_ADVANCE
    assert snapshot(project) == before


def test_a_liaison_may_not_advance_a_project_assigned_to_someone_else(world):
    other = ProjectFactory(zone=world.zone_a, liaison=None)
    with frozen(TODAY), pytest.raises(PermissionDenied) as exc:
        project_advance(actor=world["liaison_a"], project=other, action="sign", effective=TODAY)
    assert str(exc.value) == MSG_NO_ADVANCE


def test_a_liaison_may_not_advance_its_project_in_another_zone(world):
    elsewhere = ProjectFactory(zone=world.zone_b, liaison=world["liaison_a"])
    with frozen(TODAY), pytest.raises(PermissionDenied) as exc:
        project_advance(actor=world["liaison_a"], project=elsewhere, action="sign", effective=TODAY)
    assert str(exc.value) == MSG_NO_ADVANCE
    assert Project.objects.get(pk=elsewhere.pk).stage == "planning"


def test_the_advance_is_audited_with_its_actor(world, project):
    with frozen(TODAY):
        project_advance(actor=world["liaison_a"], project=project, action="sign", effective=D(2021, 5, 10))
    entry = AuditEntry.objects.get_for_object(project).latest("id")
    assert entry.actor == world["liaison_a"]
    assert entry.action == AuditEntry.Action.UPDATE
    assert "stage" in entry.changes_dict
    milestone = Milestone.objects.get(project=project, kind="signed")
    assert {e.actor for e in AuditEntry.objects.get_for_object(milestone)} == {world["liaison_a"]}


def test_an_advance_passed_a_stale_project_reads_the_current_stage(world, project):
    stale = Project.objects.get(pk=project.pk)
    with frozen(TODAY):
        project_advance(actor=world["leader_a"], project=project, action="sign", effective=D(2021, 5, 10))
        # The caller's copy still says 谋划; the service locks and reads the row, so 签约 again is refused.
        exc = refusal(lambda: project_advance(actor=world["leader_a"], project=stale, action="sign",
                                              effective=D(2021, 5, 11)))
    assert exc.messages == [MSG_ILLEGAL.format(stage="签约", action="签约", allowed="开工")]
    assert StageTransition.objects.filter(project=project).count() == 1


def test_late_in_the_evening_local_time_today_is_still_today(world, project):
    # 23:30 in 湘潭 is 15:30 UTC the same day; 00:30 local would be the previous day in UTC.
    with frozen(dt.datetime(2021, 5, 14, 0, 30)):
        project_advance(actor=world["leader_a"], project=project, action="sign", effective=D(2021, 5, 14))
    assert StageTransition.objects.get(project=project).effective == D(2021, 5, 14)
