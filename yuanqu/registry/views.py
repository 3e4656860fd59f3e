"""Registry pages: one set of views serves the five kinds (see kinds.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from yuanqu.accounts.access import access_for
from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common import import_views
from yuanqu.common.excel import export_workbook, xlsx_response
from yuanqu.common.import_views import MSG_IMPORT_FAILED, MSG_IMPORTED, ImportPage  # noqa: F401  (tests import the messages from here)
from yuanqu.common.views import paginate, render_page, require_perm

from . import selectors, tables
from .imports import IMPORTERS
from .kinds import KINDS, detail_fields, zone_id_of

MSG_SAVED = "已保存。"


def kind_urls(kind) -> dict:
    names = ["list", "export", "create"] + (["import", "import_template"] if kind.importable else [])
    return {n: reverse(f"registry:{kind.key}_{n}") for n in names}


def _kind(kind: str):
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404 from None


def _check_view(request, kind):
    access = access_for(request.user)
    if not access.has(kind.view_perm):
        raise PermissionDenied(kind.view_perm)
    return access


def _scoped(request, kind):
    return kind.selector(request.user)


def _filtered(request, kind):
    fs = kind.filterset(request.GET or None, queryset=_scoped(request, kind), user=request.user)
    if not fs.is_bound:
        return fs, fs.queryset
    # An invalid value (a zone out of scope, a deleted park) matches nothing: dropping every filter
    # instead would list, and export, rows the user filtered out.
    return fs, fs.qs if fs.is_valid() else fs.queryset.none()


@require_GET
@require_perm("registry.view", "registry.view_officials")
def object_list(request, kind):
    kind = _kind(kind)
    access = _check_view(request, kind)
    fs, qs = _filtered(request, kind)
    page = paginate(request, qs)
    context = {
        "kind": kind,
        "urls": kind_urls(kind),
        "filter": fs,
        "page": page,
        "table": kind.table(page.object_list),
        "can_create": access.has(kind.create_perm) and (kind.key == "zone" or selectors.zones_writable(request.user).exists()),
        "can_import": kind.importable and selectors.zones_writable(request.user, "registry.import").exists(),
        "filtered": bool(request.GET.get("q") or any(v for k, v in request.GET.items() if k != "page")),
    }
    return render_page(request, "registry/list.html", context, partial="registry/_list_table.html")


@require_GET
@require_perm("registry.view", "registry.view_officials")
def object_export(request, kind):
    kind = _kind(kind)
    _check_view(request, kind)
    _, qs = _filtered(request, kind)
    headers, rows = kind.export(request.user, qs.iterator(chunk_size=2000))
    workbook = export_workbook(kind.title, headers, rows)
    security_event_record(
        kind=SecurityEvent.Kind.EXPORT, request=request, what=kind.key, filters=request.GET.dict()
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx_response(f"{kind.title}名录-{stamp}.xlsx", workbook)


@require_GET
@require_perm("registry.view", "registry.view_officials")
def object_detail(request, kind, pk):
    kind = _kind(kind)
    access = _check_view(request, kind)
    obj = get_object_or_404(_scoped(request, kind), pk=pk)
    zone_id = zone_id_of(obj)
    phone_scope = tables.phone_visible_zones(request.user)
    context = {
        "kind": kind,
        "urls": kind_urls(kind),
        "obj": obj,
        "fields": detail_fields(kind.key, obj, phone_visible=phone_scope is None or zone_id in phone_scope),
        "can_change": selectors.can_change(request.user, zone_id, kind.change_perm),
        "sections": _sections(request, kind.key, obj, access),
    }
    return render(request, "registry/detail.html", context)


def _sections(request, key, obj, access):
    """Related lists shown under a detail page, each limited to what the user may see."""
    user, out = request.user, []
    if key == "zone":
        out.append(("产业园", tables.park_table(selectors.park_list(user).filter(zone=obj)), "park"))
        out.append(("企业", tables.enterprise_table(selectors.enterprise_list(user).filter(zone=obj)[:50]), "enterprise"))
        if access.has("registry.view_officials"):
            out.append(("部门", tables.department_table(selectors.department_list(user).filter(zone=obj)), "department"))
            out.append(("干部", tables.official_table(selectors.official_list(user).filter(zone=obj)), "official"))
    elif key == "park":
        phases = selectors.park_list(user).filter(parent=obj)
        if phases.exists():
            out.append(("分期", tables.park_table(phases), "park"))
        ents = selectors.enterprise_list(user).filter(park=obj) | selectors.enterprise_list(user).filter(park__parent=obj)
        out.append(("入园企业", tables.enterprise_table(ents), "enterprise"))
    elif key == "department":
        out.append(("干部", tables.official_table(selectors.official_list(user).filter(department=obj)), "official"))
    return out


def _form_view(request, kind, instance=None):
    access = access_for(request.user)
    if instance is None and not access.has(kind.create_perm):
        raise PermissionDenied(kind.create_perm)
    perm = "registry.change_zone" if kind.key == "zone" else "registry.change"
    form = kind.form(request.POST or None, instance=instance, user=request.user, perm=perm)
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                obj = kind.create(actor=request.user, data=form.data_for_service())
            else:
                obj = kind.update(
                    actor=request.user, version=form.cleaned_data.get("version"),
                    data=form.data_for_service(), **{kind.update_arg: instance},
                )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, MSG_SAVED)
            return redirect(f"registry:{kind.key}_detail", pk=obj.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "registry/form.html", {"kind": kind, "urls": kind_urls(kind), "form": form, "obj": instance}, status=status)


@require_perm("registry.change", "registry.create_zone")
def object_create(request, kind):
    return _form_view(request, _kind(kind))


@require_perm("registry.change", "registry.change_zone")
def object_edit(request, kind, pk):
    kind = _kind(kind)
    _check_view(request, kind)
    obj = get_object_or_404(_scoped(request, kind), pk=pk)
    if not selectors.can_change(request.user, zone_id_of(obj), kind.change_perm):
        raise PermissionDenied(kind.change_perm)
    return _form_view(request, kind, obj)


@require_POST
@require_perm("registry.view_phone")
def object_phone(request, kind, pk):
    """Show one full phone number, on request, and log that it was shown."""
    kind = _kind(kind)
    if kind.key not in ("enterprise", "official"):
        raise Http404
    obj = get_object_or_404(_scoped(request, kind), pk=pk)
    zones = tables.phone_visible_zones(request.user)
    if zones is not None and obj.zone_id not in zones:
        raise PermissionDenied("registry.view_phone")
    phone = obj.contact_phone if kind.key == "enterprise" else obj.phone
    security_event_record(kind=SecurityEvent.Kind.UNMASK, request=request, what=kind.key, object_id=obj.pk, object=str(obj))
    return HttpResponse(format_html('<span class="phone">{}</span>', phone))


# -- Excel import: the shared flow of common/import_views --------------------------------------------


def _import_page(request, kind) -> ImportPage:
    if kind not in IMPORTERS:
        raise Http404
    urls = kind_urls(KINDS[kind])
    return ImportPage(
        importer=IMPORTERS[kind](request.user), back_url=urls["list"], back_label=f"{KINDS[kind].title}名录",
        upload_url=urls["import"], commit_url=reverse(f"registry:{kind}_import_commit"), template_url=urls["import_template"],
    )


@require_GET
@require_perm("registry.import")
def import_template(request, kind):
    return import_views.import_template(_import_page(request, kind))


@require_perm("registry.import")
def import_upload(request, kind):
    return import_views.import_upload(request, _import_page(request, kind))


@require_POST
@require_perm("registry.import")
def import_commit(request, kind):
    return import_views.import_commit(request, _import_page(request, kind))
