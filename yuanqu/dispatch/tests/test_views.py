"""The dispatch pages: forms refuse bad input with a 400 and a Chinese message and save nothing;
lists filter, paginate and export."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.common.clock import frozen
from yuanqu.dispatch.models import DispatchMeeting, DispatchTask

from .conftest import D, make_meeting, make_project, make_task


def test_the_leader_creates_a_meeting_from_the_form(world, login):
    response = login("leader_a").post(reverse("dispatch:meeting_create"), {
        "zone": world.zone_a.pk, "month": "2021-05", "held_on": "2021-05-14", "host": world.official_a.pk,
        "attendees": "管委会主任,各部门负责人",
    })
    meeting = DispatchMeeting.objects.get()
    assert response.status_code == 302 and response.url == reverse("dispatch:meeting_detail", args=[meeting.pk])
    assert meeting.month == D(2021, 5, 1)


def test_the_create_form_offers_the_current_month(world, login):
    with frozen(D(2021, 5, 14)):
        response = login("leader_a").get(reverse("dispatch:meeting_create"))
    assert 'value="2021-05"' in response.content.decode()


BAD_MEETINGS = [
    ({"month": "五月", "held_on": "2021-05-14"}, "请按“年-月”填写调度月份,如2021-05。"),
    ({"month": "2021-13", "held_on": "2021-05-14"}, "请按“年-月”填写调度月份,如2021-05。"),
    ({"month": "2021-05", "held_on": "2021-04-30"}, "召开日期不能早于调度月份(2021-05)。"),
    ({"month": "2021-05", "held_on": ""}, "这个字段是必填项。"),
    ({"month": "2021-04", "held_on": "2021-04-20"}, "该园区这个月已有调度会。"),
]


def test_bad_meetings_are_refused_with_a_chinese_message(world, login, april):
    client = login("leader_a")
    for data, message in BAD_MEETINGS:
        response = client.post(reverse("dispatch:meeting_create"), {"zone": world.zone_a.pk, **data})
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    response = client.post(reverse("dispatch:meeting_create"), {
        "zone": world.zone_a.pk, "month": "2021-05", "held_on": "2021-05-14", "host": world.official_b.pk})
    assert response.status_code == 400  # another zone's official is not offered
    assert DispatchMeeting.objects.count() == 1


def test_the_zone_of_another_leader_is_not_offered(world, login):
    response = login("leader_a").post(reverse("dispatch:meeting_create"), {
        "zone": world.zone_b.pk, "month": "2021-05", "held_on": "2021-05-14"})
    assert response.status_code == 400 and not DispatchMeeting.objects.exists()


def test_a_decision_is_added_on_the_pack_page(world, login, april):
    project = make_project(world.zone_a, "甲项目")
    response = login("leader_a").post(reverse("dispatch:task_create", args=[april.pk]), {
        "content": "协调电力接入", "project": project.pk, "owner_department": world.dept_a.pk, "deadline": "2021-05-31"})
    assert response.status_code == 302
    task = DispatchTask.objects.get()
    assert (task.project, task.owner_department, task.deadline) == (project, world.dept_a, D(2021, 5, 31))


BAD_TASKS = [
    ({"content": "", "owner_other": "业主", "deadline": "2021-05-31"}, "这个字段是必填项。"),
    ({"content": "协调", "deadline": "2021-05-31"}, "请指定责任部门、责任人或其他责任单位(至少一项)。"),
    ({"content": "协调", "owner_other": "业主", "deadline": "2021-04-01"}, "完成时限不能早于调度会召开日期(2021-04-14)。"),
    ({"content": "协调", "owner_other": "业主", "deadline": "明天"}, "输入一个有效的日期。"),
]


def test_bad_decisions_are_refused_on_the_pack_page(world, login, april):
    client = login("leader_a")
    for data, message in BAD_TASKS:
        response = client.post(reverse("dispatch:task_create", args=[april.pk]), data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
    response = client.post(reverse("dispatch:task_create", args=[april.pk]),
                           {"content": "协调", "owner_department": world.dept_b.pk, "deadline": "2021-05-31"})
    assert response.status_code == 400  # another zone's department is not a choice
    assert not DispatchTask.objects.exists()


def test_done_without_a_note_is_refused_and_nothing_changes(world, login, april):
    task = make_task(april, owner_department=world.dept_a)
    response = login("dept_a").post(reverse("dispatch:task_done", args=[task.pk]), {"note": " "})
    assert response.status_code == 400 and "这个字段是必填项。" in response.content.decode()
    task.refresh_from_db()
    assert task.state == "open" and task.closed_on is None


def test_done_twice_is_refused_with_its_reason(world, login, april):
    task = make_task(april)
    client = login("leader_a")
    assert client.post(reverse("dispatch:task_done", args=[task.pk]), {"note": "已办"}).status_code == 302
    response = client.post(reverse("dispatch:task_done", args=[task.pk]), {"note": "再办"})
    assert response.status_code == 400 and "该任务已办结,不能再执行“办结”。" in response.content.decode()


def test_done_returns_to_the_page_it_came_from_but_not_elsewhere(world, login, april):
    client = login("leader_a")
    back = reverse("dispatch:meeting_detail", args=[april.pk])
    task = make_task(april)
    assert client.post(reverse("dispatch:task_done", args=[task.pk]), {"note": "已办", "next": back}).url == back
    task = make_task(april)
    response = client.post(reverse("dispatch:task_done", args=[task.pk]), {"note": "已办", "next": "https://evil.example/"})
    assert response.url == reverse("dispatch:task_list")


def test_the_pack_page_shows_changes_new_projects_and_carried_tasks(world, login, april):
    p = make_project(world.zone_a, "电子信息产业园三期", stage="started")
    with frozen(D(2021, 4, 14)):
        login("leader_a").post(reverse("dispatch:meeting_hold", args=[april.pk]))
    from yuanqu.projects.models import Project

    Project.objects.filter(pk=p.pk).update(stage="main_works")
    make_project(world.zone_a, "电子信息产业园五期")
    make_task(april, "协调用地报批", deadline=D(2021, 4, 30))
    may = make_meeting(world.zone_a, D(2021, 5, 1), D(2021, 5, 14))
    with frozen(D(2021, 5, 14)):
        page = login("dept_a").get(reverse("dispatch:meeting_detail", args=[may.pk])).content.decode()
    assert "开工 → 主体施工" in page
    assert "电子信息产业园五期</a> <span class=\"tag amber\">新</span>" in page
    assert "协调用地报批" in page and "逾期" in page
    assert reverse("dispatch:meeting_hold", args=[may.pk]) not in page  # a department reads, the leader runs
    assert "记录议定事项" not in page


def test_holding_a_future_meeting_says_why_not(world, login):
    meeting = make_meeting(world.zone_a, D(2021, 5, 1), D(2021, 5, 20))
    client = login("leader_a")
    with frozen(D(2021, 5, 14)):
        response = client.post(reverse("dispatch:meeting_hold", args=[meeting.pk]), follow=True)
    assert "调度会召开日期为2021-05-20,尚未到来,不能标记为已召开。" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "draft"


def test_the_meeting_list_filters_by_zone_year_and_status(world, login, april):
    make_meeting(world.zone_a, D(2020, 12, 1), status="held")
    make_meeting(world.zone_b, D(2021, 4, 1))
    client = login("city")
    url = reverse("dispatch:meeting_list")
    assert client.get(url).context["page"].paginator.count == 3
    assert client.get(url, {"zone": world.zone_a.pk}).context["page"].paginator.count == 2
    assert client.get(url, {"year": 2021}).context["page"].paginator.count == 2
    assert client.get(url, {"status": "held"}).context["page"].paginator.count == 1
    assert login("leader_a").get(url).context["page"].paginator.count == 2  # zone A's only


def test_the_task_list_shows_open_tasks_by_default_and_exports_its_filter(world, login, april):
    make_task(april, "甲事项一", deadline=D(2021, 4, 30))
    make_task(april, "甲事项二", deadline=D(2099, 1, 1))
    done = make_task(april, "甲已办")
    DispatchTask.objects.filter(pk=done.pk).update(state="done", closed_on=D(2021, 5, 1))
    make_task(make_meeting(world.zone_b, D(2021, 4, 1)), "乙事项")
    client = login("leader_a")
    url = reverse("dispatch:task_list")
    page = client.get(url)
    assert [r["task"].content for r in page.context["rows"]] == ["甲事项一", "甲事项二"]
    assert [r["overdue"] for r in page.context["rows"]] == [True, False]
    assert client.get(url, {"state": "", "overdue": "on"}).context["page"].paginator.count == 1
    assert client.get(url, {"state": "done"}).context["page"].paginator.count == 1
    response = client.get(reverse("dispatch:task_export"), {"state": "open", "q": "事项一"})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("园区", "调度会", "议定事项") and len(rows) == 2 and rows[1][2] == "甲事项一"
    assert rows[1][9] == "逾期"


def test_the_nav_offers_the_dispatch_to_its_readers_only(world, login):
    assert "月调度" in login("dept_a").get(reverse("dashboard:home")).content.decode()
    assert "月调度" not in login("enterprise_a").get(reverse("dashboard:home")).content.decode()
