"""The "联合审批办件" button on a project's page: for a user who may open cases in the project's zone,
while the project has no case yet (no query for anyone else)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from yuanqu.accounts.access import access_for

from .. import selectors
from ..models import ApprovalCase

register = template.Library()


@register.simple_tag(takes_context=True)
def approval_open_button(context, project):
    request = context.get("request")
    user = getattr(request, "user", None)
    scope = access_for(user).scope(selectors.OPEN)
    if not (scope.everywhere or project.zone_id in scope.zone_ids):
        return ""
    if ApprovalCase.objects.filter(project_id=project.pk).exists():
        return ""
    url = f"{reverse('approvals:case_create')}?project={project.pk}"
    return format_html('<a class="btn light" href="{}">联合审批办件</a>', url)
