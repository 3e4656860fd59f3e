"""The leader cockpit (领导驾驶舱): who sees which zones' figures, the period read or defaulted, the
cards' growth, the links behind every chart, and a query count that does not grow with zones."""

import datetime as dt
import json
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.appeals.models import Appeal, AppealAssignment, AppealCategory
from yuanqu.indicators import cockpit
from yuanqu.indicators.growth import subject_key
from yuanqu.indicators.models import Indicator, IndicatorValue
from yuanqu.indicators.periods import MSG_BAD_PERIOD
from yuanqu.projects.models import Project
from yuanqu.supervision.models import ProjectLight
from yuanqu.testing.factories import DepartmentFactory, EnterpriseFactory, ZoneFactory, grant

URL = reverse("indicators:cockpit")
PERIODS = {"2020-Q1": (2020, "quarter", 1), "2021-Q1": (2021, "quarter", 1), "2020-Q4": (2020, "quarter", 4),
           "2021-03": (2021, "month", 3), "2021-06": (2021, "month", 6), "2020-03": (2020, "month", 3)}


def put(zone, code, period, value, growth=None, state="confirmed"):
    """A zone's own figure, as value_save leaves it (the services are tested elsewhere)."""
    year, kind, number = PERIODS[period]
    return IndicatorValue.objects.create(
        indicator=Indicator.objects.get(code=code), zone=zone, level="zone", subject_key=subject_key("zone", zone.pk),
        year=year, period_kind=kind, period=number, value=Decimal(str(value)),
        reported_growth=None if growth is None else Decimal(str(growth)), state=state)


def page(client, **query):
    response = client.get(URL, query)
    data = response.context["chart_data"] if response.context else {}
    return response, data


def card(response, code):
    return next(c for c in response.context["cards"] if c["indicator"].code == code)


def test_a_leader_sees_only_its_zone_and_the_city_every_zone(world, login):
    put(world.zone_a, "JGM", "2021-Q1", 1200000)
    put(world.zone_a, "JGM", "2020-Q1", 1000000)
    put(world.zone_b, "JGM", "2021-Q1", 500000)
    put(world.zone_b, "JGM", "2020-Q1", 400000)

    for persona in ("leader_a", "clerk_a"):
        response, data = page(login(persona))
        assert response.status_code == 200
        text = json.dumps(data, ensure_ascii=False) + response.content.decode()
        assert "甲园区" in text and "乙园区" not in text, persona
        assert card(response, "JGM")["number"] == "120"  # 1,200,000万元 = 120亿元: zone A alone
        assert "ranking" not in data  # one zone: nothing to rank

    response, data = page(login("leader_b"))
    assert card(response, "JGM")["number"] == "50"
    assert login("leader_b").get(URL, {"zone": world.zone_a.pk}).status_code == 404

    response, data = page(login("city"))
    assert data["yoy"]["categories"] == ["甲园区", "乙园区"]  # by this period's value, largest first
    assert data["ranking"]["categories"] == ["乙园区", "甲园区"]  # +25% before +20%
    assert card(response, "JGM")["number"] == "170"  # the city's total: the zones summed
    response, data = page(login("city"), zone=world.zone_b.pk)
    assert card(response, "JGM")["number"] == "50"
    assert [x["hl"] for x in data["ranking"]["data"]] == [True, False]  # the chosen zone, among all
    for persona in ("enterprise_a", "dept_a", "sysadmin", "nobody"):
        assert login(persona).get(URL).status_code == 403, persona
    # A clerk limited to one park reads no zone's totals: the page says so.
    grant(world["nobody"], "clerk", zone=world.zone_a, park=world.park_a)
    response = login("nobody").get(URL)
    assert response.status_code == 200 and cockpit.MSG_NO_ZONES in response.content.decode()
    assert "甲园区" not in json.dumps(response.context["chart_data"], ensure_ascii=False)


