from decimal import Decimal

from django import forms

from yuanqu.common.forms import chinese_blank_choices
from yuanqu.registry.models import Zone

from .models import Award, Competition, Term

MSG_VALUE = "请填写0到100之间的数。"


class CompetitionForm(forms.ModelForm):
    class Meta:
        model = Competition
        fields = ["name", "organiser", "period_kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chinese_blank_choices(self)


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["label", "source", "indicator", "weight", "normalisation"]
        error_messages = {"weight": {"invalid": "权重须是数字,如0.4。"},
                          "indicator": {"invalid_choice": "请选择启用中的经济指标。"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from yuanqu.indicators.models import Indicator

        self.fields["indicator"].queryset = Indicator.objects.filter(is_active=True)
        chinese_blank_choices(self)

    def validate_unique(self):
        # The competition is not a field of the form; the service's full_clean checks uniqueness.
        pass


class PeriodForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100,
                              error_messages={"required": "请填写年度。", "invalid": "年度须是整数。",
                                              "min_value": "年度不能早于2000年。", "max_value": "年度不能晚于2100年。"})
    number = forms.IntegerField(label="期号", min_value=1, max_value=12, help_text="季度1—4,月份1—12",
                                error_messages={"required": "请填写期号。", "invalid": "期号须是整数。",
                                                "min_value": "期号至少为1。", "max_value": "期号不能超过12。"})


class ManualValuesForm(forms.Form):
    """One manual term's values, a field per zone; blank clears the zone's value."""

    def __init__(self, *args, zones: list[Zone], initial_values: dict[int, Decimal] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.zones = zones
        for z in zones:
            self.fields[f"zone_{z.pk}"] = forms.DecimalField(
                label=z.short_name, required=False, min_value=0, max_value=100, max_digits=12, decimal_places=2,
                initial=(initial_values or {}).get(z.pk),
                error_messages={"invalid": MSG_VALUE, "min_value": MSG_VALUE, "max_value": MSG_VALUE,
                                "max_decimal_places": "最多两位小数。", "max_digits": MSG_VALUE},
            )

    def values(self) -> dict[int, Decimal | None]:
        return {z.pk: self.cleaned_data.get(f"zone_{z.pk}") for z in self.zones}


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["zone", "name", "note"]
        error_messages = {"zone": {"required": "请选择获奖园区。", "invalid_choice": "请选择获奖园区。"},
                          "name": {"required": "请填写奖项名称。"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = Zone.objects.order_by("sort_order", "id")
        self.fields["zone"].label_from_instance = lambda z: z.short_name
        chinese_blank_choices(self)

    def validate_unique(self):
        pass
