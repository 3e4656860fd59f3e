"""Reception-day pages (企业接待日): a zone's days, the minutes of a day (page and Word), the leader's
planning and editing, the host rotation and the zone's settings. Thin: scoped get, bind, one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common import clock
from yuanqu.common.docx import docx_response
from yuanqu.common.forms import add_service_errors
from yuanqu.common.views import paginate, require_perm

from . import reception
from .choices import ReceptionStatus
from .escalation import Judges
from .models import ReceptionDay, ReceptionHost
from .reception_forms import EnterpriseAddForm, HostAddForm, PlanForm, ReceptionForm, SettingsForm
from .selectors import VIEW, appeal_scope, appeal_settings_for, reception_scope
from .services import can_intake

MANAGE = reception.MANAGE
LIGHT_CSS = {"green": "green", "yellow": "amber", "red": "red"}

MSG_PLANNED = "已计划{n}期接待日:{dates}。"
MSG_PLANNED_PROVISIONAL = "其中{dates}所在年度的放假安排尚未公布,日期暂定。"
MSG_NOTHING_TO_PLAN = "今后已有{n}期接待日,无需再计划。"
MSG_SAVED = "已保存。"
MSG_HELD = "已标记为已举行。"
MSG_ENTERPRISE_ADDED = "已登记接待企业:{name}。"
MSG_HOST_ADDED = "已将{name}加入轮值。"
MSG_HOST_REMOVED = "已将{name}移出轮值。"
MSG_SETTINGS_SAVED = "已保存{zone}的诉求办理设置。"


def _managed_zone(request, zone_pk):
    """A zone the user manages; a zone it does not is as good as absent (404)."""
    return get_object_or_404(reception.managed_zones(request.user), pk=zone_pk)


def _day(request, pk, *, manage: bool = False) -> ReceptionDay:
    day = get_object_or_404(reception_scope(request.user), pk=pk)
    if manage and not reception.can_manage(request.user, day.zone_id):
        raise PermissionDenied(MANAGE)
    return day


def _rows(days, today, settings_by_zone):
    rows = []
    for d in days:
        settings = settings_by_zone[d.zone_id]
        rows.append({
            "day": d, "weekday": reception.weekday_label(d.date),
            "provisional": d.date >= today and reception.is_provisional_date(d.date),
            "shifted": d.date.day != settings.reception_day,
            "day_off": reception.falls_on_a_day_off(d, settings, today),
        })
    return rows


@require_GET
@require_perm(VIEW)
def reception_list(request):
    """One zone's reception days: those to come, then those past."""
    zones = list(reception.visible_zones(request.user))
    zone = None
    if request.GET.get("zone"):
        zone = next((z for z in zones if str(z.pk) == request.GET["zone"]), None)
        if zone is None:
            raise Http404
    elif zones:
        # The zone the user runs; else the first with days it may read; else the first it sees.
        managed = {z.pk for z in reception.managed_zones(request.user)}
        with_days = set(reception_scope(request.user).values_list("zone_id", flat=True).distinct())
        zone = (next((z for z in zones if z.pk in managed), None)
                or next((z for z in zones if z.pk in with_days), zones[0]))
    today = clock.today()
    context = {"zones": zones, "zone": zone, "today": today}
    if zone is not None:
        appeal_count = (appeal_scope(request.user).filter(reception=OuterRef("pk")).order_by()
                        .values("reception").annotate(n=Count("pk")).values("n"))
        through = ReceptionDay.enterprises.through
        enterprise_count = (through.objects.filter(receptionday_id=OuterRef("pk")).order_by()
                            .values("receptionday_id").annotate(n=Count("pk")).values("n"))
        days = reception_scope(request.user).filter(zone=zone).annotate(
            appeal_count=Coalesce(Subquery(appeal_count, output_field=IntegerField()), 0),
            enterprise_count=Coalesce(Subquery(enterprise_count, output_field=IntegerField()), 0),
        )
        settings = appeal_settings_for(zone)
        upcoming = days.filter(date__gte=today).order_by("date", "id")
        past = paginate(request, days.filter(date__lt=today).order_by("-date", "-id"))
        can_manage = reception.can_manage(request.user, zone.pk)
        hosts = reception.zone_hosts(zone)
        context |= {
            "settings": settings, "hosts": hosts, "can_manage": can_manage,
            "upcoming": _rows(upcoming, today, {zone.pk: settings}),
            "past": past, "past_rows": _rows(past.object_list, today, {zone.pk: settings}),
            "plan_form": PlanForm() if can_manage else None,
            "next_host": reception.next_host_for(zone) if can_manage else None,
        }
    return render(request, "appeals/reception_list.html", context)


