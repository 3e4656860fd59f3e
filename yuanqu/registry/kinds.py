"""The five kinds of registry record and what differs between them; views.py holds what is shared."""

from dataclasses import dataclass
from typing import Callable

from django.urls import reverse

from yuanqu.common.formatting import mask_phone

from . import filters, forms, selectors, services, tables


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    view_perm: str
    change_perm: str  # scoped to the object's zone
    create_perm: str
    selector: Callable
    filterset: type
    table: Callable
    export: Callable
    form: type
    create: Callable
    update: Callable
    update_arg: str
    importable: bool = False
    empty_hint: str = ""


def _zone_of(obj) -> int:
    return obj.pk if obj.__class__.__name__ == "Zone" else obj.zone_id


KINDS = {
    "zone": Kind(
        "zone", "园区", "registry.view", "registry.change_zone", "registry.create_zone",
        selectors.zone_list_with_counts, filters.ZoneFilter, tables.zone_table, tables.zone_export,
        forms.ZoneForm, services.zone_create, services.zone_update, "zone",
        empty_hint="还没有园区。系统管理员可点击“新增园区”登记。",
    ),
    "park": Kind(
        "park", "产业园", "registry.view", "registry.change", "registry.change",
        selectors.park_list, filters.ParkFilter, tables.park_table, tables.park_export,
        forms.ParkForm, services.park_create, services.park_update, "park",
        empty_hint="没有符合条件的产业园。可以清除筛选条件,或点击“新增产业园”登记园中园及其分期。",
    ),
    "department": Kind(
        "department", "部门", "registry.view_officials", "registry.change", "registry.change",
        selectors.department_list, filters.DepartmentFilter, tables.department_table, tables.department_export,
        forms.DepartmentForm, services.department_create, services.department_update, "department",
        empty_hint="没有符合条件的部门。可以清除筛选条件,或点击“新增部门”登记承办诉求和审批的部门。",
    ),
    "enterprise": Kind(
        "enterprise", "企业", "registry.view", "registry.change", "registry.change",
        selectors.enterprise_list, filters.EnterpriseFilter, tables.enterprise_table, tables.enterprise_export,
        forms.EnterpriseForm, services.enterprise_create, services.enterprise_update, "enterprise",
        importable=True,
        empty_hint="没有符合条件的企业。可以清除筛选条件,或点击“导入”用Excel台账批量登记。",
    ),
    "official": Kind(
        "official", "干部", "registry.view_officials", "registry.change", "registry.change",
        selectors.official_list, filters.OfficialFilter, tables.official_table, tables.official_export,
        forms.OfficialForm, services.official_create, services.official_update, "official",
        importable=True,
        empty_hint="没有符合条件的干部。可以清除筛选条件,或点击“导入”用Excel名册批量登记。",
    ),
}


def _f(label, text, url=None):
    return {"label": label, "text": text, "url": url, "phone": None}


def _phone(label, phone, visible):
    return {"label": label, "text": mask_phone(phone), "url": None, "phone": visible and bool(phone)}


def detail_fields(kind: str, obj, *, phone_visible: bool) -> list[dict]:
    """The rows of a detail page: {label, text, url?} or, for a phone number, {label, text, phone}."""
    if kind == "zone":
        return [
            _f("全称", obj.name), _f("简称", obj.short_name), _f("英文名称", obj.english_name),
            _f("级别", obj.get_level_display()), _f("类型", obj.get_kind_display()),
            _f("宣传语", obj.slogan), _f("招商热线", obj.hotline),
        ]
    zone = _f("所属园区", obj.zone.short_name, reverse("registry:zone_detail", args=[obj.zone_id]))
    if kind == "park":
        parent = obj.parent
        return [
            _f("名称", obj.name), zone,
            _f("上级产业园", parent.name if parent else "", reverse("registry:park_detail", args=[parent.pk]) if parent else None),
            _f("期次", f"{obj.phase}期" if obj.phase else ""), _f("主导产业", obj.industry), _f("简介", obj.description),
        ]
    if kind == "department":
        return [_f("名称", obj.name), zone, _f("类型", obj.get_kind_display()), _f("办公电话", obj.phone)]
    if kind == "enterprise":
        park = obj.park
        return [
            _f("企业名称", obj.name), _f("统一社会信用代码", obj.credit_code), zone,
            _f("所在产业园", park.name if park else "", reverse("registry:park_detail", args=[park.pk]) if park else None),
            _f("所属行业", obj.industry), _f("规模", obj.get_scale_display()), _f("地址", obj.address),
            _f("联系人", obj.contact_name), _phone("联系电话", obj.contact_phone, phone_visible), _f("备注", obj.note),
        ]
    dept = obj.department
    return [
        _f("姓名", obj.name), _f("职务", obj.position), zone,
        _f("所在部门", dept.name if dept else "", reverse("registry:department_detail", args=[dept.pk]) if dept else None),
        _f("单位", obj.unit), _phone("电话", obj.phone, phone_visible),
    ]


def zone_id_of(obj) -> int:
    return _zone_of(obj)
