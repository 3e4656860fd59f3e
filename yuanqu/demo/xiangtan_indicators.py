"""Economic indicators (经济运行) in the Xiangtan demo: the page's figures, and an illustrative history
for all seven zones so growth, trends, rankings and the consistency flag show.

From the page (not illustrative, entered as the zones' statistics clerks would, source 演示数据):
- 湘乡经开区, 2021年一季度 (zone level, cumulative): 技工贸收入133.8亿元, reported 同比增长20%;
  规模以上工业企业主营业务收入110.3亿元, +22.8%; 上缴税金2.4亿元, +64.4%; 固定资产投资14.9亿元, +84.5%.
- 电力科技产业园: 2020年税收3.25亿元 (the year).
- 电子信息产业园: 合同引进资金30亿元 and 入园企业数16家; 电力科技产业园: 入园企业数42家. The page states
  them as of its day (May 2021) without a period; they are entered at 2021年4月 (cumulative, the last
  month closed before the demo's day, 2021-05-14), not at the first quarter, so 湘乡经开区's
  一季度 paragraph stays the page's sentence.
- 湘潭盘龙生态农业示范园有限公司 (盘龙大观园), 2021年“五一”期间: 接待游客4.01万人次 +87.41%, 营业收入
  162.95万元 +123.93%, 其中门票收入88.79万元 +246.87%. No 2020 五一 figures: the prior-year base the
  reported rates imply is shown as derived (接待游客 ≈ 2.14万人次).

Illustrative (is_illustrative=True, notes start with 示意): every zone's cumulative monthly values of
the four key indicators from 2019-01 to 2021-04 and their quarter values (2020 and 2021 quarters
with a reported growth consistent with the prior year, except one deliberately inconsistent figure
so the flag shows); 湘乡经开区's history meets the page (its 2020 一季度 gives the reported growth
within 0.1 point, its 2021年1-3月 equals the page's 一季度); a few of 湘乡经开区's enterprises' 营业收入 by
quarter; and one enterprise figure waiting for the clerk's check.

The page's figures go through services.value_save; the history is written in bulk with a
ValueRevision per value (as value_save would leave), then every row is dated on the day it would have
been entered (the 10th of the month after a month, the 15th after a quarter). Idempotent: a figure
already there (same indicator, subject and period) is left as it is.
"""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.indicators.choices import Level, PeriodKind, RevisionAction, Source, ValueState
from yuanqu.indicators.growth import subject_key
from yuanqu.indicators.models import Indicator, IndicatorValue, ValueRevision
from yuanqu.indicators.periods import Period
from yuanqu.registry.models import Enterprise, Park, Zone

D = Decimal
XIANGXIANG = "湘乡经开区"
YUETANG = "岳塘经开区"
PANLONG = "湘潭盘龙生态农业示范园有限公司"
CHUANGPU = "湖南创普开业科技有限公司"
KEY = ["JGM", "GSZYYW", "SJSJ", "GDZCTZ"]  # 技工贸收入, 规上主营业务收入, 上缴税金, 固定资产投资
Q1_2021 = Period(2021, PeriodKind.QUARTER, 1)
APRIL_2021 = Period(2021, PeriodKind.MONTH, 4)
MAYDAY_2021 = Period(2021, PeriodKind.HOLIDAY, 4)
YEAR_2020 = Period(2020, PeriodKind.YEAR, 0)
LAST_MONTH = APRIL_2021  # the demo's day is 2021-05-14: April is the last month reported

# ---- the page ----------------------------------------------------------------------------------------
# 湘乡经开区 2021年一季度, in 万元 with the reported growth (%), as printed.
XIANGXIANG_Q1_2021 = {"JGM": ("1338000", "20"), "GSZYYW": ("1103000", "22.8"), "SJSJ": ("24000", "64.4"),
                      "GDZCTZ": ("149000", "84.5")}
# (park, indicator code, period, value in the indicator's unit)
PARK_FIGURES = [
    ("电力科技产业园", "SS", YEAR_2020, "32500"),  # 2020年税收达到3.25亿元
    ("电子信息产业园", "HTYZZJ", APRIL_2021, "300000"),  # 合同引进资金达30亿元
    ("电子信息产业园", "RYQYS", APRIL_2021, "16"),  # 入园企业16家
    ("电力科技产业园", "RYQYS", APRIL_2021, "42"),  # 共计42家
]
# 盘龙大观园, 2021年“五一”期间: (code, value, reported growth)
PANLONG_MAYDAY = [("JDYK", "4.01", "87.41"), ("YYSR", "162.95", "123.93"), ("MPSR", "88.79", "246.87")]

