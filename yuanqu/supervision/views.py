"""Supervision pages: the ladder's record (督办台账), a leader's supervision by hand, and a zone's
thresholds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from yuanqu.common.views import paginate, require_perm
from yuanqu.projects.selectors import project_list

from . import selectors, services
from .choices import Level
from .forms import LightSettingsForm, SuperviseForm
from .models import LightSettings
from .permissions import can_read_supervision, can_set_any_zone, can_supervise, leader_zone_ids


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied("supervision")


@require_GET
@login_required
def board(request):
    _require(can_read_supervision(request.user))
    level = request.GET.get("level", "")
    if level not in Level.values:
        level = ""
    page = paginate(request, selectors.escalation_list(request.user, level))
    context = {
        "page": page, "level": level, "levels": Level.choices,
        "supervisions": selectors.supervision_list(request.user)[:20],
        "appeal_escalations": _appeal_escalations(request),
        "can_settings": bool(leader_zone_ids(request.user)) or can_set_any_zone(request.user),
    }
    return render(request, "supervision/board.html", context)


def _appeal_escalations(request):
    """The ladder of overdue enterprise appeals, shown on the same board (None: no appeals access)."""
    from yuanqu.accounts.access import access_for
    from yuanqu.appeals.selectors import escalation_list

    return escalation_list(request.user) if access_for(request.user).has("appeals.view") else None


@require_POST
@require_perm("projects.view")
def project_supervise(request, pk):
    project = get_object_or_404(project_list(request.user), pk=pk)
    if not can_supervise(request.user, project):
        raise PermissionDenied(services.MSG_NOT_LEADER)
    form = SuperviseForm(request.POST, prefix="supervise")
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("projects:project_detail", pk=pk)
    try:
        services.project_supervise(actor=request.user, project=project, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        if project.liaison_id:
            messages.success(request, f"已督办,并通知责任人{project.liaison.display_name}。")
        else:
            messages.warning(request, "已记录督办意见;该项目尚未指定责任人,无人接收通知。")
    return redirect("projects:project_detail", pk=pk)


@require_GET
@login_required
def settings_list(request):
    zones = selectors.zones_for_settings(request.user)
    _require(zones.exists())
    stored = {s.zone_id: s for s in LightSettings.objects.filter(zone__in=zones)}
    rows = [{"zone": z, "settings": stored.get(z.pk) or LightSettings.defaults(z), "custom": z.pk in stored}
            for z in zones]
    return render(request, "supervision/settings_list.html", {"rows": rows})


@login_required
def settings_edit(request, zone_pk):
    if not (leader_zone_ids(request.user) or can_set_any_zone(request.user)):
        raise PermissionDenied("supervision.settings")
    zone = get_object_or_404(selectors.zones_for_settings(request.user), pk=zone_pk)
    current = LightSettings.objects.filter(zone=zone).first() or LightSettings.defaults(zone)
    form = LightSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.light_settings_save(actor=request.user, zone=zone, data=form.data_for_service(),
                                         version=form.cleaned_data.get("version"))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"已保存{zone.short_name}的红黄绿灯规则,项目灯号已按新规则刷新。")
            return redirect("supervision:settings_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "supervision/settings_form.html", {"form": form, "zone": zone}, status=status)
