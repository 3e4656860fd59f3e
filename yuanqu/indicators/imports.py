"""Excel import of indicator values: each row through the same rules as a figure typed in a form.

A row names the indicator (code or name), the subject (zone, and a park or an enterprise inside it),
the period in any form Period.parse reads, the value and its unit. A form reads the row (names,
period, numbers, unit); then every readable row goes through services.value_save in one
transaction, rolled back for the preview, so the preview refuses exactly what saving would refuse
(level, scope, numbers, the reason a revision of a confirmed figure needs), each refusal on its row
and column. A row that would change nothing is shown as 不变 and skipped, so a file can be imported
twice.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from openpyxl.styles import Font

from yuanqu.common.excel import Column, template_workbook
from yuanqu.common.imports import Importer, ImportReport

from . import selectors
from .choices import HOLIDAYS, Level, PeriodKind, Source, Unit, ValueState
from .growth import subject_key
from .models import Indicator, IndicatorValue
from .periods import Period
from .services import value_save

MSG_UNKNOWN_INDICATOR = "指标“{v}”不在指标目录中(请填指标代码或名称,见“填写说明”工作表)"
MSG_UNKNOWN_ZONE = "园区“{v}”不存在或不在您的管理范围内"
MSG_UNKNOWN_PARK = "产业园“{v}”不在所填园区内"
MSG_UNKNOWN_ENTERPRISE = "企业“{v}”不存在或不在所填园区内(请填企业名称或统一社会信用代码)"
MSG_ENTERPRISE_PARK = "企业“{enterprise}”不在产业园“{park}”内"
MSG_NUMERIC_CODE = "统一社会信用代码被Excel存成了数字,末几位可能已丢失。请把该列设为“文本”格式后重新填写"
MSG_REQUIRED = "请填写{what}"
MSG_NUMBER = "“{v}”不是数字,请只填数字(不要带单位或文字)"
MSG_MONEY_UNIT = "金额类指标的单位只能填“万元”或“亿元”,留空按万元"
MSG_UNIT = "指标“{name}”的单位是“{unit}”,请留空或填“{unit}”"
MSG_TOO_LONG = "最多{n}个字"

UNCHANGED = "不变"
YI = Decimal(10000)
VALUE_PLACES = Decimal("0.0001")
GROWTH_PLACES = Decimal("0.01")

PERIOD_FORMS = [
    ("月度", "2021-03、2021年3月", "当月数;累计指标填自年初至该月末的累计数"),
    ("季度", "2021-Q1、2021年一季度", "累计指标填自年初至该季末的累计数(如上半年、前三季度)"),
    ("年度", "2021、2021年", "全年数"),
    ("节假日", "2021年五一、2021-国庆", "假日期间数,可填:" + "、".join(HOLIDAYS.values())),
]


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def parse_number(raw, places: Decimal) -> Decimal | None:
    """A number typed in a cell: 133.8, "1,338,000", "20%"; None when blank; ValueError when not a number."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError(raw)
    text = str(raw).strip().replace(",", "").replace(",", "").rstrip("%%").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(raw) from None
    if not number.is_finite() or abs(number) >= Decimal("1e15"):
        raise ValueError(raw)
    return number.quantize(places, rounding=ROUND_HALF_UP)


def parse_period(raw) -> Period:
    """Period.parse, and a month Excel turned into a date when "2021-03" was typed in a general cell."""
    if isinstance(raw, (dt.date, dt.datetime)):
        return Period(raw.year, PeriodKind.MONTH, raw.month)
    return Period.parse(raw)


def to_wan_yuan(value: Decimal, unit_label: str) -> Decimal:
    return value * YI if unit_label == "亿元" else value