def test_the_cards_quote_the_growth_and_flag_a_reported_rate_that_disagrees(world, login):
    put(world.zone_a, "JGM", "2021-Q1", 1200000, growth=20)  # matches 1,000,000 → +20%
    put(world.zone_a, "JGM", "2020-Q1", 1000000)
    put(world.zone_a, "SJSJ", "2021-Q1", 24000, growth=70)  # computed +60%: 10 points off
    put(world.zone_a, "SJSJ", "2020-Q1", 15000)
    put(world.zone_a, "GDZCTZ", "2021-Q1", 90000)  # computed only: -10%
    put(world.zone_a, "GDZCTZ", "2020-Q1", 100000)
    put(world.zone_a, "GSZYYW", "2021-Q1", 1103000, growth="22.8")  # no prior year: reported only
    response, _ = page(login("leader_a"))
    jgm, sjsj, gdzctz, gszy = (card(response, c) for c in ("JGM", "SJSJ", "GDZCTZ", "GSZYYW"))
    assert (jgm["growth"], jgm["tone"], jgm["reported"], jgm["mismatch"]) == ("+20%", "up", True, "")
    assert (sjsj["growth"], sjsj["number"], sjsj["unit"]) == ("+70%", "2.4", "亿元")
    assert sjsj["mismatch"] == "填报增速与按上年数计算的增速相差10个百分点"
    assert (gdzctz["growth"], gdzctz["tone"], gdzctz["reported"]) == ("-10%", "down", False)
    assert gszy["growth"] == "+22.8%" and "上年基数由填报增速推算" in gszy["notes"]
    html = response.content.decode()
    assert "⚠ 填报增速与按上年数计算的增速相差10个百分点" in html

    # The city's total compares the zones with a prior-year figure, on the sum of their bases.
    put(world.zone_b, "JGM", "2021-Q1", 300000)
    put(world.zone_b, "JGM", "2020-Q1", 200000)
    response, _ = page(login("city"))
    total = card(response, "JGM")
    assert (total["number"], total["growth"]) == ("150", "+25%")  # 1.5M over 1.2M
    assert "2个园区合计" in total["notes"]
    assert card(response, "SJSJ")["mismatch"] == "1个园区的填报增速与按上年数计算的不一致"


def test_the_period_defaults_to_the_latest_confirmed_quarter_and_reads_what_is_typed(world, login):
    client = login("leader_a")
    response, _ = page(client)
    assert response.context["empty"]
    assert "尚无已核定的指标数据,请统计员录入或导入" in response.content.decode()

    put(world.zone_a, "JGM", "2020-Q4", 900000)
    put(world.zone_a, "JGM", "2021-03", 300000)  # a cumulative March stands for the first quarter
    put(world.zone_a, "JGM", "2021-06", 700000, state="pending")  # not confirmed: not yet shown
    put(world.zone_b, "JGM", "2021-06", 700000)  # another zone's: not in scope
    response, data = page(client)
    assert str(response.context["controls"].period.key) == "2021-Q1"
    assert card(response, "JGM")["number"] == "30"
    assert card(response, "JGM")["notes"] == ["由累计月值得出"]
    # The city's latest quarter is zone B's second.
    assert page(login("city"))[0].context["controls"].period.key == "2021-Q2"

    for typed, key in (("2020年四季度", "2020-Q4"), ("2021-03", "2021-03"), ("2021", "2021")):
        response, _ = page(client, period=typed)
        assert response.status_code == 200
        assert response.context["controls"].period.key == key
    response, data = page(client, period="2021-03")
    assert len(data["trend"]["categories"]) == 12  # a month: the last 12 months
    assert len(page(client, period="2021-Q1")[1]["trend"]["categories"]) == 8


def test_a_period_that_cannot_be_read_is_a_clear_error_not_a_failure(world, login):
    put(world.zone_a, "JGM", "2021-Q1", 1200000)
    client = login("leader_a")
    for typed, message in (("2021-13", "月度期间编号须在1至12之间。"), ("下个月", MSG_BAD_PERIOD.format(text="下个月")),
                           ("2021年五一", cockpit.MSG_PERIOD_KIND), ("2000-Q1", cockpit.MSG_YEAR.format(year=2001))):
        response = client.get(URL, {"period": typed})
        assert response.status_code == 400, typed
        assert message in response.content.decode(), typed
        # The latest quarter is shown instead.
        assert response.context["controls"].period.key == "2021-Q1"
    # The earliest period it reads draws what it can (its trend starts in 2001).
    response, data = page(client, period="2001-Q1")
    assert response.status_code == 200 and response.context["empty"]
    response = client.get(URL, {"indicator": "999999"})
    assert response.status_code == 400 and cockpit.MSG_INDICATOR in response.content.decode()
    assert client.get(URL, {"zone": "abc"}).status_code == 404