# ---- illustrative ------------------------------------------------------------------------------------
ILLUSTRATIVE_NOTE = "示意"
MISMATCH_NOTE = "示意:填报增速与上年同期数不一致"
# Each zone's 2021年一季度 (1-3月) of the four key indicators in 万元, their growth over 2020's (%), and
# how much the zone grew from 2019 to 2020 had the epidemic not struck (the 2019 level).
# 湘潭高新区 and 湘潭经开区 are larger than 湘乡经开区; 昭山示范区 (culture, tourism) the smallest.
ZONE_HISTORY = {
    "湘潭高新区": ((2156000, 1712000, 52800, 268000), (24.6, 26.1, 31.2, 18.3), 0.09),
    "湘潭经开区": ((1875000, 1590000, 41500, 236000), (28.3, 30.5, 45.7, 12.6), 0.11),
    "昭山示范区": ((162000, 58000, 4800, 61500), (15.2, 9.8, 12.4, 35.6), 0.07),
    "雨湖高新区": ((452000, 367000, 9600, 88200), (18.7, 21.4, -6.3, 22.9), 0.06),
    "天易示范区": ((985000, 812000, 21800, 132500), (22.1, 24.8, 28.5, 41.2), 0.10),
    "岳塘经开区": ((628000, 215000, 16800, 97300), (12.4, 8.6, 17.9, 30.1), 0.08),
}
# 湘乡经开区's 2020年一季度: what the page's reported growth implies, to within 0.1 point.
XIANGXIANG_Q1_2020 = {"JGM": 1115000, "GSZYYW": 898200, "SJSJ": 14600, "GDZCTZ": 80760}
XIANGXIANG_LEVEL_GROWTH = 0.12
# The deliberately inconsistent figure: its reported growth is this many points off the prior year's.
MISMATCH = ("天易示范区", "GDZCTZ", Q1_2021, D("4.0"))

# A month's share of a year's total (%), and what the epidemic left of each month of 2020.
MONTH_SHARE = [7.0, 5.5, 8.5, 8.0, 8.5, 9.5, 8.0, 8.0, 9.0, 8.5, 9.0, 10.5]
EPIDEMIC_2020 = [0.9, 0.45, 0.8, 0.95] + [1.0] * 8

# 湘乡经开区's enterprises: 营业收入 (万元, per quarter) in 2019; 2020 grows by the factor, its first
# quarter hit by the epidemic.
ENTERPRISE_REVENUE = [
    (CHUANGPU, 18600, 1.21),
    ("湖南振添光学玻璃科技有限公司", 10400, 1.08),
    ("湘乡电力", 4300, 1.05),
    ("泰湘电力", 3600, 1.12),
    ("方园电力", 5100, 0.96),
]
QUARTER_SHARE = [0.22, 0.24, 0.25, 0.29]
# The enterprise figure waiting for the clerk: 创普开业's own 2021年一季度 营业收入.
PENDING = (CHUANGPU, "YYSR", Q1_2021, D("21680"), "示意:企业自行报送,待统计员审核")
PENDING_ON = timezone.make_aware(dt.datetime(2021, 5, 12, 16, 0))

# Who enters each zone's figures: 湘乡经开区's clerk is a demo account; the other zones' clerks exist
# so every figure has the enterer a zone would have. They cannot sign in (no usable password).
CLERKS = {
    XIANGXIANG: "clerk",
    "湘潭高新区": "clerk-gaoxin",
    "湘潭经开区": "clerk-jingkai",
    "昭山示范区": "clerk-zhaoshan",
    "雨湖高新区": "clerk-yuhu",
    "天易示范区": "clerk-tianyi",
    YUETANG: "clerk-yuetang",
}
CHUANGPU_USER = "report-chuangpu"


def _users() -> dict[str, User]:
    """The record clerks and 创普开业's reporting account (made when missing); zone → clerk."""
    zones = {z.short_name: z for z in Zone.objects.all()}
    for zone, username in CLERKS.items():
        if username == "clerk":
            continue
        _record_user(username, f"{zone}统计员(演示数据)", "clerk", zone=zones[zone])
    _record_user(CHUANGPU_USER, "创普开业(演示数据)", "enterprise", enterprise=Enterprise.objects.get(name=CHUANGPU))
    users = {u.username: u for u in User.objects.filter(username__in=list(CLERKS.values()))}
    return {zone: users[username] for zone, username in CLERKS.items()}


def _record_user(username, name, role, **scope) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, name=name, is_demo=True)
        user.set_unusable_password()
        user.save()
    RoleAssignment.objects.get_or_create(user=user, role=role, **scope)
    return user


