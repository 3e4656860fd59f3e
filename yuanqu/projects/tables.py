"""The project ledger's rows, on screen and in Excel, built once per row as plain dicts."""

from django.urls import reverse

from yuanqu.common.formatting import money

from yuanqu.supervision.selectors import light_map

from .choices import Stage


def project_rows(projects):
    projects = list(projects)
    lights = light_map(p.pk for p in projects)  # one query for the page, not one per row
    return [
        {
            "light": lights.get(p.pk),
            "url": reverse("projects:project_detail", args=[p.pk]),
            "name": p.name,
            "flags": ("重点" if p.is_key else "") + (" 绿色通道" if p.green_channel else ""),
            "zone": p.zone.short_name,
            "park": p.park.name if p.park else "",
            "enterprise": p.enterprise.name if p.enterprise else "",
            "stage": Stage(p.stage).label,
            "stage_key": p.stage,
            "investment": money(p.total_investment) if p.total_investment is not None else "",
            "completed": money(p.completed_investment) if p.completed_investment is not None else "",
            "leader": p.leader.name if p.leader else "",
            "liaison": p.liaison.display_name if p.liaison else "",
        }
        for p in projects
    ]


def card_rows(projects_by_stage: dict) -> dict:
    """The kanban's cards per stage: what a card shows only, with one light query for the board."""
    everyone = [p for ps in projects_by_stage.values() for p in ps]
    lights = light_map(p.pk for p in everyone)
    return {
        stage: [
            {
                "light": lights.get(p.pk),
                "url": reverse("projects:project_detail", args=[p.pk]),
                "name": p.name,
                "flags": ("重点" if p.is_key else "") + (" 绿色通道" if p.green_channel else ""),
                "zone": p.zone.short_name,
                "enterprise": p.enterprise.name if p.enterprise else "",
            }
            for p in ps
        ]
        for stage, ps in projects_by_stage.items()
    }


EXPORT_HEADERS = [
    "项目名称", "园区", "产业园", "业主企业", "类型", "阶段", "重点项目", "绿色通道", "总投资(万元)",
    "年度计划投资(万元)", "累计完成投资(万元)", "产品", "设计产能", "产能单位", "产能口径", "联点领导", "责任部门", "责任人",
    "灯号",
]


def project_export_rows(projects):
    for chunk in _chunks(projects, 2000):
        lights = light_map(p.pk for p in chunk)  # a query per chunk of rows
        yield from _export_rows(chunk, lights)


def _chunks(items, size):
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _export_rows(projects, lights):
    for p in projects:
        light = lights.get(p.pk)
        yield [
            p.name, p.zone.short_name, p.park.name if p.park else "", p.enterprise.name if p.enterprise else "",
            p.get_kind_display(), p.get_stage_display(), "是" if p.is_key else "", "是" if p.green_channel else "",
            p.total_investment, p.annual_planned_investment, p.completed_investment, p.capacity_product,
            p.capacity_quantity, p.capacity_unit, p.get_capacity_period_display() if p.capacity_period else "",
            p.leader.name if p.leader else "", p.department.name if p.department else "",
            p.liaison.display_name if p.liaison else "",
            (light.get_light_display() + ("(暂定)" if light.provisional else "")) if light else "",
        ]
