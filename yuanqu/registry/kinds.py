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


def detail_fields(kind: str, obj, *, phone_visible: bool) -> list[tuple[str, object]]:
    """(label, value) pairs shown on a detail page; a value may be a (text, url) link."""
    if kind == "zone":
        return [
            ("全称", obj.name), ("简称", obj.short_name), ("英文名称", obj.english_name),
            ("级别", obj.get_level_display()), ("类型", obj.get_kind_display()),
            ("宣传语", obj.slogan), ("招商热线", obj.hotline),
        ]
    zone_link = (obj.zone.short_name, reverse("registry:zone_detail", args=[obj.zone_id]))
    if kind == "park":
        parent = (obj.parent.name, reverse("registry:park_detail", args=[obj.parent_id])) if obj.parent else ""
        return [
            ("名称", obj.name), ("所属园区", zone_link), ("上级产业园", parent), ("期次", obj.phase or ""),
            ("主导产业", obj.industry), ("简介", obj.description),
        ]
    if kind == "department":
        return [("名称", obj.name), ("所属园区", zone_link), ("类型", obj.get_kind_display()), ("办公电话", obj.phone)]
    if kind == "enterprise":
        park = (obj.park.name, reverse("registry:park_detail", args=[obj.park_id])) if obj.park else ""
        return [
            ("企业名称", obj.name), ("统一社会信用代码", obj.credit_code), ("所属园区", zone_link),
            ("所在产业园", park), ("所属行业", obj.industry), ("规模", obj.get_scale_display()),
            ("地址", obj.address), ("联系人", obj.contact_name),
            ("联系电话", {"masked": mask_phone(obj.contact_phone), "unmask": phone_visible and bool(obj.contact_phone)}),
            ("备注", obj.note),
        ]
    department = (obj.department.name, reverse("registry:department_detail", args=[obj.department_id])) if obj.department else ""
    return [
        ("姓名", obj.name), ("职务", obj.position), ("所属园区", zone_link), ("所在部门", department),
        ("单位", obj.unit), ("电话", {"masked": mask_phone(obj.phone), "unmask": phone_visible and bool(obj.phone)}),
    ]


def zone_id_of(obj) -> int:
    return _zone_of(obj)
