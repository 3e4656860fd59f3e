"""A joint-approval case in Chromium: the agent starts an item routed to no department from the case's
page (the action form's date prefilled, back on the page with the message and the new state), and the
enterprise sees what it must provide and no steps to take. Screenshots under the test's output."""

import datetime as dt
from pathlib import Path

import pytest

from yuanqu.approvals.tests.fixtures import case_a, item
from yuanqu.common.clock import frozen
from yuanqu.testing.personas import build_world

from .conftest import sign_in

TODAY = dt.date(2021, 3, 10)  # two working days after 环评审批 was accepted (3月8日)


@pytest.fixture
def live_case(transactional_db, settings):
    # The live server answers from its own thread: the settings' day reaches it, a context override does not.
    settings.YUANQU_FROZEN_TODAY = TODAY.isoformat()
    with frozen(TODAY):
        world = build_world()
        case = case_a(world)  # re-seeds the catalogue an earlier live-server test's flush emptied
    return world, case


def _watch(page, errors):
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))


def _row(page, case_item):
    return page.locator(f"#item-{case_item.pk}")


def test_agent_starts_an_item_and_the_enterprise_sees_its_materials(page, browser, browser_context_args,
                                                                     http_live_server, live_case, output_path):
    world, case = live_case
    errors = []
    _watch(page, errors)
    url = http_live_server.url
    out = Path(output_path)
    out.mkdir(parents=True, exist_ok=True)
    eia, energy = item(case, "环评审批"), item(case, "节能审查")
    case_url = f"{url}/approvals/{case.pk}/"

    # The agent: the items table, 环评审批 accepted with its deadline, 节能审查 (no department) waiting.
    sign_in(page, url, "agent_a")
    page.goto(case_url)
    assert "甲液晶显示屏项目审批" in page.locator("h1").inner_text()
    eia_row = _row(page, eia).inner_text()
    assert "已受理" in eia_row and "2021-03-29" in eia_row and "已用2/15个工作日" in eia_row
    energy_row = _row(page, energy)
    assert "待启动" in energy_row.inner_text() and "(代办员对接)" in energy_row.inner_text()
    # 环评审批 is department A's to handle: the agent has no step on it.
    assert _row(page, eia).locator(f"a[href*='/items/{eia.pk}/act/']").count() == 0

    energy_row.locator("td:last-child >> a", has_text="启动申报").click()
    page.wait_for_url(f"**/approvals/{case.pk}/items/{energy.pk}/act/prepare/")
    assert "启动申报:节能审查" in page.locator("h1").inner_text()
    assert page.input_value("#id_date") == TODAY.isoformat()  # prefilled with today
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(case_url)
    assert "已对“节能审查”执行“启动申报”,当前状态:材料准备。" in page.content()
    assert "材料准备" in _row(page, energy).locator("td:nth-child(4)").inner_text()
    page.screenshot(path=str(out / "approvals-case-agent.png"), full_page=True)
    energy.refresh_from_db()
    assert energy.state == "preparing"

    # The enterprise, on a fresh context: what it must provide, and no step to take.
    context = browser.new_context(**browser_context_args)
    try:
        other = context.new_page()
        _watch(other, errors)
        sign_in(other, url, "enterprise_a")
        other.goto(case_url)
        assert "甲液晶显示屏项目审批" in other.locator("h1").inner_text()
        assert other.locator("h2", has_text="需企业提供的材料").count() == 1
        materials = other.locator("h2:has-text('需企业提供的材料') + .card").inner_text()
        assert "节能报告" in materials and "环境影响报告表(书)" in materials
        assert other.locator("a[href*='/act/']").count() == 0
        assert other.locator(".ap-acts .btn").count() == 0
        for label in ("修改办件", "增加事项", "新增服务事项"):
            assert other.get_by_role("link", name=label).count() == 0, label
        other.screenshot(path=str(out / "approvals-case-enterprise.png"), full_page=True)
    finally:
        context.close()
    assert errors == []
