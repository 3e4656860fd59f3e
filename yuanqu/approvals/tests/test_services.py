"""Bad input for every approvals service: a clear Chinese message on the right field (or a refusal
naming what is missing) and nothing half-saved; the project's milestones kept in step with its case;
the case's stored summary."""

import contextlib
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.approvals import services
from yuanqu.approvals.choices import ItemState, TaskState
from yuanqu.approvals.models import ApprovalCase, ApprovalItem, CaseItem, ItemTransition, ServiceTask
from yuanqu.approvals.tests.fixtures import case_a, case_b, catalogue, item, project_a
from yuanqu.audit.models import AuditEntry
from yuanqu.common import workdays
from yuanqu.common.clock import frozen
from yuanqu.inbox.models import InboxMessage
from yuanqu.projects.models import Milestone, Project
from yuanqu.testing.factories import UserFactory, grant

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2021, 3, 15)
TABLES = [ApprovalCase, CaseItem, ServiceTask, ItemTransition, ApprovalItem, ApprovalItem.prerequisites.through,
          InboxMessage, AuditEntry]


@pytest.fixture(autouse=True)
def _today():
    with frozen(TODAY):
        yield


def counts() -> tuple:
    return tuple(m.objects.count() for m in TABLES)


@contextlib.contextmanager
def refused(field=None, message=None, *, denied=False):
    """The block must be refused (ValidationError on `field` with `message`, or PermissionDenied with
    `message`) and leave every approvals table, the inbox and the change log as they were."""
    before = counts()
    if denied:
        with pytest.raises(PermissionDenied) as e:
            yield
        if message:
            assert str(e.value) == message
    else:
        with pytest.raises(ValidationError) as e:
            yield
        if field is None:
            assert e.value.messages == [message]
        else:
            assert e.value.message_dict[field] == [message]
    assert counts() == before


def other_project(w, zone=None, name="甲液晶显示屏二期", signed=D(2021, 3, 1)):
    zone = zone or w.zone_a
    a = zone == w.zone_a
    project = Project.objects.create(zone=zone, park=w.park_a if a else w.park_b,
                                     enterprise=w.enterprise_a if a else w.enterprise_b, name=name, stage="signed")
    Milestone.objects.create(project=project, kind="signed", actual=signed)
    return project


def test_case_open_refuses_bad_input(world):
    case_a(world)
    leader, items = world["leader_a"], catalogue("立项备案", "环评审批")
    fresh, elsewhere = other_project(world), other_project(world, world.zone_b, "乙项目")
    ok = dict(actor=leader, zone=world.zone_a, title="二期审批", project=fresh, items=items)
    with refused("items", "请至少选择一个审批事项。"):
        services.case_open(**ok | {"items": []})
    with refused("title", "请填写办件名称。"):
        services.case_open(**ok | {"title": "  "})
    with refused("project", "建设项目办件须选择项目。"):
        services.case_open(**ok | {"project": None})
    with refused("project", "所选项目不属于该园区。"):
        services.case_open(**ok | {"project": elsewhere})
    with refused("project", "该项目已有审批办件,请在原办件中增加事项。"):
        services.case_open(**ok | {"project": project_a(world)})
    with refused("enterprise", "活动办件须选择申请企业。"):
        services.case_open(**ok | {"kind": "event", "project": None})
    with refused("enterprise", "所选企业不属于该园区。"):
        services.case_open(**ok | {"kind": "event", "project": None, "enterprise": world.enterprise_b})
    with refused("enterprise", "建设项目办件的申请企业就是项目的业主企业(湖南甲科技有限公司),请在项目中修改业主企业。"):
        services.case_open(**ok | {"enterprise": world.enterprise_b})
    with refused("items", "“立项备案”不在承诺制事项之列。"):
        services.case_open(**ok | {"commitments": [items[0].pk]})
    with refused("items", "承办部门须是本园区的部门。"):
        services.case_open(**ok | {"departments": {items[1].pk: world.dept_b}})
    with refused("items", "该办件已有“立项备案”。"):
        services.case_open(**ok | {"items": [items[0], items[1], items[0]]})  # picked twice
    for agent in (world["dept_a"], world["leader_b"], world["enterprise_a"]):
        with refused("agent", "代办员须是该园区的代办员或园区领导。"):
            services.case_open(**ok | {"agent": agent})
    retired = UserFactory(username="retired_agent", is_active=False)
    grant(retired, "agent", zone=world.zone_a)
    with refused("agent", "代办员须是该园区的代办员或园区领导。"):
        services.case_open(**ok | {"agent": retired})
    with refused("land_handover_on", "交地日期不能早于签约日期。"):
        services.case_open(**ok | {"land_handover_on": D(2021, 2, 26)})
    with refused("land_handover_on", "选择“交地即开工”时请填写交地日期。"):
        services.case_open(**ok | {"handover_start": True})
    for actor in ("leader_b", "dept_a", "enterprise_a", "city", "liaison_a", "investor_a", "sysadmin"):
        with refused(message="您无权在该园区新建审批办件。", denied=True):
            services.case_open(**ok | {"actor": world[actor]})
    ApprovalItem.objects.filter(pk=items[1].pk).update(is_active=False)
    with refused("items", "“环评审批”已停用,不能用于新办件。"):
        services.case_open(**ok | {"items": catalogue("立项备案", "环评审批")})
    # The good case: saved whole, the agent defaults to the acting agency officer, its summary current.
    case = services.case_open(**ok | {"actor": world["agent_a"], "items": items[:1]})
    assert case.agent == world["agent_a"] and case.signed_on == D(2021, 3, 1) and case.opened_on == D(2021, 3, 1)
    assert case.items_total == 1 and case.items_waiting == 1 and case.service_tasks.count() == 3


