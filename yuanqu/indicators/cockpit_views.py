"""The leader cockpit (领导驾驶舱): one page of cards and charts, read by cockpit.py.

`?wall=1` shows it full screen without the navigation, for a wall display."""

from django.shortcuts import render
from django.utils.html import format_html_join
from django.urls import path
from django.views.decorators.http import require_GET

from yuanqu.common.views import require_perm

from . import cockpit as cockpit_data
from .selectors import COCKPIT, ENTER


@require_GET
@require_perm(COCKPIT)
def cockpit(request):
    context = cockpit_data.cockpit_for(request.user, request.GET)
    context["wall"] = request.GET.get("wall") == "1"
    context["bare"] = context["wall"]
    charts = context.get("charts") or {}
    projects, appeals = context.get("projects"), context.get("appeals")
    # What cockpit.js draws: every chart's data in one json_script.
    context["chart_data"] = {
        **{name: {k: v for k, v in data.items() if k not in ("table", "rows")} for name, data in charts.items() if data},
        **({"stages": {"data": projects["stages"]}} if projects and projects.get("total") else {}),
        **({"lights": {"data": projects["lights"]}} if projects and projects.get("lit") else {}),
        **({"appeals": {k: appeals[k] for k in ("by", "categories", "series")}} if appeals and appeals.get("total") else {}),
    }
    context["tables"] = _tables(charts, appeals)
    context["can_import"] = request.access.has(ENTER)
    # A period or indicator that cannot be read: the page says why (and shows the default) with a 400.
    status = 400 if context["controls"].errors else 200
    return render(request, "indicators/cockpit.html", context, status=status)


def _tables(charts: dict, appeals: dict | None) -> dict:
    """The rows under each chart, each linking to its list: built here rather than in template loops,
    which cost more than the figures themselves for a province's 200 zones."""
    tables = {}
    if charts.get("yoy"):
        tables["yoy"] = format_html_join(
            "", '<tr><td><a href="{}">{}</a></td><td class="num">{}</td><td class="num">{}</td>'
            '<td class="num {}">{}</td></tr>',
            ((r["url"], r["name"], r["value"], r["prior"], r["tone"], r["growth"]) for r in charts["yoy"]["table"]))
    if charts.get("ranking"):
        tables["ranking"] = format_html_join(
            "", '<tr><td>{}</td><td><a href="{}">{}</a></td><td class="num">{}</td><td class="num {}">{}</td></tr>',
            ((r["rank"], r["url"], r["name"], r["value"], r["tone"], r["growth"]) for r in charts["ranking"]["table"]))
    if appeals and appeals.get("total"):
        tables["appeals"] = format_html_join(
            "", '<tr><td><a href="{}">{}</a></td><td class="num">{}</td><td class="num">{} <small>{}</small></td>'
            '<td class="num">{} <small>{}</small></td></tr>',
            ((r["url"], r["name"], r["assigned"], r["on_time"], r["on_time_of"], r["response"], r["response_of"])
             for r in appeals["table"]))
    return tables


urlpatterns = [
    path("cockpit/", cockpit, name="cockpit"),
]
