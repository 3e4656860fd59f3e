"""Forms for opening and editing a case and its items.

The checks that matter (a project of the zone, one case per project, an agent of the zone, the dates,
active items, departments of the zone, commitment only where the catalogue allows it) live in the
services; the forms offer only valid choices and word the refusals of a tampered post the same way.
"""

import datetime as dt

from django import forms

from yuanqu.accounts.access import access_for
from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.accounts.roles import Role
from yuanqu.common import clock
from yuanqu.common.forms import chinese_blank_choices
from yuanqu.projects.models import Milestone, Project
from yuanqu.registry.models import Department, Enterprise, Zone

from . import selectors, services
from .choices import CaseKind, ItemCategory
from .models import ApprovalItem

MSG_ZONE = "请选择园区。"
MSG_ITEM_UNKNOWN = "所选审批事项不存在。"
DATE = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


def agents_of(zone_ids) -> "list[User]":
    """Active users who may run a zone's cases: its agency officers and its leaders."""
    ids = RoleAssignment.objects.filter(role__in=[Role.AGENT, Role.LEADER], zone_id__in=list(zone_ids)).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("name", "username")


def signed_on(project) -> dt.date | None:
    return (Milestone.objects.filter(project=project, kind="signed", actual__isnull=False)
            .values_list("actual", flat=True).first())


class ItemPicker:
    """Catalogue entries as checkboxes, each with the department that will handle it in the zone
    (blank: the agent deals with the authority itself) and, where the catalogue allows it, 按承诺制.

    Adds the fields `items`, `dept_<id>` and `commit_<id>`; `item_groups` feeds the template."""

    def add_item_fields(self, *, catalogue, departments, checked=(), several_zones=False, kind=CaseKind.PROJECT):
        # An event's own items (活动报批) come first on its form, a project's (工程建设项目) on its.
        first = ItemCategory.EVENT if kind == CaseKind.EVENT else ItemCategory.ENGINEERING
        self.catalogue = sorted(catalogue, key=lambda i: i.category != first)
        self.departments = {d.pk: d for d in departments}
        self.checked = {int(pk) for pk in checked}
        # Validated against the whole catalogue, so an inactive or already-added item gets the
        # service's message naming it rather than a generic "not a valid choice".
        self.fields["items"] = forms.ModelMultipleChoiceField(
            label="审批事项", queryset=ApprovalItem.objects.all(), widget=forms.MultipleHiddenInput,
            error_messages={"required": services.MSG_NO_ITEMS, "invalid_choice": MSG_ITEM_UNKNOWN,
                            "invalid_pk_value": MSG_ITEM_UNKNOWN})
        if several_zones:
            groups: dict[str, list] = {}
            for d in departments:
                groups.setdefault(d.zone.short_name, []).append((d.pk, d.name))
            choices = [("", "代办员对接"), *groups.items()]
        else:
            choices = [("", "代办员对接")] + [(d.pk, d.name) for d in departments]
        for item in self.catalogue:
            self.fields[f"dept_{item.pk}"] = forms.TypedChoiceField(
                label=f"{item.name}承办部门", choices=choices, coerce=int, required=False, empty_value=None,
                widget=forms.Select(attrs={"aria-label": f"{item.name}承办部门"}),
                error_messages={"invalid_choice": services.MSG_DEPARTMENT_ZONE})
            self.fields[f"commit_{item.pk}"] = forms.BooleanField(
                label="按承诺制", required=False, widget=forms.CheckboxInput(attrs={"aria-label": f"{item.name}按承诺制"}))

    def main_fields(self) -> list:
        """The visible fields above the item list (the rows render their own)."""
        return [f for f in self.visible_fields() if not f.name.startswith(("dept_", "commit_"))]

    def item_groups(self) -> list[tuple[str, list[dict]]]:
        chosen = set(self.data.getlist(self.add_prefix("items"))) if self.is_bound else None
        graph = selectors.prerequisite_edges()  # the catalogue's own (direct) prerequisites
        names = dict(ApprovalItem.objects.filter(pk__in={p for ps in graph.values() for p in ps})
                     .values_list("pk", "name"))
        labels = dict(ItemCategory.choices)
        groups: dict[str, list[dict]] = {}
        for item in self.catalogue:
            groups.setdefault(labels.get(item.category, item.category), []).append({
                "item": item,
                "checked": str(item.pk) in chosen if chosen is not None else item.pk in self.checked,
                "dept": self[f"dept_{item.pk}"],
                "commit": self[f"commit_{item.pk}"] if item.commitment_allowed else None,
                "prerequisites": [names[p] for p in graph.get(item.pk, []) if p in names],
            })
        return list(groups.items())

    def clean_item_choices(self, zone_id: int | None):
        """A department of another zone (possible only for a user of several zones) on its row."""
        for item in self.cleaned_data.get("items") or []:
            pk = self.cleaned_data.get(f"dept_{item.pk}")
            if pk and zone_id and self.departments[pk].zone_id != zone_id:
                self.add_error(f"dept_{item.pk}", services.MSG_DEPARTMENT_ZONE)

    def items_for_service(self) -> dict:
        items = list(self.cleaned_data["items"])
        departments = {i.pk: self.departments[self.cleaned_data[f"dept_{i.pk}"]] for i in items
                       if self.cleaned_data.get(f"dept_{i.pk}")}
        commitments = [i.pk for i in items if self.cleaned_data.get(f"commit_{i.pk}")]
        return {"items": items, "departments": departments, "commitments": commitments}