@require_POST
@require_perm(MANAGE)
def reception_plan(request, zone_pk):
    zone = _managed_zone(request, zone_pk)
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, reception.MSG_COUNT)
    else:
        try:
            created = reception.reception_plan(actor=request.user, zone=zone, count=form.cleaned_data["count"])
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            if created:
                messages.success(request, MSG_PLANNED.format(
                    n=len(created), dates="、".join(f"第{d.number}期{d.date:%Y-%m-%d}" for d in created)))
                provisional = [d for d in created if d.provisional]
                if provisional:
                    messages.warning(request, MSG_PLANNED_PROVISIONAL.format(
                        dates="、".join(f"{d.date:%Y-%m-%d}" for d in provisional)))
            else:
                messages.info(request, MSG_NOTHING_TO_PLAN.format(n=form.cleaned_data["count"]))
    return redirect(f"{reverse('appeals:reception_list')}?zone={zone.pk}")


def _detail_context(request, day, enterprise_form=None):
    minutes = reception.reception_minutes(request.user, day)
    can_manage = reception.can_manage(request.user, day.zone_id)
    today = clock.today()
    judges = Judges({day.zone_id}, today)
    rows = []
    for a in minutes.appeals:
        light = judges.light(a)
        text = ""
        if light and light.light:
            text = f"逾期{light.overdue}个工作日" if light.light == "red" and light.overdue else light.label
        rows.append({"appeal": a, "co": list(a.co_departments.all()), "light_text": text,
                     "light_css": LIGHT_CSS.get(light.light if light else None, "")})
    received = [{"enterprise": e, "can_intake": can_intake(request.user, e)} for e in minutes.enterprises]
    return {
        "day": day, "minutes": minutes, "rows": rows, "received": received, "today": today,
        "weekday": reception.weekday_label(day.date),
        "provisional": day.date >= today and reception.is_provisional_date(day.date),
        "day_off": reception.falls_on_a_day_off(day, appeal_settings_for(day.zone), today),
        "can_manage": can_manage,
        "can_hold": can_manage and day.status == ReceptionStatus.PLANNED and day.date <= today,
        "can_intake": reception.can_intake_in(request.user, day.zone_id) and day.status != ReceptionStatus.CANCELLED,
        "enterprise_form": enterprise_form or (
            EnterpriseAddForm(day=day) if can_manage and day.status != ReceptionStatus.CANCELLED else None),
    }


@require_GET
@require_perm(VIEW)
def reception_detail(request, pk):
    """The minutes of a day: who was received, each appeal with the answer given on the spot."""
    day = _day(request, pk)
    return render(request, "appeals/reception_detail.html", _detail_context(request, day))


@require_GET
@require_perm(VIEW)
def reception_minutes_docx(request, pk):
    day = _day(request, pk)
    minutes = reception.reception_minutes(request.user, day)
    document = reception.minutes_document(minutes)
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="reception_minutes",
                          filters={"reception": pk})
    return docx_response(f"{minutes.title}纪要({day.date:%Y-%m-%d}).docx", document)


@require_perm(MANAGE)
def reception_edit(request, pk):
    day = _day(request, pk, manage=True)
    form = ReceptionForm(request.POST or None, day=day)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reception.reception_edit(actor=request.user, day=day, version=data["version"], date=data["date"],
                                     host=data["host"], place=data["place"], attendees=data["attendees"],
                                     summary=data["summary"], status=data["status"], enterprises=data["enterprises"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_SAVED)
            return redirect("appeals:reception_detail", pk=day.pk)
    status = 400 if request.method == "POST" else 200
    context = {"day": day, "form": form, "title": reception.reception_title(day)}
    return render(request, "appeals/reception_form.html", context, status=status)


@require_POST
@require_perm(MANAGE)
def reception_hold(request, pk):
    day = _day(request, pk, manage=True)
    try:
        reception.reception_hold(actor=request.user, day=day)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, MSG_HELD)
    return redirect("appeals:reception_detail", pk=day.pk)


