"""An enterprise files an appeal online: similar earlier appeals appear while it types (举一反三),
the appeal is filed, and the zone's leader routes it. Screenshots under the test's output."""

from pathlib import Path

import pytest

from yuanqu.appeals import services
from yuanqu.appeals.models import Appeal, AppealCategory
from yuanqu.testing.personas import build_world

from .conftest import sign_in


@pytest.fixture
def live_world(transactional_db):
    world = build_world()
    # An earlier appeal of the same enterprise, answered: what the lookup should bring back.
    category = AppealCategory.objects.get(name="交通出行")
    earlier = services.appeal_create(actor=world["enterprise_a"], enterprise=world.enterprise_a, category=category,
                                     title="公交线路延伸到厂区", content="员工上下班不便,希望公交线路延伸到厂门口。",
                                     channel="portal")
    services.appeal_assign(actor=world["leader_a"], appeal=earlier, lead_department=world.dept_a,
                           deadline_kind="workdays", deadline_workdays=5)
    services.appeal_act(actor=world["dept_a"], appeal=earlier, action="accept")
    services.appeal_act(actor=world["dept_a"], appeal=earlier, action="answer", note="已协调公交公司延伸3路公交。")
    return world


def test_enterprise_files_an_appeal_and_sees_similar_ones_while_typing(page, http_live_server, live_world, output_path):
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    url = http_live_server.url
    out = Path(output_path)
    out.mkdir(parents=True, exist_ok=True)

    sign_in(page, url, "enterprise_a")
    page.click("nav >> text=我的诉求")
    page.wait_for_url("**/appeals/")
    page.click("text=提交诉求")
    page.wait_for_url("**/appeals/new/")
    page.select_option("#id_category", label="交通出行")
    page.fill("#id_title", "希望延伸公交线路")
    page.type("#id_content", "员工通勤困难,公交线路能否延伸到厂门口", delay=5)
    page.wait_for_selector("#similar >> text=公交线路延伸到厂区")
    assert "已协调公交公司延伸3路公交" in page.locator("#similar").inner_text()
    page.screenshot(path=str(out / "appeal-form-similar.png"), full_page=True)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/appeals/*/")
    assert "希望延伸公交线路" in page.locator("h1").inner_text()
    assert "待分派" in page.locator("h1").inner_text()

    appeal = Appeal.objects.get(title="希望延伸公交线路")
    page.context.clear_cookies()
    sign_in(page, url, "leader_a")
    page.goto(f"{url}/appeals/{appeal.pk}/")
    page.select_option("#id_lead_department", label=live_world.dept_a.name)
    page.check("input[name=deadline_kind][value=month_end]")
    page.click("text=分派 >> xpath=self::button")
    page.wait_for_selector("text=已分派给")
    assert "待受理" in page.locator("h1").inner_text()
    page.screenshot(path=str(out / "appeal-detail-assigned.png"), full_page=True)
    assert console_errors == []
