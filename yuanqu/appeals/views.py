"""Pages of appeals: thin views over services and selectors.

Every page starts from the user's scope (selectors.appeal_detail is a 404 out of scope); every
workflow step is its own POST URL calling one service; a refused step shows its Chinese message.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common import clock
from yuanqu.common.excel import export_workbook, xlsx_response
from yuanqu.common.forms import add_service_errors
from yuanqu.common.views import CappedPaginator, paginate, render_page, require_perm
from yuanqu.projects import reporting

from . import attachments, categories, selectors, services, similarity, workflow
from .choices import Channel, State
from .escalation import Judges, appeal_light
from .forms import AppealFilter, AppealForm, AssignForm, AttachmentForm, CategoryForm, NoteForm, RateForm, SuperviseForm
from .models import AppealCategory

VIEW = "appeals.view"
MSG_CREATED = "诉求已登记,编号{number}。园区领导分派主办部门后开始办理。"
MSG_ASSIGNED = "已分派给{department}。"
MSG_RATED = "感谢评价。"
MSG_REOPENED = "已收到您的评价,诉求退回{department}重新办理。"
MSG_SUPERVISED = "已督办。"
MSG_UPLOADED = "已上传{n}个附件。"
MSG_CATEGORY_SAVED = "类别已保存。"
EXPORT_HEADERS = ["编号", "诉求事项", "企业", "园区", "类别", "来源", "主办部门", "承诺期限", "状态", "是否逾期",
                  "评价", "登记时间", "答复"]


# ---- lists -------------------------------------------------------------------------------------------

def _filtered(request, **extra):
    form = AppealFilter(request.GET or None, user=request.user)
    if form.is_bound and not form.is_valid():
        return form, selectors.appeal_list(request.user).none()
    filters = {**(form.cleaned_data if form.is_bound else {}), **extra}
    return form, selectors.appeal_list(request.user, filters)


def _rows(appeals) -> list[dict]:
    judges = Judges({a.zone_id for a in appeals})
    return [{"obj": a, "light": judges.light(a)} for a in appeals]


def _list_page(request, *, queue: bool):
    form, qs = _filtered(request, awaiting=queue)
    # A search may match tens of thousands: count those only up to the cap.
    searching = bool(form.is_bound and form.is_valid() and form.cleaned_data.get("q"))
    page = paginate(request, qs, paginator_class=CappedPaginator if searching else Paginator)
    access = request.access
    context = {
        "filter": form, "page": page, "rows": _rows(page.object_list), "queue": queue,
        "filtered": any(v for k, v in request.GET.items() if k != "page"),
        "can_create": access.has("appeals.intake") or access.has("appeals.file"),
        "portal": access.has("appeals.file") and not access.has("appeals.intake"),
    }
    return render_page(request, "appeals/list.html", context, partial="appeals/_table.html")


@require_GET
@require_perm(VIEW)
def appeal_list(request):
    return _list_page(request, queue=False)


@require_GET
@require_perm(VIEW)
def appeal_queue(request):
    return _list_page(request, queue=True)


@require_GET
@require_perm(VIEW)
def appeal_export(request):
    _, qs = _filtered(request)
    today = clock.today()
    rows = ([a.number, a.title, a.enterprise.name, a.zone.short_name, a.category.name, a.get_channel_display(),
             a.lead_department.name if a.lead_department_id else "", a.deadline, a.get_state_display(),
             "逾期" if a.state in ("assigned", "handling") and a.deadline and a.deadline < today else "",
             (a.get_rating_display() + ("(默认)" if a.rating_auto else "")) if a.rating else "",
             timezone.localtime(a.created_at).replace(tzinfo=None), a.answer] for a in qs.iterator(chunk_size=2000))
    workbook = export_workbook("企业诉求", EXPORT_HEADERS, rows)
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="appeals", filters=request.GET.dict())
    return xlsx_response(f"企业诉求-{timezone.localtime():%Y%m%d-%H%M}.xlsx", workbook)


# ---- intake ------------------------------------------------------------------------------------------

def _create_page(request, *, initial=None, coordination_item=None):
    form = AppealForm(request.POST or None, request.FILES or None, user=request.user, initial=initial or {})
    if coordination_item is not None:
        form.fields["channel"].choices = [(Channel.PROJECT.value, Channel.PROJECT.label)]
        form.fields["channel"].initial = Channel.PROJECT
    if request.method == "POST" and form.is_valid():
        try:
            appeal = services.appeal_create(actor=request.user, coordination_item=coordination_item,
                                            **form.data_for_service())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, MSG_CREATED.format(number=appeal.number))
            return redirect("appeals:appeal_detail", pk=appeal.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "appeals/form.html", {"form": form, "coordination_item": coordination_item}, status=status)


@require_perm("appeals.intake", "appeals.file")
def appeal_create(request):
    initial = {k: request.GET[k] for k in ("enterprise", "reception") if request.GET.get(k, "").isdigit()}
    if "reception" in initial:
        initial["channel"] = Channel.RECEPTION
    return _create_page(request, initial=initial)


@require_perm("appeals.intake")
def appeal_from_coordination(request, item_pk):
    """A coordination need raised in a project's weekly report, taken as the enterprise's appeal."""
    item = reporting.coordination_detail(request.user, item_pk)
    if hasattr(item, "appeal"):
        return redirect("appeals:appeal_detail", pk=item.appeal.pk)
    project = item.project
    initial = {"title": item.title, "content": item.description or item.title}
    if project.enterprise_id:
        initial["enterprise"] = project.enterprise_id
    return _create_page(request, initial=initial, coordination_item=item)


# ---- one appeal --------------------------------------------------------------------------------------

def _detail_context(request, appeal, **forms_):
    actions = dict(workflow.actions_for(appeal, request.user))
    who = workflow.parties(appeal, request.user)
    s = selectors.appeal_settings_for(appeal.zone)
    light = appeal_light(appeal)
    context = {
        "appeal": appeal, "light": light, "actions": actions, "today": clock.today(),
        "page_actions": [(n, actions[n]) for n in workflow.PAGE_ACTIONS if n in actions and n != "assign"],
        "assign_form": forms_.get("assign_form") or (AssignForm(appeal=appeal, default_workdays=s.default_workdays)
                                                     if "assign" in actions else None),
        "rate_form": forms_.get("rate_form") or (RateForm() if "rate" in actions else None),
        "supervise_form": forms_.get("supervise_form") or (
            SuperviseForm() if workflow.DISPATCHER in who and appeal.state in (State.ASSIGNED, State.HANDLING) else None),
        "attachment_form": AttachmentForm() if attachments.can_attach(request.user, appeal) else None,
        "note_error": forms_.get("note_error", ""),
        "transitions": appeal.transitions.select_related("actor", "department"),
        "assignments": appeal.assignments.select_related("department", "assigned_by"),
        "ratings": appeal.ratings.select_related("rated_by"),
        "files": appeal.attachments.all(),
        "supervisions": appeal.supervisions.select_related("actor"),
        "escalations": appeal.escalations.all(),
        "linked": appeal.group.appeals.exclude(pk=appeal.pk).select_related("enterprise") if appeal.group_id else [],
        "staff": not (request.access.has("appeals.file") and not request.access.has("appeals.intake")
                      and not request.access.has("appeals.handle")),
        "settings": s, "accept": attachments.ACCEPT,
    }
    if context["staff"]:
        # 举一反三 on the appeal itself: earlier ones like it, and (for the leader) linking them.
        similar = similarity.similar_appeals(request.user, f"{appeal.title}\n{appeal.content}", exclude=appeal.pk)
        context["similar"] = similar
        if workflow.DISPATCHER in who and appeal.is_open and not appeal.group_id:
            context["linkable"] = [x.appeal for x in similar if x.appeal.zone_id == appeal.zone_id
                                   and x.appeal.is_open and not x.appeal.group_id]
    return context


@require_GET
@require_perm(VIEW)
def appeal_detail(request, pk):
    appeal = selectors.appeal_detail(request.user, pk)
    return render(request, "appeals/detail.html", _detail_context(request, appeal))


def _refused(request, appeal, exc, **forms_):
    if isinstance(exc, ValidationError) and not forms_:
        forms_["note_error"] = "；".join(exc.messages)
    return render(request, "appeals/detail.html", _detail_context(request, appeal, **forms_), status=400)


def _submit(request, appeal, form, key: str, service):
    """Bind, call one service; a refusal shows the appeal's page again with the form's Chinese
    errors (400). Returns (the service's result, None) or (None, the response to send)."""
    if not form.is_valid():
        return None, _refused(request, appeal, None, **{key: form})
    try:
        return service(actor=request.user, appeal=appeal, **form.cleaned_data), None
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None, _refused(request, appeal, exc, **{key: form})


@require_POST
@require_perm("appeals.dispatch")
def appeal_assign(request, pk):
    appeal = selectors.appeal_detail(request.user, pk)
    s = selectors.appeal_settings_for(appeal.zone)
    form = AssignForm(request.POST, appeal=appeal, default_workdays=s.default_workdays)
    done, refused = _submit(request, appeal, form, "assign_form", services.appeal_assign)
    if refused:
        return refused
    messages.success(request, MSG_ASSIGNED.format(department=done.lead_department.name))
    return redirect("appeals:appeal_detail", pk=pk)


@require_POST
@require_perm(VIEW)
def appeal_act(request, pk, action):
    appeal = selectors.appeal_detail(request.user, pk)
    if action not in workflow.PAGE_ACTIONS or action == "assign":
        raise Http404
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _refused(request, appeal, ValidationError(form.errors["note"]))
    try:
        services.appeal_act(actor=request.user, appeal=appeal, action=action, note=form.cleaned_data["note"],
                            together=form.cleaned_data["together"])
    except ValidationError as exc:
        return _refused(request, appeal, exc)
    messages.success(request, f"已{workflow.STEPS[action].label}。")
    return redirect("appeals:appeal_detail", pk=pk)


@require_POST
@require_perm("appeals.rate")
def appeal_rate(request, pk):
    appeal = selectors.appeal_detail(request.user, pk)
    done, refused = _submit(request, appeal, RateForm(request.POST), "rate_form", services.appeal_rate)
    if refused:
        return refused
    if done.state == State.CLOSED:
        messages.success(request, MSG_RATED)
    else:
        messages.warning(request, MSG_REOPENED.format(department=done.lead_department or "园区领导"))
    return redirect("appeals:appeal_detail", pk=pk)


@require_POST
@require_perm("appeals.dispatch")
def appeal_supervise(request, pk):
    appeal = selectors.appeal_detail(request.user, pk)
    _, refused = _submit(request, appeal, SuperviseForm(request.POST), "supervise_form", services.appeal_supervise)
    if refused:
        return refused
    messages.success(request, MSG_SUPERVISED)
    return redirect("appeals:appeal_detail", pk=pk)


@require_POST
@require_perm(VIEW)
def attachment_upload(request, pk):
    appeal = selectors.appeal_detail(request.user, pk)
    if not attachments.can_attach(request.user, appeal):
        raise PermissionDenied(attachments.MSG_NO_RIGHT)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, appeal, ValidationError([e for errs in form.errors.values() for e in errs]))
    try:
        files = form.cleaned_data["attachments"]
        for upload in files:  # every file checked before any is stored
            attachments.check_upload(upload)
        for upload in files:
            attachments.attachment_add(actor=request.user, appeal=appeal, upload=upload)
    except ValidationError as exc:
        return _refused(request, appeal, exc)
    messages.success(request, MSG_UPLOADED.format(n=len(files)))
    return redirect("appeals:appeal_detail", pk=pk)


@require_GET
@require_perm(VIEW)
def attachment_download(request, pk, attachment_pk):
    appeal = selectors.appeal_detail(request.user, pk)
    attachment = get_object_or_404(appeal.attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---- categories (the system administrator's list) ---------------------------------------------------

@require_GET
@require_perm("appeals.categories")
def category_list(request):
    from django.db.models import Count

    categories = AppealCategory.objects.annotate(n=Count("appeals"))
    return render(request, "appeals/category_list.html", {"categories": categories})


def _category_form(request, category=None):
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        categories.category_save(actor=request.user, form=form)
        messages.success(request, MSG_CATEGORY_SAVED)
        return redirect("appeals:category_list")
    status = 400 if request.method == "POST" else 200
    return render(request, "appeals/category_form.html", {"form": form, "category": category}, status=status)


@require_perm("appeals.categories")
def category_create(request):
    return _category_form(request)


@require_perm("appeals.categories")
def category_edit(request, pk):
    return _category_form(request, get_object_or_404(AppealCategory, pk=pk))