@require_POST
@require_perm(MANAGE)
def reception_enterprise_add(request, pk):
    day = _day(request, pk, manage=True)
    form = EnterpriseAddForm(request.POST, day=day)
    if form.is_valid():
        enterprise = form.cleaned_data["enterprise"]
        try:
            reception.reception_enterprises_add(actor=request.user, day=day, enterprises=[enterprise])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_ENTERPRISE_ADDED.format(name=enterprise.name))
            return redirect("appeals:reception_detail", pk=day.pk)
    return render(request, "appeals/reception_detail.html", _detail_context(request, day, form), status=400)


def _hosts_context(request, zone, form=None):
    hosts = list(ReceptionHost.objects.filter(zone=zone).select_related("official"))
    return {"zone": zone, "hosts": hosts, "form": form or HostAddForm(zone=zone),
            "next_host": reception.next_host_for(zone)}


@require_perm(MANAGE)
def reception_hosts(request, zone_pk):
    """The zone's leaders in rotation; POST adds one at the end."""
    zone = _managed_zone(request, zone_pk)
    form = HostAddForm(request.POST or None, zone=zone)
    if request.method == "POST" and form.is_valid():
        official = form.cleaned_data["official"]
        try:
            reception.reception_host_add(actor=request.user, zone=zone, official=official)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_HOST_ADDED.format(name=official.name))
            return redirect("appeals:reception_hosts", zone_pk=zone.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "appeals/hosts.html", _hosts_context(request, zone, form), status=status)


def _host(request, pk) -> ReceptionHost:
    return get_object_or_404(ReceptionHost.objects.select_related("official").filter(
        zone__in=reception.managed_zones(request.user)), pk=pk)


@require_POST
@require_perm(MANAGE)
def reception_host_remove(request, pk):
    host = _host(request, pk)
    reception.reception_host_remove(actor=request.user, host=host)
    messages.success(request, MSG_HOST_REMOVED.format(name=host.official.name))
    return redirect("appeals:reception_hosts", zone_pk=host.zone_id)


@require_POST
@require_perm(MANAGE)
def reception_host_move(request, pk):
    host = _host(request, pk)
    try:
        reception.reception_host_move(actor=request.user, host=host, direction=request.POST.get("direction", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("appeals:reception_hosts", zone_pk=host.zone_id)


@require_perm(MANAGE)
def appeal_settings(request, zone_pk):
    """The zone's reception-day rule and its appeal time limits."""
    zone = _managed_zone(request, zone_pk)
    instance = appeal_settings_for(zone)
    form = SettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in reception.SETTINGS_FIELDS}
        try:
            reception.appeal_settings_save(actor=request.user, zone=zone, version=form.cleaned_data["version"], **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_SETTINGS_SAVED.format(zone=zone.short_name))
            return redirect("appeals:appeal_settings", zone_pk=zone.pk)
    status = 400 if request.method == "POST" else 200
    # The next three dates under the saved rule, so the effect of a rule is seen before and after saving.
    saved = appeal_settings_for(zone)
    month = reception.first_month_from(saved, clock.today())
    preview = []
    for _ in range(3):
        s = reception.scheduled_for(saved, *month)
        preview.append({"s": s, "weekday": reception.weekday_label(s.date),
                        "nominal_weekday": reception.weekday_label(s.nominal)})
        month = reception.next_month(*month)
    context = {"zone": zone, "form": form, "preview": preview, "saved": saved}
    return render(request, "appeals/settings.html", context, status=status)


urlpatterns = [
    path("reception/", reception_list, name="reception_list"),
    path("reception/<int:pk>/", reception_detail, name="reception_detail"),
    path("reception/<int:pk>/minutes.docx", reception_minutes_docx, name="reception_minutes_docx"),
    path("reception/<int:pk>/edit/", reception_edit, name="reception_edit"),
    path("reception/<int:pk>/hold/", reception_hold, name="reception_hold"),
    path("reception/<int:pk>/enterprises/", reception_enterprise_add, name="reception_enterprise_add"),
    path("zones/<int:zone_pk>/reception/plan/", reception_plan, name="reception_plan"),
    path("zones/<int:zone_pk>/reception/hosts/", reception_hosts, name="reception_hosts"),
    path("reception/hosts/<int:pk>/remove/", reception_host_remove, name="reception_host_remove"),
    path("reception/hosts/<int:pk>/move/", reception_host_move, name="reception_host_move"),
    path("zones/<int:zone_pk>/settings/", appeal_settings, name="appeal_settings"),
]
