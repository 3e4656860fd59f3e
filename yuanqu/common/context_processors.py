"""The shell's navigation: what the signed-in user's roles let it open."""

from django.utils.functional import SimpleLazyObject

from yuanqu.accounts.access import access_for
from yuanqu.competitions.permissions import can_read as can_read_competitions
from yuanqu.inbox.selectors import unread_count
from yuanqu.supervision.permissions import can_read_supervision, can_set_any_zone

# Modules of DESIGN.md not built yet: shown in the navigation, greyed, so users see what is coming.
COMING_MODULES = ["招商引资", "创业服务", "工作动态", "报表"]


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = access_for(user)
    registry = []
    if access.has("registry.view"):
        registry += [("园区", "registry:zone_list", "zone"), ("产业园", "registry:park_list", "park"),
                     ("企业", "registry:enterprise_list", "enterprise")]
    if access.has("registry.view_officials"):
        registry += [("部门", "registry:department_list", "department"), ("干部", "registry:official_list", "official")]
    modules = []
    if access.has("projects.view"):
        modules += [("项目台账", "projects:project_list"), ("项目看板", "projects:project_kanban"),
                    ("项目进度图", "projects:project_timeline")]
    # Coordination items are the committee's internal work: not for an enterprise's own users.
    if access.has("coordination.handle") or access.has("projects.view") and access.role_names - {"enterprise"}:
        modules.append(("协调事项", "projects:coordination_list"))
    if access.has("appeals.view"):
        enterprise_only = access.role_names == {"enterprise"}
        modules.append(("我的诉求" if enterprise_only else "企业诉求", "appeals:appeal_list"))
        if not enterprise_only:
            modules += [("企业接待日", "appeals:reception_list"), ("诉求聚类", "appeals:cluster_list")]
    if access.has("approvals.view"):
        enterprise_only = access.role_names == {"enterprise"}
        modules.append(("我的审批" if enterprise_only else "联合审批", "approvals:case_list"))
        if any(access.has(p) for p in ("approvals.agent", "approvals.handle", "approvals.manage")):
            modules.append(("审批待办", "approvals:queue"))
        if not enterprise_only:
            modules.append(("审批时效", "approvals:timeliness"))
    if access.has("appeals.scores"):
        modules.append(("部门诉求评分", "appeals:appeal_scores"))
    if access.has("indicators.cockpit"):
        modules.append(("领导驾驶舱", "indicators:cockpit"))
    if access.has("indicators.view"):
        modules += [("经济指标", "indicators:value_list"), ("指标通报", "indicators:bulletin")]
    if access.has("indicators.review"):
        modules.append(("指标审核", "indicators:review_list"))
    if access.has("indicators.report"):
        modules.append(("指标填报", "indicators:report_list"))
    if can_read_competitions(user):
        modules.append(("项目竞赛", "competitions:competition_list"))
    if access.has("dispatch.view"):
        modules.append(("月调度", "dispatch:meeting_list"))
    if can_read_supervision(user):
        modules.append(("督办台账", "supervision:board"))
    admin = []
    if access.has("accounts.manage"):
        admin.append(("用户与角色", "accounts:user_list"))
    if access.has("audit.view"):
        admin.append(("审计日志", "audit:entry_list"))
    if access.has("calendar.change"):
        admin.append(("工作日历", "holidays:calendar"))
    if access.has("appeals.categories"):
        admin.append(("诉求类别", "appeals:category_list"))
    if access.has("indicators.catalogue"):
        admin.append(("指标目录", "indicators:indicator_list"))
    if access.has("approvals.catalogue"):
        admin.append(("审批事项目录", "approvals:item_list"))
    if can_set_any_zone(user):
        admin.append(("红黄绿灯规则", "supervision:settings_list"))
    roles = sorted({a.get_role_display() for a in access.roles})
    scopes = sorted({a.scope_label for a in access.roles})
    match = getattr(request, "resolver_match", None)
    return {
        "nav_kind": match.kwargs.get("kind") if match else None,
        "nav_registry": registry,
        "nav_admin": admin,
        "nav_modules": modules,
        "nav_module_active": _active_module(match.view_name if match else "", [name for _, name in modules]),
        # Counted only when a template shows it (the top bar's badge), one query.
        "inbox_unread": SimpleLazyObject(lambda: unread_count(user)),
        "nav_coming": COMING_MODULES,
        "me_roles": "、".join(roles) or "未授予角色",
        "me_scope": "、".join(scopes),
    }


def _active_module(view_name: str, names: list[str]) -> str:
    """The one module entry to highlight: the page's own; else an entry of the same kind in its app
    (a reception day's minutes highlight 企业接待日, a coordination item 协调事项); else its app's first
    entry (a project's page highlights 项目台账, a meeting's page 月调度)."""
    if view_name in names:
        return view_name
    app, _, name = view_name.partition(":")
    kind = f"{app}:{name.split('_')[0]}_"
    return next((n for n in names if n.startswith(kind)), "") or next(
        (n for n in names if n.startswith(app + ":")), "")
