"""The audit admin's read-only pages. There is no view, form or API that changes an audit record."""

import json

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from yuanqu.common.excel import export_workbook, xlsx_response
from yuanqu.common.views import paginate, render_page, require_perm

from .filters import ACTION_CHOICES, AuditEntryFilter, SecurityEventFilter
from .models import SecurityEvent
from .selectors import audit_entry_list, security_event_list
from .services import security_event_record

ACTIONS = dict(ACTION_CHOICES)


def _field_labels(model) -> tuple[dict, dict, dict]:
    """The model's field order, Chinese labels and choice labels, for showing a change in its words."""
    if model is None:
        return {}, {}, {}
    fields = [f for f in model._meta.get_fields() if getattr(f, "concrete", False)]
    order = {f.name: i for i, f in enumerate(fields)}
    labels = {f.name: str(f.verbose_name) for f in fields}
    choices = {f.name: {str(k): str(v) for k, v in f.flatchoices} for f in fields if f.choices}
    return order, labels, choices


def _shown(value, choices: dict) -> str:
    if value in (None, "None"):
        return ""
    return choices.get(str(value), str(value))


def _changes(entry) -> list[tuple[str, str, str]]:
    """(field label, before, after) in the model's field order (PostgreSQL's jsonb sorts keys)."""
    changes = entry.changes or {}
    if isinstance(changes, str):
        try:
            changes = json.loads(changes)
        except ValueError:
            return [("", "", changes)]
    model = entry.content_type.model_class() if entry.content_type_id else None
    order, labels, choices = _field_labels(model)
    rows = []
    # Business fields first; the row's id and version, which every create shows, last.
    tail = {"id": 1, "version": 2}
    for field in sorted(changes, key=lambda f: (tail.get(f, 0), order.get(f, len(order)), f)):
        pair, c = changes[field], choices.get(field, {})
        label = labels.get(field, field)
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            rows.append((label, _shown(pair[0], c), _shown(pair[1], c)))
        else:
            rows.append((label, "", str(pair)))
    return rows


def _entry_rows(entries):
    return [
        {
            "pk": e.pk,
            "timestamp": timezone.localtime(e.timestamp),
            "actor": (e.actor.display_name if e.actor else "系统"),
            "remote_addr": e.remote_addr or "",
            "model": e.content_type.name if e.content_type_id else "",
            "object": e.object_repr,
            "action": ACTIONS.get(e.action, str(e.action)),
            "changes": _changes(e),
        }
        for e in entries
    ]


@require_GET
@require_perm("audit.view")
def entry_list(request):
    fs = AuditEntryFilter(request.GET or None, queryset=audit_entry_list(request.user))
    qs = fs.qs if fs.is_bound and fs.is_valid() else fs.queryset
    page = paginate(request, qs)
    context = {"filter": fs, "page": page, "rows": _entry_rows(page.object_list), "tab": "changes"}
    return render_page(request, "audit/entry_list.html", context, partial="audit/_entry_table.html")


@require_GET
@require_perm("audit.view")
def entry_detail(request, pk):
    entry = get_object_or_404(audit_entry_list(request.user), pk=pk)
    return render(request, "audit/entry_detail.html", {"row": _entry_rows([entry])[0], "entry": entry, "tab": "changes"})


@require_GET
@require_perm("audit.view")
def entry_export(request):
    fs = AuditEntryFilter(request.GET or None, queryset=audit_entry_list(request.user))
    qs = fs.qs if fs.is_bound and fs.is_valid() else fs.queryset
    rows = (
        [r["timestamp"].strftime("%Y-%m-%d %H:%M:%S"), r["actor"], r["remote_addr"], r["model"], r["object"], r["action"],
         "；".join(f"{f}: {a} → {b}" for f, a, b in r["changes"])]
        for r in _entry_rows(qs[:50000])
    )
    wb = export_workbook("数据变更记录", ["时间", "操作人", "来源地址", "对象类型", "对象", "操作", "变更内容(修改前 → 修改后)"], rows)
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="audit_entries", filters=request.GET.dict())
    return xlsx_response(f"数据变更记录-{timezone.localtime():%Y%m%d-%H%M}.xlsx", wb)


DETAIL_LABELS = {
    "what": "对象", "filters": "筛选条件", "object": "记录", "object_id": "编号", "stage": "环节", "user": "用户",
    "reason": "原因", "total": "共", "errors": "错误", "create": "新增", "update": "更新",
}
WHAT_LABELS = {
    "zone": "园区名录", "park": "产业园名录", "department": "部门名录", "enterprise": "企业名录", "official": "干部名录",
    "project": "项目台账", "audit_entries": "数据变更记录", "security_events": "安全事件",
}
STAGE_LABELS = {"setup": "绑定", "verify": "登录验证"}


def event_detail_text(detail: dict) -> str:
    """A security event's details in words: 对象:企业名录;筛选条件:园区=6."""
    parts = []
    for key, value in (detail or {}).items():
        if key == "what":
            value = WHAT_LABELS.get(value, value)
        elif key == "stage":
            value = STAGE_LABELS.get(value, value)
        elif key == "filters":
            value = "、".join(f"{k}={v}" for k, v in value.items() if v) or "无" if isinstance(value, dict) else value
        parts.append(f"{DETAIL_LABELS.get(key, key)}:{value}")
    return ";".join(parts)


@require_GET
@require_perm("audit.view")
def event_list(request):
    fs = SecurityEventFilter(request.GET or None, queryset=security_event_list(request.user))
    qs = fs.qs if fs.is_bound and fs.is_valid() else fs.queryset
    page = paginate(request, qs)
    for event in page.object_list:
        event.detail_text = event_detail_text(event.detail)
    return render_page(request, "audit/event_list.html", {"filter": fs, "page": page, "tab": "events"}, partial="audit/_event_table.html")


@require_GET
@require_perm("audit.view")
def event_export(request):
    fs = SecurityEventFilter(request.GET or None, queryset=security_event_list(request.user))
    qs = fs.qs if fs.is_bound and fs.is_valid() else fs.queryset
    rows = (
        [timezone.localtime(e.timestamp).strftime("%Y-%m-%d %H:%M:%S"), e.get_kind_display(), e.username,
         e.remote_addr or "", e.path, event_detail_text(e.detail)]
        for e in qs[:50000]
    )
    wb = export_workbook("安全事件", ["时间", "类型", "用户名", "来源地址", "访问路径", "详情"], rows)
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="security_events", filters=request.GET.dict())
    return xlsx_response(f"安全事件-{timezone.localtime():%Y%m%d-%H%M}.xlsx", wb)
