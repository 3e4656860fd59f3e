"""Forms of enterprises' own figures and of the clerk's check.

The enterprise a figure belongs to is the user's own: with one enterprise the field is disabled (a
forged POST naming another is ignored), with several it is chosen among the user's own only (another
is an invalid choice).
"""

from decimal import Decimal

from django import forms

from yuanqu.common import clock

from . import review
from .choices import Level, Unit, ValueState
from .growth import subject_key
from .models import Indicator, IndicatorValue
from .periods import Period, period_choices

MSG_CONFIRMED = "该期数据已由园区统计员核定,不能再修改;如需更正,请联系园区统计员。"
MSG_NO_ENTERPRISE = "您的账号没有关联企业,无法填报。请联系园区管理员。"
YI = Decimal(10000)


def _plain(number: Decimal) -> str:
    """1338000.0000 → "1338000", 162.9500 → "162.95": the figure as the enterprise typed it."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class IndicatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        unit = "万元或亿元" if obj.is_money else Unit(obj.unit).label
        return f"{obj.name}({unit},{'自年初累计' if obj.cumulative else '当期数'})"


class ReportForm(forms.Form):
    enterprise = forms.ModelChoiceField(queryset=None, label="填报企业", empty_label=None)
    indicator = IndicatorChoice(queryset=None, label="指标", empty_label="请选择指标")
    period = forms.ChoiceField(label="期间", help_text="累计指标填自年初至期末的累计数;节假日填假日期间的数")
    value = forms.DecimalField(label="数值", min_value=0, max_digits=16, decimal_places=4)
    money_unit = forms.ChoiceField(label="金额单位", choices=[("万元", "万元"), ("亿元", "亿元")], initial="万元",
                                   help_text="仅对金额类指标有效,保存时折算为万元;其他指标按所选指标括号中的单位填写")
    reported_growth = forms.DecimalField(label="填报同比增速(%)", required=False, max_digits=9, decimal_places=2,
                                         help_text="如增长20%填20,下降3.5%填-3.5;不清楚可不填")
    note = forms.CharField(label="说明", required=False, max_length=200, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, user, value: IndicatorValue | None = None):
        initial = {}
        if value is not None:
            initial = {
                "enterprise": value.enterprise_id, "indicator": value.indicator_id, "period": Period.of(value).key,
                "value": _plain(value.value),
                "reported_growth": _plain(value.reported_growth) if value.reported_growth is not None else None,
                "note": value.note, "version": value.version,
            }
        super().__init__(data, initial=initial)
        self.own = review.own_enterprises(user)
        self.fields["enterprise"].queryset = self.own
        if len(self.own) <= 1:
            # One enterprise: the user's own, shown as text; disabled, so a posted value is ignored.
            self.fields["enterprise"].widget = forms.HiddenInput()
            self.fields["enterprise"].disabled = True
            self.fields["enterprise"].required = bool(self.own)
            self.initial["enterprise"] = self.own[0].pk if self.own else None
        self.fields["indicator"].queryset = Indicator.objects.filter(level=Level.ENTERPRISE, is_active=True)
        year = clock.today().year
        years = {year, year - 1, year - 2} | ({value.year} if value is not None else set())
        self.fields["period"].choices = [("", "请选择期间")] + period_choices(years)
        self.existing = value

    @property
    def enterprise_name(self) -> str:
        return self.own[0].name if len(self.own) == 1 else ""

    def clean(self):
        data = super().clean()
        if not self.own:
            raise forms.ValidationError(MSG_NO_ENTERPRISE)
        enterprise, indicator, key = data.get("enterprise"), data.get("indicator"), data.get("period")
        if enterprise and indicator and key:
            period = Period.parse(key)
            self.existing = IndicatorValue.objects.filter(
                indicator=indicator, subject_key=subject_key(Level.ENTERPRISE, enterprise.pk), year=period.year,
                period_kind=period.kind, period=period.number).first()
            if self.existing is not None and self.existing.state == ValueState.CONFIRMED:
                raise forms.ValidationError(MSG_CONFIRMED)
        return data

    def data_for_service(self) -> dict:
        d = self.cleaned_data
        value = d["value"] * YI if d["indicator"].is_money and d["money_unit"] == "亿元" else d["value"]
        return dict(indicator=d["indicator"], zone=d["enterprise"].zone, enterprise=d["enterprise"],
                    period=Period.parse(d["period"]), value=value, reported_growth=d.get("reported_growth"),
                    note=d.get("note", ""), version=d.get("version"))


class ReportFilter(forms.Form):
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + list(ValueState.choices))
    year = forms.TypedChoiceField(label="年份", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = clock.today().year
        self.fields["year"].choices = [("", "全部")] + [(y, f"{y}年") for y in range(year, year - 6, -1)]


class ReviewFilter(forms.Form):
    q = forms.CharField(label="企业", required=False, max_length=50,
                        widget=forms.TextInput(attrs={"placeholder": "企业名称"}))
    indicator = forms.ModelChoiceField(label="指标", required=False, empty_label="全部指标",
                                       queryset=Indicator.objects.filter(level=Level.ENTERPRISE))


class ReviewActionForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(label="退回原因", required=False, max_length=200)
