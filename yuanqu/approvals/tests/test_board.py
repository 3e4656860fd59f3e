"""The case board (审批看板): scope, filters, search, export, empty states, and a query count that does
not grow with rows; and the working-day counter the board and the report share."""

import datetime as dt
import io
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.approvals import services
from yuanqu.approvals.board import EXPORT_HEADERS
from yuanqu.common.workdays import SpanCounter
from yuanqu.approvals.models import ApprovalCase
from yuanqu.approvals.tests.fixtures import case_a, case_b, catalogue, item
from yuanqu.common import workdays
from yuanqu.common.clock import frozen

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/approvals/"


def titles(response) -> list[str]:
    return [r["obj"].title for r in response.context["rows"]]


def both(w):
    with frozen(D(2021, 3, 10)):
        return case_a(w), case_b(w)


def test_url_is_the_fixed_path():
    assert reverse("approvals:case_list") == URL


def test_enterprise_sees_only_its_own_cases(world, login):
    a, b = both(world)
    with frozen(D(2021, 3, 10)):
        assert titles(login("enterprise_a").get(URL)) == [a.title]
        assert titles(login("enterprise_b").get(URL)) == [b.title]


def test_department_sees_cases_with_an_item_routed_to_it(world, login):
    a, _ = both(world)
    with frozen(D(2021, 3, 10)):
        assert titles(login("dept_a").get(URL)) == [a.title]
        response = login("dept_b").get(URL)
    assert titles(response) == []
    assert "还没有审批办件" in response.content.decode()


def test_zone_b_leader_does_not_see_zone_a(world, login):
    a, b = both(world)
    with frozen(D(2021, 3, 10)):
        assert titles(login("leader_b").get(URL)) == [b.title]
        assert titles(login("leader_a").get(URL)) == [a.title]
        # The city sees both, newest first (case B opened 4月1日, case A 3月1日).
        assert titles(login("city").get(URL)) == [b.title, a.title]


def test_row_shows_summary_light_and_signing_to_start(world, login):
    a, _ = both(world)
    from yuanqu.projects.models import Milestone

    Milestone.objects.create(project=a.project, kind="started", actual=D(2021, 3, 29))
    with frozen(D(2021, 3, 26)):  # 环评审批 due 3月29日: within the yellow window
        response = login("leader_a").get(URL)
    row = response.context["rows"][0]
    assert row["obj"].started_on == D(2021, 3, 29)
    assert row["workdays"] == 20 and not row["provisional"]  # 3月1日 → 3月29日
    assert row["light"].light == "yellow"
    html = response.content.decode()
    assert a.number in html and "1/4" in html and "20<small class=\"muted\">工作日</small>" in html and "新建办件" in html


def test_filters_by_status(world, login):
    a, b = both(world)
    leader = login("city")

    def status(value, day=D(2021, 3, 10)):
        with frozen(day):
            return titles(leader.get(URL, {"status": value}))

    assert status("open") == [b.title, a.title]
    assert status("overdue") == []
    assert status("overdue", D(2021, 3, 30)) == [a.title]  # 环评审批 was due 3月29日
    assert status("unstarted") == [a.title]  # an event has no construction start
    assert status("correcting") == []
    with frozen(D(2021, 3, 12)):
        services.item_act(actor=world["dept_a"], case_item=item(a, "环评审批"), action="correct", on=D(2021, 3, 12),
                          note="补充大气环境影响预测")
    assert status("correcting", D(2021, 3, 12)) == [a.title]
    ApprovalCase.objects.filter(pk=b.pk).update(items_done=2, items_total=2)
    assert status("done") == [b.title]
    assert b.title not in status("open")


def test_filters_by_kind_zone_and_agent(world, login):
    a, b = both(world)
    city = login("city")
    with frozen(D(2021, 3, 10)):
        assert titles(city.get(URL, {"kind": "event"})) == [b.title]
        assert titles(city.get(URL, {"zone": world.zone_a.pk})) == [a.title]
        assert titles(city.get(URL, {"zone": world.zone_b.pk, "agent": world["leader_b"].pk})) == [b.title]
        leader = login("leader_a")
        assert titles(leader.get(URL, {"agent": world["agent_a"].pk})) == [a.title]
        form = leader.get(URL).context["filter"]
    # One zone in sight: no zone filter; its agents (and leaders, who may run a case) to pick.
    assert "zone" not in form.fields
    assert set(form.fields["agent"].queryset) == {world["agent_a"], world["leader_a"]}
    with frozen(D(2021, 3, 10)):
        form = login("enterprise_a").get(URL).context["filter"]
    assert "agent" not in form.fields and "zone" not in form.fields


def test_search_reads_title_project_and_enterprise_names(world, login):
    a, b = both(world)
    city = login("city")
    with frozen(D(2021, 3, 10)):
        assert titles(city.get(URL, {"q": "音乐节"})) == [b.title]
        assert titles(city.get(URL, {"q": "甲液晶显示屏项目"})) == [a.title]  # the project's name
        assert titles(city.get(URL, {"q": "乙电力"})) == [b.title]  # the enterprise's name
        response = city.get(URL, {"q": "不存在的项目"})
    assert titles(response) == []
    assert "没有符合条件的办件" in response.content.decode()


def test_a_bad_filter_says_so_and_lists_nothing(world, login):
    both(world)
    with frozen(D(2021, 3, 10)):
        response = login("city").get(URL, {"status": "bogus"})
    assert response.status_code == 200 and titles(response) == []
    assert "选择一个有效的选项" in response.content.decode()


