"""Forms of the reception-day pages: they bind and clean input; the services in reception.py decide."""

from django import forms

from yuanqu.common.forms import chinese_blank_choices
from yuanqu.registry.models import Enterprise, Official

from .choices import ReceptionStatus
from .models import AppealSettings, ReceptionHost
from .reception import MAX_PLAN, SETTINGS_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    count = forms.TypedChoiceField(label="计划期数", coerce=int, initial=3,
                                   choices=[(n, f"{n}期") for n in range(1, MAX_PLAN + 1)])


class ReceptionForm(forms.Form):
    """A day as the leader edits it; `version` is the one the page was opened at."""

    date = forms.DateField(label="日期", widget=DATE_INPUT)
    host = forms.ModelChoiceField(label="坐镇领导", queryset=None, required=False)
    place = forms.CharField(label="地点", max_length=60, required=False)
    status = forms.ChoiceField(label="状态", choices=ReceptionStatus.choices)
    enterprises = forms.ModelMultipleChoiceField(
        label="接待企业", queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="按住 Ctrl(Mac 为 ⌘)可多选")
    attendees = forms.CharField(label="参加部门", max_length=300, required=False,
                                help_text="如:区建设局、九华交警大队")
    summary = forms.CharField(label="纪要", required=False, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text="当天情况概述;各诉求及现场答复自动列入纪要")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, day, **kwargs):
        # Unbound (the page opened, `request.POST or None` gave None): start from the day as saved.
        if kwargs.get("data") is None and (not args or args[0] is None):
            kwargs.setdefault("initial", {
                "date": day.date, "host": day.host_id, "place": day.place, "status": day.status,
                "enterprises": list(day.enterprises.values_list("pk", flat=True)), "attendees": day.attendees,
                "summary": day.summary, "version": day.version,
            })
        super().__init__(*args, **kwargs)
        self.fields["host"].queryset = Official.objects.filter(zone_id=day.zone_id)
        self.fields["enterprises"].queryset = Enterprise.objects.filter(zone_id=day.zone_id).order_by("name")
        chinese_blank_choices(self, "未定")


class EnterpriseAddForm(forms.Form):
    enterprise = forms.ModelChoiceField(label="接待企业", queryset=None)

    def __init__(self, *args, day, **kwargs):
        super().__init__(*args, **kwargs)
        received = day.enterprises.values_list("pk", flat=True)
        self.fields["enterprise"].queryset = (Enterprise.objects.filter(zone_id=day.zone_id)
                                              .exclude(pk__in=received).order_by("name"))
        chinese_blank_choices(self, "请选择企业")


class HostAddForm(forms.Form):
    official = forms.ModelChoiceField(label="领导", queryset=None)

    def __init__(self, *args, zone, **kwargs):
        super().__init__(*args, **kwargs)
        taken = ReceptionHost.objects.filter(zone=zone).values_list("official_id", flat=True)
        self.fields["official"].queryset = Official.objects.filter(zone=zone).exclude(pk__in=taken)
        chinese_blank_choices(self, "请选择领导")


class SettingsForm(forms.ModelForm):
    """The zone's settings; fields, labels and limits come from AppealSettings."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = AppealSettings
        fields = list(SETTINGS_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version if self.instance.pk else 0
        chinese_blank_choices(self)
