"""The signing → start report (审批时效): working days per project as the calendar counts them (the
2021 Spring Festival with its make-up days), the summary across projects, the slowest items, the
filters, the export, who may read it, and a query count that does not grow with projects."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.approvals import services
from yuanqu.approvals.board import TIMELINESS_HEADERS
from yuanqu.approvals.tests.fixtures import catalogue, item
from yuanqu.common.clock import frozen

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/approvals/timeliness/"
TODAY = D(2021, 5, 14)


def project_case(w, name, signed, started=None, *, zone="a", items=("立项备案",), opener="leader_a"):
    """A project signed (and started) on the given days, with its case opened on signing."""
    from yuanqu.projects.models import Milestone, Project

    zone_, park, enterprise = ((w.zone_a, w.park_a, w.enterprise_a) if zone == "a"
                               else (w.zone_b, w.park_b, w.enterprise_b))
    project = Project.objects.create(zone=zone_, park=park, enterprise=enterprise, name=name, stage="signed")
    Milestone.objects.create(project=project, kind="signed", actual=signed)
    with frozen(TODAY):
        case = services.case_open(actor=w[opener], zone=zone_, title=f"{name}审批", project=project,
                                  agent=w[opener] if opener.startswith("leader") else None, items=catalogue(*items))
    if started:
        Milestone.objects.create(project=project, kind="started", actual=started)
    case.refresh_from_db()
    return case


def three(w):
    # 2月5日 (Fri) → 2月22日 (Mon): 2月7日 (Sunday, make-up), 8–10日, 18–19日, 20日 (Saturday, make-up), 22日:
    # 8 working days; 11–17日 are the Spring Festival.
    festival = project_case(w, "春节项目", D(2021, 2, 5), D(2021, 2, 22))
    # 3月1日 → 3月29日: four whole weeks, 20 working days (创普开业's figure).
    chuangpu = project_case(w, "创普开业", D(2021, 3, 1), D(2021, 3, 29))
    # 2020年8月3日 → 9月30日: 43 working days; 10月1日 is the National Day.
    phase3 = project_case(w, "电子信息产业园三期", D(2020, 8, 3), D(2020, 9, 30), zone="b", opener="leader_b")
    return festival, chuangpu, phase3


def by_name(response) -> dict:
    return {r["name"]: r for r in response.context["rows"]}


def test_url_is_the_fixed_path():
    assert reverse("approvals:timeliness") == URL


def test_working_days_per_project_follow_the_calendar(world, login):
    three(world)
    project_case(world, "未开工项目", D(2021, 4, 1))  # no start: not in the report
    with frozen(TODAY):
        response = login("city").get(URL)
    rows = by_name(response)
    assert set(rows) == {"春节项目", "创普开业", "电子信息产业园三期"}
    assert rows["春节项目"]["workdays"] == 8
    assert rows["创普开业"]["workdays"] == 20
    assert rows["电子信息产业园三期"]["workdays"] == 43
    assert not any(r["provisional"] for r in rows.values())
    # Newest start first.
    assert [r["name"] for r in response.context["rows"]] == ["创普开业", "春节项目", "电子信息产业园三期"]


def test_summary_across_the_filtered_projects(world, login):
    festival, chuangpu, _ = three(world)
    with frozen(TODAY):
        summary = login("city").get(URL).context["summary"]
        html = login("city").get(URL).content.decode()
    assert summary["count"] == 3
    assert summary["average"] == round((8 + 20 + 43) / 3, 1)
    assert summary["median"] == 20
    assert summary["fastest"]["name"] == "春节项目" and summary["fastest"]["days"] == 8
    assert summary["slowest"]["name"] == "电子信息产业园三期" and summary["slowest"]["days"] == 43
    assert "最快" in html and "春节项目" in html
    with frozen(TODAY):
        summary = login("city").get(URL, {"year": 2021}).context["summary"]
        assert summary["count"] == 2 and summary["median"] == 14 and summary["average"] == 14.0
        leader = login("leader_a").get(URL).context
    # Zone A's leader reads zone A's projects only; the fastest of them is 春节项目.
    assert set(by_name_ctx(leader)) == {"春节项目", "创普开业"}
    assert leader["summary"]["count"] == 2


def by_name_ctx(context) -> dict:
    return {r["name"]: r for r in context["rows"]}


def test_filters_by_zone_and_year(world, login):
    three(world)
    city = login("city")
    with frozen(TODAY):
        assert set(by_name(city.get(URL, {"zone": world.zone_b.pk}))) == {"电子信息产业园三期"}
        assert set(by_name(city.get(URL, {"year": 2020}))) == {"电子信息产业园三期"}
        assert set(by_name(city.get(URL, {"zone": world.zone_a.pk, "year": 2020}))) == set()
        form = city.get(URL).context["filter"]
        assert [c for c, _ in form.fields["year"].choices] == ["", 2021, 2020]
        assert "zone" not in login("leader_a").get(URL).context["filter"].fields
        response = city.get(URL, {"year": 1999})
    assert response.status_code == 200 and response.context["rows"] == []
    assert "选择一个有效的选项" in response.content.decode()


def test_slowest_items_are_named_with_their_working_days(world, login):
    case = project_case(world, "创普开业", D(2021, 3, 1), None, items=("立项备案", "环评审批", "节能审查", "排污许可"))
    # 排污许可 took longest but construction does not wait for it: it is not named.
    steps = [("立项备案", D(2021, 3, 2), D(2021, 3, 4)), ("环评审批", D(2021, 3, 5), D(2021, 3, 19)),
             ("节能审查", D(2021, 3, 5), D(2021, 3, 10)), ("排污许可", D(2021, 3, 22), D(2021, 5, 10))]
    with frozen(TODAY):
        for name, accepted, granted in steps:
            ci = item(case, name)
            services.item_act(actor=world["leader_a"], case_item=ci, action="prepare", on=D(2021, 3, 1))
            services.item_act(actor=world["leader_a"], case_item=item(case, name), action="accept", on=accepted)
            services.item_act(actor=world["leader_a"], case_item=item(case, name), action="grant", on=granted)
    from yuanqu.projects.models import Milestone

    Milestone.objects.create(project=case.project, kind="started", actual=D(2021, 3, 29))
    with frozen(TODAY):
        response = login("leader_a").get(URL)
    row = by_name(response)["创普开业"]
    assert [(s["name"], s["days"]) for s in row["slowest"]] == [("环评审批", 10), ("节能审查", 3)]
    assert row["obj"].planned_start is not None and row["planned"] is not None
    assert row["gap"] == row["workdays"] - row["planned"]
    assert "环评审批" in response.content.decode()


def test_export_holds_the_filtered_projects(world, login):
    three(world)
    with frozen(TODAY):
        response = login("city").get(URL, {"year": 2021, "export": "xlsx"})
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = [dict(zip(TIMELINESS_HEADERS, r)) for r in list(ws.iter_rows(values_only=True))[1:]]
    assert [list(r) for r in ws.iter_rows(max_row=1, values_only=True)] == [TIMELINESS_HEADERS]
    assert {(r["项目"], r["签约→开工(工作日)"]) for r in rows} == {("春节项目", 8), ("创普开业", 20)}
    assert all(r["园区"] == world.zone_a.short_name for r in rows)


def test_enterprise_users_are_sent_to_their_case_page(world, login):
    three(world)
    with frozen(TODAY):
        for persona in ("enterprise_a", "enterprise_b"):
            assert login(persona).get(URL).status_code == 403
        for persona in ("city", "leader_a", "leader_b", "dept_a", "liaison_a", "agent_a", "investor_a"):
            assert login(persona).get(URL).status_code == 200, persona


def test_empty_report_says_how_projects_get_there(world, login):
    with frozen(TODAY):
        html = login("leader_a").get(URL).content.decode()
    assert "还没有既签约又开工的项目" in html and "项目台账" in html


def test_query_count_does_not_grow_with_projects(world, login):
    three(world)
    city = login("city")

    def measure():
        with frozen(TODAY), CaptureQueriesContext(connection) as ctx:
            response = city.get(URL)
        return len(ctx), len(response.context["rows"])

    measure()
    few = measure()
    for i in range(6):
        project_case(world, f"批量项目{i}", D(2021, 4, 1), D(2021, 4, 20) + dt.timedelta(days=i),
                     items=("立项备案", "环评审批"))
    many = measure()
    assert many[1] == few[1] + 6 and many[0] == few[0]
