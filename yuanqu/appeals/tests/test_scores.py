"""Department scores: each rate on a hand-computed example around May Day 2021, the scopes, the page
and its export, and the page's query count.

The calendar of 2021: 4/25 (Sunday) and 5/8 (Saturday) are make-up working days; 5/1–5/5 is the
May Day holiday. So for a window of 1 working day an assignment of Friday 4/30 must be answered by
Thursday 5/6, and 5 working days from 4/30 end on Tuesday 5/11.
"""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from yuanqu.appeals import scores, services
from yuanqu.appeals.choices import Channel
from yuanqu.appeals.models import AppealSettings
from yuanqu.audit.models import SecurityEvent
from yuanqu.common import workdays
from yuanqu.common.clock import frozen
from yuanqu.testing.factories import DepartmentFactory

D = dt.date
APRIL, MAY = D(2021, 4, 1), D(2021, 5, 1)
TODAY = D(2021, 5, 20)


@pytest.fixture(autouse=True)
def _fresh_calendar():
    workdays.clear_cache()  # another test may have cached an admin table for 2021
    yield
    workdays.clear_cache()


class Script:
    """Walks appeals through the services on chosen days, as the people of the test world."""

    def __init__(self, world, category):
        self.w, self.category = world, category

    def _side(self, appeal):
        a = appeal.zone_id == self.w.zone_a.pk
        return self.w["leader_a" if a else "leader_b"], self.w["dept_a" if a else "dept_b"], \
            self.w["enterprise_a" if a else "enterprise_b"]

    def routed(self, day, *, zone="a", lead=None, title="厂门前驾考路线调整"):
        enterprise = self.w.enterprise_a if zone == "a" else self.w.enterprise_b
        owner = self.w["enterprise_a" if zone == "a" else "enterprise_b"]
        with frozen(day):
            appeal = services.appeal_create(actor=owner, enterprise=enterprise, category=self.category, title=title,
                                            content="驾考车辆占用厂门前道路。", channel=Channel.PORTAL)
        return self.assign(day, appeal, lead or (self.w.dept_a if zone == "a" else self.w.dept_b))

    def assign(self, day, appeal, lead):
        leader, _, _ = self._side(appeal)
        with frozen(day):
            return services.appeal_assign(actor=leader, appeal=appeal, lead_department=lead,
                                          deadline_kind="workdays", deadline_workdays=5)

    def act(self, day, appeal, action, note=""):
        _, dept_user, _ = self._side(appeal)
        with frozen(day):
            return services.appeal_act(actor=dept_user, appeal=appeal, action=action, note=note)

    def rate(self, day, appeal, level, comment=""):
        _, _, owner = self._side(appeal)
        with frozen(day):
            return services.appeal_rate(actor=owner, appeal=appeal, level=level, comment=comment)


@pytest.fixture
def story(world, category):
    """Zone A (window 1 working day, the default) and zone B (window 2), April and May 2021."""
    AppealSettings.objects.create(zone=world.zone_b, response_workdays=2)
    dept_a2 = DepartmentFactory(zone=world.zone_a, name="甲交警大队")
    s = Script(world, category)
    # P1: routed Monday 4/26, never answered: due 4/27, a miss.
    s.routed(D(2021, 4, 26))
    # P2: routed Thursday 4/29, returned Friday 4/30: due 4/30, in time; re-routed to dept A2 in May.
    p2 = s.act(D(2021, 4, 30), s.routed(D(2021, 4, 29)), "return", "不属本部门职责")
    s.assign(D(2021, 5, 6), p2, dept_a2)
    # P3: routed 4/30, accepted 5/6 (in time across May Day), answered 5/11 (on time), 非常满意.
    p3 = s.act(D(2021, 5, 6), s.routed(D(2021, 4, 30)), "accept")
    s.rate(D(2021, 5, 12), s.act(D(2021, 5, 11), p3, "answer", "已调整。"), 5)
    # P4: routed 4/30, accepted 5/7 (late), answered 5/12 (late), 不满意 → reopened with 5 working days
    # (by 5/19), answered again 5/14 (on time against the new deadline), 基本满意.
    p4 = s.act(D(2021, 5, 7), s.routed(D(2021, 4, 30)), "accept")
    p4 = s.rate(D(2021, 5, 12), s.act(D(2021, 5, 12), p4, "answer", "已调整。"), 2, "没有解决")
    s.rate(D(2021, 5, 14), s.act(D(2021, 5, 14), p4, "answer", "已彻底调整。"), 3)
    # P5: routed 4/28, taken back by the leader on 4/29 for dept A2 before any answer: not dept A's.
    s.assign(D(2021, 4, 29), s.routed(D(2021, 4, 28)), dept_a2)
    # P6: routed 4/30, accepted the same day, answered 5/12 (late: due 5/11), never rated: the tick
    # rates it 满意 five working days later (5/19).
    p6 = s.act(D(2021, 4, 30), s.routed(D(2021, 4, 30)), "accept")
    s.act(D(2021, 5, 12), p6, "answer", "已调整。")
    with frozen(D(2021, 5, 19)):
        assert services.appeals_auto_rate(D(2021, 5, 19)) == {"auto_rated": 1}
    # P7: routed 4/30, accepted 5/6, still being handled.
    s.act(D(2021, 5, 6), s.routed(D(2021, 4, 30)), "accept")
    # May: P8 routed and accepted 5/6; P9 routed today, window still open (not counted yet).
    s.act(D(2021, 5, 6), s.routed(D(2021, 5, 6)), "accept")
    s.routed(TODAY)
    # Zone B, window 2: 4/30 → due 5/7. P10 accepted 5/7 (in time), P11 accepted 5/8 (make-up day, late).
    s.act(D(2021, 5, 7), s.routed(D(2021, 4, 30), zone="b"), "accept")
    s.act(D(2021, 5, 8), s.routed(D(2021, 4, 30), zone="b"), "accept")
    return dept_a2