def test_case_update_refuses_bad_input(world):
    case = case_a(world)
    version = case.version
    ok = dict(actor=world["leader_a"], case=case, version=version)
    with refused(message="该记录已被他人修改,请刷新页面后重试。"):
        services.case_update(**ok | {"data": {"note": "新说明"}, "version": version + 1})
    with refused("title", "请填写办件名称。"):
        services.case_update(**ok | {"data": {"title": " "}})
    with refused("agent", "代办员须是该园区的代办员或园区领导。"):
        services.case_update(**ok | {"data": {"agent": world["dept_a"]}})
    with refused("land_handover_on", "交地日期不能早于签约日期。"):
        services.case_update(**ok | {"data": {"land_handover_on": D(2021, 2, 1)}})
    with refused("land_handover_on", "选择“交地即开工”时请填写交地日期。"):
        services.case_update(**ok | {"data": {"handover_start": True}})
    other_agent = UserFactory(username="agent_a2")
    grant(other_agent, "agent", zone=world.zone_a)
    for actor in (other_agent, world["leader_b"], world["dept_a"], world["enterprise_a"], world["city"]):
        with refused(message="只有园区领导或该办件的代办员可以修改办件。", denied=True):
            services.case_update(**ok | {"actor": actor, "data": {"note": "x"}})
    case = services.case_update(actor=world["agent_a"], case=case, data={"note": " 加快 ", "opened_on": D(2020, 1, 1),
                                                                          "items_total": 99}, version=version)
    case.refresh_from_db()
    assert case.note == "加快" and case.version == version + 1
    assert case.opened_on == D(2021, 3, 1) and case.items_total == 4  # not editable on a project case


def test_case_items_add_update_remove_refuse_bad_input(world):
    case = case_a(world)
    leader = world["leader_a"]
    with refused("items", "该办件已有“立项备案”。"):
        services.case_items_add(actor=leader, case=case, items=catalogue("施工许可", "立项备案"))
    with refused("items", "请至少选择一个审批事项。"):
        services.case_items_add(actor=leader, case=case, items=[])
    with refused(message="只有园区领导或该办件的代办员可以修改办件。", denied=True):
        services.case_items_add(actor=world["dept_a"], case=case, items=catalogue("施工许可"))
    land = item(case, "用地预审与选址意见")
    with refused("department", "承办部门须是本园区的部门。"):
        services.case_item_update(actor=leader, case_item=land, department=world.dept_b)
    with refused("by_commitment", "“用地预审与选址意见”不在承诺制事项之列。"):
        services.case_item_update(actor=leader, case_item=land, by_commitment=True)
    with refused(message="只有园区领导或该办件的代办员可以修改办件。", denied=True):
        services.case_item_update(actor=world["leader_b"], case_item=land, department=world.dept_a)
    for name in ("立项备案", "环评审批"):
        with refused(message=f"“{name}”已开始办理,不能移除。"):
            services.case_item_remove(actor=leader, case_item=item(case, name))
    with refused(message="只有园区领导或该办件的代办员可以修改办件。", denied=True):
        services.case_item_remove(actor=world["dept_a"], case_item=land)
    services.case_item_remove(actor=world["agent_a"], case_item=land)
    case.refresh_from_db()
    assert case.items_total == 3 and not CaseItem.objects.filter(pk=land.pk).exists()


