"""Forms of weekly reports and coordination items, and the coordination list's filters."""

from django import forms

from yuanqu.common import clock, routing
from yuanqu.registry.models import Department
from yuanqu.registry.selectors import zone_list

from .reporting import MSG_DEADLINE_PAST, MSG_DEADLINE_REQUIRED, deadline_in_workdays, recent_weeks, week_label

MSG_PERCENT_RANGE = "总进度须在0到100之间。"
MSG_INVESTMENT_NEGATIVE = "本期完成投资不能为负数。"


class WeekSelect(forms.Select):
    def format_value(self, value):
        return [str(value)] if value else []


class ReportForm(forms.Form):
    week = forms.DateField(label="周次", widget=WeekSelect)
    done_this_week = forms.CharField(label="本周完成", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    planned_next_week = forms.CharField(label="下周计划", max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    problems = forms.CharField(label="存在问题", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    coordination_needed = forms.CharField(
        label="需协调事项(概述)", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="需要其他部门办理的,请在下方逐项登记,系统将跟踪到办结",
    )
    investment_in_period = forms.DecimalField(
        label="本期完成投资(万元)", max_digits=14, decimal_places=2, initial=0,
        error_messages={"min_value": MSG_INVESTMENT_NEGATIVE}, min_value=0,
    )
    progress_percent = forms.DecimalField(
        label="总进度(%)", max_digits=5, decimal_places=2, required=False, min_value=0, max_value=100,
        error_messages={"min_value": MSG_PERCENT_RANGE, "max_value": MSG_PERCENT_RANGE},
        help_text="填写后记入项目进度记录(日期为今天);不填则不记",
    )

    def __init__(self, *args, reported=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        weeks = recent_weeks()
        self.fields["week"].widget.choices = [
            (w.isoformat(), week_label(w) + ("(已填报)" if w in reported else "")) for w in weeks]
        self.fields["week"].initial = next((w for w in weeks if w not in reported), weeks[0]).isoformat()


class CoordinationForm(forms.Form):
    """One coordination item: on its own page, or as a row under a weekly report (all fields blank: skipped)."""

    title = forms.CharField(label="协调事项", max_length=120)
    description = forms.CharField(label="具体情况", max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    owner_department = forms.ModelChoiceField(label="承办部门", queryset=Department.objects.none(), required=False,
                                              empty_label="暂不指派(由园区领导指派)")
    deadline = forms.DateField(label="办理时限", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    workdays = forms.IntegerField(label="或:几个工作日内", required=False, min_value=1, max_value=250,
                                  help_text="按工作日历从今天起算(遇未公布的年份为暂定)")

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_department"].queryset = Department.objects.filter(zone_id=project.zone_id)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("deadline") is None and data.get("workdays"):
            data["deadline"], data["provisional"] = deadline_in_workdays(data["workdays"])
        if data.get("deadline") is None:
            self.add_error("deadline", MSG_DEADLINE_REQUIRED)
        elif data["deadline"] < clock.today():
            self.add_error("deadline", MSG_DEADLINE_PAST.format(today=clock.today()))
        return data

    def data_for_service(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("title", "description", "owner_department", "deadline")}


class BaseCoordinationFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "project": self.project}

    def __init__(self, *args, project, **kwargs):
        self.project = project
        super().__init__(*args, **kwargs)


CoordinationFormSet = forms.formset_factory(CoordinationForm, formset=BaseCoordinationFormSet, extra=2, max_num=10,
                                            validate_max=True)


class ActionForm(forms.Form):
    note = forms.CharField(label="说明", max_length=4000, required=False)
    department = forms.ModelChoiceField(label="承办部门", queryset=Department.objects.none(), required=False,
                                        empty_label="请选择部门")

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(zone_id=item.zone_id)


class CoordinationFilter(forms.Form):
    zone = forms.ModelChoiceField(label="园区", queryset=None, required=False, empty_label="全部园区")
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *routing.RouteState.choices])
    owner_department = forms.ModelChoiceField(label="承办部门", queryset=None, required=False, empty_label="全部部门")
    overdue = forms.BooleanField(label="只看逾期", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        zones = zone_list(user)
        self.fields["zone"].queryset = zones
        self.fields["owner_department"].queryset = Department.objects.filter(zone__in=zones).select_related("zone")
        self.fields["owner_department"].label_from_instance = lambda d: f"{d.zone.short_name} · {d.name}"
