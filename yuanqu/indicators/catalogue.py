"""The catalogue a new installation starts with: the page's indicators, in the order a zone's
bulletin lists them. Codes are stable (import templates may name an indicator by code)."""

# code, name, unit, cumulative, level, aggregation, parent code, lead word, key, definition
DEFAULT_INDICATORS = [
    ("JGM", "技工贸收入", "wan_yuan", True, "zone", "sum", None, "完成", True,
     "园区工业、技术、贸易收入合计,自年初累计。"),
    ("GSZYYW", "规模以上工业企业主营业务收入", "wan_yuan", True, "zone", "sum", None, "", True,
     "年主营业务收入2000万元及以上工业企业的主营业务收入,自年初累计。"),
    ("SJSJ", "上缴税金", "wan_yuan", True, "zone", "sum", None, "", True, "园区企业上缴的各项税金,自年初累计。"),
    ("GDZCTZ", "固定资产投资", "wan_yuan", True, "zone", "sum", None, "完成", True,
     "计划总投资500万元及以上项目完成的投资额,自年初累计。"),
    ("SS", "税收", "wan_yuan", True, "park", "sum", None, "", False, "产业园内企业实现的税收,自年初累计。"),
    ("HTYZZJ", "合同引进资金", "wan_yuan", True, "park", "sum", None, "", False, "已签约项目的合同资金,自年初累计。"),
    ("RYQYS", "入园企业数", "jia", True, "park", "sum", None, "", False, "期末已入驻的企业家数(时点数)。"),
    ("JDYK", "接待游客", "wan_renci", False, "enterprise", "sum", None, "共", False, "本期接待的游客人次。"),
    ("YYSR", "营业收入", "wan_yuan", False, "enterprise", "sum", None, "实现", False, "本期实现的营业收入。"),
    ("MPSR", "门票收入", "wan_yuan", False, "enterprise", "sum", "YYSR", "", False, "营业收入中的门票收入。"),
]


def seed(Indicator) -> None:
    """Create the default catalogue where it is missing (by code); existing entries are left as edited."""
    by_code = {}
    for order, (code, name, unit, cumulative, level, aggregation, parent, lead, key, definition) in enumerate(
            DEFAULT_INDICATORS, start=1):
        indicator, _ = Indicator.objects.get_or_create(code=code, defaults=dict(
            name=name, unit=unit, cumulative=cumulative, level=level, aggregation=aggregation,
            parent=by_code.get(parent), lead=lead, is_key=key, definition=definition, sort_order=order * 10))
        by_code[code] = indicator
