"""Permission matrix of the indicator catalogue (see yuanqu/testing/matrix.py): whoever reads figures
(indicators.view) or keeps the catalogue (the system administrator) reads it; only the latter edits."""

from yuanqu.testing.matrix import Case

READERS = {"city", "leader_a", "leader_b", "clerk_a", "sysadmin"}


def _indicator(w):
    from yuanqu.indicators.models import Indicator

    return {"pk": Indicator.objects.get(code="SS").pk}


def _data(w, **over):
    return {"code": "GYZJZ", "name": "规模工业增加值", "unit": "wan_yuan", "cumulative": "on", "level": "zone",
            "aggregation": "sum", "parent": "", "lead": "", "definition": "", "sort_order": 200, "is_active": "on",
            **over}


def _edit(w):
    from yuanqu.indicators.models import Indicator

    i = Indicator.objects.get(code="SS")
    return _data(w, code=i.code, name=i.name, level=i.level, lead="实现", version=i.version)


CASES = [
    Case("indicators:indicator_list", ok=READERS),
    Case("indicators:indicator_create", ok={"sysadmin"}),
    Case("indicators:indicator_create", ok={"sysadmin"}, method="post", ok_status=302, data=_data,
         label="indicators:indicator_create POST"),
    Case("indicators:indicator_edit", ok={"sysadmin"}, kwargs=_indicator),
    Case("indicators:indicator_edit", ok={"sysadmin"}, kwargs=_indicator, method="post", ok_status=302, data=_edit,
         label="indicators:indicator_edit POST"),
]
