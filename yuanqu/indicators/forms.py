"""Forms of the indicator pages: a figure entered or revised, and an indicator of the catalogue.

A figure's form only reads what is typed (numbers, the period, the 亿元 switch); who may enter it,
for which subject and level, and whether a revision needs its reason are the service's to decide
(services.value_save), whose refusals the view puts back on the form.
"""

from decimal import Decimal

from django import forms

from yuanqu.common.forms import chinese_blank_choices

from . import selectors
from .services import MSG_NEGATIVE
from .choices import ValueState
from .filters import PeriodField, recent_years
from .models import Indicator
from .numbers import YI
from .periods import period_choices

WAN, YI_YUAN = "wan", "yi"
MONEY_SCALES = [(WAN, "万元"), (YI_YUAN, "亿元")]
MSG_YI_NOT_MONEY = "只有金额指标可以按亿元填报;“{name}”的单位是{unit}。"
MSG_EXISTS = "该对象本期已有此指标的数据(现为{amount}),保存即修订原数据:请写明修订原因。"
PERIOD_HINT = "如2021-03、2021年3月、2021-Q1、2021年一季度、2021、2021年五一;累计指标按月填报自年初的累计数"


def plain_decimal(value) -> str:
    """1338000.0000 → "1338000", 3.2500 → "3.25": a stored figure as one would type it."""
    if value is None:
        return ""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class FigureFields(forms.Form):
    """The numbers of a figure, shared by entry and revision."""

    value = forms.DecimalField(label="数值", max_digits=20, decimal_places=4, min_value=0,
                               error_messages={"min_value": MSG_NEGATIVE},
                               widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    scale = forms.ChoiceField(label="单位", choices=MONEY_SCALES, initial=WAN, required=False,
                              help_text="金额指标可按亿元填写,保存时换算为万元;其他指标按目录单位填写")
    reported_growth = forms.DecimalField(label="填报同比增速(%)", max_digits=9, decimal_places=2, required=False,
                                         widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
                                         help_text="统计部门随数据给出的增速,如20或-3.5;不填则由上年同期数计算")
    note = forms.CharField(label="说明", max_length=200, required=False)
    reason = forms.CharField(label="修订原因", max_length=200, required=False,
                             help_text="修订已核定的数据时必填,记入修订记录")

    def indicator_for_scale(self):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        indicator = self.indicator_for_scale()
        if data.get("scale") == YI_YUAN and indicator is not None and not indicator.is_money:
            self.add_error("scale", MSG_YI_NOT_MONEY.format(name=indicator.name, unit=indicator.get_unit_display()))
        return data

    def figure(self) -> dict:
        """value (in 万元 for money), reported_growth, note, reason for services.value_save."""
        data = self.cleaned_data
        value = data["value"]
        if data.get("scale") == YI_YUAN:
            value = value * YI
        return {"value": value, "reported_growth": data.get("reported_growth"), "note": data.get("note", ""),
                "reason": data.get("reason", "")}


class ValueForm(FigureFields):
    """A new figure: indicator, zone, park or enterprise (optional), period and the numbers. Should the
    figure exist already, the service revises it (and asks for a reason when it was confirmed)."""

    indicator = forms.ModelChoiceField(label="指标", queryset=Indicator.objects.filter(is_active=True))
    zone = forms.ModelChoiceField(label="园区", queryset=None)
    park = forms.ModelChoiceField(label="产业园", queryset=None, required=False,
                                  help_text="按产业园填报时选择;园区合计数不选")
    enterprise = forms.ModelChoiceField(label="企业", queryset=None, required=False,
                                        help_text="按企业填报时选择;须是所选园区的企业")
    period = PeriodField(label="期间", help_text=PERIOD_HINT)

    field_order = ["indicator", "zone", "park", "enterprise", "period", "value", "scale", "reported_growth", "note",
                   "reason"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        zones = selectors.zones_for(user, selectors.ENTER).order_by("sort_order", "id")
        self.fields["zone"].queryset = zones
        self.fields["park"].queryset = selectors.parks_for(user).order_by("zone__sort_order", "zone_id", "name")
        self.fields["enterprise"].queryset = selectors.enterprises_for(user).order_by("zone_id", "name")
        several = len(zones) > 1
        self.fields["park"].label_from_instance = (lambda p: f"{p.name}({p.zone.short_name})") if several else str
        self.fields["enterprise"].label_from_instance = (
            (lambda e: f"{e.name}({e.zone.short_name})") if several else (lambda e: e.name))
        if len(zones) == 1:
            self.fields["zone"].initial = zones[0].pk
        self.fields["indicator"].label_from_instance = lambda i: f"{i.name}({i.get_unit_display()})"
        chinese_blank_choices(self)
        self.fields["park"].empty_label = "不选(园区合计)"
        self.fields["enterprise"].empty_label = "不选"
        self.period_options = period_choices(recent_years(2))

    def indicator_for_scale(self):
        return self.cleaned_data.get("indicator")

    def for_service(self) -> dict:
        data = self.cleaned_data
        return {"indicator": data["indicator"], "zone": data["zone"], "park": data.get("park"),
                "enterprise": data.get("enterprise"), "period": data["period"], **self.figure()}


class RevisionForm(FigureFields):
    """A figure revised: the numbers only (its indicator, subject and period stay), with the version
    read when the form was opened, so an edit made over someone else's is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, value, **kwargs):
        kwargs.setdefault("initial", {
            "value": plain_decimal(value.value), "scale": WAN, "reported_growth": plain_decimal(value.reported_growth),
            "note": value.note, "version": value.version})
        super().__init__(*args, **kwargs)
        self.value_obj = value
        if not value.indicator.is_money:
            del self.fields["scale"]
        if value.state == ValueState.CONFIRMED:
            self.fields["reason"].required = True
            self.fields["reason"].help_text = "该数据已核定,修订须写明原因,记入修订记录"

    def indicator_for_scale(self):
        return self.value_obj.indicator


class IndicatorForm(forms.ModelForm):
    """An indicator of the catalogue; saved through services.indicator_save (code format, a parent
    that is not itself or below it, the version)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", "cumulative", "level", "aggregation", "parent", "lead", "definition",
                  "is_key", "sort_order", "is_active"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Indicator.objects.order_by("sort_order", "id")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.fields["version"].initial = self.instance.version
        self.fields["parent"].queryset = parents
        self.fields["parent"].required = False
        chinese_blank_choices(self)
        self.fields["parent"].empty_label = "无(不是“其中”项)"

    def for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}
