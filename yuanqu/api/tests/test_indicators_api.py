"""The indicators API: the pages' scope and rules, in JSON, with Chinese errors."""

import json
from decimal import Decimal

from yuanqu.indicators.models import Indicator, IndicatorValue, ValueRevision
from yuanqu.indicators.periods import Period
from yuanqu.indicators.services import value_save

URL = "/api/indicators/values/"


def post(client, body):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


def test_the_clerk_enters_and_revises_a_figure_and_reads_its_growth(login, world):
    jgm = Indicator.objects.get(code="JGM")
    value_save(actor=world["clerk_a"], indicator=jgm, zone=world.zone_a, period=Period.parse("2020-Q1"),
               value=Decimal(1115000))
    clerk = login("clerk_a")
    r = post(clerk, {"indicator": "JGM", "zone": world.zone_a.pk, "period": "2021年一季度", "value": "133.8",
                     "unit": "亿元", "reported_growth": "20"})
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["text"] == "133.8亿元" and body["period"] == "2021-Q1" and body["state"] == "confirmed"
    assert body["growth"]["phrase"] == "同比增长20%" and body["growth"]["mismatch"] is False
    assert Decimal(body["growth"]["prior_value"]) == 1115000 and Decimal(body["growth"]["computed_growth"]) == 20
    # A revision of a confirmed figure needs a reason; with one, the old figure stays in the history.
    r = post(clerk, {"indicator": "JGM", "zone": world.zone_a.pk, "period": "2021-Q1", "value": "1340000"})
    assert r.status_code == 400 and "修订原因" in r.json()["detail"]
    r = post(clerk, {"indicator": "JGM", "zone": world.zone_a.pk, "period": "2021-Q1", "value": "1340000",
                     "reported_growth": "20.2", "reason": "统计局反馈修正"})
    assert r.status_code == 201
    value = IndicatorValue.objects.get(pk=body["id"])
    assert value.value == 1340000
    assert list(ValueRevision.objects.filter(value=value).order_by("id").values_list("old_value", "new_value")) == [
        (None, Decimal(1338000)), (Decimal(1338000), Decimal(1340000))]


def test_bad_input_is_a_400_in_chinese_and_saves_nothing(login, world):
    clerk = login("clerk_a")
    cases = [
        ({"indicator": "NOPE", "zone": world.zone_a.pk, "period": "2021-Q1", "value": "1"}, "indicator"),
        ({"indicator": "JGM", "zone": world.zone_a.pk, "period": "2021-Q5", "value": "1"}, "period"),
        ({"indicator": "JGM", "zone": world.zone_a.pk, "period": "2021-Q1", "value": "一百"}, "value"),
        ({"indicator": "JGM", "zone": world.zone_a.pk, "period": "2021-Q1", "value": "1", "unit": "元"}, "unit"),
        ({"indicator": "JGM", "zone": world.zone_b.pk, "period": "2021-Q1", "value": "1"}, "zone"),
        ({"indicator": "JGM", "zone": world.zone_a.pk, "period": "2021-Q1", "value": "-5"}, "value"),
    ]
    for body, field in cases:
        r = post(clerk, body)
        assert r.status_code == 400, (body, r.content)
        assert field in r.json()["errors"], (body, r.json())
        assert not r.json()["detail"].isascii()
    assert not IndicatorValue.objects.exists()


def test_an_enterprise_reports_its_own_figure_and_sees_only_its_own(login, world):
    yysr = Indicator.objects.get(code="YYSR")
    r = post(login("enterprise_a"), {"indicator": "YYSR", "period": "2021年五一", "value": "162.95"})
    assert r.status_code == 201, r.content
    assert r.json()["state"] == "pending" and r.json()["enterprise"] == world.enterprise_a.pk
    value_save(actor=world["enterprise_b"], indicator=yysr, zone=world.zone_b, enterprise=world.enterprise_b,
               period=Period.parse("2021-Q1"), value=Decimal(10))
    listed = login("enterprise_a").get(URL).json()
    assert [v["enterprise"] for v in listed["items"]] == [world.enterprise_a.pk]
    other = IndicatorValue.objects.get(enterprise=world.enterprise_b)
    assert login("enterprise_a").get(f"{URL}{other.pk}").status_code == 404
    # Another enterprise named explicitly is refused as out of reach, nothing saved.
    r = post(login("enterprise_a"), {"indicator": "YYSR", "enterprise": world.enterprise_b.pk,
                                     "period": "2021-Q2", "value": "1"})
    assert r.status_code == 400 and "enterprise" in r.json()["errors"]
    assert IndicatorValue.objects.count() == 2


def test_the_catalogue_and_the_filtered_list(login, world):
    codes = [i["code"] for i in login("leader_a").get("/api/indicators/").json()]
    assert codes[:4] == ["JGM", "GSZYYW", "SJSJ", "GDZCTZ"]
    from yuanqu.testing.factories import grant

    jgm = Indicator.objects.get(code="JGM")
    clerk = world["clerk_a"]
    grant(clerk, "clerk", zone=world.zone_b)
    for zone in (world.zone_a, world.zone_b):
        value_save(actor=clerk, indicator=jgm, zone=zone, period=Period.parse("2021-Q1"), value=Decimal(5))
    assert login("leader_a").get(URL).json()["count"] == 1
    assert login("city").get(URL, {"period": "2021-Q1", "indicator": "JGM"}).json()["count"] == 2
    r = login("city").get(URL, {"period": "2021-Q9"})
    assert r.status_code == 400 and "period" in r.json()["errors"]
