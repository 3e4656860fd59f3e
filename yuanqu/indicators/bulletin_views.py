"""指标通报: the paragraph of a zone, park or enterprise for a period, with the table of its figures
and what to check before publishing (page), and the same as a Word file. GET parameters:
`subject` ("z3", "p12", "e40"; default the user's first zone) and `period` (2021-Q1, 2021年一季度 …;
default the latest period with confirmed figures)."""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record
from yuanqu.common.docx import docx_response
from yuanqu.common.views import require_perm

from . import bulletins, selectors
from .periods import Period

RECENT_PERIODS = 8


def _bulletin_context(request) -> tuple[dict, int]:
    """The page's context and status: 400 when the subject or period typed cannot be read."""
    user, errors = request.user, {}
    subject_text = request.GET.get("subject", "").strip()
    period_text = request.GET.get("period", "").strip()
    subject = None
    if subject_text:
        try:
            subject = bulletins.subject_get(user, subject_text)  # 404 out of scope
        except ValueError as exc:
            errors["subject"] = str(exc)
    if subject is None:
        subject = bulletins.default_subject(user)
    period = None
    if period_text:
        try:
            period = Period.parse(period_text)
        except ValueError as exc:
            errors["period"] = str(exc)
    context = {"errors": errors, "subject": subject, "period_text": period_text,
               "can_enter": request.access.has(selectors.ENTER), "page": None, "periods": []}
    if subject is None:
        context["no_subject"] = bulletins.MSG_NO_SUBJECT
        return context, 200
    context["choices"] = bulletins.subject_choices(user, subject)
    periods = bulletins.periods_with_figures(subject)
    context["periods"] = periods
    context["recent"] = periods[:RECENT_PERIODS]
    if errors:
        return context, 400
    page = bulletins.bulletin_page(subject, period, periods)
    context["page"] = page
    context["shown_period"] = page.period if page else period
    if not period_text and page:
        context["period_text"] = page.period.key
    return context, 200


@require_GET
@require_perm(selectors.VIEW)
def bulletin(request):
    context, status = _bulletin_context(request)
    context["empty_message"] = bulletins.MSG_EMPTY
    return render(request, "indicators/bulletin.html", context, status=status)


@require_GET
@require_perm(selectors.VIEW)
def bulletin_docx(request):
    context, status = _bulletin_context(request)
    page = context["page"]
    if status != 200 or page is None or page.empty:
        # Nothing to put in a Word file: the page says why (bad input, or no figures).
        context["empty_message"] = bulletins.MSG_EMPTY
        return render(request, "indicators/bulletin.html", context, status=status if status != 200 else 404)
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, what="indicator_bulletin",
                          filters={"subject": page.subject.key, "period": page.period.key})
    return docx_response(f"{page.title}.docx", bulletins.bulletin_document(page))


urlpatterns = [
    path("bulletin/", bulletin, name="bulletin"),
    path("bulletin.docx", bulletin_docx, name="bulletin_docx"),
]