class Lookups:
    """What a file's rows name, resolved once per file: the catalogue, the user's zones, their parks;
    enterprises (possibly many) one query per distinct name, remembered."""

    def __init__(self, actor):
        self.actor = actor
        self.indicators = list(Indicator.objects.all())
        self.by_indicator = {}
        for i in self.indicators:
            self.by_indicator[i.code.upper()] = i
            self.by_indicator[i.name] = i
        self.zones = list(selectors.zones_for(actor, selectors.ENTER).order_by("sort_order", "id"))
        self.parks = list(selectors.parks_for(actor, selectors.ENTER).filter(zone__in=self.zones))
        self._enterprises: dict[tuple[int, str], object] = {}

    def indicator(self, raw):
        v = _text(raw)
        return self.by_indicator.get(v.upper()) or self.by_indicator.get(v)

    def zone(self, raw):
        v = _text(raw)
        return next((z for z in self.zones if v in (z.short_name, z.name)), None)

    def park(self, zone, raw):
        v = _text(raw)
        return next((p for p in self.parks if p.zone_id == zone.pk and p.name == v), None)

    def enterprise(self, zone, raw):
        v = _text(raw)
        key = (zone.pk, v)
        if key not in self._enterprises:
            from yuanqu.registry.models import Enterprise

            self._enterprises[key] = (Enterprise.objects.select_related("park")
                                      .filter(Q(name=v) | Q(credit_code=v.upper()), zone=zone).first())
        return self._enterprises[key]


class ValueRowForm(forms.Form):
    """One row of the file. Cells arrive as Excel gives them (text, numbers, dates), so every field is
    read in clean(); each error lands on its own column. `existing` is the figure the row revises."""

    indicator = forms.CharField(required=False)
    zone = forms.CharField(required=False)
    park = forms.CharField(required=False)
    enterprise = forms.CharField(required=False)
    period = forms.CharField(required=False)
    value = forms.CharField(required=False)
    unit = forms.CharField(required=False)
    reported_growth = forms.CharField(required=False)
    note = forms.CharField(required=False)
    reason = forms.CharField(required=False)

    def __init__(self, values: dict, lookups: Lookups):
        self.raw = values
        self.lookups = lookups
        self.existing = None
        self.unchanged = False
        self.service_kwargs: dict = {}
        super().__init__(data={k: _text(v) for k, v in values.items()})

    def clean(self):
        raw, look = self.raw, self.lookups
        indicator = zone = park = enterprise = period = value = growth = None
        text = {k: _text(raw.get(k)) for k in self.fields}

        if not text["indicator"]:
            self.add_error("indicator", MSG_REQUIRED.format(what="指标代码或名称"))
        else:
            indicator = look.indicator(text["indicator"])
            if indicator is None:
                self.add_error("indicator", MSG_UNKNOWN_INDICATOR.format(v=text["indicator"]))

        if not text["zone"]:
            self.add_error("zone", MSG_REQUIRED.format(what="园区"))
        else:
            zone = look.zone(text["zone"])
            if zone is None:
                self.add_error("zone", MSG_UNKNOWN_ZONE.format(v=text["zone"]))
        if zone is not None and text["park"]:
            park = look.park(zone, text["park"])
            if park is None:
                self.add_error("park", MSG_UNKNOWN_PARK.format(v=text["park"]))
        if zone is not None and text["enterprise"]:
            if isinstance(raw.get("enterprise"), (int, float)) and len(text["enterprise"]) >= 15:
                self.add_error("enterprise", MSG_NUMERIC_CODE)
            else:
                enterprise = look.enterprise(zone, text["enterprise"])
                if enterprise is None:
                    self.add_error("enterprise", MSG_UNKNOWN_ENTERPRISE.format(v=text["enterprise"]))
                elif park is not None and not (enterprise.park_id == park.pk or (
                        enterprise.park_id and enterprise.park.parent_id == park.pk)):
                    self.add_error("enterprise", MSG_ENTERPRISE_PARK.format(enterprise=enterprise.name,
                                                                           park=park.name))

        if not text["period"]:
            self.add_error("period", MSG_REQUIRED.format(what="期间"))
        else:
            try:
                period = parse_period(raw.get("period"))
            except ValueError as exc:
                self.add_error("period", str(exc))

        try:
            value = parse_number(raw.get("value"), VALUE_PLACES)
            if value is None:
                self.add_error("value", MSG_REQUIRED.format(what="数值"))
        except ValueError:
            self.add_error("value", MSG_NUMBER.format(v=text["value"]))
        try:
            growth = parse_number(raw.get("reported_growth"), GROWTH_PLACES)
        except ValueError:
            self.add_error("reported_growth", MSG_NUMBER.format(v=text["reported_growth"]))

        unit = text["unit"]
        if indicator is not None and unit:
            if indicator.is_money:
                if unit not in ("万元", "亿元"):
                    self.add_error("unit", MSG_MONEY_UNIT)
            elif unit not in (Unit(indicator.unit).label, indicator.unit):
                self.add_error("unit", MSG_UNIT.format(name=indicator.name, unit=Unit(indicator.unit).label))
        for field in ("note", "reason"):
            if len(text[field]) > 200:
                self.add_error(field, MSG_TOO_LONG.format(n=200))
        if self.errors:
            return
        if indicator.is_money:
            value = to_wan_yuan(value, unit)
        self._prepare(indicator, zone, park, enterprise, period, value, growth, text)

    def _prepare(self, indicator, zone, park, enterprise, period, value, growth, text):
        """What value_save will be called with, and whether the row would change anything."""
        level = Level.ENTERPRISE if enterprise else Level.PARK if park else Level.ZONE
        self.existing = IndicatorValue.objects.filter(
            indicator=indicator, subject_key=subject_key(level, (enterprise or park or zone).pk),
            year=period.year, period_kind=period.kind, period=period.number).order_by("pk").first()
        note = text["note"]
        if self.existing is not None:
            # On a revision a blank cell keeps what is recorded: a sheet of corrected values alone
            # does not wipe the notes and reported rates already there.
            note = note or self.existing.note
            if growth is None:
                growth = self.existing.reported_growth
        self.service_kwargs = dict(
            indicator=indicator, zone=zone, park=None if enterprise else park, enterprise=enterprise,
            period=period, value=value, reported_growth=growth, note=note, reason=text["reason"])
        e = self.existing
        self.unchanged = (e is not None and e.state == ValueState.CONFIRMED and e.value == value
                          and e.reported_growth == growth and e.note == note)

    @property
    def subject_field(self) -> str:
        """The column a refusal of the subject (out of the user's scope) belongs to."""
        kw = self.service_kwargs
        return "enterprise" if kw.get("enterprise") else "park" if kw.get("park") else "zone"


