"""The pages of weekly reports and coordination items: forms save or answer 400 in Chinese saving
nothing, lists filter, paginate, export and keep their query count, actions are POST-only."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.audit.models import SecurityEvent
from yuanqu.common import routing
from yuanqu.common.clock import frozen
from yuanqu.projects import reporting
from yuanqu.projects.models import CoordinationItem, ProgressRecord, WeeklyReport
from yuanqu.projects.reporting_forms import MSG_INVESTMENT_NEGATIVE, MSG_PERCENT_RANGE
from yuanqu.testing.factories import DepartmentFactory

from .conftest import D, ProjectFactory

TODAY = D(2021, 5, 14)
REQUIRED = "这个字段是必填项。"


@pytest.fixture(autouse=True)
def demo_day(settings):
    settings.YUANQU_FROZEN_TODAY = "2021-05-14"


def report_data(**over) -> dict:
    data = {"week": "2021-05-10", "done_this_week": "吊架搭设完成30跨", "planned_next_week": "顶升更换支座",
            "problems": "雨季影响", "coordination_needed": "", "investment_in_period": "120", "progress_percent": "63",
            "items-TOTAL_FORMS": "2", "items-INITIAL_FORMS": "0", "items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "10"}
    for i in range(2):
        data.update({f"items-{i}-title": "", f"items-{i}-description": "", f"items-{i}-owner_department": "",
                     f"items-{i}-deadline": "", f"items-{i}-workdays": ""})
    data.update(over)
    return data


def item_for(world, project, **over):
    values = {"project": project, "zone": project.zone, "title": "夜间施工噪声协调", "owner_department": world.dept_a,
              "deadline": D(2021, 5, 28), "raised_by": world["liaison_a"]}
    values.update(over)
    return CoordinationItem.objects.create(**values)


# -- the report form --------------------------------------------------------------------------------

def test_the_form_offers_this_week_and_those_before_not_the_next(world, login, project_a):
    body = login("liaison_a").get(reverse("projects:report_create", args=[project_a.pk])).content.decode()
    assert 'value="2021-05-10" selected' in body and "2021年第19周(5月10日—5月16日)" in body
    assert "2021-05-17" not in body


def test_a_good_report_with_two_items_saves_all_and_shows_them(world, login, project_a):
    client = login("liaison_a")
    data = report_data(**{"items-0-title": "夜间施工噪声协调", "items-0-owner_department": str(world.dept_a.pk),
                          "items-0-workdays": "5", "items-1-title": "临时用电增容", "items-1-deadline": "2021-05-31"})
    response = client.post(reverse("projects:report_create", args=[project_a.pk]), data)
    report = WeeklyReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:report_detail", args=[project_a.pk, report.pk])
    items = {i.title: i for i in report.coordination_items.all()}
    assert items["夜间施工噪声协调"].deadline == D(2021, 5, 21)  # 5 working days after Friday 5月14日
    assert items["临时用电增容"].owner_department is None
    page = client.get(response["Location"]).content.decode()
    assert "周报已提交。另提出协调事项2项。" in page and "夜间施工噪声协调" in page and "未指派" in page
    assert ProgressRecord.objects.get().percent == 63


def test_a_duplicate_week_is_a_400_naming_the_week_and_saving_nothing(world, login, project_a):
    client = login("liaison_a")
    client.post(reverse("projects:report_create", args=[project_a.pk]), report_data())
    response = client.post(reverse("projects:report_create", args=[project_a.pk]),
                           report_data(**{"items-0-title": "另一事项", "items-0-deadline": "2021-05-31"}))
    assert response.status_code == 400
    assert "该项目2021年第19周(5月10日—5月16日)的周报已于2021-05-14提交" in response.content.decode()
    assert WeeklyReport.objects.count() == 1 and not CoordinationItem.objects.exists()
    # ... and the form marks the week as reported.
    assert "(已填报)" in client.get(reverse("projects:report_create", args=[project_a.pk])).content.decode()


BAD_REPORTS = [
    ({"done_this_week": ""}, "done_this_week", REQUIRED),
    ({"planned_next_week": ""}, "planned_next_week", REQUIRED),
    ({"investment_in_period": "-5"}, "investment_in_period", MSG_INVESTMENT_NEGATIVE),
    ({"investment_in_period": "abc"}, "investment_in_period", "输入一个数字。"),
    ({"progress_percent": "101"}, "progress_percent", MSG_PERCENT_RANGE),
    ({"week": "2021-05-17"}, "week", reporting.MSG_WEEK_FUTURE.format(week="2021年第20周(5月17日—5月23日)")),
    ({"week": "not-a-date"}, "week", "输入一个有效的日期。"),
]


@pytest.mark.parametrize("over, field, message", BAD_REPORTS, ids=[b[1] + str(i) for i, b in enumerate(BAD_REPORTS)])
def test_a_bad_report_is_a_400_with_its_message_and_nothing_saved(world, login, project_a, over, field, message):
    response = login("liaison_a").post(reverse("projects:report_create", args=[project_a.pk]), report_data(**over))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not WeeklyReport.objects.exists() and not ProgressRecord.objects.exists()


BAD_ITEMS = [
    ({"items-0-title": "事项", "items-0-deadline": "2021-05-13"}, "deadline",
     reporting.MSG_DEADLINE_PAST.format(today=TODAY)),
    ({"items-0-title": "事项"}, "deadline", reporting.MSG_DEADLINE_REQUIRED),
    ({"items-0-deadline": "2021-05-31"}, "title", REQUIRED),
    ({"items-0-title": "事项", "items-0-workdays": "0"}, "workdays", "确保该值大于或等于1。"),
]


@pytest.mark.parametrize("over, field, message", BAD_ITEMS)
def test_a_bad_item_row_refuses_the_whole_report(world, login, project_a, over, field, message):
    response = login("liaison_a").post(reverse("projects:report_create", args=[project_a.pk]), report_data(**over))
    assert response.status_code == 400
    assert response.context["items"].forms[0].errors[field] == [message]
    assert not WeeklyReport.objects.exists() and not CoordinationItem.objects.exists()


def test_a_department_of_another_zone_is_not_a_choice(world, login, project_a):
    response = login("liaison_a").post(reverse("projects:report_create", args=[project_a.pk]), report_data(**{
        "items-0-title": "事项", "items-0-deadline": "2021-05-31", "items-0-owner_department": str(world.dept_b.pk)}))
    assert response.status_code == 400
    assert "owner_department" in response.context["items"].forms[0].errors
    assert not WeeklyReport.objects.exists()


def test_a_tampered_formset_is_a_400_not_a_crash(world, login, project_a):
    data = report_data()
    del data["items-TOTAL_FORMS"]
    response = login("liaison_a").post(reverse("projects:report_create", args=[project_a.pk]), data)
    assert response.status_code == 400 and not WeeklyReport.objects.exists()


# -- the coordination form --------------------------------------------------------------------------

def test_raising_an_item_on_its_own_page(world, login, project_a):
    client = login("leader_a")
    response = client.post(reverse("projects:coordination_create", args=[project_a.pk]), {
        "title": "临时用电增容", "description": "需供电部门配合", "owner_department": world.dept_a.pk, "deadline": "2021-05-20"})
    item = CoordinationItem.objects.get()
    assert response["Location"] == reverse("projects:coordination_detail", args=[item.pk])
    assert (item.raised_by, item.report, item.state) == (world["leader_a"], None, "new")


@pytest.mark.parametrize("data, field, message", [
    ({"title": "", "deadline": "2021-05-20"}, "title", REQUIRED),
    ({"title": "x", "deadline": "2021-05-01"}, "deadline", reporting.MSG_DEADLINE_PAST.format(today=TODAY)),
    ({"title": "x"}, "deadline", reporting.MSG_DEADLINE_REQUIRED),
    ({"title": "x", "workdays": "abc"}, "workdays", "输入整数。"),
])
def test_a_bad_item_is_a_400(world, login, project_a, data, field, message):
    response = login("liaison_a").post(reverse("projects:coordination_create", args=[project_a.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not CoordinationItem.objects.exists()


# -- actions through the pages ------------------------------------------------------------------------

def act_url(item, action):
    return reverse("projects:coordination_act", args=[item.pk, action])


def test_the_detail_shows_the_history_and_only_the_allowed_buttons(world, login, project_a):
    item = item_for(world, project_a)
    body = login("dept_a").get(reverse("projects:coordination_detail", args=[item.pk])).content.decode()
    assert act_url(item, "accept") in body and act_url(item, "return") in body
    assert act_url(item, "assign") not in body and act_url(item, "close") not in body
    assert "确认退回?" in body  # the destructive step asks first
    body = login("city").get(reverse("projects:coordination_detail", args=[item.pk])).content.decode()
    assert act_url(item, "accept") not in body and "<h2>办理</h2>" not in body  # the city viewer reads only


def test_a_step_through_the_page_and_its_history(world, login, project_a):
    item = item_for(world, project_a)
    client = login("dept_a")
    assert client.post(act_url(item, "accept"), {"note": "已安排"}).status_code == 302
    response = client.post(act_url(item, "resolve"), {"note": "已协调施工单位22时后停止破碎作业"})
    assert response.status_code == 302
    body = client.get(response["Location"]).content.decode()
    assert "已答复解决。" in body and "已受理 → 已解决" in body and "22时后停止破碎作业" in body


def test_a_return_without_a_reason_is_a_400_with_the_message(world, login, project_a):
    item = item_for(world, project_a)
    response = login("dept_a").post(act_url(item, "return"), {"note": ""})
    assert response.status_code == 400
    assert routing.MSG_NOTE_REQUIRED.format(label="退回理由") in response.content.decode()
    item.refresh_from_db()
    assert item.state == "new" and not item.transitions.exists()


def test_an_illegal_step_through_the_page_names_the_state(world, login, project_a):
    item = item_for(world, project_a)
    response = login("leader_a").post(act_url(item, "close"))
    assert response.status_code == 400
    assert "该事项当前为“新提出”,不能执行“办结”。当前可执行:受理、退回、指派部门。" in response.content.decode()


def test_actions_are_post_only_and_unknown_ones_404(world, login, project_a):
    item = item_for(world, project_a)
    client = login("leader_a")
    assert client.get(act_url(item, "accept")).status_code == 405
    assert client.post(act_url(item, "fly")).status_code == 404


def test_assign_through_the_page_takes_a_department_of_the_zone(world, login, project_a):
    item = item_for(world, project_a, owner_department=None)
    other = DepartmentFactory(zone=world.zone_a, name="甲交警大队")
    client = login("leader_a")
    assert client.post(act_url(item, "assign"), {"department": world.dept_b.pk}).status_code == 302
    item.refresh_from_db()
    assert item.owner_department is None  # refused by the form: not a choice
    client.post(act_url(item, "assign"), {"department": other.pk})
    item.refresh_from_db()
    assert item.owner_department == other


# -- lists, filters, export, queue -------------------------------------------------------------------

def test_the_list_filters_by_zone_state_department_and_overdue(world, login, project_a):
    item_for(world, project_a, title="逾期事项", deadline=D(2021, 5, 10))
    other_dept = DepartmentFactory(zone=world.zone_a, name="甲交警大队")
    item_for(world, project_a, title="交警事项", owner_department=other_dept)
    project_b = ProjectFactory(zone=world.zone_b, name="乙项目")
    item_for(world, project_b, title="乙园区事项", owner_department=world.dept_b)
    closed_late = item_for(world, project_a, title="已办结", deadline=D(2021, 5, 1))
    CoordinationItem.objects.filter(pk=closed_late.pk).update(state="closed")
    client = login("city")
    url = reverse("projects:coordination_list")

    def titles(query):
        return {r["obj"].title for r in client.get(url, query).context["rows"]}

    assert titles({}) == {"逾期事项", "交警事项", "乙园区事项", "已办结"}
    assert titles({"zone": world.zone_b.pk}) == {"乙园区事项"}
    assert titles({"owner_department": other_dept.pk}) == {"交警事项"}
    assert titles({"overdue": "on"}) == {"逾期事项"}
    assert titles({"state": "closed"}) == {"已办结"}
    assert titles({"state": "bogus"}) == set()  # an invalid filter lists nothing, not everything


def test_the_queue_lists_what_waits_for_my_department(world, login, project_a):
    waiting = item_for(world, project_a, title="待受理")
    item_for(world, project_a, title="别的部门", owner_department=DepartmentFactory(zone=world.zone_a, name="甲交警大队"))
    answered = item_for(world, project_a, title="已答复")
    CoordinationItem.objects.filter(pk=answered.pk).update(state="resolved")
    response = login("dept_a").get(reverse("projects:coordination_queue"))
    assert [r["obj"] for r in response.context["rows"]] == [waiting]
    assert "待我部门受理/办理" in response.content.decode()
    # The liaison's queue: its answered item, to close.
    assert [r["obj"] for r in login("liaison_a").get(reverse("projects:coordination_queue")).context["rows"]] == [answered]


def test_the_export_holds_the_filtered_rows_and_is_logged(world, login, project_a):
    item_for(world, project_a, title="逾期事项", deadline=D(2021, 5, 10))
    item_for(world, project_a, title="按期事项")
    response = login("leader_a").get(reverse("projects:coordination_export"), {"overdue": "on"})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.values)
    assert rows[0][:3] == ("编号", "事项", "项目") and len(rows) == 2
    assert rows[1][1] == "逾期事项" and rows[1][4] == "甲建设局" and rows[1][6] == "新提出" and rows[1][7] == "逾期"
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.EXPORT, detail__what="coordination").exists()


def test_the_report_list_is_latest_first_and_paginated(world, login, project_a):
    for i in range(25):
        WeeklyReport.objects.create(project=project_a, week=D(2021, 5, 10) - dt.timedelta(weeks=i),
                                    done_this_week=f"第{i}", planned_next_week="-", submitted_on=TODAY)
    response = login("dept_a").get(reverse("projects:report_list", args=[project_a.pk]))
    page = response.context["page"]
    assert page.paginator.count == 25 and len(page.object_list) == 20
    assert page.object_list[0].week == D(2021, 5, 10)
    assert "填报周报" not in response.content.decode()  # the department reads, does not report


def test_the_project_page_shows_the_latest_report_and_open_items(world, login, project_a):
    WeeklyReport.objects.create(project=project_a, week=D(2021, 5, 3), done_this_week="旧的一周", planned_next_week="-",
                                submitted_on=D(2021, 5, 7), investment_in_period=Decimal("10"))
    WeeklyReport.objects.create(project=project_a, week=D(2021, 5, 10), done_this_week="吊架搭设完成30跨",
                                planned_next_week="-", submitted_on=TODAY, progress_percent=63)
    item_for(world, project_a, title="逾期未办", deadline=D(2021, 5, 11))
    closed = item_for(world, project_a, title="早已办结")
    CoordinationItem.objects.filter(pk=closed.pk).update(state="closed")
    body = login("liaison_a").get(reverse("projects:project_detail", args=[project_a.pk])).content.decode()
    assert "吊架搭设完成30跨" in body and "旧的一周" not in body and "总进度 63%" in body
    assert "逾期未办" in body and "早已办结" not in body and "逾期" in body
    assert "本周周报未填" not in body and reverse("projects:report_create", args=[project_a.pk]) in body
    # The owner enterprise sees its project, not the committee's reports.
    body = login("enterprise_a").get(reverse("projects:project_detail", args=[project_a.pk])).content.decode()
    assert "周报与协调事项" not in body


def test_the_project_page_reminds_the_liaison_of_this_weeks_report(world, login, project_a):
    body = login("liaison_a").get(reverse("projects:project_detail", args=[project_a.pk])).content.decode()
    assert "本周周报未填" in body


# -- query counts ----------------------------------------------------------------------------------

def count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def grow_items(world, project, n):
    for i in range(n):
        dept = DepartmentFactory(zone=world.zone_a)
        item = item_for(world, project, title=f"事项{i}", owner_department=dept)
        with frozen(TODAY):
            reporting.coordination_act(actor=world["leader_a"], item=item, action="accept")


@pytest.mark.parametrize("persona, name", [("leader_a", "coordination_list"), ("city", "coordination_list"),
                                           ("dept_a", "coordination_queue"), ("leader_a", "coordination_export")])
def test_the_coordination_lists_do_not_grow_with_rows(world, login, project_a, persona, name):
    client = login(persona)
    url = reverse(f"projects:{name}") + ("?overdue=" if name != "coordination_queue" else "")
    client.get(url)
    grow_items(world, project_a, 3)
    few = count(client, url)
    grow_items(world, project_a, 25)
    assert count(client, url) == few


def test_the_report_list_and_the_project_page_do_not_grow_with_reports(world, login, project_a):
    client = login("leader_a")
    urls = [reverse("projects:report_list", args=[project_a.pk]), reverse("projects:project_detail", args=[project_a.pk])]
    for u in urls:
        client.get(u)

    def grow(start, n):
        for i in range(start, start + n):
            WeeklyReport.objects.create(project=project_a, week=D(2021, 5, 10) - dt.timedelta(weeks=i),
                                        done_this_week="x", planned_next_week="y", submitted_on=TODAY,
                                        author=world["liaison_a"])
            item_for(world, project_a, title=f"事项{i}")

    grow(0, 2)
    few = [count(client, u) for u in urls]
    grow(2, 25)
    assert [count(client, u) for u in urls] == few