def test_export_holds_the_filtered_rows(world, login):
    a, b = both(world)
    with frozen(D(2021, 3, 30)):
        response = login("city").get(URL, {"status": "overdue", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == EXPORT_HEADERS
    assert len(rows) == 2
    row = dict(zip(EXPORT_HEADERS, rows[1]))
    assert row["编号"] == a.number and row["办件名称"] == a.title and row["项目"] == "甲液晶显示屏项目"
    assert row["企业"] == world.enterprise_a.name and row["代办员"] == world["agent_a"].display_name
    assert (row["事项数"], row["已办结"], row["并联办理中"]) == (4, 1, 1)
    assert row["期限状态"] == "逾期" and row["最近期限"].date() == D(2021, 3, 29)


def test_empty_board_says_what_to_do(world, login):
    with frozen(D(2021, 3, 10)):
        leader = login("leader_a").get(URL).content.decode()
        enterprise = login("enterprise_a").get(URL).content.decode()
        city = login("city").get(URL).content.decode()
    assert "还没有审批办件" in leader and reverse("approvals:case_create") in leader
    assert "您的企业还没有审批办件" in enterprise and "新建办件" not in enterprise and "我的审批" in enterprise
    assert "新建办件" not in city and "园区领导或代办员" in city


def _bulk(w, n: int) -> None:
    ApprovalCase.objects.bulk_create([
        ApprovalCase(zone=w.zone_a if i % 2 else w.zone_b, kind="event",
                     enterprise=w.enterprise_a if i % 2 else w.enterprise_b, title=f"批量活动{i}",
                     agent=w["agent_a"] if i % 2 else w["leader_b"], opened_on=D(2021, 1, 1) + dt.timedelta(days=i),
                     signed_on=D(2021, 1, 4), started_on=D(2021, 2, 22) + dt.timedelta(days=i % 30),
                     items_total=3, items_done=i % 4, items_running=1, next_due=D(2021, 3, 1) + dt.timedelta(days=i))
        for i in range(n)])


def test_query_count_does_not_grow_with_rows(world, login, django_assert_max_num_queries):
    both(world)
    clients = {"city": login("city"), "leader_a": login("leader_a"), "dept_a": login("dept_a")}
    params = {"status": "open", "q": "批"}  # every title holds 批 (审批, 报批, 批量)

    def measure() -> dict:
        out = {}
        for name, client in clients.items():
            for query in ({}, params):
                with frozen(D(2021, 3, 10)), CaptureQueriesContext(connection) as ctx:
                    response = client.get(URL, query)
                assert response.status_code == 200
                out[name, bool(query)] = (len(ctx), len(response.context["rows"]))
        return out

    measure()  # warm the per-process caches (the calendar's years, the session)
    few = measure()
    _bulk(world, 120)
    many = measure()
    assert many["city", False][1] == 50 and many["leader_a", False][1] == 50  # full pages now
    assert {k: v[0] for k, v in many.items()} == {k: v[0] for k, v in few.items()}
    with frozen(D(2021, 3, 10)), django_assert_max_num_queries(12):
        clients["city"].get(URL, params)


def test_workday_counter_agrees_with_the_calendar():
    counter = SpanCounter()
    # The 2021 Spring Festival: 2月11日–17日 off, 2月7日 (Sunday) and 2月20日 (Saturday) worked.
    assert counter.between(D(2021, 2, 5), D(2021, 2, 22)) == 8
    assert counter.between(D(2021, 2, 10), D(2021, 2, 18)) == 1
    assert counter.between(D(2021, 2, 22), D(2021, 2, 5)) == -8
    rng = random.Random(6)
    for _ in range(300):
        a = D(2019, 6, 1) + dt.timedelta(days=rng.randrange(1200))
        b = a + dt.timedelta(days=rng.randrange(-40, 400))
        assert counter.between(a, b) == workdays.workdays_between(a, b, provisional=True), (a, b)
    # A year with no schedule yet is counted provisionally and said to be.
    far = D(2031, 1, 1)
    assert counter.span(D(2030, 12, 20), far) == (workdays.workdays_between(D(2030, 12, 20), far, provisional=True), True)
    assert counter.span(D(2021, 2, 5), D(2021, 2, 22)) == (8, False)


def test_a_case_opened_with_signing_and_start_in_different_years_counts_across(world, login):
    from yuanqu.projects.models import Milestone, Project

    project = Project.objects.create(zone=world.zone_a, park=world.park_a, enterprise=world.enterprise_a,
                                     name="跨年项目", stage="signed")
    Milestone.objects.create(project=project, kind="signed", actual=D(2020, 12, 25))
    with frozen(D(2021, 1, 20)):
        services.case_open(actor=world["leader_a"], zone=world.zone_a, title="跨年项目审批", project=project,
                           agent=world["agent_a"], items=catalogue("立项备案"))
    Milestone.objects.create(project=project, kind="started", actual=D(2021, 1, 18))
    with frozen(D(2021, 1, 20)):
        row = login("leader_a").get(URL).context["rows"][0]
    # 12月28日–31日 (4), 1月1日 off, 1月4日–8日, 11日–15日 (10), 18日 (1).
    assert row["workdays"] == 15


def test_a_search_reads_the_same_page_whether_it_matches_few_or_many(world, login, monkeypatch):
    from yuanqu.approvals import board

    a, b = both(world)
    _bulk(world, 6)
    city = login("city")
    with frozen(D(2021, 3, 10)):
        few = city.get(URL, {"q": "批"})  # sorted from the matching ids
        monkeypatch.setattr(board, "SEARCH_SORT_CAP", 3)  # "many": read in the board's order
        many = city.get(URL, {"q": "批"})
    assert titles(few) == titles(many) and len(titles(few)) == 8
    # Newest opening first: case B (4月1日), case A (3月1日), then the January events.
    assert titles(few) == [b.title, a.title] + [f"批量活动{i}" for i in range(5, -1, -1)]
    assert few.context["page"].paginator.count == many.context["page"].paginator.count == 8
