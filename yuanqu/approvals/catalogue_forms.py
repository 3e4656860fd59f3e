"""The catalogue's filter and its entry form (审批事项目录), saved through services.approval_item_save.

The entry form is a plain Form built from the model's fields (their labels, limits and help texts):
the service checks the rest (a unique name, promised within statutory, prerequisites that close no
cycle, the version) and its messages land on the fields here. Unlike a ModelForm, nothing touches the
stored entry until the service saves it.
"""

from django import forms
from django.db.models import Q
from django.forms.models import model_to_dict

from yuanqu.common.forms import chinese_blank_choices

from . import services
from .choices import ItemCategory
from .models import ApprovalItem

FIELDS = ["name", "category", "department_name", "statutory_days", "promised_days", "materials", "prerequisites",
          "before_start", "commitment_allowed", "followup_days", "sort_order", "is_active"]
ACTIVE_CHOICES = [("", "全部"), ("1", "启用"), ("0", "停用")]


def _field(name, **kwargs):
    return ApprovalItem._meta.get_field(name).formfield(**kwargs)


class CatalogueFilter(forms.Form):
    category = forms.ChoiceField(label="类别", required=False, choices=[("", "全部")] + ItemCategory.choices)
    active = forms.ChoiceField(label="状态", required=False, choices=ACTIVE_CHOICES)
    q = forms.CharField(label="搜索", required=False, max_length=40,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": "事项名称或审批部门"}))

    def filter(self, qs):
        if not self.is_valid():
            return qs.none()
        f = self.cleaned_data
        if f["category"]:
            qs = qs.filter(category=f["category"])
        if f["active"]:
            qs = qs.filter(is_active=f["active"] == "1")
        q = f["q"].strip()
        if q:
            qs = qs.filter(Q(name__icontains=q) | Q(department_name__icontains=q))
        return qs


class PrerequisiteChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name if obj.is_active else f"{obj.name}(停用)"


class ApprovalItemForm(forms.Form):
    name = _field("name")
    category = _field("category")
    department_name = _field("department_name")
    statutory_days = _field("statutory_days")
    promised_days = _field("promised_days")
    materials = _field("materials", widget=forms.Textarea(attrs={"rows": 5}))
    prerequisites = PrerequisiteChoices(
        label="前置事项", required=False, queryset=ApprovalItem.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text="这些事项办结后才能受理本事项;不能形成循环(如甲以乙为前置、乙又以甲为前置)。")
    before_start = _field("before_start")
    commitment_allowed = _field("commitment_allowed")
    followup_days = _field("followup_days")
    sort_order = _field("sort_order")
    is_active = _field("is_active")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, item: ApprovalItem | None = None, **kwargs):
        if item is not None and not kwargs.get("initial"):
            kwargs["initial"] = {**model_to_dict(item, fields=FIELDS), "version": item.version}
        super().__init__(*args, **kwargs)
        self.item = item
        choices = ApprovalItem.objects.order_by("category", "sort_order", "id")
        if item is not None:
            choices = choices.exclude(pk=item.pk)
        self.fields["prerequisites"].queryset = choices
        self.fields["materials"].help_text = "每行一项,如:项目备案申请表"
        chinese_blank_choices(self)

    def clean(self):
        data = super().clean()
        statutory, promised = data.get("statutory_days"), data.get("promised_days")
        if statutory is not None and promised is not None and promised > statutory:
            self.add_error("promised_days", services.MSG_PROMISED)
        return data

    def for_service(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("prerequisites", "version")}
        data["materials"] = "\n".join(line.strip() for line in data["materials"].splitlines() if line.strip())
        return data

    def prerequisite_groups(self) -> list[tuple[str, list]]:
        """The prerequisite checkboxes grouped by the items' category, for the template."""
        category_of = dict(self.fields["prerequisites"].queryset.values_list("pk", "category"))
        groups: dict[str, list] = {}
        for option in self["prerequisites"]:
            pk = int(str(option.data["value"]))
            groups.setdefault(category_of.get(pk), []).append(option)
        return [(ItemCategory(c).label, groups[c]) for c in ItemCategory.values if c in groups]