class ValueImporter(Importer):
    kind = "indicator_value"
    title = "指标数据"
    note = ("同一指标、对象和期间已有数据的行将更新原数据(显示为“更新”),修订已核定的数据须在“修订原因”列写明原因;"
            "与已有数据完全相同的行显示为“不变”,不会重复保存。")

    def __init__(self, actor):
        super().__init__(actor)
        self.lookups = Lookups(actor)
        units = ["万元", "亿元"] + [u.label for u in Unit if u != Unit.WAN_YUAN]
        self.columns = [
            Column("指标", "indicator", True, "指标代码或名称,见本表下方的指标目录", width=22),
            Column("园区", "zone", True, "园区简称或全称", [z.short_name for z in self.lookups.zones], width=14),
            Column("产业园", "park", False, "填报到产业园时填写,须属于所填园区;园区合计数留空", width=20),
            Column("企业", "enterprise", False, "企业名称或统一社会信用代码,须属于所填园区;非企业数据留空",
                   width=28, text=True),
            Column("期间", "period", True, "如2021-03、2021-Q1、2021、2021年五一,见本表下方", width=14, text=True),
            Column("数值", "value", True, "只填数字;金额按“单位”列换算,保存为万元", width=14),
            Column("单位", "unit", False, "金额填万元或亿元(留空按万元);其他指标留空或填目录中的单位", units,
                   width=10),
            Column("填报同比增速(%)", "reported_growth", False, "如增长20%填20,下降3.5%填-3.5;可空", width=16),
            Column("说明", "note", False, "最多200字", width=24),
            Column("修订原因", "reason", False, "修订已核定的数据时必填", width=24),
        ]

    def unique_keys(self, values):
        """The same indicator, subject and period twice in one file, however each row spells them."""
        look = self.lookups
        indicator = look.indicator(values.get("indicator"))
        zone = look.zone(values.get("zone"))
        try:
            period = parse_period(values.get("period")).key
        except ValueError:
            period = _text(values.get("period"))
        p_text, e_text = _text(values.get("park")), _text(values.get("enterprise"))
        subject = f"{_text(values.get('zone'))}|{p_text}|{e_text}"  # as typed, when it does not resolve
        if zone is not None:
            enterprise = look.enterprise(zone, e_text) if e_text else None
            park = look.park(zone, p_text) if p_text else None
            if enterprise is not None:
                subject = f"e{enterprise.pk}"
            elif park is not None and not e_text:
                subject = f"p{park.pk}"
            elif not (p_text or e_text):
                subject = f"z{zone.pk}"
        ind = indicator.pk if indicator else _text(values.get("indicator"))
        return [("row", f"{ind}|{subject}|{period}")] if ind and period else []

    def bind(self, values):
        form = ValueRowForm(values, self.lookups)
        form.is_valid()
        return form, form.existing

    def check(self, uploaded, *, keep: bool = False) -> tuple[ImportReport, list]:
        """Read every row, then save the readable ones through value_save in one transaction, each
        refusal on its row and column; rolled back unless `keep` and every row saved."""
        report, bound = super().check(uploaded)
        if report.file_error:
            return report, bound
        with transaction.atomic():
            for result, (form, _) in zip(report.rows, bound):
                if result.errors or form is None:
                    continue
                if form.unchanged:
                    result.action = UNCHANGED
                    continue
                for field, message in self._save_row(form):
                    result.errors.append((self.label_of(field), message))
            if not (keep and report.ok):
                transaction.set_rollback(True)
        return report, bound

    def _save_row(self, form) -> list[tuple[str, str]]:
        try:
            self.save(form, form.existing)
        except PermissionDenied as exc:
            return [(form.subject_field, str(exc))]
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                return [(f if f in form.fields else "", m) for f, errors in exc.message_dict.items() for m in errors]
            return [("", m) for m in exc.messages]
        return []

    def commit(self, uploaded) -> ImportReport:
        """All rows or none: the check itself saves, and keeps the rows only when none was refused."""
        report, _ = self.check(uploaded, keep=True)
        report.saved = len(report.rows) if report.ok else 0
        return report

    def save(self, form, instance):
        if form.unchanged:
            return None
        return value_save(actor=self.actor, source=Source.IMPORT,
                          version=instance.version if instance is not None else None, **form.service_kwargs)


