"""The demo's lights and ladder on its today (2021-05-14), as `yuanqu load_demo` leaves them."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from yuanqu.accounts.models import User
from yuanqu.common.clock import frozen
from yuanqu.demo.loader import load_xiangtan
from yuanqu.inbox.models import InboxMessage
from yuanqu.projects.models import Project
from yuanqu.supervision.models import Escalation, ProjectLight


@pytest.fixture
def demo(db):
    with frozen(dt.date(2021, 5, 14)):
        load_xiangtan()
        call_command("tick", stdout=io.StringIO())
    return {p.name: getattr(ProjectLight.objects.filter(project=p).first(), "light", None) for p in Project.objects.all()}


def test_the_demo_lights_read_as_the_page_does(demo):
    assert demo["振添光学玻璃二期项目"] == "green"  # 投产 planned 30 June
    assert demo["湘潭二大桥维修加固工程"] == "green"  # 竣工 14 June, not yet red
    assert demo["电力检测所"] == "green"
    assert demo["创普开业液晶显示屏生产线项目"] == "red"  # the one illustrative date: 达产 by 30 April
    assert [name for name, light in demo.items() if light == "red"] == ["创普开业液晶显示屏生产线项目"]


def test_the_demo_liaison_is_reminded_and_the_leader_supervises_once(demo):
    liaison, leader, city = (User.objects.get(username=n) for n in ["liaison", "leader", "city"])
    assert list(InboxMessage.objects.filter(recipient=liaison).values_list("kind", flat=True).order_by("id")) == [
        "remind", "supervise"]
    assert list(InboxMessage.objects.filter(recipient=leader).values_list("kind", flat=True)) == ["supervise"]
    assert not InboxMessage.objects.filter(recipient=city).exists()
    step = Escalation.objects.get(level="supervise")
    assert step.overdue_workdays == 8  # 30 April to 14 May, the 五一 holiday not counted


def test_loading_the_demo_again_changes_nothing(demo):
    before = (Escalation.objects.count(), InboxMessage.objects.count(), sorted(ProjectLight.objects.values_list()))
    with frozen(dt.date(2021, 5, 14)):
        load_xiangtan()
        out = io.StringIO()
        call_command("tick", stdout=out)
    assert "没有任何变化" in out.getvalue()
    assert (Escalation.objects.count(), InboxMessage.objects.count(), sorted(ProjectLight.objects.values_list())) == before
