from django import forms

from yuanqu.common.forms import chinese_blank_choices

from .models import Department, Enterprise, Official, Park, Zone
from .selectors import department_list, park_list, zones_writable

MSG_PARK_ZONE = "所选产业园不属于所选园区。"
MSG_DEPARTMENT_ZONE = "所选部门不属于所选园区。"
MSG_PARENT_SELF = "上级产业园不能是自己。"


class VersionedForm(forms.ModelForm):
    """A model form that carries the version it was opened at, to detect a concurrent save."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, perm="registry.change", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            # An edit must say which version it started from, or a concurrent save could be overwritten.
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        if "zone" in self.fields:
            self.fields["zone"].queryset = zones_writable(user, perm)
            self.fields["zone"].empty_label = "请选择园区"
        chinese_blank_choices(self, "(不填)")

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ZoneForm(VersionedForm):
    class Meta:
        model = Zone
        fields = ["name", "short_name", "english_name", "level", "kind", "slogan", "hotline", "sort_order"]


class ParkForm(VersionedForm):
    class Meta:
        model = Park
        fields = ["zone", "name", "parent", "phase", "industry", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = park_list(self.user, "registry.change").filter(parent__isnull=True)

    def clean(self):
        data = super().clean()
        parent, zone = data.get("parent"), data.get("zone")
        if parent and zone and parent.zone_id != zone.pk:
            self.add_error("parent", MSG_PARK_ZONE)
        if parent and self.instance.pk and parent.pk == self.instance.pk:
            self.add_error("parent", MSG_PARENT_SELF)
        return data


class DepartmentForm(VersionedForm):
    class Meta:
        model = Department
        fields = ["zone", "name", "kind", "phone"]


class EnterpriseForm(VersionedForm):
    class Meta:
        model = Enterprise
        fields = [
            "name", "credit_code", "zone", "park", "industry", "scale",
            "address", "contact_name", "contact_phone", "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].queryset = park_list(self.user, "registry.change")

    def clean_credit_code(self):
        return (self.cleaned_data.get("credit_code") or "").strip().upper()

    def clean(self):
        data = super().clean()
        park, zone = data.get("park"), data.get("zone")
        if park and zone and park.zone_id != zone.pk:
            self.add_error("park", MSG_PARK_ZONE)
        return data


class OfficialForm(VersionedForm):
    class Meta:
        model = Official
        fields = ["name", "position", "unit", "zone", "department", "phone", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = department_list(self.user, "registry.change")

    def clean(self):
        data = super().clean()
        department, zone = data.get("department"), data.get("zone")
        if department and zone and department.zone_id != zone.pk:
            self.add_error("department", MSG_DEPARTMENT_ZONE)
        return data

