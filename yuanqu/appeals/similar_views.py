"""Pages of 举一反三: similar appeals while typing, clusters of recurring causes, linked groups."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from yuanqu.accounts.access import access_for
from yuanqu.common import clock
from yuanqu.common.forms import chinese_blank_choices
from yuanqu.common.views import require_perm
from yuanqu.registry.models import Zone

from . import links, similarity
from .models import AppealCategory, AppealGroup
from .selectors import appeal_scope

MSG_LINKED = "已关联{n}件诉求:{title}。答复其中一件时可选择“一并答复”。"
MSG_UNLINKED = "已取消关联。"
MSG_NOTHING_SELECTED = "请至少选择两件诉求进行关联。"
PERIODS = [("90", "近三个月"), ("180", "近半年"), ("365", "近一年"), ("", "全部")]


# ---- similar appeals while typing (HTMX partial) -------------------------------------------------------

HINT = "输入诉求事项和内容时,这里列出以往相似的诉求及其解决办法,供参考。"


@require_GET
@require_perm("appeals.view")
def appeal_similar(request):
    text = f"{request.GET.get('title', '')}\n{request.GET.get('content', '')}".strip()[:4000]
    if not text:
        return HttpResponse('<p class="muted">' + HINT + "</p>")
    exclude = request.GET.get("exclude")
    exclude = int(exclude) if exclude and exclude.isdigit() else None
    found = similarity.similar_appeals(request.user, text, exclude=exclude)
    return render(request, "appeals/_similar.html", {"similar": found})


# ---- clusters ------------------------------------------------------------------------------------------

class ClusterFilter(forms.Form):
    zone = forms.ModelChoiceField(label="园区", queryset=Zone.objects.none(), required=False)
    category = forms.ModelChoiceField(label="类别", queryset=AppealCategory.objects.all(), required=False)
    period = forms.ChoiceField(label="时间", choices=PERIODS, required=False, initial="365")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = access_for(user).scope("appeals.view")
        zones = Zone.objects.order_by("sort_order", "id")
        if not scope.everywhere:
            zones = zones.filter(pk__in=scope.zone_ids | scope.department_zone_ids)
        self.fields["zone"].queryset = zones
        chinese_blank_choices(self, "全部")


@require_GET
@require_perm("appeals.view")
def cluster_list(request):
    form = ClusterFilter(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {"period": "365"}
    days = filters.get("period")
    since = clock.today() - dt.timedelta(days=int(days)) if days else None
    found = similarity.clusters(request.user, zone=filters.get("zone"), category=filters.get("category"), since=since)
    return render(request, "appeals/clusters.html", {
        "filter": form, "clusters": found, "window": similarity.WINDOW,
        "can_link": access_for(request.user).has("appeals.dispatch"),
    })


# ---- linking -------------------------------------------------------------------------------------------

def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@require_POST
@require_perm("appeals.dispatch")
def appeal_link(request):
    """Link the selected appeals (from a cluster, or an appeal's similar list) into a new group, or
    into an existing one (`group`)."""
    pks = sorted({int(p) for p in request.POST.getlist("appeals") if p.isdigit()})
    visible = list(appeal_scope(request.user).filter(pk__in=pks))
    if len(visible) != len(pks):
        raise Http404  # an appeal out of the user's scope is not there for it
    group = None
    if request.POST.get("group", "").isdigit():
        group = get_object_or_404(_groups(request.user), pk=int(request.POST["group"]))
    try:
        group = links.appeal_link(actor=request.user, appeals=visible, title=request.POST.get("title", ""),
                                       group=group)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return _back(request, "appeals:cluster_list")
    messages.success(request, MSG_LINKED.format(n=group.appeals.count(), title=group.title))
    return redirect("appeals:group_detail", pk=group.pk)


@require_POST
@require_perm("appeals.dispatch")
def appeal_unlink(request, pk):
    appeal = get_object_or_404(appeal_scope(request.user), pk=pk)
    group_id = appeal.group_id
    try:
        links.appeal_unlink(actor=request.user, appeal=appeal)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, MSG_UNLINKED)
    if group_id and AppealGroup.objects.filter(pk=group_id).exists():
        return redirect("appeals:group_detail", pk=group_id)
    return _back(request, "appeals:cluster_list")


def _groups(user):
    """Groups holding at least one appeal the user sees."""
    return AppealGroup.objects.filter(pk__in=appeal_scope(user).filter(group__isnull=False).values("group_id"))


@require_GET
@require_perm("appeals.view")
def group_detail(request, pk):
    group = get_object_or_404(_groups(request.user).select_related("zone", "created_by"), pk=pk)
    appeals = list(appeal_scope(request.user).filter(group=group).select_related(
        "enterprise", "lead_department", "category").order_by("-id"))
    dispatch = access_for(request.user).scope("appeals.dispatch")
    return render(request, "appeals/group_detail.html", {
        "group": group, "appeals": appeals, "hidden": group.appeals.count() - len(appeals),
        "can_link": dispatch.everywhere or group.zone_id in dispatch.zone_ids,
    })


urlpatterns = [
    path("similar/", appeal_similar, name="appeal_similar"),
    path("clusters/", cluster_list, name="cluster_list"),
    path("link/", appeal_link, name="appeal_link"),
    path("<int:pk>/unlink/", appeal_unlink, name="appeal_unlink"),
    path("groups/<int:pk>/", group_detail, name="group_detail"),
]
