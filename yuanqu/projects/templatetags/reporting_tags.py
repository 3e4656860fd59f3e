"""The reports panel of a project's page: its latest weekly report and open coordination items.

A tag rather than view context, so the project page's view stays as it is and the panel costs a
fixed two queries however many reports and items the project has."""

from django import template

from yuanqu.common import clock
from yuanqu.projects import reporting

register = template.Library()


@register.inclusion_tag("projects/report_panel.html", takes_context=True)
def project_reports_panel(context, project):
    user = context["request"].user
    if not reporting.can_read_reports(user, project):
        return {"visible": False}
    items = reporting.coordination_open_for(project)
    today = clock.today()
    latest = reporting.report_latest(project)
    return {
        "visible": True, "project": project, "latest": latest, "today": today,
        "items": [{"obj": i, "overdue": i.deadline < today} for i in items],
        "can_report": reporting.can_report(user, project),
        "this_week_missing": latest is None or latest.week < reporting.week_of(today),
    }
