"""The 三个提前 checklist through its pages: add, edit (with the version check), delete after
confirmation; bad input refused on its field with nothing saved; only the zone's leader or the case's
agent."""

import datetime as dt

import pytest
from django.urls import reverse

from yuanqu.approvals import services
from yuanqu.approvals.choices import ServiceKind, TaskState
from yuanqu.approvals.models import ServiceTask
from yuanqu.approvals.tests.fixtures import case_a
from yuanqu.common.clock import frozen

pytestmark = pytest.mark.django_db
D = dt.date


def _data(**over):
    data = {"kind": ServiceKind.RECRUITMENT, "title": "招聘一线操作工200名并完成岗前培训", "owner": "甲园区人社局 张三",
            "due_on": "2021-04-30", "state": TaskState.TODO, "done_on": "", "note": ""}
    data.update(over)
    return data


def test_the_agent_adds_a_line_to_the_checklist(world, login):
    case = case_a(world)
    url = reverse("approvals:task_create", args=[case.pk])
    client = login("agent_a")
    page = client.get(url)
    assert page.status_code == 200 and "三个提前" in page.content.decode()
    response = client.post(url, _data())
    assert response.status_code == 302 and response["Location"] == reverse("approvals:case_detail", args=[case.pk])
    task = ServiceTask.objects.get(case=case, title="招聘一线操作工200名并完成岗前培训")
    assert (task.owner, task.due_on, task.state) == ("甲园区人社局 张三", D(2021, 4, 30), TaskState.TODO)


def test_the_leader_marks_a_line_done_with_its_date(world, login):
    case = case_a(world)
    task = case.service_tasks.order_by("pk").first()
    url = reverse("approvals:task_edit", args=[case.pk, task.pk])
    client = login("leader_a")
    form = client.get(url).context["form"]
    assert form["title"].value() == task.title and form["version"].value() == task.version
    with frozen(D(2021, 5, 14)):
        response = client.post(url, _data(title=task.title, owner="代办员", state=TaskState.DONE, done_on="2021-05-10",
                                          version=task.version))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == TaskState.DONE and task.done_on == D(2021, 5, 10) and task.version == 2


def test_bad_input_to_a_line_is_refused_on_its_field(world, login):
    case = case_a(world)
    task = case.service_tasks.order_by("pk").first()
    client = login("agent_a")
    before = ServiceTask.objects.filter(case=case).count()
    edit = reverse("approvals:task_edit", args=[case.pk, task.pk])
    new = reverse("approvals:task_create", args=[case.pk])
    with frozen(D(2021, 5, 14)):
        for url, over, field, message in [
            (new, {"title": ""}, "title", services.MSG_TASK_TITLE),
            (new, {"title": "   "}, "title", services.MSG_TASK_TITLE),
            (new, {"owner": ""}, "owner", services.MSG_TASK_OWNER),
            (new, {"state": TaskState.DONE}, "done_on", services.MSG_TASK_DONE_DATE),
            (new, {"state": TaskState.DONE, "done_on": "2021-06-01"}, "done_on", services.MSG_DATE_FUTURE),
            (edit, {"state": TaskState.DONE, "version": task.version}, "done_on", services.MSG_TASK_DONE_DATE),
            (edit, {"title": "改过的标题", "version": task.version + 3}, "__all__", services.MSG_STALE),
        ]:
            response = client.post(url, _data(**over))
            assert response.status_code == 400, over
            assert message in response.context["form"].errors.get(field, []), (over, response.context["form"].errors)
            assert message in response.content.decode()
    assert ServiceTask.objects.filter(case=case).count() == before
    fresh = ServiceTask.objects.get(pk=task.pk)
    assert (fresh.title, fresh.state, fresh.version) == (task.title, task.state, task.version)


def test_deleting_a_line_asks_first(world, login):
    case = case_a(world)
    task = case.service_tasks.order_by("pk").first()
    url = reverse("approvals:task_delete", args=[case.pk, task.pk])
    client = login("agent_a")
    page = client.get(url)
    assert page.status_code == 200 and "确认删除" in page.content.decode() and task.title in page.content.decode()
    assert ServiceTask.objects.filter(pk=task.pk).exists()
    assert client.post(url).status_code == 302
    assert not ServiceTask.objects.filter(pk=task.pk).exists()


def test_only_the_leader_or_the_agent_changes_the_checklist(world, login):
    case = case_a(world)
    task = case.service_tasks.order_by("pk").first()
    urls = [reverse("approvals:task_create", args=[case.pk]), reverse("approvals:task_edit", args=[case.pk, task.pk]),
            reverse("approvals:task_delete", args=[case.pk, task.pk])]
    for url in urls:
        for persona, status in [("leader_b", 404), ("dept_b", 404), ("enterprise_b", 404), ("enterprise_a", 403),
                                ("dept_a", 403), ("liaison_a", 403), ("mentor_a", 403)]:
            assert login(persona).get(url).status_code == status, (persona, url)
            assert login(persona).post(url, _data(version=task.version)).status_code == status, (persona, url)
    # A task id of another case under this case's URL is not found.
    other = reverse("approvals:task_edit", args=[case.pk, task.pk + 1000])
    assert login("leader_a").get(other).status_code == 404
    assert ServiceTask.objects.filter(case=case).count() == 3 and ServiceTask.objects.get(pk=task.pk).version == 1