def test_every_chart_leads_to_the_list_behind_it(world, login, settings):
    settings.YUANQU_FROZEN_TODAY = "2021-05-14"
    put(world.zone_a, "JGM", "2021-03", 1200000)
    put(world.zone_a, "JGM", "2020-Q1", 1000000)
    put(world.zone_b, "JGM", "2021-Q1", 500000)
    put(world.zone_b, "JGM", "2020-Q1", 400000)
    project = Project.objects.create(zone=world.zone_a, name="甲项目")
    ProjectLight.objects.create(project=project, light="red")
    _appeal(world, world.zone_a, world.dept_a, dt.date(2021, 2, 3))

    def query(url):
        parts = urlsplit(url)
        return parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()}

    jgm = Indicator.objects.get(code="JGM")
    values = reverse("indicators:value_list")
    response, data = page(login("city"))
    a, b = str(world.zone_a.pk), str(world.zone_b.pk)
    # Zone A's quarter is its cumulative March: the list opens on the stored month.
    assert query(data["yoy"]["current"][0]["url"]) == (values, {"zone": a, "indicator": str(jgm.pk), "period": "2021-03"})
    assert query(data["yoy"]["prior"][0]["url"]) == (values, {"zone": a, "indicator": str(jgm.pk), "period": "2020-Q1"})
    assert query(data["ranking"]["data"][0]["url"]) == (values, {"zone": b, "indicator": str(jgm.pk), "period": "2021-Q1"})
    trend_urls = [x["url"] for s in data["trend"]["series"] for x in s["data"] if x["value"] is not None]
    assert trend_urls and all(u.startswith(values + "?zone=") for u in trend_urls)
    assert query(card(response, "JGM")["url"])[0] == values
    projects = reverse("projects:project_list")
    stages = {x["name"]: query(x["url"]) for x in data["stages"]["data"]}
    assert stages["谋划"] == (projects, {"stage": "planning"})
    lights = {x["key"]: (query(x["url"]), x["value"]) for x in data["lights"]["data"]}
    assert lights["red"] == ((projects, {"light": "red"}), 1)
    appeal_url = data["appeals"]["series"][0]["data"][0]["url"]
    assert query(appeal_url) == (reverse("appeals:appeal_scores"), {"zone": a, "month": "2021-03"})
    assert data["appeals"]["categories"] == ["甲园区"]
    assert data["appeals"]["series"][0]["data"][0]["value"] == 100.0  # answered on time
    html = response.content.decode()
    assert 'data-chart="yoy"' in html and 'data-chart="stages"' in html and 'data-chart="appeals"' in html
    assert "echarts.min.js" in html and "onclick" not in html

    # One zone chosen: projects and appeals follow it, and its bulletin links to the bulletin page.
    response, data = page(login("city"), zone=world.zone_a.pk)
    stages = {x["name"]: query(x["url"]) for x in data["stages"]["data"]}
    assert stages["谋划"] == (projects, {"zone": a, "stage": "planning"})
    assert data["appeals"]["categories"] == ["1月", "2月", "3月"]
    assert query(response.context["bulletin"]["url"]) == (reverse("indicators:bulletin"), {"subject": f"z{a}", "period": "2021-Q1"})
    assert response.context["bulletin"]["text"].startswith("2021年一季度,甲园区完成技工贸收入120亿元")
    # The clerk reads appeals but not the departments' scores: its links open the appeal list.
    _, data = page(login("clerk_a"))
    assert query(data["appeals"]["series"][0]["data"][1]["url"]) == (reverse("appeals:appeal_list"), {"zone": a})


def _appeal(world, zone, department, day, user=None):
    enterprise = EnterpriseFactory(zone=zone)
    appeal = Appeal.objects.create(zone=zone, enterprise=enterprise, category=AppealCategory.objects.first(),
                                   title="诉求", content="内容", channel="portal", taken_by=user or world["city"],
                                   state="answered", lead_department=department)
    return AppealAssignment.objects.create(appeal=appeal, department=department, assigned_by=user or world["city"],
                                           assigned_on=day, deadline=day + dt.timedelta(days=10),
                                           respond_by=day + dt.timedelta(days=2), responded_on=day,
                                           response="accepted", answered_on=day + dt.timedelta(days=5), on_time=True)


