import datetime as dt

from django import forms

from yuanqu.common.forms import chinese_blank_choices
from yuanqu.projects.models import Project
from yuanqu.registry.models import Department, Official

from .choices import MeetingStatus, TaskState

MSG_MONTH = "请按“年-月”填写调度月份,如2021-05。"
MSG_HELD_BEFORE_MONTH = "召开日期不能早于调度月份({month})。"


class MonthField(forms.CharField):
    """A month typed or picked as YYYY-MM (<input type=month>), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2021-05"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            year, month = (int(x) for x in value.strip().split("-")[:2])
            return dt.date(year, month, 1)
        except (TypeError, ValueError):
            raise forms.ValidationError(MSG_MONTH, code="invalid")


class MeetingForm(forms.Form):
    zone = forms.ModelChoiceField(label="园区", queryset=None)
    month = MonthField(label="调度月份")
    held_on = forms.DateField(label="召开日期", widget=forms.DateInput(attrs={"type": "date"}))
    host = forms.ModelChoiceField(label="主持人", queryset=None, required=False)
    attendees = forms.CharField(label="参会人员", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                help_text="如:管委会主任、分管副主任,各责任部门负责人,各项目联点责任人")
    notes = forms.CharField(label="会议要点", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones
        self.fields["host"].queryset = Official.objects.filter(zone__in=zones).select_related("zone")
        chinese_blank_choices(self)

    def clean(self):
        data = super().clean()
        month, held_on, zone, host = data.get("month"), data.get("held_on"), data.get("zone"), data.get("host")
        if month and held_on and held_on < month:
            self.add_error("held_on", MSG_HELD_BEFORE_MONTH.format(month=f"{month:%Y-%m}"))
        if zone and host and host.zone_id != zone.pk:
            from .services import MSG_HOST_ZONE

            self.add_error("host", MSG_HOST_ZONE)
        return data


class TaskForm(forms.Form):
    content = forms.CharField(label="议定事项", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    project = forms.ModelChoiceField(label="相关项目", queryset=None, required=False)
    owner_department = forms.ModelChoiceField(label="责任部门", queryset=None, required=False)
    owner_official = forms.ModelChoiceField(label="责任人", queryset=None, required=False)
    owner_other = forms.CharField(label="其他责任单位", max_length=100, required=False,
                                  help_text="名录外的责任单位,如项目业主、市直部门")
    deadline = forms.DateField(label="完成时限", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        zone_id = meeting.zone_id
        self.fields["project"].queryset = Project.objects.filter(zone_id=zone_id).order_by("id")
        self.fields["owner_department"].queryset = Department.objects.filter(zone_id=zone_id)
        self.fields["owner_official"].queryset = Official.objects.filter(zone_id=zone_id)
        chinese_blank_choices(self)

    def clean(self):
        from .models import DispatchTask

        data = super().clean()
        if not (data.get("owner_department") or data.get("owner_official") or (data.get("owner_other") or "").strip()):
            message = next(c for c in DispatchTask._meta.constraints if c.name == "dispatch_task_has_owner")
            self.add_error("owner_department", str(message.violation_error_message))
        return data


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class MeetingFilter(forms.Form):
    zone = forms.ModelChoiceField(label="园区", queryset=None, required=False, empty_label="全部园区")
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + MeetingStatus.choices)

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones

    def apply(self, qs):
        if not self.is_valid():
            return qs.none()
        d = self.cleaned_data
        if d.get("zone"):
            qs = qs.filter(zone=d["zone"])
        if d.get("year"):
            qs = qs.filter(month__year=d["year"])
        if d.get("status"):
            qs = qs.filter(status=d["status"])
        return qs


class TaskFilter(forms.Form):
    zone = forms.ModelChoiceField(label="园区", queryset=None, required=False, empty_label="全部园区")
    state = forms.ChoiceField(label="状态", required=False, initial=TaskState.OPEN,
                              choices=[("", "全部")] + TaskState.choices)
    overdue = forms.BooleanField(label="仅看逾期", required=False)
    q = forms.CharField(label="关键词", required=False, max_length=50)

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones

    def apply(self, qs, today):
        if not self.is_valid():
            return qs.none()
        d = self.cleaned_data
        if d.get("zone"):
            qs = qs.filter(meeting__zone=d["zone"])
        if d.get("state"):
            qs = qs.filter(state=d["state"])
        if d.get("overdue"):
            qs = qs.filter(state=TaskState.OPEN, deadline__lt=today)
        if d.get("q"):
            qs = qs.filter(content__icontains=d["q"])
        return qs
