"""Excel imports of the ledgers (台账) a park keeps: enterprises and officials.

Each row goes through the same form and service as a manual edit; a row matching an existing
record (same enterprise name; same official name in the same zone) updates it.
"""

from django.core.exceptions import ValidationError

from yuanqu.common.excel import Column
from yuanqu.common.imports import Importer

from .choices import EnterpriseScale
from .forms import EnterpriseForm, OfficialForm
from .models import Enterprise, Official
from .selectors import can_change, department_list, park_list, zones_writable
from .services import enterprise_create, enterprise_update, official_create, official_update

MSG_UNKNOWN_ZONE = "园区“{v}”不存在或不在您的管理范围内"
MSG_UNKNOWN_PARK = "产业园“{v}”不在所填园区内"
MSG_UNKNOWN_DEPARTMENT = "部门“{v}”不在所填园区内"
MSG_UNKNOWN_SCALE = "规模只能填“规上”或“规下”"
MSG_EXISTS_ELSEWHERE = "企业“{v}”已登记在您无权修改的园区"
MSG_NUMERIC_CODE = "统一社会信用代码被Excel存成了数字,末几位可能已丢失。请把该列设为“文本”格式后重新填写"

# On an update, a blank cell means "leave as it is", so a partial sheet never wipes what is known.
ENTERPRISE_KEEP_IF_BLANK = ("credit_code", "park", "industry", "address", "contact_name", "contact_phone", "note")
OFFICIAL_KEEP_IF_BLANK = ("department", "unit", "phone")


def _keep_blanks(data: dict, instance, fields) -> dict:
    if instance is None:
        return data
    for f in fields:
        if data.get(f) in ("", None):
            current = getattr(instance, f"{f}_id") if f in ("park", "department") else getattr(instance, f)
            data[f] = "" if current is None else current
    return data


class _ZoneLookup:
    def __init__(self, actor):
        self.zones = list(zones_writable(actor))

    def choices(self) -> list[str]:
        return [z.short_name for z in self.zones]

    def find(self, value):
        v = str(value).strip()
        for z in self.zones:
            if v in (z.name, z.short_name):
                return z
        raise ValidationError({"zone": MSG_UNKNOWN_ZONE.format(v=v)})


class EnterpriseImporter(Importer):
    kind = "enterprise"
    title = "企业名录"
    unique_fields = ("name", "credit_code")

    def __init__(self, actor):
        super().__init__(actor)
        self.lookup = _ZoneLookup(actor)
        self.parks = list(park_list(actor, "registry.change"))
        self.columns = [
            Column("企业名称", "name", True, "与营业执照一致;已登记的企业按名称更新,更新时留空的单元格保持原值", width=34),
            Column("统一社会信用代码", "credit_code", False, "18位,按GB 32100校验;请保持本列为文本格式", width=24, text=True),
            Column("所属园区", "zone", True, "园区简称或全称", self.lookup.choices(), width=16),
            Column("所在产业园", "park", False, "须属于所填园区,如:电子信息产业园一期", width=22),
            Column("所属行业", "industry", False, "如:电子信息、电气装备"),
            Column("规模", "scale", False, "规上/规下,默认规下", [c.label for c in EnterpriseScale]),
            Column("地址", "address", False, width=30),
            Column("联系人", "contact_name"),
            Column("联系电话", "contact_phone", False, "手机11位或带区号座机", text=True),
            Column("备注", "note", False, width=30),
        ]

    def bind(self, values):
        if isinstance(values.get("credit_code"), (int, float)):
            raise ValidationError({"credit_code": MSG_NUMERIC_CODE})
        zone = self.lookup.find(values.get("zone", ""))
        park_name = str(values.get("park", "")).strip()
        park = None
        if park_name:
            park = next((p for p in self.parks if p.zone_id == zone.pk and p.name == park_name), None)
            if park is None:
                raise ValidationError({"park": MSG_UNKNOWN_PARK.format(v=park_name)})
        scale_label = str(values.get("scale", "")).strip() or EnterpriseScale.BELOW.label
        scale = {c.label: c.value for c in EnterpriseScale}.get(scale_label)
        if scale is None:
            raise ValidationError({"scale": MSG_UNKNOWN_SCALE})
        name = str(values.get("name", "")).strip()
        instance = Enterprise.objects.filter(name=name).first() if name else None
        if instance is not None and not can_change(self.actor, instance.zone_id):
            raise ValidationError({"name": MSG_EXISTS_ELSEWHERE.format(v=name)})
        data = {
            "name": name,
            "credit_code": str(values.get("credit_code", "")),
            "zone": zone.pk,
            "park": park.pk if park else "",
            "industry": values.get("industry", ""),
            "scale": scale,
            "address": values.get("address", ""),
            "contact_name": values.get("contact_name", ""),
            "contact_phone": str(values.get("contact_phone", "")),
            "note": values.get("note", ""),
        }
        if instance is not None:
            data["version"] = instance.version
        data = _keep_blanks(data, instance, ENTERPRISE_KEEP_IF_BLANK)
        form = EnterpriseForm(data=data, instance=instance, user=self.actor)
        return form, instance

    def save(self, form, instance):
        data = form.data_for_service()
        if instance is None:
            return enterprise_create(actor=self.actor, data=data)
        return enterprise_update(actor=self.actor, enterprise=instance, version=instance.version, data=data)


