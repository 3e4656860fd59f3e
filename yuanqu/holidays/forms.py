from django import forms

from yuanqu.common import clock


class YearForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2004, max_value=2100)
    notice = forms.CharField(label="放假通知文号", max_length=200, required=False)


class DayForm(forms.Form):
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    is_workday = forms.TypedChoiceField(
        label="类型", choices=[("0", "放假"), ("1", "调休上班")], coerce=lambda v: v == "1"
    )
    name = forms.CharField(label="名称", max_length=50, help_text="如:春节、国庆节调休")


class CheckForm(forms.Form):
    date = forms.DateField(label="查询日期", widget=forms.DateInput(attrs={"type": "date"}), initial=clock.today)