def _catalogue(exclude=()) -> list[ApprovalItem]:
    return list(ApprovalItem.objects.filter(is_active=True).exclude(pk__in=list(exclude)).order_by("sort_order", "id"))


class CaseOpenForm(ItemPicker, forms.Form):
    """A new case: a project's (its zone's, without a case yet) or an event's (an enterprise's)."""

    kind = forms.ChoiceField(label="类型", choices=CaseKind.choices, initial=CaseKind.PROJECT, widget=forms.RadioSelect)
    zone = forms.ModelChoiceField(label="园区", queryset=Zone.objects.none(), error_messages={
        "required": MSG_ZONE, "invalid_choice": services.MSG_NO_OPEN_RIGHT})
    project = forms.ModelChoiceField(label="项目", queryset=Project.objects.none(), required=False,
                                     help_text="本园区尚未办件的项目;建设项目办件必选",
                                     error_messages={"invalid_choice": services.MSG_PROJECT_ZONE})
    enterprise = forms.ModelChoiceField(label="申请企业", queryset=Enterprise.objects.none(), required=False,
                                        help_text="活动办件必选;建设项目办件即项目的业主企业(留空即可)",
                                        error_messages={"invalid_choice": services.MSG_ENTERPRISE_ZONE})
    title = forms.CharField(label="办件名称", max_length=120, error_messages={"required": services.MSG_TITLE},
                            widget=forms.TextInput(attrs={"placeholder": "如:某某项目审批、某某活动报批"}))
    agent = forms.ModelChoiceField(label="代办员", queryset=User.objects.none(), required=False,
                                   help_text="代表企业全程代办各审批事项;可为园区领导",
                                   error_messages={"invalid_choice": services.MSG_AGENT})
    opened_on = forms.DateField(label="启动日期", required=False, widget=forms.DateInput(**DATE),
                                help_text="计划从这一天起算,通常为签约日;留空时取项目签约日期或今天")
    target_start = forms.DateField(label="目标开工/举办日期", required=False, widget=forms.DateInput(**DATE))
    land_handover_on = forms.DateField(label="交地日期", required=False, widget=forms.DateInput(**DATE))
    handover_start = forms.BooleanField(label="交地即开工", required=False,
                                        help_text="承诺制事项先行办结,交地当天即可开工(须填写交地日期)")
    note = forms.CharField(label="说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        zones = list(open_zones(user))
        self.zones = zones
        self.several_zones = len(zones) > 1
        zone_ids = [z.pk for z in zones]
        self.fields["zone"].queryset = Zone.objects.filter(pk__in=zone_ids).order_by("sort_order", "id")
        if not self.several_zones:
            self.fields["zone"].widget = forms.HiddenInput()
            self.fields["zone"].initial = zone_ids[0] if zone_ids else None

        # Any project of the user's zones validates (one with a case gets the service's message
        # saying so); only those without a case are offered.
        projects = Project.objects.filter(zone_id__in=zone_ids).select_related("zone").order_by("zone__sort_order", "-id")
        self.fields["project"].queryset = projects
        offered = [p for p in projects.filter(approval_case__isnull=True).only("pk", "name", "zone__short_name")]
        if self.several_zones:  # grouped by zone, so an option reads as the project's name alone
            groups: dict[str, list] = {}
            for p in offered:
                groups.setdefault(p.zone.short_name, []).append((p.pk, p.name))
            self.fields["project"].choices = [("", "请选择项目"), *groups.items()]
        else:
            self.fields["project"].choices = [("", "请选择项目")] + [(p.pk, p.name) for p in offered]

        enterprises = Enterprise.objects.filter(zone_id__in=zone_ids).select_related("zone").order_by("zone__sort_order", "name")
        self.fields["enterprise"].queryset = enterprises
        if self.several_zones:
            self.fields["enterprise"].label_from_instance = lambda e: f"{e.name}({e.zone.short_name})"
        self.fields["enterprise"].empty_label = "请选择企业"

        agents = agents_of(zone_ids)
        self.fields["agent"].queryset = agents
        self.fields["agent"].label_from_instance = lambda u: u.display_name
        self.fields["agent"].empty_label = "暂不指定"
        if selectors.may(user, selectors.AGENT) and user.is_active and any(a.pk == user.pk for a in agents):
            self.fields["agent"].initial = user.pk

        kind = self.data.get("kind") if self.is_bound else self.initial.get("kind", CaseKind.PROJECT)
        self.fields["opened_on"].initial = clock.today()
        if project is not None:
            self.fields["zone"].initial = project.zone_id
            self.fields["project"].initial = project.pk
            self.fields["enterprise"].initial = project.enterprise_id
            self.fields["title"].initial = f"{project.name}审批"
            self.fields["opened_on"].initial = signed_on(project) or clock.today()
        departments = Department.objects.filter(zone_id__in=zone_ids).select_related("zone").order_by(
            "zone__sort_order", "zone_id", "name")
        engineering = ItemCategory.ENGINEERING if kind != CaseKind.EVENT else None
        catalogue = _catalogue()
        self.add_item_fields(catalogue=catalogue, departments=departments, several_zones=self.several_zones,
                             checked=[i.pk for i in catalogue if i.category == engineering], kind=kind)
        chinese_blank_choices(self)

    def clean(self):
        data = super().clean()
        zone = data.get("zone")
        self.clean_item_choices(zone.pk if zone else None)
        return data

    def data_for_service(self) -> dict:
        d = self.cleaned_data
        out = {name: d.get(name) for name in ("zone", "kind", "project", "enterprise", "title", "agent", "opened_on",
                                              "target_start", "land_handover_on", "note")}
        out["handover_start"] = bool(d.get("handover_start"))
        return out | self.items_for_service()


def open_zones(user):
    """The zones where the user may open a case (a role over the whole zone, as the service requires)."""
    scope = access_for(user).scope(selectors.OPEN)
    zones = Zone.objects.order_by("sort_order", "id")
    return zones if scope.everywhere else zones.filter(pk__in=scope.zone_ids)


class CaseEditForm(forms.Form):
    """A case's name, agent, dates and note; an event's start and holding dates too."""

    title = forms.CharField(label="办件名称", max_length=120, error_messages={"required": services.MSG_TITLE})
    agent = forms.ModelChoiceField(label="代办员", queryset=User.objects.none(), required=False,
                                   error_messages={"invalid_choice": services.MSG_AGENT})
    opened_on = forms.DateField(label="启动日期", widget=forms.DateInput(**DATE),
                                error_messages={"required": "请填写启动日期。"})
    target_start = forms.DateField(label="目标开工日期", required=False, widget=forms.DateInput(**DATE))
    started_on = forms.DateField(label="举办日期", required=False, widget=forms.DateInput(**DATE),
                                 help_text="活动实际举办的日期;举办后填写")
    land_handover_on = forms.DateField(label="交地日期", required=False, widget=forms.DateInput(**DATE))
    handover_start = forms.BooleanField(label="交地即开工", required=False,
                                        help_text="承诺制事项先行办结,交地当天即可开工(须填写交地日期)")
    note = forms.CharField(label="说明", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    EVENT_ONLY = ("opened_on", "started_on")
    PROJECT_ONLY = ("land_handover_on", "handover_start")

    def __init__(self, *args, case, **kwargs):
        initial = {name: getattr(case, name) for name in ("title", "opened_on", "target_start", "started_on",
                                                          "land_handover_on", "handover_start", "note")}
        initial |= {"agent": case.agent_id, "version": case.version}
        super().__init__(*args, initial=initial, **kwargs)
        self.case = case
        agents = agents_of([case.zone_id])
        if case.agent_id:  # the current agent stays selectable even if its role has since changed
            agents = User.objects.filter(pk__in=list(agents.values_list("pk", flat=True)) + [case.agent_id]).order_by(
                "name", "username")
        self.fields["agent"].queryset = agents
        self.fields["agent"].label_from_instance = lambda u: u.display_name
        self.fields["agent"].empty_label = "暂不指定"
        if case.kind == CaseKind.EVENT:
            self.fields["target_start"].label = "计划举办日期"
            for name in self.PROJECT_ONLY:
                del self.fields[name]
        else:
            for name in self.EVENT_ONLY:
                del self.fields[name]

    def main_fields(self) -> list:
        return self.visible_fields()

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ItemsAddForm(ItemPicker, forms.Form):
    """More catalogue items for a case (those it does not have yet)."""

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        taken = case.items.values_list("item_id", flat=True)
        departments = Department.objects.filter(zone_id=case.zone_id).order_by("name")
        self.add_item_fields(catalogue=_catalogue(exclude=taken), departments=departments, kind=case.kind)


class CaseItemForm(forms.Form):
    """Route an item to a department of the zone; before acceptance, plan it on commitment or shorten
    this case's promise (绿色通道)."""

    department = forms.ModelChoiceField(label="承办部门", queryset=Department.objects.none(), required=False,
                                        empty_label="代办员对接", help_text="园区内对接该事项的部门;不选时由代办员直接对接审批机关",
                                        error_messages={"invalid_choice": services.MSG_DEPARTMENT_ZONE})
    by_commitment = forms.BooleanField(label="按承诺制办理", required=False,
                                       help_text="企业书面承诺后先行办结,事后在核查期限内核查")
    promised_days = forms.IntegerField(label="本办件承诺时限(工作日)", min_value=1, max_value=365, required=False,
                                       help_text="绿色通道可压缩承诺时限,不超过法定时限;受理后不能再改")

    def __init__(self, *args, case_item, **kwargs):
        super().__init__(*args, initial={"department": case_item.department_id,
                                         "by_commitment": case_item.by_commitment,
                                         "promised_days": case_item.promised_days}, **kwargs)
        self.fields["promised_days"].widget.attrs["max"] = case_item.statutory_days
        self.fields["department"].queryset = Department.objects.filter(zone_id=case_item.case.zone_id).order_by("name")
        self.commitment_allowed = case_item.item.commitment_allowed