def figures(score):
    return {key: (f.num, f.den) for key, f in score.rates.items()}


def test_each_rate_on_the_hand_computed_example(world, story):
    data = scores.department_scores([world.dept_a], [APRIL, MAY], today=TODAY)
    april = data[(world.dept_a.pk, APRIL)]
    assert april.assignments == 7  # P1–P7, P5's taken-back routing included
    assert figures(april) == {
        "response": (4, 6),  # P2, P3, P6, P7 of P1, P2, P3, P4, P6, P7 (P5 taken back)
        "solution": (3, 4),  # P3, P4, P6 answered of P3, P4, P6, P7 accepted
        "satisfaction": (3, 4),  # 5, 3 and the automatic 4 of 5, 2, 3, 4
        "on_time": (2, 3),  # P3 and P4's second answer; P6 late
    }
    assert april.auto_ratings == 1
    assert april.rates["response"].pct == 66.7 and april.rates["response"].text == "66.7%"
    may = data[(world.dept_a.pk, MAY)]
    assert may.assignments == 2
    assert figures(may)["response"] == (1, 1)  # P8; P9's window is still open today


def test_a_pending_window_counts_once_it_has_closed(world, story):
    # P9 was routed 5/20 with a window of 1 working day (by 5/21): a miss from 5/24.
    data = scores.department_scores([world.dept_a], [MAY], today=D(2021, 5, 24))
    assert figures(data[(world.dept_a.pk, MAY)])["response"] == (1, 2)


def test_each_zone_has_its_own_response_window(world, story):
    data = scores.department_scores([world.dept_b], [APRIL], today=TODAY)
    assert figures(data[(world.dept_b.pk, APRIL)])["response"] == (1, 2)


def test_a_later_change_of_the_window_does_not_rewrite_past_months(world, story):
    # Zone A widens its window to 5 working days afterwards: April's routings keep the window they had.
    AppealSettings.objects.create(zone=world.zone_a, response_workdays=5)
    data = scores.department_scores([world.dept_a], [APRIL], today=TODAY)
    assert figures(data[(world.dept_a.pk, APRIL)])["response"] == (4, 6)


def test_routings_from_before_the_stored_window_use_the_zones_setting(world, story):
    from yuanqu.appeals.models import AppealAssignment

    AppealAssignment.objects.update(respond_by=None)
    data = scores.department_scores([world.dept_a], [APRIL], today=TODAY)
    assert figures(data[(world.dept_a.pk, APRIL)])["response"] == (4, 6)


def test_a_department_is_scored_on_what_was_routed_to_it(world, story):
    dept_a2 = story
    data = scores.department_scores([dept_a2], [APRIL, MAY], today=TODAY)
    # P5 routed on 4/29 and never answered (due 4/30); P2 re-routed on 5/6, not answered yet (due 5/7).
    assert figures(data[(dept_a2.pk, APRIL)])["response"] == (0, 1)
    assert figures(data[(dept_a2.pk, MAY)])["response"] == (0, 1)
    assert figures(data[(dept_a2.pk, MAY)])["solution"] == (0, 0)
    assert data[(dept_a2.pk, MAY)].rates["solution"].text == "—"


def test_the_response_window_crosses_the_may_day_holiday(db):
    runs = scores.window_runs(D(2021, 4, 29), D(2021, 5, 7), 1)
    assert runs == [(D(2021, 4, 29), D(2021, 4, 29), D(2021, 4, 30)),
                    (D(2021, 4, 30), D(2021, 5, 5), D(2021, 5, 6)),
                    (D(2021, 5, 6), D(2021, 5, 6), D(2021, 5, 7)),
                    (D(2021, 5, 7), D(2021, 5, 7), D(2021, 5, 8))]


