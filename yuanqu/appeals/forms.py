"""Forms of the appeal pages: intake, routing, actions, rating, supervision, the list's filters."""

from django import forms

from yuanqu.accounts.access import access_for
from yuanqu.common.forms import chinese_blank_choices
from yuanqu.registry.models import Department, Enterprise
from yuanqu.registry.selectors import zone_list

from .attachments import ACCEPT, MAX_FILES
from .choices import Channel, DeadlineKind, Rating, State
from .models import AppealCategory, ReceptionDay

STAFF_CHANNELS = [(c.value, c.label) for c in Channel if c not in (Channel.PORTAL, Channel.PROJECT)]
MSG_TOO_MANY_FILES = f"每件诉求最多上传{MAX_FILES}个附件。"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the attachment service, not here."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise forms.ValidationError(MSG_TOO_MANY_FILES)
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class AppealForm(forms.Form):
    """Intake. An enterprise user files for its own enterprise online; staff pick the enterprise and
    how the appeal came (reception day, phone, visit)."""

    enterprise = forms.ModelChoiceField(label="企业", queryset=Enterprise.objects.none())
    category = forms.ModelChoiceField(label="类别", queryset=AppealCategory.objects.filter(is_active=True))
    title = forms.CharField(label="诉求事项", max_length=120,
                            widget=forms.TextInput(attrs={"placeholder": "一句话说明,如:调整厂门前驾考路线"}))
    content = forms.CharField(label="具体内容", max_length=4000, widget=forms.Textarea(attrs={"rows": 5}))
    channel = forms.ChoiceField(label="来源渠道", choices=STAFF_CHANNELS)
    reception = forms.ModelChoiceField(label="接待日", queryset=ReceptionDay.objects.none(), required=False,
                                       help_text="来源为企业接待日时必选")
    spot_answer = forms.CharField(label="现场答复", max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text="领导当场给出的答复或承诺,如“最迟本月底调整到位”;列入接待日纪要")
    attachments = MultipleFileField(label="附件", required=False,
                                    help_text=f"PDF、图片、Word、Excel,每个不超过10MB,最多{MAX_FILES}个")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        access = access_for(user)
        own = access.scope("appeals.file").enterprise_ids
        intake = access.scope("appeals.intake")
        self.portal = bool(own) and intake.empty
        if self.portal:
            self.fields["enterprise"].queryset = Enterprise.objects.filter(pk__in=own)
            self.fields["enterprise"].initial = min(own)
            if len(own) == 1:
                self.fields["enterprise"].widget = forms.HiddenInput()
            for name in ("channel", "reception", "spot_answer"):
                del self.fields[name]
        else:
            enterprises = Enterprise.objects.select_related("zone").order_by("zone__sort_order", "name")
            if not intake.everywhere:
                enterprises = enterprises.filter(zone_id__in=intake.zone_ids)
            self.fields["enterprise"].queryset = enterprises
            self.fields["enterprise"].label_from_instance = lambda e: f"{e.name}({e.zone.short_name})"
            days = ReceptionDay.objects.select_related("zone").order_by("-date")
            if not intake.everywhere:
                days = days.filter(zone_id__in=intake.zone_ids)
            self.fields["reception"].queryset = days
            self.fields["reception"].label_from_instance = lambda d: f"{d.zone.short_name} 第{d.number}期({d.date:%Y-%m-%d})"
        chinese_blank_choices(self)

    def data_for_service(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k in (
            "enterprise", "category", "title", "content", "channel", "reception", "spot_answer")}
        data.setdefault("channel", Channel.PORTAL)
        data["attachments"] = self.cleaned_data.get("attachments") or []
        return data


class AssignForm(forms.Form):
    lead_department = forms.ModelChoiceField(label="主办部门", queryset=Department.objects.none())
    co_departments = forms.ModelMultipleChoiceField(label="协办部门", queryset=Department.objects.none(),
                                                    required=False, widget=forms.CheckboxSelectMultiple)
    deadline_kind = forms.ChoiceField(label="承诺期限", choices=DeadlineKind.choices, initial=DeadlineKind.WORKDAYS,
                                      widget=forms.RadioSelect)
    deadline_workdays = forms.IntegerField(label="工作日数", required=False, min_value=1, max_value=120)
    deadline_date = forms.DateField(label="指定日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="分派意见", max_length=1000, required=False)

    def __init__(self, *args, appeal, default_workdays: int = 10, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(zone_id=appeal.zone_id).order_by("name")
        self.fields["lead_department"].queryset = departments
        self.fields["co_departments"].queryset = departments
        self.fields["deadline_workdays"].initial = default_workdays
        chinese_blank_choices(self)


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", max_length=4000, required=False)
    together = forms.BooleanField(label="一并答复关联诉求", required=False)


class RateForm(forms.Form):
    level = forms.TypedChoiceField(label="评价", coerce=int, choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label="评价意见", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="不满意或非常不满意时必填,诉求将退回主办部门重新办理")


class SuperviseForm(forms.Form):
    note = forms.CharField(label="督办意见", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label="新的办结期限", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                               help_text="可选;填写后替换原承诺期限")


class AttachmentForm(forms.Form):
    attachments = MultipleFileField(label="附件")


class AppealFilter(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=60,
                        widget=forms.TextInput(attrs={"placeholder": "诉求事项或企业名称", "type": "search"}))
    zone = forms.ModelChoiceField(label="园区", queryset=None, required=False, empty_label="全部园区")
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *State.choices])
    category = forms.ModelChoiceField(label="类别", queryset=AppealCategory.objects.all(), required=False,
                                      empty_label="全部类别")
    channel = forms.ChoiceField(label="来源", required=False, choices=[("", "全部来源"), *Channel.choices])
    lead_department = forms.ModelChoiceField(label="主办部门", queryset=None, required=False, empty_label="全部部门")
    overdue = forms.BooleanField(label="只看逾期", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = access_for(user).scope("appeals.view")
        if not (scope.everywhere or scope.zone_ids):  # an enterprise or a department: nothing to pick
            del self.fields["zone"], self.fields["lead_department"]
            return
        zones = zone_list(user, "appeals.view")
        self.fields["zone"].queryset = zones
        # Departments follow the chosen zone (the page reloads its filters when the zone changes): a
        # city viewer's select of every zone's departments would cost more than the list itself.
        chosen = self.data.get("zone") if self.is_bound else None
        if chosen and str(chosen).isdigit():
            departments = Department.objects.filter(zone__in=zones, zone_id=int(chosen))
        elif len(scope.zone_ids) == 1 and not scope.everywhere:
            departments = Department.objects.filter(zone_id__in=scope.zone_ids)
        else:
            departments = Department.objects.none()
            self.fields["lead_department"].empty_label = "先选择园区"
        self.fields["lead_department"].queryset = departments.order_by("name")


class CategoryForm(forms.ModelForm):
    class Meta:
        model = AppealCategory
        fields = ["name", "sort_order", "is_active"]
