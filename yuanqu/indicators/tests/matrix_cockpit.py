"""Permission matrix: the leader cockpit (indicators.cockpit).

The city reads every zone's cockpit, a zone's leader and statistics clerk their own zone's; nobody else
holds the permission (403). A zone asked for outside the reader's scope is a 404. One case draws the
page with figures (zone A's 2021 and 2020 first quarters, entered by clerk A inside each persona's
rolled-back request), the others empty.
"""

from yuanqu.testing.matrix import Case

READERS = {"city", "leader_a", "leader_b", "clerk_a"}


def _zone_a_with_figures(w):
    from decimal import Decimal

    from yuanqu.indicators import services
    from yuanqu.indicators.models import Indicator, IndicatorValue
    from yuanqu.indicators.periods import Period

    indicator = Indicator.objects.get(code="JGM")
    if not IndicatorValue.objects.filter(indicator=indicator, zone=w.zone_a).exists():
        for period, value in (("2020-Q1", 1115000), ("2021-Q1", 1338000)):
            services.value_save(actor=w["clerk_a"], indicator=indicator, zone=w.zone_a, period=Period.parse(period),
                                value=Decimal(value))
    return {"zone": w.zone_a.pk, "period": "2021-Q1"}


CASES = [
    Case("indicators:cockpit", ok=READERS),
    Case("indicators:cockpit", ok={"city", "leader_a", "clerk_a"}, hidden={"leader_b"}, data=_zone_a_with_figures,
         label="indicators:cockpit (zone A with figures)"),
    Case("indicators:cockpit", ok=READERS, data=lambda w: {"wall": "1"}, label="indicators:cockpit (wall screen)"),
]
