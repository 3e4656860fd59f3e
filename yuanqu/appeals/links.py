"""Linking similar appeals (举一反三): the zone's leader groups appeals of one cause so they are
handled and answered together (services.appeal_act(..., together=True) answers the group)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yuanqu.audit.context import records_actor

from .models import Appeal

MSG_LINK_NOT_DISPATCHER = "只有本园区的领导可以关联诉求。"
MSG_LINK_TOO_FEW = "请至少选择两件诉求进行关联。"
MSG_LINK_ONE_ZONE = "只能关联同一园区的诉求,所选诉求分属{n}个园区。"
MSG_LINK_TITLE = "请填写共性问题,作为关联诉求组的名称。"
MSG_LINK_TITLE_LONG = "共性问题不超过120个字。"
MSG_LINK_OTHER_GROUP = "诉求{numbers}已关联到其他诉求组,请先取消原有关联。"
MSG_UNLINK_NONE = "该诉求未关联到诉求组。"


def _log_link(appeal, action: str, actor, note: str) -> None:
    from .models import AppealTransition

    AppealTransition.objects.create(appeal=appeal, action=action, from_state=appeal.state, to_state=appeal.state,
                                    actor=actor, note=note, department=appeal.lead_department)


def _check_dispatcher(appeals, actor) -> None:
    from . import workflow

    if any(workflow.DISPATCHER not in workflow.parties(a, actor) for a in appeals):
        raise PermissionDenied(MSG_LINK_NOT_DISPATCHER)


@records_actor
@transaction.atomic
def appeal_link(*, actor, appeals, title: str = "", group=None):
    """Link similar appeals of one zone into a group (举一反三), to be handled and answered together;
    with `group`, add them to that group. The zone's leader only; all or nothing."""
    from .models import AppealGroup

    pks = sorted({getattr(a, "pk", a) for a in appeals})
    locked = list(Appeal.objects.select_for_update(of=("self",)).filter(pk__in=pks).select_related("lead_department")
                  .order_by("pk"))
    pks = [a.pk for a in locked]
    if group is not None:
        group = AppealGroup.objects.select_for_update().get(pk=group.pk)
    members = set(Appeal.objects.filter(group=group).values_list("pk", flat=True)) if group else set()
    if len(members | set(pks)) < 2:
        raise ValidationError(MSG_LINK_TOO_FEW, code="too_few")
    zones = {a.zone_id for a in locked} | ({group.zone_id} if group else set())
    if len(zones) > 1:
        raise ValidationError(MSG_LINK_ONE_ZONE.format(n=len(zones)), code="one_zone")
    _check_dispatcher(locked, actor)
    elsewhere = [a for a in locked if a.group_id and a.group_id != getattr(group, "pk", None)]
    if elsewhere:
        raise ValidationError(MSG_LINK_OTHER_GROUP.format(numbers="、".join(a.number for a in elsewhere)),
                              code="other_group")
    if group is None:
        title = (title or "").strip()
        if not title:
            raise ValidationError({"title": MSG_LINK_TITLE}, code="title_required")
        if len(title) > AppealGroup._meta.get_field("title").max_length:
            raise ValidationError({"title": MSG_LINK_TITLE_LONG}, code="title_long")
        group = AppealGroup.objects.create(zone_id=zones.pop(), title=title, created_by=actor)
    count = len(members | set(pks))
    for appeal in locked:
        if appeal.group_id == group.pk:
            continue
        appeal.group = group
        appeal.version += 1
        appeal.save()
        _log_link(appeal, "link", actor, f"关联至“{group.title}”(共{count}件),一并办理、答复")
    return group


@records_actor
@transaction.atomic
def appeal_unlink(*, actor, appeal) -> None:
    """Take an appeal out of its group; a group left with one appeal is dissolved."""
    locked = Appeal.objects.select_for_update(of=("self",)).select_related("group", "lead_department").get(pk=appeal.pk)
    if locked.group_id is None:
        raise ValidationError(MSG_UNLINK_NONE, code="not_linked")
    _check_dispatcher([locked], actor)
    group = locked.group
    rest = list(Appeal.objects.select_for_update(of=("self",)).filter(group=group).exclude(pk=locked.pk)
                .select_related("lead_department").order_by("pk"))
    leaving = [locked] + (rest if len(rest) < 2 else [])
    for a in leaving:
        a.group = None
        a.version += 1
        a.save()
        _log_link(a, "unlink", actor, f"取消关联“{group.title}”" + ("(诉求组已解散)" if len(leaving) > 1 else ""))
    if len(leaving) > 1:
        group.delete()
