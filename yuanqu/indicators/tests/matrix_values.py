"""Permission matrix of the values ledger (see yuanqu/testing/matrix.py).

Figure A: zone A's 技工贸收入 for 2021年1-3月, entered by zone A's statistics clerk (confirmed). Figure E:
enterprise A's own 营业收入 for April, reported by it and waiting for the clerk (待审核). The city and
zone A's leader and clerk read both; zone B's leader and the enterprises find figure A out of their
reach (404), as enterprise B does figure E; only the clerk enters and revises, and enterprise A its
own figure until it is confirmed. Roles without indicators.view or .report get 403.
"""

from yuanqu.testing.matrix import Case

READERS = {"city", "leader_a", "leader_b", "clerk_a", "enterprise_a", "enterprise_b"}


def _save(w, code, actor, period, value, **subject):
    from decimal import Decimal

    from yuanqu.indicators import services
    from yuanqu.indicators.models import Indicator, IndicatorValue
    from yuanqu.indicators.periods import Period

    indicator = Indicator.objects.get(code=code)
    found = IndicatorValue.objects.filter(indicator=indicator, zone=w.zone_a, **subject).first()
    return found or services.value_save(actor=w[actor], indicator=indicator, zone=w.zone_a,
                                        period=Period.parse(period), value=Decimal(value), **subject)


def figure_a(w):
    return {"pk": _save(w, "JGM", "clerk_a", "2021-03", "1338000").pk}


def figure_e(w):
    return {"pk": _save(w, "YYSR", "enterprise_a", "2021-04", "162.95", enterprise=w.enterprise_a).pk}


def _new(w):
    from yuanqu.indicators.models import Indicator

    return {"indicator": Indicator.objects.get(code="SJSJ").pk, "zone": w.zone_a.pk, "period": "2021-03",
            "value": "2.4", "scale": "yi", "reported_growth": "64.4"}


CASES = [
    Case("indicators:value_list", ok=READERS),
    Case("indicators:value_export", ok=READERS),
    Case("indicators:value_create", ok={"clerk_a"}),
    Case("indicators:value_create", ok={"clerk_a"}, method="post", data=_new, ok_status=302,
         label="indicators:value_create POST"),
    Case("indicators:value_detail", ok={"city", "leader_a", "clerk_a"},
         hidden={"leader_b", "enterprise_a", "enterprise_b"}, kwargs=figure_a),
    Case("indicators:value_detail", ok={"city", "leader_a", "clerk_a", "enterprise_a"},
         hidden={"leader_b", "enterprise_b"}, kwargs=figure_e, label="indicators:value_detail enterprise's"),
    # Revising: the clerk; the enterprises (indicators.report) reach the page and find figure A out of scope.
    Case("indicators:value_edit", ok={"clerk_a"}, hidden={"enterprise_a", "enterprise_b"}, kwargs=figure_a),
    Case("indicators:value_edit", ok={"clerk_a"}, hidden={"enterprise_a", "enterprise_b"}, kwargs=figure_a,
         method="post", ok_status=302, label="indicators:value_edit POST",
         data=lambda w: {"value": "1340000", "scale": "wan", "version": 1, "reason": "统计局核定数"}),
    Case("indicators:value_edit", ok={"clerk_a", "enterprise_a"}, hidden={"enterprise_b"}, kwargs=figure_e,
         method="post", ok_status=302, label="indicators:value_edit POST enterprise's pending",
         data=lambda w: {"value": "163", "scale": "wan", "version": 1}),
]