def _zone_with_everything(world, n):
    zone = ZoneFactory(name=f"合成园区{n}号", short_name=f"合成{n}")
    for code in ("JGM", "SJSJ"):
        put(zone, code, "2021-03", 100000 + n)
        put(zone, code, "2020-Q1", 90000 + n)
    Project.objects.create(zone=zone, name=f"项目{n}", stage="started")
    ProjectLight.objects.create(project=Project.objects.create(zone=zone, name=f"项目{n}b"), light="yellow")
    _appeal(world, zone, DepartmentFactory(zone=zone, name=f"建设局{n}"), dt.date(2021, 3, 2))
    return zone


def test_the_cockpits_queries_do_not_grow_with_zones_or_rows(world, login, django_assert_max_num_queries):
    """Two zones with figures, projects and appeals, then six: the city's page (every chart, every
    zone) and a chosen zone's (with its bulletin) run no more queries."""
    put(world.zone_a, "JGM", "2021-Q1", 1000)
    for n in range(2):
        _zone_with_everything(world, n)
    client = login("city")
    counts = {}
    for name, query in (("all", {}), ("one", {"zone": world.zone_a.pk}), ("month", {"period": "2021-03"})):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, query).status_code == 200
        counts[name] = len(ctx.captured_queries)
    assert counts["all"] <= 20, counts
    for n in range(2, 6):
        _zone_with_everything(world, n)
    for name, query in (("all", {}), ("one", {"zone": world.zone_a.pk}), ("month", {"period": "2021-03"})):
        with django_assert_max_num_queries(counts[name]):
            response = client.get(URL, query)
        assert response.status_code == 200
    assert len(response.context["chart_data"]["yoy"]["categories"]) == 6  # the six zones with March figures


def test_appeal_timeliness_counts_as_the_department_scores_do(world, login, settings):
    """Routings without a stored response window (the zone's setting counts, over the Spring Festival
    holidays), answered late or on time, responded late or in time: the cockpit's rates per zone and
    per month are the department scores' own."""
    from yuanqu.appeals import scores

    settings.YUANQU_FROZEN_TODAY = "2021-05-14"
    put(world.zone_a, "JGM", "2021-Q1", 1000)
    second = DepartmentFactory(zone=world.zone_a, name="甲经发局")
    cases = [  # (department, assigned on, responded after days, answered on time)
        (world.dept_a, dt.date(2021, 2, 9), 8, True), (world.dept_a, dt.date(2021, 2, 9), 3, False),
        (second, dt.date(2021, 2, 10), 10, True), (second, dt.date(2021, 3, 1), 1, True),
        (world.dept_a, dt.date(2021, 3, 31), 6, False), (second, dt.date(2021, 1, 4), 2, True),
    ]
    for department, day, after, on_time in cases:
        row = _appeal(world, world.zone_a, department, day)
        AppealAssignment.objects.filter(pk=row.pk).update(respond_by=None, responded_on=day + dt.timedelta(days=after),
                                                          on_time=on_time)
    months = [dt.date(2021, m, 1) for m in (1, 2, 3)]
    expected = scores.department_scores([world.dept_a, second], months, today=dt.date(2021, 5, 14))

    def rate(month, key):
        fig = [expected[(d.pk, m)].rates[key] for d in (world.dept_a, second) for m in months if month in (None, m)]
        num, den = sum(f.num for f in fig), sum(f.den for f in fig)
        return round(100 * num / den, 1) if den else None

    _, data = page(login("leader_a"))
    on_time, response = (s["data"] for s in data["appeals"]["series"])
    assert [x["value"] for x in on_time] == [rate(m, "on_time") for m in months]
    assert [x["value"] for x in response] == [rate(m, "response") for m in months]
    assert [x["value"] for x in response] != [100.0, 100.0, 100.0]  # some responses came late
    _, data = page(login("city"))
    on_time, response = (s["data"] for s in data["appeals"]["series"])
    assert (on_time[0]["value"], response[0]["value"]) == (rate(None, "on_time"), rate(None, "response"))
