"""Template tags of the forcing lights: a coloured dot, and the block on a project's page."""

from django import template
from django.utils.html import format_html

from ..choices import Light
from ..forms import SuperviseForm
from ..permissions import can_read_supervision, can_supervise

register = template.Library()

COLOURS = {Light.GREEN: "var(--green)", Light.YELLOW: "var(--amber)", Light.RED: "var(--red)"}


@register.simple_tag
def light_dot(light, provisional=False, title=""):
    """A round dot in the light's colour (grey when there is none), with its name for screen readers."""
    if light:
        label = Light(light).label + ("(暂定)" if provisional else "")
        colour = COLOURS[light]
    else:
        label, colour = "未设计划节点", "#c8ccd2"
    return format_html(
        '<span class="light-dot light-{}" role="img" aria-label="{}" title="{}" style="display:inline-block;'
        'width:10px;height:10px;border-radius:50%;background:{};vertical-align:middle"></span>',
        light or "none", label, title or label, colour,
    )


@register.inclusion_tag("supervision/_project_lights.html", takes_context=True)
def project_lights(context, project):
    """The lights, the ladder and the supervision of one project, for its page."""
    from ..selectors import escalations_of, project_milestone_lights, supervisions_of

    user = context["request"].user
    staff = can_read_supervision(user)
    return {
        "project": project,
        "lights": project_milestone_lights(project),
        "staff": staff,
        "escalations": list(escalations_of(project)) if staff else [],
        "supervisions": list(supervisions_of(project)) if staff else [],
        "can_supervise": can_supervise(user, project),
        "form": SuperviseForm(prefix="supervise"),
        "csrf_token": context.get("csrf_token"),
    }
