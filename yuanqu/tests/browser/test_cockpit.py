"""The leader cockpit in Chromium: every chart draws without a console error, a click on a zone's bar
opens the value list of that zone, and a zone's leader sees only its zone. Screenshots under the
test's output."""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from yuanqu.appeals.models import Appeal, AppealAssignment, AppealCategory
from yuanqu.indicators import services
from yuanqu.indicators.catalogue import seed
from yuanqu.indicators.models import Indicator
from yuanqu.indicators.periods import Period
from yuanqu.projects.models import Project
from yuanqu.registry.models import Zone
from yuanqu.supervision.models import ProjectLight
from yuanqu.testing.factories import grant
from yuanqu.testing.personas import build_world

from .conftest import sign_in

# (zone, code, period, value in 万元)
FIGURES = [
    ("a", "JGM", "2020-Q1", 1115000), ("a", "JGM", "2021-Q1", 1338000),
    ("a", "SJSJ", "2020-Q1", 14600), ("a", "SJSJ", "2021-Q1", 24000),
    ("b", "JGM", "2020-Q1", 800000), ("b", "JGM", "2021-Q1", 870000),
    ("b", "SJSJ", "2020-Q1", 9000), ("b", "SJSJ", "2021-Q1", 9900),
]

# Where on the page a chart's first data item is drawn (a bar's centre, a point), from ECharts' layout.
ITEM_POINT = """([name, series, index]) => {
  const el = document.querySelector(`[data-chart="${name}"]`);
  el.scrollIntoView({block: "center"});
  const chart = echarts.getInstanceByDom(el);
  const layout = chart.getModel().getSeriesByIndex(series).getData().getItemLayout(index);
  const box = el.getBoundingClientRect();
  return [box.left + layout.x + layout.width / 2, box.top + layout.y + layout.height / 2];
}"""


@pytest.fixture
def live_world(transactional_db):
    # An earlier live-server test's flush empties every table, the catalogue its migration seeded too.
    seed(Indicator)
    world = build_world()
    grant(world["nobody"], "clerk", zone=world.zone_b)  # a clerk of zone B enters its figures
    for side, code, period, value in FIGURES:
        zone, clerk = (world.zone_a, world["clerk_a"]) if side == "a" else (world.zone_b, world["nobody"])
        services.value_save(actor=clerk, indicator=Indicator.objects.get(code=code), zone=zone,
                            period=Period.parse(period), value=Decimal(value))
    for n, (stage, light) in enumerate([("started", "green"), ("main_works", "red"), ("planning", None)]):
        project = Project.objects.create(zone=world.zone_a, name=f"甲项目{n}", stage=stage)
        if light:
            ProjectLight.objects.create(project=project, light=light)
    day = dt.date(2021, 2, 3)
    appeal = Appeal.objects.create(zone=world.zone_a, enterprise=world.enterprise_a, category=AppealCategory.objects.get_or_create(name="交通出行")[0],
                                   title="厂门前道路", content="内容", channel="portal", taken_by=world["leader_a"],
                                   state="answered", lead_department=world.dept_a)
    AppealAssignment.objects.create(appeal=appeal, department=world.dept_a, assigned_by=world["leader_a"], assigned_on=day,
                                    deadline=day + dt.timedelta(days=10), respond_by=day + dt.timedelta(days=2),
                                    responded_on=day, response="accepted", answered_on=day + dt.timedelta(days=4),
                                    on_time=True)
    return world


def _charts_drawn(page) -> list[str]:
    # Each container holds its canvas, and its first animation has ended (cockpit.js marks it ready).
    page.wait_for_function("[...document.querySelectorAll('[data-chart]')].every("
                           "el => el.querySelector('canvas') && el.dataset.ready === '1')")
    return page.eval_on_selector_all("[data-chart]", "els => els.map(e => e.dataset.chart)")


def test_the_cockpit_draws_every_chart_and_a_zone_bar_opens_its_list(page, http_live_server, live_world, output_path):
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    url = http_live_server.url
    out = Path(output_path)
    out.mkdir(parents=True, exist_ok=True)

    sign_in(page, url, "city")
    page.click("nav >> text=领导驾驶舱")
    page.wait_for_url("**/indicators/cockpit/")
    drawn = _charts_drawn(page)
    assert set(drawn) == {"yoy", "trend", "ranking", "stages", "lights", "appeals"}
    assert "2021年一季度" in page.locator(".ck-sub").inner_text()
    page.screenshot(path=str(out / "cockpit-city.png"), full_page=True)

    # Zone names are typed by people: in a tooltip (HTML) they are text, never markup.
    Zone.objects.filter(pk=live_world.zone_b.pk).update(short_name="<img id=xss src=x>乙园区")
    page.reload()
    _charts_drawn(page)
    for index in (0, 1):
        x, y = page.evaluate(ITEM_POINT, ["yoy", 0, index])
        page.mouse.move(x, y)
        page.wait_for_timeout(200)
        assert page.locator("#xss").count() == 0
    assert "<img id=xss" in page.locator("[data-chart=yoy]").inner_text()

    # The yoy chart's bars are largest first: zone A's first quarter leads.
    x, y = page.evaluate(ITEM_POINT, ["yoy", 0, 0])
    page.mouse.click(x, y)
    page.wait_for_url("**/indicators/?*")
    query = parse_qs(urlsplit(page.url).query)
    assert query["zone"] == [str(live_world.zone_a.pk)]
    assert query["period"] == ["2021-Q1"]
    assert query["indicator"] == [str(Indicator.objects.get(code="JGM").pk)]

    # A stage of the funnel opens the project list of that stage.
    page.go_back()
    _charts_drawn(page)
    x, y = page.evaluate(ITEM_POINT, ["stages", 1, 3])  # 开工, the fourth stage
    page.mouse.click(x, y)
    page.wait_for_url("**/projects/?*")
    assert parse_qs(urlsplit(page.url).query)["stage"] == ["started"]

    page.context.clear_cookies()
    sign_in(page, url, "leader_a")
    page.goto(f"{url}/indicators/cockpit/")
    drawn = _charts_drawn(page)
    assert "ranking" not in drawn and {"yoy", "trend", "stages", "lights", "appeals"} <= set(drawn)
    text = page.locator(".cockpit").inner_text()
    assert "乙园区" not in text and "2021年一季度,甲园区完成技工贸收入133.8亿元,同比增长20%" in text
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)  # the resize handler's debounce
    widths = page.eval_on_selector_all("[data-chart] canvas", "els => els.map(e => e.getBoundingClientRect().width)")
    assert widths and max(widths) <= 390
    page.screenshot(path=str(out / "cockpit-leader-phone.png"), full_page=True)
    assert console_errors == []