def test_every_rate_has_its_definition():
    assert [r.name for r in scores.RATES] == ["响应率", "解决率", "满意率", "按时办结率"]
    for r in scores.RATES:
        assert r.formula and r.numerator and r.denominator and r.note


def test_trend_months_cross_the_year():
    assert scores.trend_months(D(2021, 2, 14), 3) == [D(2020, 12, 1), D(2021, 1, 1), D(2021, 2, 1)]


# ---- scopes -----------------------------------------------------------------------------------------

def names(user, zone_id=None):
    return sorted(d.name for d in scores.score_departments(user, zone_id))


def test_a_zone_leader_sees_every_department_of_its_zone(world, story):
    assert names(world["leader_a"]) == ["甲交警大队", "甲建设局"]


def test_a_department_sees_only_itself(world, story):
    assert names(world["dept_a"]) == ["甲建设局"]
    assert names(world["dept_a"], world.zone_b.pk) == []


def test_the_city_sees_every_zone_and_filters_by_zone(world, story):
    assert names(world["city"]) == sorted(["甲交警大队", "甲建设局", "乙交警大队"])
    assert names(world["city"], world.zone_b.pk) == ["乙交警大队"]


def test_others_see_no_department(world):
    for persona in ("enterprise_a", "liaison_a", "clerk_a", "nobody"):
        assert names(world[persona]) == []


# ---- the page and the export ------------------------------------------------------------------------

@pytest.fixture
def on_today(settings):
    settings.YUANQU_FROZEN_TODAY = TODAY.isoformat()
    with frozen(TODAY):
        yield TODAY


def test_the_page_shows_the_figures_beside_their_definitions(world, story, login, on_today):
    response = login("leader_a").get("/appeals/scores/", {"month": "2021-04"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "66.7%" in html and "4/6" in html and "默认1" in html
    for r in scores.RATES:
        assert r.formula in html and r.note in html
    assert "1个工作日" in html
    chart = response.context["chart"]
    assert chart["months"][0] == "2020-05" and chart["months"][-1] == "2021-04"
    row = next(s for s in chart["series"] if s["name"] == "甲建设局")
    assert row["values"]["response"][-1] == 66.7 and row["values"]["response"][0] is None


def test_the_page_defaults_to_this_month(world, story, login, on_today):
    response = login("dept_a").get("/appeals/scores/")
    assert response.context["month"] == MAY
    assert [s.department.name for s in response.context["rows"]] == ["甲建设局"]


def test_a_leader_cannot_filter_to_another_zone(world, story, login, on_today):
    response = login("leader_a").get("/appeals/scores/", {"zone": world.zone_b.pk})
    # Not a choice of its filter: the page falls back to its own zone's departments.
    assert {s.department.zone_id for s in response.context["rows"]} == {world.zone_a.pk}


def test_an_enterprise_may_not_read_scores(login, world):
    assert login("enterprise_a").get("/appeals/scores/").status_code == 403


def test_the_export_has_the_counts_and_the_definitions_and_is_recorded(world, story, login, on_today):
    response = login("city").get("/appeals/scores/export.xlsx", {"month": "2021-04", "zone": world.zone_a.pk})
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    header, by_dept = rows[0], {r[1]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert set(by_dept) == {"甲建设局", "甲交警大队"}
    a = by_dept["甲建设局"]
    assert (a["时限内响应"], a["应响应"], a["响应率(%)"]) == (4, 6, 66.7)
    assert (a["基本满意及以上"], a["评价"], a["其中默认评价"]) == (3, 4, 1)
    assert header.count("已答复") == 2  # 解决率's numerator and 按时办结率's denominator
    notes = [r[0] for r in wb["指标口径"].iter_rows(values_only=True)]
    assert notes[1:5] == ["响应率", "解决率", "满意率", "按时办结率"]
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.EXPORT)
    assert event.actor == world["city"]


def test_the_page_costs_the_same_queries_with_more_rows(world, category, login, on_today,
                                                       django_assert_max_num_queries):
    client = login("city")
    s = Script(world, category)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/appeals/scores/", {"month": "2021-04"}).status_code == 200
        return len(ctx)

    for _ in range(2):
        s.act(D(2021, 4, 30), s.routed(D(2021, 4, 30)), "accept")
    count()  # warms the calendar's cache
    few = count()
    for zone in ("a", "b"):
        for _ in range(4):
            s.rate(D(2021, 5, 7), s.act(D(2021, 5, 6), s.act(D(2021, 5, 6), s.routed(D(2021, 4, 30), zone=zone),
                                                             "accept"), "answer", "已办。"), 4)
    DepartmentFactory.create_batch(5, zone=world.zone_a)
    assert count() == few
    # session, user, roles, departments, windows, assignments, ratings, zone filter (count, options), inbox
    with django_assert_max_num_queries(10):
        client.get("/appeals/scores/", {"month": "2021-04"})
