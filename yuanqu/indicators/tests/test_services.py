"""The writes of indicators: values entered, revised, reported by an enterprise and checked; the
catalogue kept. Each refusal says why in Chinese and leaves nothing half-written."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.indicators import services
from yuanqu.indicators.models import Indicator, IndicatorValue, ValueRevision
from yuanqu.indicators.periods import Period
from yuanqu.testing.factories import ParkFactory

P = Period.parse


def ind(code):
    return Indicator.objects.get(code=code)


def save(world, actor="clerk_a", code="JGM", period="2021-03", value="1338000", zone=None, **kw):
    return services.value_save(actor=world[actor], indicator=ind(code), zone=zone or world.zone_a,
                               period=P(period), value=Decimal(value), **kw)


def messages(exc) -> str:
    return " ".join(exc.value.messages)


def test_entering_writes_the_value_and_its_first_revision(world):
    v = save(world, reported_growth="20", note="统计局快报")
    assert (v.level, v.subject_key, v.state, v.source) == ("zone", f"z{world.zone_a.pk}", "confirmed", "form")
    assert v.entered_by == world["clerk_a"]
    r = v.revisions.get()
    assert (r.action, r.old_value, r.new_value, r.new_growth) == ("enter", None, Decimal("1338000"), 20)


def test_revising_keeps_the_old_figure_and_needs_a_reason(world):
    save(world, value="1330000", reported_growth="19")
    with pytest.raises(ValidationError) as exc:
        save(world, value="1338000")
    assert "修订已核定的数据须写明修订原因" in messages(exc)
    assert IndicatorValue.objects.get().value == Decimal("1330000")
    v = save(world, value="1338000", reported_growth="20", reason="统计局核定数", version=1)
    assert v.value == Decimal("1338000") and v.version == 2 and IndicatorValue.objects.count() == 1
    r = v.revisions.get(action="revise")
    assert (r.old_value, r.new_value, r.old_growth, r.new_growth, r.reason) == (
        Decimal("1330000"), Decimal("1338000"), 19, 20, "统计局核定数")


def test_a_stale_version_is_refused(world):
    save(world, value="1330000")
    save(world, value="1338000", reason="核定", version=1)
    with pytest.raises(ValidationError) as exc:
        save(world, value="1340000", reason="再改", version=1)
    assert "已被他人修改" in messages(exc)
    assert IndicatorValue.objects.get().value == Decimal("1338000")


def test_an_unchanged_revision_is_refused(world):
    save(world)
    with pytest.raises(ValidationError, match="均未改变"):
        save(world, reason="重复提交")


@pytest.mark.parametrize("actor", ["leader_a", "city", "dept_a", "sysadmin", "enterprise_b"])
def test_who_may_not_enter_zone_a_figures(world, actor):
    with pytest.raises(PermissionDenied, match="您无权填报"):
        save(world, actor=actor)
    assert not IndicatorValue.objects.exists() and not ValueRevision.objects.exists()


def test_clerk_cannot_enter_another_zones_figures(world):
    with pytest.raises(PermissionDenied):
        save(world, zone=world.zone_b)


@pytest.mark.parametrize("kw, field, text", [
    ({"code": "JGM", "subject": "enterprise_a"}, "indicator", "按园区填报,不能填报到企业"),
    ({"code": "SS", "subject": "enterprise_a"}, "indicator", "按产业园填报,不能填报到企业"),
    ({"code": "JGM", "subject": "park_b"}, "park", "所选产业园不属于该园区"),
    ({"code": "YYSR", "subject": "enterprise_b"}, "enterprise", "所选企业不属于该园区"),
    ({"code": "JGM", "value": "-1"}, "value", "数值不能为负数"),
    ({"code": "JGM", "value": "1e16"}, "value", "数值过大"),
    ({"code": "JGM", "reported_growth": "-100.5"}, "reported_growth", "同比增速须在-100%至10000%之间"),
])
def test_refusals_name_the_field(world, kw, field, text):
    subject = kw.pop("subject", None)
    extra = {}
    if subject in ("enterprise_a", "enterprise_b"):
        extra["enterprise"] = getattr(world, subject)
    elif subject == "park_b":
        extra["park"] = world.park_b
    with pytest.raises(ValidationError) as exc:
        save(world, **kw, **extra)
    assert field in exc.value.error_dict and text in messages(exc)
    assert not IndicatorValue.objects.exists()


def test_a_zone_total_may_be_entered_for_a_lower_level_indicator(world):
    assert save(world, code="YYSR", value="162.95").level == "zone"
    assert save(world, code="SS", value="32500", park=world.park_a).level == "park"


def test_inactive_indicator_takes_no_new_figures(world):
    Indicator.objects.filter(code="JGM").update(is_active=False)
    with pytest.raises(ValidationError, match="已停用"):
        save(world)


# ---- an enterprise's own figures and their check ------------------------------------------------------

def report(world, value="162.95", actor="enterprise_a", **kw):
    return save(world, actor=actor, code="YYSR", period="2021-04", value=value, enterprise=world.enterprise_a, **kw)


def test_enterprise_report_waits_for_the_clerk(world):
    v = report(world)
    assert (v.state, v.source, v.level) == ("pending", "enterprise", "enterprise")
    assert v.revisions.get().action == "submit"
    v = report(world, value="163")  # corrected before the check: no reason needed
    assert v.value == 163 and v.state == "pending"


def test_enterprise_cannot_overwrite_a_confirmed_figure(world):
    v = report(world)
    services.value_confirm(actor=world["clerk_a"], value=v)
    with pytest.raises(PermissionDenied):
        report(world, value="170", reason="更正")
    assert IndicatorValue.objects.get().value == Decimal("162.95")


def test_confirm_and_return_rules(world):
    v = report(world)
    for outsider in ("leader_a", "enterprise_a", "city"):
        with pytest.raises(PermissionDenied, match="无权审核"):
            services.value_confirm(actor=world[outsider], value=v)
    with pytest.raises(ValidationError, match="退回须写明原因"):
        services.value_return(actor=world["clerk_a"], value=v, reason=" ")
    with pytest.raises(ValidationError, match="已被他人修改"):
        services.value_return(actor=world["clerk_a"], value=v, reason="口径不符", version=9)
    v = services.value_return(actor=world["clerk_a"], value=v, reason="口径不符,请按营业收入口径重报")
    assert (v.state, v.return_reason) == ("returned", "口径不符,请按营业收入口径重报")
    with pytest.raises(ValidationError, match="只有待审核的数据"):
        services.value_confirm(actor=world["clerk_a"], value=v)
    v = report(world, value="162.95", note="按口径重报")  # the enterprise corrects: pending again
    assert v.state == "pending" and v.return_reason == ""
    v = services.value_confirm(actor=world["clerk_a"], value=v, version=v.version)
    assert v.state == "confirmed" and v.reviewed_by == world["clerk_a"]
    assert list(v.revisions.order_by("id").values_list("action", flat=True)) == [
        "submit", "return", "submit", "confirm"]


def test_clerk_entering_over_a_pending_report_confirms_it(world):
    report(world)
    v = save(world, code="YYSR", period="2021-04", value="162.95", enterprise=world.enterprise_a, note="核实")
    assert v.state == "confirmed" and v.reviewed_by == world["clerk_a"]


# ---- the catalogue ------------------------------------------------------------------------------------

def catalogue(world, data, actor="sysadmin", **kw):
    return services.indicator_save(actor=world[actor], data=data, **kw)


NEW = {"code": "GYZJZ", "name": "规模工业增加值", "unit": "wan_yuan", "cumulative": True, "level": "zone",
       "aggregation": "sum"}


def test_only_the_system_administrator_keeps_the_catalogue(world):
    for actor in ("clerk_a", "city", "leader_a", "secadmin"):
        with pytest.raises(PermissionDenied, match="只有系统管理员"):
            catalogue(world, NEW, actor=actor)
    assert catalogue(world, NEW).code == "GYZJZ"


@pytest.mark.parametrize("over, field, text", [
    ({"code": "GY-ZJZ"}, "code", "指标代码只能包含字母、数字和下划线"),
    ({"code": "JGM"}, "code", "已有相同代码的指标"),
    ({"name": "技工贸收入"}, "name", "已有同名指标"),
])
def test_catalogue_refusals(world, over, field, text):
    with pytest.raises(ValidationError) as exc:
        catalogue(world, {**NEW, **over})
    assert field in exc.value.error_dict and text in messages(exc)
    assert not Indicator.objects.filter(name="规模工业增加值").exists()


def test_a_parent_cannot_be_itself_or_below_it(world):
    yysr, mpsr = ind("YYSR"), ind("MPSR")  # 门票收入 is part of 营业收入
    with pytest.raises(ValidationError, match="不能属于自身或自己的下级"):
        catalogue(world, {"parent": mpsr}, indicator=yysr)
    with pytest.raises(ValidationError, match="不能属于自身"):
        catalogue(world, {"parent": yysr}, indicator=yysr)
    assert ind("YYSR").parent is None


def test_catalogue_edit_checks_the_version(world):
    ss = ind("SS")
    saved = catalogue(world, {"lead": "实现"}, indicator=ss, version=ss.version)
    assert saved.lead == "实现" and saved.version == ss.version + 1
    with pytest.raises(ValidationError, match="已被他人修改"):
        catalogue(world, {"lead": "完成"}, indicator=ss, version=ss.version)
    assert ind("SS").lead == "实现"


def test_a_park_phase_figure_is_its_own_subject(world):
    phase = ParkFactory(zone=world.zone_a, parent=world.park_a, name="甲电子信息产业园二期", phase=2)
    a = save(world, code="SS", value="30000", park=world.park_a)
    b = save(world, code="SS", value="5000", park=phase)
    assert a.subject_key != b.subject_key and IndicatorValue.objects.count() == 2