def _entered_on(period: Period) -> dt.datetime:
    """When a figure of `period` is entered: the 10th of the next month for a month, the 15th of the
    month after a quarter, the 20th of January after a year, the 6th day after a holiday's month's 1st."""
    if period.kind == PeriodKind.MONTH:
        year, month, day = period.year + period.number // 12, period.number % 12 + 1, 10
    elif period.kind == PeriodKind.QUARTER:
        year, month, day = period.year + period.number // 4, (3 * period.number) % 12 + 1, 15
    elif period.kind == PeriodKind.YEAR:
        year, month, day = period.year + 1, 1, 20
    else:
        year, month, day = period.year, 5, 6  # only the 五一 of 2021 in the demo
    return timezone.make_aware(dt.datetime(year, month, day, 10, 0))


def _date(value_ids, moment: dt.datetime) -> None:
    """Date rows written today on the day they would have been written (auto_now reads the real clock)."""
    IndicatorValue.objects.filter(pk__in=value_ids).update(created_at=moment, updated_at=moment)
    ValueRevision.objects.filter(value_id__in=value_ids).update(changed_at=moment)


def _monthly_series(q1_2020: int, q1_2021: int, level_growth: float, rng: random.Random) -> dict:
    """Cumulative month values (万元) of one zone and indicator, 2019-01 to 2021-04, whose 1-3月
    equal the given first quarters exactly: {(year, month): value}."""
    shape = {y: [MONTH_SHARE[m] * (1 + rng.uniform(-0.04, 0.04)) * (EPIDEMIC_2020[m] if y == 2020 else 1)
                 for m in range(12)] for y in (2019, 2020, 2021)}
    scale = {2020: q1_2020 / sum(shape[2020][:3]), 2021: q1_2021 / sum(shape[2021][:3])}
    scale[2019] = scale[2020] / (1 + level_growth)
    out = {}
    for year in (2019, 2020, 2021):
        total = 0.0
        for m in range(12 if year < 2021 else LAST_MONTH.number):
            total += scale[year] * shape[year][m]
            out[(year, m + 1)] = round(total)
    return out


def _reported(value: int, prior: int | None) -> Decimal | None:
    if not prior:
        return None
    return (D(value) / D(prior) * 100 - 100).quantize(D("0.1"))


