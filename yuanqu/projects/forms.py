
from django import forms

from yuanqu.accounts.models import User
from yuanqu.common import clock
from yuanqu.common.forms import chinese_blank_choices
from yuanqu.registry.selectors import department_list, enterprise_list, official_list, park_list, zones_writable

from .choices import BatchKind, MilestoneKind
from .models import Project, SubWork
from .services import MSG_ACTUAL_BY_ADVANCE, MSG_ACTUAL_FUTURE

MSG_PARK_ZONE = "所选产业园不属于所选园区。"
MSG_ENTERPRISE_ZONE = "业主企业不属于所选园区。"
MSG_DEPARTMENT_ZONE = "责任部门不属于所选园区。"
MSG_LEADER_ZONE = "联点领导不属于所选园区。"
MSG_LIAISON_ZONE = "责任人不是所选园区的联点责任人。"


def batch_choices() -> list[tuple[str, str]]:
    """"四个一批" of last year, this year and next: "2021:started" → 2021年开工一批."""
    year = clock.today().year
    return [(f"{y}:{k.value}", f"{y}年{k.label}") for y in (year - 1, year, year + 1) for k in BatchKind]


class ProjectForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    batches = forms.MultipleChoiceField(
        label="四个一批", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="项目列入的年度“谋划、签约、开工、投产一批”",
    )

    class Meta:
        model = Project
        fields = [
            "name", "zone", "park", "enterprise", "kind", "description",
            "total_investment", "annual_planned_investment", "completed_investment",
            "capacity_product", "capacity_period", "capacity_quantity", "capacity_unit", "floor_area", "storeys",
            "is_key", "green_channel", "leader", "department", "liaison",
            "rollup_mode", "progress_override", "progress_override_reason", "window_start", "window_end",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "window_start": forms.DateInput(attrs={"type": "date"}),
            "window_end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        zones = zones_writable(user, "projects.change")
        self.fields["zone"].queryset = zones
        self.fields["zone"].empty_label = "请选择园区"
        self.fields["park"].queryset = park_list(user)
        self.fields["enterprise"].queryset = enterprise_list(user)
        self.fields["department"].queryset = department_list(user)
        self.fields["leader"].queryset = official_list(user)
        # Liaisons of the zones the user may write, not every zone's (names and usernames are not public).
        self.fields["liaison"].queryset = User.objects.filter(
            is_active=True, roles__role="liaison", roles__zone__in=zones).distinct()
        chinese_blank_choices(self, "(不填)")
        self.fields["batches"].choices = batch_choices()
        if self.instance.pk:
            self.fields["batches"].initial = [f"{b.year}:{b.kind}" for b in self.instance.batches.all()]
        self.fields["liaison"].label_from_instance = lambda u: f"{u.display_name}({u.username})"

    def clean(self):
        data = super().clean()
        zone = data.get("zone")
        if zone:
            for field, msg in (("park", MSG_PARK_ZONE), ("enterprise", MSG_ENTERPRISE_ZONE),
                               ("department", MSG_DEPARTMENT_ZONE), ("leader", MSG_LEADER_ZONE)):
                obj = data.get(field)
                if obj is not None and obj.zone_id != zone.pk:
                    self.add_error(field, msg)
            # A liaison of another zone could neither see nor advance the project it answers for.
            liaison = data.get("liaison")
            if liaison is not None and not liaison.roles.filter(role="liaison", zone=zone).exists():
                self.add_error("liaison", MSG_LIAISON_ZONE)
        return data

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "batches")}

    def batches_for_service(self) -> list[tuple[int, str]]:
        return [(int(y), k) for y, k in (v.split(":") for v in self.cleaned_data.get("batches", []))]


class ProgressForm(forms.Form):
    date = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}))
    percent = forms.DecimalField(label="总进度(%)", min_value=0, max_value=100, decimal_places=2)
    source = forms.CharField(label="来源", max_length=50, required=False, initial="现场核实")


class AdvanceForm(forms.Form):
    effective = forms.DateField(label="发生日期", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="说明", max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["effective"].initial = clock.today


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label="节点", choices=MilestoneKind.choices)
    planned = forms.DateField(label="计划日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    actual = forms.DateField(
        label="实际日期", required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text="只用于前期的规划设计、土地报批;其余节点的实际日期由阶段推进自动记录",
    )
    note = forms.CharField(label="说明", max_length=200, required=False)

    def clean(self):
        data = super().clean()
        if data.get("actual") and data.get("kind") not in (MilestoneKind.DESIGN, MilestoneKind.LAND):
            self.add_error("actual", MSG_ACTUAL_BY_ADVANCE)
        if data.get("actual") and data["actual"] > clock.today():
            self.add_error("actual", MSG_ACTUAL_FUTURE)
        return data


class SubWorkForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = SubWork
        fields = ["name", "unit", "total_quantity", "done_quantity", "value", "note", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