def test_item_act_refuses_bad_dates_and_document_numbers(world):
    case = case_a(world)
    eia, land = item(case, "环评审批"), item(case, "用地预审与选址意见")
    dept, agent = world["dept_a"], world["agent_a"]
    with refused("date", "办理日期不能晚于今天。"):
        services.item_act(actor=dept, case_item=eia, action="review", on=D(2021, 3, 16))
    with refused("date", "办理日期不能早于办件启动日期(2021-03-01)。"):
        services.item_act(actor=agent, case_item=land, action="prepare", on=D(2021, 2, 26))
    with refused("date", "办理日期不能早于该事项上一步的日期(2021-03-08)。"):
        services.item_act(actor=dept, case_item=eia, action="review", on=D(2021, 3, 5))
    with refused("document_no", "批文号不能超过60个字。"):
        services.item_act(actor=dept, case_item=eia, action="grant", on=D(2021, 3, 12), document_no="文" * 61)
    with refused(message="请填写不予许可理由。"):
        services.item_act(actor=dept, case_item=eia, action="refuse", on=D(2021, 3, 12), note=" ")
    eia = services.item_act(actor=dept, case_item=eia, action="grant", document_no=" 甲环审〔2021〕3号 ")
    assert (eia.state, eia.done_on, eia.document_no) == (ItemState.DONE, TODAY, "甲环审〔2021〕3号")


def test_service_tasks_refuse_bad_input(world):
    case = case_a(world)
    task = case.service_tasks.order_by("id").first()
    ok = dict(actor=world["agent_a"], case=case)
    with refused("done_on", "状态为已完成时请填写完成日期。"):
        services.service_task_save(**ok | {"task": task, "data": {"state": TaskState.DONE}, "version": task.version})
    with refused("owner", "请填写责任单位或责任人。"):
        services.service_task_save(**ok | {"data": {"kind": "recruitment", "title": "招聘", "owner": " "}})
    with refused("title", "请填写服务事项。"):
        services.service_task_save(**ok | {"data": {"kind": "recruitment", "title": "", "owner": "人社局"}})
    with refused("done_on", "办理日期不能晚于今天。"):
        services.service_task_save(**ok | {"task": task, "data": {"state": TaskState.DONE, "done_on": D(2021, 4, 1)}})
    with refused(message="该记录已被他人修改,请刷新页面后重试。"):
        services.service_task_save(**ok | {"task": task, "data": {"note": "x"}, "version": task.version + 1})
    before = counts()
    with pytest.raises(ValidationError) as e:
        services.service_task_save(**ok | {"data": {"kind": "nonsense", "title": "招聘", "owner": "人社局"}})
    assert list(e.value.message_dict) == ["kind"] and counts() == before
    for actor in ("dept_a", "enterprise_a", "leader_b"):
        with refused(message="只有园区领导或该办件的代办员可以修改办件。", denied=True):
            services.service_task_save(actor=world[actor], case=case, task=task, data={"note": "x"})
        with refused(message="只有园区领导或该办件的代办员可以修改办件。", denied=True):
            services.service_task_delete(actor=world[actor], task=task)
    saved = services.service_task_save(**ok | {"task": task, "data": {"state": TaskState.DONE, "done_on": TODAY},
                                              "version": task.version})
    assert saved.state == TaskState.DONE and saved.version == task.version + 1


