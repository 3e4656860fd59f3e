"""Log in, open the enterprise list, open one enterprise; screenshot under the test's output."""

from pathlib import Path

import pytest

from yuanqu.testing.factories import PASSWORD
from yuanqu.testing.personas import build_world


@pytest.fixture
def live_world(transactional_db):
    return build_world()


def test_leader_logs_in_and_opens_an_enterprise(page, http_live_server, live_world, output_path):
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    page.goto(f"{http_live_server.url}/")
    assert "/accounts/login/" in page.url  # signed out: sent to the login page
    page.fill("#id_username", "leader_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{http_live_server.url}/")
    assert page.locator("h1").inner_text().endswith("您好")

    page.click("nav >> text=企业")
    page.wait_for_url("**/registry/enterprises/")
    rows = page.locator("#list-table tbody tr")
    assert rows.count() == 1  # leader_a sees zone A's enterprise only
    assert "湖南甲科技有限公司" in rows.first.inner_text()
    assert "138****1234" in rows.first.inner_text()  # phones are masked in lists

    # Searching through HTMX swaps the table without a reload.
    page.fill("input[name=q]", "不存在的企业")
    page.wait_for_selector("text=没有符合条件的企业")
    page.fill("input[name=q]", "")
    page.wait_for_selector("text=湖南甲科技有限公司")

    page.click("text=湖南甲科技有限公司")
    page.wait_for_url("**/registry/enterprises/*/")
    assert page.locator("h1").inner_text() == "湖南甲科技有限公司"
    page.click("text=显示完整号码")
    page.wait_for_selector("text=13812341234")
    assert page.locator("text=显示完整号码").count() == 0

    out = Path(output_path)  # pytest-playwright's folder for this test, under test-results/
    out.mkdir(parents=True, exist_ok=True)
    shot = out / "enterprise-detail.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert console_errors == []


def test_city_viewer_sees_the_zones_chart_drawn_by_the_local_echarts(page, http_live_server, live_world):
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{http_live_server.url}/accounts/login/")
    page.fill("#id_username", "city")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{http_live_server.url}/")
    page.wait_for_selector("#zone-chart svg")
    assert "甲园区" in page.locator("#zone-chart").inner_text()
    # Everything came from this server: no CDN.
    assert all(url.startswith(http_live_server.url) or url.startswith("data:") for url in requested)
    assert console_errors == []