def _history(zones) -> list[dict]:
    """The illustrative zone values: [{zone, code, period, value, growth, note}]."""
    rows = []
    for zone in zones:
        if zone == XIANGXIANG:
            q1_2021 = [int(XIANGXIANG_Q1_2021[c][0]) for c in KEY]
            q1_2020 = [XIANGXIANG_Q1_2020[c] for c in KEY]
            level_growth = XIANGXIANG_LEVEL_GROWTH
        else:
            q1_2021, growth, level_growth = ZONE_HISTORY[zone]
            q1_2020 = [round(v / (1 + g / 100)) for v, g in zip(q1_2021, growth)]
        for i, code in enumerate(KEY):
            rng = random.Random(f"{zone}-{code}")
            months = _monthly_series(q1_2020[i], q1_2021[i], level_growth, rng)
            for (year, month), value in months.items():
                rows.append(dict(zone=zone, code=code, period=Period(year, PeriodKind.MONTH, month), value=value,
                                 growth=None, note=ILLUSTRATIVE_NOTE))
            for (year, month), value in months.items():
                if month % 3:
                    continue
                period = Period(year, PeriodKind.QUARTER, month // 3)
                if zone == XIANGXIANG and period == Q1_2021:
                    continue  # the page's figure, entered by itself
                growth, note = _reported(value, months.get((year - 1, month))), ILLUSTRATIVE_NOTE
                if (zone, code, period) == MISMATCH[:3]:
                    growth, note = growth + MISMATCH[3], MISMATCH_NOTE
                rows.append(dict(zone=zone, code=code, period=period, value=value, growth=growth, note=note))
    return rows


def _enterprise_history() -> list[dict]:
    rows = []
    for name, revenue_2019, factor in ENTERPRISE_REVENUE:
        for year, level in ((2019, revenue_2019), (2020, revenue_2019 * factor)):
            for q in range(4):
                hit = 0.72 if (year, q) == (2020, 0) else 1.0
                rows.append(dict(enterprise=name, code="YYSR", period=Period(year, PeriodKind.QUARTER, q + 1),
                                 value=round(4 * level * QUARTER_SHARE[q] * hit), growth=None,
                                 note=ILLUSTRATIVE_NOTE))
    return rows


def _write_history(rows: list[dict], indicators: dict, zones: dict, clerks: dict, enterprises: dict,
                   existing: set) -> int:
    """Write the rows not there yet, each with its entry revision, dated by its period."""
    new = []
    for row in rows:
        indicator = indicators[row["code"]]
        enterprise = enterprises.get(row.get("enterprise"))
        zone = enterprise.zone if enterprise else zones[row["zone"]]
        level = Level.ENTERPRISE if enterprise else Level.ZONE
        key = subject_key(level, (enterprise or zone).pk)
        period = row["period"]
        if (indicator.pk, key, period.year, period.kind, period.number) in existing:
            continue
        new.append(IndicatorValue(
            indicator=indicator, zone=zone, enterprise=enterprise, level=level, subject_key=key, year=period.year,
            period_kind=period.kind, period=period.number, value=D(row["value"]), reported_growth=row["growth"],
            state=ValueState.CONFIRMED, source=Source.DEMO, note=row["note"], is_illustrative=True,
            entered_by=clerks[zone.short_name]))
    if not new:
        return 0
    IndicatorValue.objects.bulk_create(new, batch_size=500)  # primary keys come back (PostgreSQL, SQLite ≥ 3.35)
    ValueRevision.objects.bulk_create([
        ValueRevision(value=v, action=RevisionAction.ENTER, changed_by=v.entered_by, new_value=v.value,
                      new_growth=v.reported_growth, source=Source.DEMO) for v in new], batch_size=500)
    by_period: dict[Period, list[int]] = {}
    for v in new:
        by_period.setdefault(Period.of(v), []).append(v.pk)
    for period, ids in by_period.items():
        _date(ids, _entered_on(period))
    return len(new)


def _enter(existing: set, *, actor, indicator, zone, period, value, park=None, enterprise=None, growth=None,
           note="", illustrative=False, on: dt.datetime | None = None) -> IndicatorValue | None:
    """One figure through value_save, dated on its day; None when it is there already."""
    from yuanqu.indicators.services import value_save

    level = Level.ENTERPRISE if enterprise else Level.PARK if park else Level.ZONE
    key = subject_key(level, (enterprise or park or zone).pk)
    if (indicator.pk, key, period.year, period.kind, period.number) in existing:
        return None
    row = value_save(actor=actor, indicator=indicator, zone=zone, park=park, enterprise=enterprise, period=period,
                     value=D(value), reported_growth=D(growth) if growth is not None else None, note=note,
                     source=Source.DEMO, illustrative=illustrative)
    _date([row.pk], on or _entered_on(period))
    return row


def load_indicators() -> None:
    """Load the indicator figures (or leave those already there)."""
    indicators = {i.code: i for i in Indicator.objects.all()}
    zones = {z.short_name: z for z in Zone.objects.all()}
    clerks = _users()
    existing = set(IndicatorValue.objects.filter(zone__in=zones.values()).values_list(
        "indicator_id", "subject_key", "year", "period_kind", "period"))
    # The page.
    xiangxiang, clerk = zones[XIANGXIANG], clerks[XIANGXIANG]
    for code, (value, growth) in XIANGXIANG_Q1_2021.items():
        _enter(existing, actor=clerk, indicator=indicators[code], zone=xiangxiang, period=Q1_2021, value=value,
               growth=growth)
    parks = {p.name: p for p in Park.objects.filter(zone=xiangxiang)}
    for park, code, period, value in PARK_FIGURES:
        _enter(existing, actor=clerk, indicator=indicators[code], zone=xiangxiang, park=parks[park], period=period,
               value=value)
    panlong = Enterprise.objects.select_related("zone").get(name=PANLONG)
    for code, value, growth in PANLONG_MAYDAY:
        _enter(existing, actor=clerks[YUETANG], indicator=indicators[code], zone=panlong.zone, enterprise=panlong,
               period=MAYDAY_2021, value=value, growth=growth)
    # The illustrative history, in bulk.
    enterprises = {e.name: e for e in Enterprise.objects.select_related("zone").filter(
        name__in=[name for name, _, _ in ENTERPRISE_REVENUE])}
    _write_history(_history(zones) + _enterprise_history(), indicators, zones, clerks,
                   enterprises, existing)
    # One enterprise's own report, waiting for 湘乡经开区's clerk.
    name, code, period, value, note = PENDING
    prior = IndicatorValue.objects.filter(indicator=indicators[code], enterprise=enterprises[name],
                                          year=period.year - 1, period_kind=period.kind, period=period.number).first()
    _enter(existing, actor=User.objects.get(username=CHUANGPU_USER), indicator=indicators[code],
           zone=enterprises[name].zone, enterprise=enterprises[name], period=period, value=value,
           growth=_reported(int(value), int(prior.value)) if prior else None, note=note, illustrative=True,
           on=PENDING_ON)


def summary() -> str:
    """The line load_demo prints about the figures."""
    values = IndicatorValue.objects.filter(source__in=[Source.DEMO, Source.ENTERPRISE])
    return "经济指标:{n}条数据(其中示意{m}条,待审核{p}条)。".format(
        n=values.count(), m=values.filter(is_illustrative=True).count(),
        p=values.filter(state=ValueState.PENDING).count())