def test_approval_item_save_refuses_bad_input(world):
    sysadmin = world["sysadmin"]
    first = catalogue("立项备案")[0]
    data = dict(name="临时用地审批", department_name="自然资源和规划部门", statutory_days=10, promised_days=5)
    with refused("promised_days", "承诺时限不能超过法定时限。"):
        services.approval_item_save(actor=sysadmin, data=data | {"promised_days": 11})
    with refused("promised_days", "承诺时限不能超过法定时限。"):
        services.approval_item_save(actor=sysadmin, item=first, data={"promised_days": 4}, version=first.version)
    with refused("prerequisites", "审批事项不能以自己为前置事项。"):
        services.approval_item_save(actor=sysadmin, item=first, data={}, prerequisites=[first], version=first.version)
    with refused("name", "已有同名审批事项。"):
        services.approval_item_save(actor=sysadmin, data=data | {"name": "立项备案"})
    with refused(message="该记录已被他人修改,请刷新页面后重试。"):
        services.approval_item_save(actor=sysadmin, item=first, data={"materials": "x"}, version=first.version + 1)
    for actor in ("leader_a", "city", "agent_a", "dept_a"):
        with refused(message="只有系统管理员可以维护审批事项目录。", denied=True):
            services.approval_item_save(actor=world[actor], data=data)
    new = services.approval_item_save(actor=sysadmin, data=data, prerequisites=[first])
    assert list(new.prerequisites.all()) == [first] and not new.limits_default
    first = services.approval_item_save(actor=sysadmin, item=first, data={"promised_days": 2}, version=first.version)
    assert not first.limits_default and first.promised_days == 2


def test_the_projects_milestones_keep_the_cases_dates(world):
    case = case_a(world)
    assert (case.signed_on, case.started_on, case.planned_start) == (D(2021, 3, 1), None, D(2021, 3, 23))
    signed = Milestone.objects.get(project=case.project, kind="signed")
    signed.actual = D(2021, 3, 2)
    signed.save()
    case.refresh_from_db()
    assert case.signed_on == D(2021, 3, 2) and case.planned_start == D(2021, 3, 24)
    started = Milestone.objects.create(project=case.project, kind="started", actual=D(2021, 3, 29))
    case.refresh_from_db()
    assert case.started_on == D(2021, 3, 29)
    started.delete()
    case.refresh_from_db()
    assert case.started_on is None
    Milestone.objects.create(project=case.project, kind="land", planned=D(2021, 4, 1))  # another milestone: no change
    case.refresh_from_db()
    assert case.signed_on == D(2021, 3, 2)
    assert case_b(world).signed_on is None  # an event case has no project


def test_case_refresh_keeps_the_summary(world):
    case = case_a(world)
    assert (case.items_total, case.items_done, case.items_running, case.items_correcting, case.items_waiting,
            case.items_refused, case.next_due, case.planned_start) == (4, 1, 1, 0, 2, 0, D(2021, 3, 29), D(2021, 3, 23))
    agent, dept = world["agent_a"], world["dept_a"]
    services.item_act(actor=agent, case_item=item(case, "节能审查"), action="prepare", on=D(2021, 3, 9))
    energy = services.item_act(actor=agent, case_item=item(case, "节能审查"), action="commit", on=D(2021, 3, 10))
    assert energy.followup_due == workdays.add_workdays(D(2021, 3, 10), 20) == D(2021, 4, 8)
    case.refresh_from_db()
    assert (case.items_done, case.items_waiting, case.next_due) == (2, 1, D(2021, 3, 29))
    services.item_act(actor=dept, case_item=item(case, "环评审批"), action="correct", on=D(2021, 3, 10), note="补充")
    case.refresh_from_db()
    assert (case.items_running, case.items_correcting, case.next_due) == (0, 1, D(2021, 4, 8))  # the follow-up's
    services.item_act(actor=agent, case_item=item(case, "节能审查"), action="verify", on=D(2021, 3, 11))
    case.refresh_from_db()
    assert case.next_due is None
    services.item_act(actor=agent, case_item=item(case, "环评审批"), action="resubmit", on=D(2021, 3, 12))
    services.item_act(actor=dept, case_item=item(case, "环评审批"), action="refuse", on=D(2021, 3, 15), note="选址不符")
    case.refresh_from_db()
    assert (case.items_total, case.items_done, case.items_running, case.items_correcting, case.items_waiting,
            case.items_refused, case.next_due) == (4, 2, 0, 0, 1, 1, None)
    assert case.is_open
