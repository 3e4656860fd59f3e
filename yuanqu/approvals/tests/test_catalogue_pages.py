"""The catalogue pages (审批事项目录): the system administrator's list, filters and export, and the
form that refuses a prerequisite cycle naming its items, with nothing saved on any error."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.approvals import services
from yuanqu.approvals.models import ApprovalItem
from yuanqu.audit.models import SecurityEvent

from .fixtures import catalogue

pytestmark = pytest.mark.django_db
LIST = reverse("approvals:item_list")
CREATE = reverse("approvals:item_create")


def _edit_url(item):
    return reverse("approvals:item_edit", args=[item.pk])


def _data(item=None, **over):
    """The form's fields as posted: an entry's current values (or a new entry's), overridden."""
    if item is None:
        base = {"name": "规划条件核实", "category": "engineering", "department_name": "自然资源和规划部门",
                "statutory_days": 10, "promised_days": 5, "materials": "核实申请表\n竣工测量成果",
                "prerequisites": [], "before_start": "", "commitment_allowed": "", "followup_days": 20,
                "sort_order": 200, "is_active": "on"}
    else:
        base = {"name": item.name, "category": item.category, "department_name": item.department_name,
                "statutory_days": item.statutory_days, "promised_days": item.promised_days,
                "materials": item.materials, "prerequisites": [p.pk for p in item.prerequisites.all()],
                "before_start": "on" if item.before_start else "", "commitment_allowed": "on" if item.commitment_allowed else "",
                "followup_days": item.followup_days, "sort_order": item.sort_order,
                "is_active": "on" if item.is_active else "", "version": item.version}
    return {**base, **over}


def _errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_only_the_system_administrator_sees_the_catalogue(login, world, client):
    for persona in ("city", "leader_a", "agent_a", "dept_a", "enterprise_a", "secadmin"):
        assert login(persona).get(LIST).status_code == 403, persona
    assert client.get(LIST).status_code == 302  # signed out: to the sign-in page
    page = login("sysadmin").get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert page.context["page"].paginator.count == ApprovalItem.objects.count()
    # Seeded limits are reference defaults until adjusted, and the page says so.
    assert "默认值" in html and "请按本地规定调整" in html
    assert "新增审批事项" in html
    row = next(i for i in page.context["page"].object_list if i.name == "施工许可")
    assert sorted(p.name for p in row.prerequisites.all()) == ["施工图审查", "消防设计审查"]


def test_the_list_filters_by_category_state_and_search(login, world):
    client = login("sysadmin")
    fireworks = catalogue("焰火燃放许可")[0]
    ApprovalItem.objects.filter(pk=fireworks.pk).update(is_active=False)
    events = client.get(LIST, {"category": "event"}).context["page"].object_list
    assert {i.category for i in events} == {"event"} and len(events) == 5
    stopped = client.get(LIST, {"active": "0"}).context["page"].object_list
    assert [i.name for i in stopped] == ["焰火燃放许可"]
    by_department = client.get(LIST, {"q": "生态环境"}).context["page"].object_list
    assert [i.name for i in by_department] == ["环评审批", "排污许可"]
    by_name = client.get(LIST, {"q": "许可", "category": "engineering"}).context["page"].object_list
    assert {i.name for i in by_name} == {"建设用地规划许可", "建设工程规划许可", "施工许可", "排污许可"}
    empty = client.get(LIST, {"q": "不存在的事项"})
    assert "没有符合条件的审批事项" in empty.content.decode()


def test_the_export_applies_the_filters_and_is_logged(login, world):
    response = login("sysadmin").get(LIST, {"category": "engineering", "q": "生态环境", "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:4] == ("排序", "审批事项", "类别", "审批部门")
    assert [r[1] for r in rows[1:]] == ["环评审批", "排污许可"]
    eia = dict(zip(rows[0], rows[1]))
    assert (eia["法定时限(工作日)"], eia["承诺时限(工作日)"], eia["时限为默认值"]) == (30, 15, "是")
    assert eia["前置事项"] == "立项备案" and eia["可承诺制"] == "是"
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.EXPORT)
    assert event.detail["what"] == "approval_items" and event.detail["filters"]["q"] == "生态环境"


def test_the_list_costs_the_same_queries_with_more_items(login, world):
    client = login("sysadmin")
    client.get(LIST)  # the first request of a session writes the session

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx)

    few = count()
    permit = catalogue("施工许可")[0]
    for n in range(6):
        extra = ApprovalItem.objects.create(name=f"专项审批{n}", department_name="某部门", statutory_days=5,
                                            promised_days=3)
        extra.prerequisites.set([permit])
    assert count() == few


def test_the_administrator_adds_an_item_with_prerequisites(login, world):
    permit, plan = catalogue("施工许可", "建设工程规划许可")
    response = login("sysadmin").post(CREATE, _data(prerequisites=[permit.pk, plan.pk],
                                                    materials="  核实申请表 \n\n竣工测量成果\n"))
    assert response.status_code == 302 and response.url == LIST
    item = ApprovalItem.objects.get(name="规划条件核实")
    assert sorted(p.name for p in item.prerequisites.all()) == ["建设工程规划许可", "施工许可"]
    assert item.material_list == ["核实申请表", "竣工测量成果"] and item.materials == "核实申请表\n竣工测量成果"
    assert (item.statutory_days, item.promised_days, item.limits_default, item.before_start) == (10, 5, False, False)


def test_the_form_groups_prerequisites_by_category_and_leaves_out_the_item_itself(login, world):
    permit = catalogue("施工许可")[0]
    page = login("sysadmin").get(_edit_url(permit))
    assert page.status_code == 200
    groups = dict(page.context["form"].prerequisite_groups())
    assert list(groups) == ["工程建设项目", "活动报批"]
    names = [str(o.choice_label) for o in groups["工程建设项目"]]
    assert "施工许可" not in names and "施工图审查" in names
    checked = {str(o.choice_label) for options in groups.values() for o in options if o.data["selected"]}
    assert checked == {"施工图审查", "消防设计审查"}
    html = page.content.decode()
    assert "该事项的时限是系统预置的参考值" in html


def test_changing_the_limits_clears_the_default_mark(login, world):
    eia = catalogue("环评审批")[0]
    response = login("sysadmin").post(_edit_url(eia), _data(eia, statutory_days=20, promised_days=12))
    assert response.status_code == 302
    eia.refresh_from_db()
    assert (eia.statutory_days, eia.promised_days, eia.limits_default, eia.version) == (20, 12, False, 2)


def test_a_prerequisite_closing_a_cycle_is_refused_naming_the_items(login, world):
    review, permit = catalogue("施工图审查", "施工许可")
    before = sorted(review.prerequisites.values_list("name", flat=True))
    # 施工许可 already waits for 施工图审查; making 施工图审查 wait for 施工许可 closes the circle.
    data = _data(review, department_name="住建局", prerequisites=[p.pk for p in review.prerequisites.all()] + [permit.pk])
    response = login("sysadmin").post(_edit_url(review), data)
    assert response.status_code == 400
    assert _errors(response, "prerequisites") == [
        "前置事项形成循环:施工图审查 → 施工许可 → 施工图审查。请调整其中一项的前置事项。"]
    assert "前置事项形成循环:施工图审查 → 施工许可 → 施工图审查" in response.content.decode()
    review.refresh_from_db()
    assert review.department_name == "住房和城乡建设部门" and review.version == 1  # nothing of the post kept
    assert sorted(review.prerequisites.values_list("name", flat=True)) == before


def test_a_longer_cycle_names_every_item_in_order(login, world):
    filing, permit = catalogue("立项备案", "施工许可")
    response = login("sysadmin").post(_edit_url(filing), _data(filing, prerequisites=[permit.pk]))
    assert response.status_code == 400
    message = _errors(response, "prerequisites")[0]
    chain = message.removeprefix("前置事项形成循环:").split("。")[0].split(" → ")
    assert chain[0] == chain[-1] and set(chain) == {
        "立项备案", "施工许可", "施工图审查", "建设工程规划许可", "建设用地规划许可", "用地预审与选址意见"}
    # Each named item waits for the next (prerequisites point back along the chain).
    for a, b in zip(chain, chain[1:]):
        if a != "立项备案":
            assert ApprovalItem.objects.get(name=a).prerequisites.filter(name=b).exists(), (a, b)
    assert not filing.prerequisites.exists()


def test_bad_input_is_refused_with_chinese_messages_and_nothing_saved(login, world):
    client = login("sysadmin")
    count = ApprovalItem.objects.count()
    late = client.post(CREATE, _data(statutory_days=5, promised_days=8))
    assert late.status_code == 400 and _errors(late, "promised_days") == [services.MSG_PROMISED]
    twin = client.post(CREATE, _data(name="施工许可"))
    assert twin.status_code == 400 and _errors(twin, "name") == ["已有同名审批事项。"]
    blank = client.post(CREATE, _data(name="", department_name="", statutory_days="abc"))
    assert blank.status_code == 400
    assert _errors(blank, "name") == ["这个字段是必填项。"] and _errors(blank, "statutory_days") == ["输入整数。"]
    too_long = client.post(CREATE, _data(statutory_days=400, promised_days=400))
    assert too_long.status_code == 400 and _errors(too_long, "statutory_days")
    assert "本次未保存任何内容" in late.content.decode()
    assert ApprovalItem.objects.count() == count


def test_an_edit_over_a_newer_version_is_refused(login, world):
    eia = catalogue("环评审批")[0]
    client = login("sysadmin")
    stale = _data(eia, department_name="生态环境局")
    assert client.post(_edit_url(eia), _data(eia, sort_order=5)).status_code == 302
    response = client.post(_edit_url(eia), stale)
    assert response.status_code == 400
    assert services.MSG_STALE in [str(e) for e in response.context["form"].non_field_errors()]
    eia.refresh_from_db()
    assert eia.department_name == "生态环境部门" and eia.sort_order == 5


def test_others_cannot_add_or_edit_items(login, world):
    eia = catalogue("环评审批")[0]
    count = ApprovalItem.objects.count()
    for persona in ("leader_a", "agent_a", "city"):
        assert login(persona).post(CREATE, _data()).status_code == 403
        assert login(persona).post(_edit_url(eia), _data(eia, promised_days=1)).status_code == 403
    eia.refresh_from_db()
    assert ApprovalItem.objects.count() == count and eia.promised_days == 15
    assert login("sysadmin").get(reverse("approvals:item_edit", args=[999999])).status_code == 404
