"""Helpers of the appeal tests: a frozen working day, categories, and appeals at each state built
through the services (the workflow is what is tested, so no state is written by hand)."""

import datetime as dt

import pytest

from yuanqu.appeals import services
from yuanqu.appeals.choices import Channel
from yuanqu.appeals.models import AppealCategory
from yuanqu.common.clock import frozen

# Thursday 2021-05-13, a working day; Friday 14 is the demo's day.
TODAY = dt.date(2021, 5, 13)


@pytest.fixture
def today(settings):
    settings.YUANQU_FROZEN_TODAY = TODAY.isoformat()
    with frozen(TODAY):
        yield TODAY


@pytest.fixture
def category(db):
    return AppealCategory.objects.get(name="交通出行")


@pytest.fixture
def make_appeal(world, category, today):
    """make_appeal(state="handling", enterprise=…) → an appeal walked to that state through the services."""

    def _make(state: str = "submitted", *, enterprise=None, title="厂门前驾考路线调整", content="驾考车辆占用厂门前道路,影响员工上下班。",
              lead=None, co=(), **deadline):
        enterprise = enterprise or world.enterprise_a
        a_side = enterprise.zone_id == world.zone_a.pk
        leader = world["leader_a" if a_side else "leader_b"]
        dept_user = world["dept_a" if a_side else "dept_b"]
        lead = lead or (world.dept_a if a_side else world.dept_b)
        owner = world["enterprise_a" if enterprise == world.enterprise_a else "enterprise_b"]
        appeal = services.appeal_create(actor=owner, enterprise=enterprise, category=category, title=title,
                                        content=content, channel=Channel.PORTAL)
        if state == "submitted":
            return appeal
        appeal = services.appeal_assign(actor=leader, appeal=appeal, lead_department=lead, co_departments=co,
                                        **({"deadline_kind": "workdays", "deadline_workdays": 5} | deadline))
        if state == "assigned":
            return appeal
        if state == "returned":
            return services.appeal_act(actor=dept_user, appeal=appeal, action="return", note="不属本部门职责")
        appeal = services.appeal_act(actor=dept_user, appeal=appeal, action="accept")
        if state == "handling":
            return appeal
        appeal = services.appeal_act(actor=dept_user, appeal=appeal, action="answer", note="已协调调整驾考路线。")
        if state == "answered":
            return appeal
        assert state == "closed"
        return services.appeal_rate(actor=owner, appeal=appeal, level=5, comment="感谢")

    return _make