def value_template_workbook(importer: ValueImporter):
    """The template: an empty sheet to fill, and the instructions with the period forms and the catalogue."""
    wb = template_workbook(importer.title, importer.columns)
    notes = wb["填写说明"]
    bold = Font(bold=True)

    def section(title, headers, rows):
        notes.append([])
        notes.append([title])
        notes.cell(row=notes.max_row, column=1).font = bold
        notes.append(headers)
        for cell in notes[notes.max_row]:
            cell.font = bold
        for row in rows:
            notes.append(row)

    section("期间写法", ["期间类型", "写法示例", "说明"], PERIOD_FORMS)
    catalogue = [[i.code, i.name, Unit(i.unit).label + ("(可填万元或亿元)" if i.is_money else ""),
                  "累计" if i.cumulative else "当期", Level(i.level).label + ("及以上" if i.level != Level.ZONE else ""),
                  "启用" if i.is_active else "已停用"] for i in importer.lookups.indicators]
    section("指标目录", ["指标代码", "指标名称", "计量单位", "累计/当期", "填报层级", "状态"], catalogue)
    notes.append([])
    notes.append(["填报层级:园区数留空产业园和企业两列;产业园数填产业园;企业数填企业。按产业园填报的指标也可直接填园区合计数。"])
    notes.append(["所有行一次性保存:任一行有错,一行都不保存;预览会指出错误所在的行和列。"])
    return wb