class OfficialImporter(Importer):
    kind = "official"
    title = "干部名录"

    def __init__(self, actor):
        super().__init__(actor)
        self.lookup = _ZoneLookup(actor)
        self.departments = list(department_list(actor, "registry.change"))
        self.columns = [
            Column("姓名", "name", True, "同一园区内同名者按姓名更新,更新时留空的单元格保持原值"),
            Column("职务", "position", True, "如:党工委副书记、管委会主任", width=34),
            Column("所属园区", "zone", True, "园区简称或全称", self.lookup.choices(), width=16),
            Column("所在部门", "department", False, "须属于所填园区,如:区建设局", width=20),
            Column("单位", "unit", False, "不属于本园区部门时填写单位全称", width=28),
            Column("电话", "phone", False, "手机11位或带区号座机", text=True),
            Column("排序", "sort_order", False, "数字越小越靠前"),
        ]

    def unique_keys(self, values):
        # Officials are matched by name within a zone (by short or full name), so a name repeated
        # in one zone would create two records or update one twice.
        name = str(values.get("name", "")).strip()
        try:
            zone = self.lookup.find(values.get("zone", ""))
        except ValidationError:
            return []  # reported by bind()
        return [("name", f"{zone.pk}:{name}")] if name else []

    def bind(self, values):
        zone = self.lookup.find(values.get("zone", ""))
        dept_name = str(values.get("department", "")).strip()
        department = None
        if dept_name:
            department = next((d for d in self.departments if d.zone_id == zone.pk and d.name == dept_name), None)
            if department is None:
                raise ValidationError({"department": MSG_UNKNOWN_DEPARTMENT.format(v=dept_name)})
        name = str(values.get("name", "")).strip()
        instance = Official.objects.filter(zone=zone, name=name).first() if name else None
        data = {
            "name": name,
            "position": values.get("position", ""),
            "zone": zone.pk,
            "department": department.pk if department else "",
            "unit": values.get("unit", ""),
            "phone": str(values.get("phone", "")),
            "sort_order": values.get("sort_order", "") if values.get("sort_order", "") != "" else 0,
        }
        if instance is not None:
            data["version"] = instance.version
        data = _keep_blanks(data, instance, OFFICIAL_KEEP_IF_BLANK)
        return OfficialForm(data=data, instance=instance, user=self.actor), instance

    def save(self, form, instance):
        data = form.data_for_service()
        if instance is None:
            return official_create(actor=self.actor, data=data)
        return official_update(actor=self.actor, official=instance, version=instance.version, data=data)


IMPORTERS = {"enterprise": EnterpriseImporter, "official": OfficialImporter}
