"""The approvals panel on a project's page: its case's items with their states and lights, the
case's planned and actual start, and a link to the case. Nothing when the project has no case the
user may see (one query at most; none for a user without approvals.view)."""

from django import template

from yuanqu.common import clock
from yuanqu.supervision.lights import Judge
from yuanqu.supervision.selectors import thresholds_for

from .. import lights, selectors
from ..models import ApprovalCase

register = template.Library()


@register.inclusion_tag("approvals/_detail_project_panel.html", takes_context=True)
def approval_panel(context, project):
    request = context.get("request")
    user = getattr(request, "user", None)
    # An empty scope (no approvals.view) makes the filter empty, and Django skips the query.
    case = None
    if user is not None and user.is_authenticated:
        case = (ApprovalCase.objects.filter(selectors.scope_q(user), project_id=project.pk)
                .select_related("agent").first())
    if case is None:
        return {"case": None}
    today = clock.today()
    judge = Judge(today, thresholds_for(case.zone_id))
    rows = []
    for ci in case.items.select_related("item"):
        deadline, followup = lights.item_deadline(ci)
        rows.append({"ci": ci, "deadline": deadline, "followup": followup,
                     "light": judge.milestone(deadline, None) if deadline else None})
    return {"case": case, "rows": rows, "today": today}
