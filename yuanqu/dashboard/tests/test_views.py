"""The home page: each role gets its own panel, and its query count does not grow with the data."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.testing.factories import EnterpriseFactory, ParkFactory, ZoneFactory
from yuanqu.testing.personas import PERSONAS

HOME = reverse("dashboard:home")
NO_ROLE = "您还没有任何角色"
ACCOUNTS_PANEL, SECURITY_PANEL, CALENDAR_PANEL = "账号安全", "近7天安全事件", "工作日历</h2>"


def home(login, persona) -> str:
    response = login(persona).get(HOME)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_gets_the_home_page(login, persona):
    page = home(login, persona)
    assert (NO_ROLE in page) == (persona == "nobody")


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["leader_a", "dept_a", "liaison_a", "clerk_a", "mentor_a"])
def test_zone_a_staff_see_zone_a_and_not_zone_b(login, persona):
    page = home(login, persona)
    assert "甲园区" in page and "乙园区" not in page


def test_leader_b_sees_zone_b_only(login):
    page = home(login, "leader_b")
    assert "乙园区" in page and "甲园区" not in page


@pytest.mark.parametrize("persona", ["city", "sysadmin"])
def test_citywide_roles_see_every_zone(login, persona):
    page = home(login, persona)
    assert "各园区概况" in page and "甲园区" in page and "乙园区" in page


def test_leader_sees_its_zone_counts(login, world):
    EnterpriseFactory(zone=world.zone_a, scale="above")
    response = login("leader_a").get(HOME)
    [card] = response.context["panels"]["zones"]
    assert (card.short_name, card.park_count, card.enterprise_count, card.above_count) == ("甲园区", 1, 2, 1)


def test_enterprise_user_sees_its_own_enterprise_only(login):
    page = home(login, "enterprise_a")
    assert "我的企业" in page and "湖南甲科技有限公司" in page
    assert "湖南乙电力有限公司" not in page
    assert "园区概况" not in page


def test_security_admin_sees_the_account_panel(login, world):
    page = home(login, "secadmin")
    assert ACCOUNTS_PANEL in page and "管理用户与角色" in page
    assert SECURITY_PANEL not in page and "园区概况" not in page


def test_account_panel_counts_locked_and_roleless_users(client, login, world):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "leader_a", "password": "Wrong#pass1"})
    panels = login("secadmin").get(HOME).context["panels"]
    assert panels["locked"] == ["leader_a"]
    assert panels["no_role_users"] == ["nobody"]
    assert panels["user_count"] == len(PERSONAS)


def test_auditor_sees_security_counts(login, world):
    security_event_record(kind=SecurityEvent.Kind.LOGIN_FAILED, username="leader_a")
    security_event_record(kind=SecurityEvent.Kind.LOGIN_FAILED, username="ghost")
    security_event_record(kind=SecurityEvent.Kind.DENIED, actor=world["dept_b"])
    response = login("auditor").get(HOME)
    panels = response.context["panels"]
    assert panels["security_counts"] == {"login_failed": 2, "denied": 1, "login": 1}  # login: the auditor's own
    page = html.unescape(response.content.decode())
    assert SECURITY_PANEL in page and "ghost" in page and "dept_b" in page
    assert ACCOUNTS_PANEL not in page and "园区概况" not in page


def test_sysadmin_sees_the_calendar_panel(login):
    assert CALENDAR_PANEL in home(login, "sysadmin")
    assert CALENDAR_PANEL not in home(login, "leader_a")


# -- query counts --------------------------------------------------------------------------------


def home_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(HOME).status_code == 200
    return len(ctx)


def add_zones_and_enterprises(world, n=30):
    for i in range(n):
        zone = ZoneFactory()
        park = ParkFactory(zone=zone)
        EnterpriseFactory(zone=zone, park=park, scale="above" if i % 2 else "below")
        EnterpriseFactory(zone=world.zone_a, park=world.park_a)


@pytest.mark.parametrize("persona", ["leader_a", "city", "enterprise_a", "secadmin", "auditor", "sysadmin"])
def test_home_query_count_does_not_grow_with_zones_and_enterprises(login, world, persona):
    client = login(persona)
    home_queries(client)  # the first request of a session also stamps it
    baseline = home_queries(client)
    add_zones_and_enterprises(world)
    for i in range(30):
        security_event_record(kind=SecurityEvent.Kind.LOGIN_FAILED, username=f"u{i}")
    assert home_queries(client) == baseline


def test_the_leader_is_told_what_waits_on_it_with_links_to_the_lists(world, login):
    from yuanqu.inbox.models import InboxMessage
    from yuanqu.projects.models import Project
    from yuanqu.supervision.models import ProjectLight

    project = Project.objects.create(zone=world.zone_a, name="亮红灯的项目")
    ProjectLight.objects.create(project=project, light="red")
    InboxMessage.objects.create(recipient=world["leader_a"], title="督办", body="", url="", dedupe_key="k1")
    page = login("leader_a").get("/").content.decode()
    assert "需要您处理" in page
    assert "亮红灯的项目" in page and "/projects/?light=red" in page
    assert "未读消息" in page
    assert "目前没有需要您处理的事项" not in page
    # leader B sees none of zone A's
    assert "/projects/?light=red" not in login("leader_b").get("/").content.decode()


def test_the_clerk_is_told_of_figures_to_check_and_the_enterprise_of_figures_returned(world, login):
    from decimal import Decimal

    from yuanqu.indicators import services
    from yuanqu.indicators.models import Indicator
    from yuanqu.indicators.periods import Period

    value = services.value_save(actor=world["enterprise_a"], indicator=Indicator.objects.get(code="YYSR"),
                                zone=world.zone_a, enterprise=world.enterprise_a, period=Period.parse("2021-Q1"),
                                value=Decimal(100))
    page = login("clerk_a").get(HOME).content.decode()
    assert "待审核的企业指标" in page and "/indicators/review/" in page
    services.value_return(actor=world["clerk_a"], value=value, reason="口径与上年不一致")
    assert "待审核的企业指标" not in login("clerk_a").get(HOME).content.decode()
    page = login("enterprise_a").get(HOME).content.decode()
    assert "被退回待修改的指标数据" in page and "/indicators/report/?state=returned" in page
    assert "被退回待修改的指标数据" not in login("enterprise_b").get(HOME).content.decode()
