"""Excel import of the project ledger (项目台账): each row through the project form and services.

A row whose zone already has a project of the same name updates it. The stage is not imported: the
lifecycle moves only by its named actions on the project page.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from yuanqu.accounts.models import User
from yuanqu.common.excel import Column
from yuanqu.common.imports import Importer
from yuanqu.registry.selectors import department_list, enterprise_list, official_list, park_list, zones_writable

from .choices import CapacityPeriod, ProjectKind
from .forms import ProjectForm
from .models import Project
from .services import project_create, project_update

MSG_UNKNOWN_ZONE = "园区“{v}”不存在或不在您的管理范围内"
MSG_UNKNOWN = "{what}“{v}”不在所填园区内"
MSG_UNKNOWN_LIAISON = "责任人用户名“{v}”不存在"
MSG_CHOICE = "只能填:{choices}"
MSG_YES_NO = "只能填“是”或“否”"
MSG_NUMBER = "应为数字(单位:万元或产能单位)"

YES, NO = {"是", "Y", "y", "1", 1, True}, {"否", "", "N", "n", "0", 0, False, None}
# On an update, a blank cell keeps what is recorded.
KEEP_IF_BLANK = (
    "park", "enterprise", "description", "total_investment", "annual_planned_investment", "completed_investment",
    "capacity_product", "capacity_period", "capacity_quantity", "capacity_unit", "leader", "department", "liaison",
)


class ProjectImporter(Importer):
    kind = "project"
    title = "项目台账"

    def __init__(self, actor):
        super().__init__(actor)
        self.zones = list(zones_writable(actor, "projects.change"))
        zone_ids = [z.pk for z in self.zones]
        self.parks = list(park_list(actor).filter(zone_id__in=zone_ids))
        self.enterprises = list(enterprise_list(actor).filter(zone_id__in=zone_ids))
        self.officials = list(official_list(actor).filter(zone_id__in=zone_ids))
        self.departments = list(department_list(actor).filter(zone_id__in=zone_ids))
        kinds = [c.label for c in ProjectKind]
        periods = [c.label for c in CapacityPeriod]
        self.columns = [
            Column("项目名称", "name", True, "同一园区内同名项目按名称更新,更新时留空的单元格保持原值", width=30),
            Column("所属园区", "zone", True, "园区简称或全称", [z.short_name for z in self.zones], width=14),
            Column("所在产业园", "park", False, "须属于所填园区", width=20),
            Column("业主企业", "enterprise", False, "须为所填园区已登记的企业", width=28),
            Column("项目类型", "kind", False, "默认产业项目", kinds),
            Column("总投资(万元)", "total_investment"),
            Column("年度计划投资(万元)", "annual_planned_investment", width=20),
            Column("累计完成投资(万元)", "completed_investment", width=20),
            Column("产品", "capacity_product", False, "如:液晶显示屏"),
            Column("设计产能", "capacity_quantity", False, "数字,如2400"),
            Column("产能单位", "capacity_unit", False, "如:万片"),
            Column("产能口径", "capacity_period", False, "年产/月产/每日", periods),
            Column("重点项目", "is_key", False, "是/否", ["是", "否"]),
            Column("绿色通道", "green_channel", False, "是/否", ["是", "否"]),
            Column("联点领导", "leader", False, "干部姓名,须为所填园区的干部"),
            Column("责任部门", "department", False, "须为所填园区的部门"),
            Column("责任人", "liaison", False, "联点责任人的登录用户名"),
            Column("建设内容", "description", False, width=40),
        ]

    def unique_keys(self, values):
        name = str(values.get("name", "")).strip()
        return [("name", f"{values.get('zone', '')}:{name}")] if name else []

    def _find(self, items, zone, name, field, what):
        v = str(name or "").strip()
        if not v:
            return ""
        for item in items:
            if item.zone_id == zone.pk and item.name == v:
                return item.pk
        raise ValidationError({field: MSG_UNKNOWN.format(what=what, v=v)})

    @staticmethod
    def _choice(value, enum, field, default=""):
        v = str(value or "").strip()
        if not v:
            return default
        for c in enum:
            if v in (c.label, c.value):
                return c.value
        raise ValidationError({field: MSG_CHOICE.format(choices="、".join(c.label for c in enum))})

    @staticmethod
    def _flag(value, field):
        if value in YES or str(value).strip() in YES:
            return True
        if value in NO or str(value).strip() in NO:
            return False
        raise ValidationError({field: MSG_YES_NO})

    @staticmethod
    def _number(value, field):
        if value in ("", None):
            return ""
        try:
            return str(Decimal(str(value).replace(",", "")))
        except InvalidOperation:
            raise ValidationError({field: MSG_NUMBER}) from None

    def bind(self, values):
        z = str(values.get("zone", "")).strip()
        zone = next((x for x in self.zones if z in (x.name, x.short_name)), None)
        if zone is None:
            raise ValidationError({"zone": MSG_UNKNOWN_ZONE.format(v=z)})
        name = str(values.get("name", "")).strip()
        liaison = ""
        if str(values.get("liaison", "")).strip():
            u = User.objects.filter(username=str(values["liaison"]).strip(), is_active=True).first()
            if u is None:
                raise ValidationError({"liaison": MSG_UNKNOWN_LIAISON.format(v=values["liaison"])})
            liaison = u.pk
        data = {
            "name": name,
            "zone": zone.pk,
            "park": self._find(self.parks, zone, values.get("park"), "park", "产业园"),
            "enterprise": self._find(self.enterprises, zone, values.get("enterprise"), "enterprise", "企业"),
            "kind": self._choice(values.get("kind"), ProjectKind, "kind", ProjectKind.INDUSTRIAL),
            "description": values.get("description", ""),
            "total_investment": self._number(values.get("total_investment"), "total_investment"),
            "annual_planned_investment": self._number(values.get("annual_planned_investment"), "annual_planned_investment"),
            "completed_investment": self._number(values.get("completed_investment"), "completed_investment"),
            "capacity_product": values.get("capacity_product", ""),
            "capacity_quantity": self._number(values.get("capacity_quantity"), "capacity_quantity"),
            "capacity_unit": values.get("capacity_unit", ""),
            "capacity_period": self._choice(values.get("capacity_period"), CapacityPeriod, "capacity_period"),
            "leader": self._find(self.officials, zone, values.get("leader"), "leader", "联点领导"),
            "department": self._find(self.departments, zone, values.get("department"), "department", "责任部门"),
            "liaison": liaison,
            "rollup_mode": "quantity",
        }
        instance = Project.objects.filter(zone=zone, name=name).first() if name else None
        if instance is not None:
            data["version"] = instance.version
            data["rollup_mode"] = instance.rollup_mode
            data["progress_override"] = instance.progress_override if instance.progress_override is not None else ""
            data["progress_override_reason"] = instance.progress_override_reason
            data["window_start"] = instance.window_start or ""
            data["window_end"] = instance.window_end or ""
            data["batches"] = [f"{b.year}:{b.kind}" for b in instance.batches.all()]
            for f in KEEP_IF_BLANK:
                if data.get(f) in ("", None):
                    current = getattr(instance, f"{f}_id") if f in ("park", "enterprise", "leader", "department", "liaison") else getattr(instance, f)
                    data[f] = "" if current is None else current
        # Flags: a blank cell keeps what is recorded on an update, and means 否 on a new project.
        for flag in ("is_key", "green_channel"):
            raw = values.get(flag, "")
            if raw in ("", None) and instance is not None:
                keep = getattr(instance, flag)
            else:
                keep = self._flag(raw, flag)
            if keep:
                data[flag] = "on"
        from django.http import QueryDict

        qd = QueryDict(mutable=True)
        for k, v in data.items():
            if isinstance(v, list):
                qd.setlist(k, v)
            else:
                qd[k] = v
        return ProjectForm(data=qd, instance=instance, user=self.actor), instance

    def save(self, form, instance):
        data = form.data_for_service()
        if instance is None:
            return project_create(actor=self.actor, data=data)
        return project_update(actor=self.actor, project=instance, version=instance.version, data=data)
