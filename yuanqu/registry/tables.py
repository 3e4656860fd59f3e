"""What each registry list shows on screen and in its Excel export, built once per row as plain
dicts (cheaper to render than model attribute lookups in templates)."""

from django.urls import reverse

from yuanqu.accounts.access import access_for
from yuanqu.common.formatting import mask_phone


def phone_visible_zones(user) -> set[int] | None:
    """Zones whose phone numbers the user may see in full (None: all)."""
    scope = access_for(user).scope("registry.view_phone")
    if scope.everywhere:
        return None
    return scope.zone_ids | scope.department_zone_ids


def phone_for_export(user, zone_id: int, phone: str) -> str:
    zones = phone_visible_zones(user)
    return phone if zones is None or zone_id in zones else mask_phone(phone)


class Table:
    def __init__(self, headers, rows):
        self.headers, self.rows = headers, rows


def zone_table(zones):
    return Table(
        ["园区", "全称", "级别", "宣传语", "招商热线", "产业园", "企业"],
        [
            {"url": reverse("registry:zone_detail", args=[z.pk]), "cells": [
                z.short_name, z.name, z.get_level_display(), z.slogan, z.hotline,
                getattr(z, "park_count", ""), getattr(z, "enterprise_count", ""),
            ]}
            for z in zones
        ],
    )


def zone_export(user, zones):
    return ["简称", "全称", "英文名称", "级别", "类型", "宣传语", "招商热线"], (
        [z.short_name, z.name, z.english_name, z.get_level_display(), z.get_kind_display(), z.slogan, z.hotline]
        for z in zones
    )


def park_table(parks):
    return Table(
        ["产业园", "所属园区", "上级产业园", "期次", "主导产业"],
        [
            {"url": reverse("registry:park_detail", args=[p.pk]), "cells": [
                p.name, p.zone.short_name, p.parent.name if p.parent else "", p.phase or "", p.industry,
            ]}
            for p in parks
        ],
    )


def park_export(user, parks):
    return ["产业园", "所属园区", "上级产业园", "期次", "主导产业", "简介"], (
        [p.name, p.zone.short_name, p.parent.name if p.parent else "", p.phase, p.industry, p.description]
        for p in parks
    )


def department_table(departments):
    return Table(
        ["部门", "所属园区", "类型", "办公电话"],
        [
            {"url": reverse("registry:department_detail", args=[d.pk]), "cells": [
                d.name, d.zone.short_name, d.get_kind_display(), d.phone,
            ]}
            for d in departments
        ],
    )


def department_export(user, departments):
    return ["部门", "所属园区", "类型", "办公电话"], (
        [d.name, d.zone.short_name, d.get_kind_display(), d.phone] for d in departments
    )


def enterprise_table(enterprises):
    return Table(
        ["企业名称", "统一社会信用代码", "园区", "产业园", "行业", "规模", "联系电话"],
        [
            {"url": reverse("registry:enterprise_detail", args=[e.pk]), "cells": [
                e.name, e.credit_code, e.zone.short_name, e.park.name if e.park else "", e.industry,
                e.get_scale_display(), mask_phone(e.contact_phone),
            ]}
            for e in enterprises
        ],
    )


def enterprise_export(user, enterprises):
    headers = ["企业名称", "统一社会信用代码", "所属园区", "所在产业园", "所属行业", "规模", "地址", "联系人", "联系电话", "备注"]
    return headers, (
        [
            e.name, e.credit_code, e.zone.short_name, e.park.name if e.park else "", e.industry,
            e.get_scale_display(), e.address, e.contact_name,
            phone_for_export(user, e.zone_id, e.contact_phone), e.note,
        ]
        for e in enterprises
    )


def official_table(officials):
    return Table(
        ["姓名", "职务", "单位/部门", "园区", "电话"],
        [
            {"url": reverse("registry:official_detail", args=[o.pk]), "cells": [
                o.name, o.position, o.department.name if o.department else o.unit, o.zone.short_name,
                mask_phone(o.phone),
            ]}
            for o in officials
        ],
    )


def official_export(user, officials):
    headers = ["姓名", "职务", "所属园区", "所在部门", "单位", "电话", "排序"]
    return headers, (
        [
            o.name, o.position, o.zone.short_name, o.department.name if o.department else "", o.unit,
            phone_for_export(user, o.zone_id, o.phone), o.sort_order,
        ]
        for o in officials
    )
