"""Permission matrix of the bulletin pages (see yuanqu/testing/matrix.py).

Zone A's bulletin for 2021-Q1, with one figure entered by clerk A (inside each persona's rolled-back
request, so every persona meets the same figure). indicators.view (the city, leader A, clerk A)
reads it; leader B, whose view reaches zone B only, gets a 404; every other role a 403.
"""

from yuanqu.testing.matrix import Case

VIEWERS = {"city", "leader_a", "clerk_a"}
HIDDEN_A = {"leader_b"}


def _zone_a_q1(w):
    from decimal import Decimal

    from yuanqu.indicators import services
    from yuanqu.indicators.models import Indicator, IndicatorValue
    from yuanqu.indicators.periods import Period

    indicator = Indicator.objects.get(code="JGM")
    if not IndicatorValue.objects.filter(indicator=indicator, zone=w.zone_a, year=2021).exists():
        services.value_save(actor=w["clerk_a"], indicator=indicator, zone=w.zone_a, period=Period.parse("2021-Q1"),
                            value=Decimal(1338000), reported_growth=Decimal(20))
    return {"subject": f"z{w.zone_a.pk}", "period": "2021-Q1"}


def _enterprise_a(w):
    return {"subject": f"e{w.enterprise_a.pk}"}


CASES = [
    Case("indicators:bulletin", ok=VIEWERS, hidden=HIDDEN_A, data=_zone_a_q1),
    Case("indicators:bulletin", ok=VIEWERS, hidden=HIDDEN_A, data=_enterprise_a, label="indicators:bulletin (enterprise)"),
    Case("indicators:bulletin_docx", ok=VIEWERS, hidden=HIDDEN_A, data=_zone_a_q1),
]
