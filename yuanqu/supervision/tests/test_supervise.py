"""A leader supervises (督办) a project by hand: recorded, audited, the liaison told; nobody else may."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yuanqu.audit.models import AuditEntry
from yuanqu.common.clock import frozen
from yuanqu.inbox.models import InboxMessage
from yuanqu.supervision.models import Supervision
from yuanqu.supervision.services import (
    MSG_DEADLINE_PAST, MSG_NOT_LEADER, MSG_NOTE_REQUIRED, project_supervise,
)

D = dt.date
TODAY = D(2021, 5, 14)


def url(project):
    return reverse("supervision:project_supervise", args=[project.pk])


def test_a_leader_supervises_and_the_liaison_is_told(world, project_a):
    with frozen(TODAY):
        s = project_supervise(actor=world["leader_a"], project=project_a, note=" 请本周内解决用电接入 ",
                              deadline=D(2021, 5, 21))
    assert (s.note, s.deadline, s.date, s.actor) == ("请本周内解决用电接入", D(2021, 5, 21), TODAY, world["leader_a"])
    [message] = InboxMessage.objects.filter(recipient=world["liaison_a"])
    assert message.kind == "manual" and message.title == "【领导督办】创普开业液晶显示屏生产线项目"
    assert "请本周内解决用电接入" in message.body and "2021年5月21日前办结" in message.body
    entry = AuditEntry.objects.get_for_object(s).get()
    assert entry.actor == world["leader_a"]


def test_the_view_records_it_and_says_whom_it_told(world, project_a, login):
    with frozen(TODAY):
        response = login("leader_a").post(url(project_a), {"supervise-note": "加快进度"}, follow=True)
    assert "已督办,并通知责任人liaison_a。" in response.content.decode()
    assert Supervision.objects.count() == 1
    page = response.content.decode()
    assert "加快进度" in page  # shown on the project page


@pytest.mark.parametrize("persona", ["liaison_a", "investor_a", "dept_a", "city", "enterprise_a"])
def test_who_sees_the_project_but_does_not_lead_its_zone_may_not_supervise(world, project_a, login, persona):
    assert login(persona).post(url(project_a), {"supervise-note": "加快进度"}).status_code == 403
    with pytest.raises(PermissionDenied, match=MSG_NOT_LEADER):
        project_supervise(actor=world[persona], project=project_a, note="加快进度")
    assert not Supervision.objects.exists() and not InboxMessage.objects.exists()


def test_another_zones_leader_does_not_find_the_project(world, project_a, login):
    assert login("leader_b").post(url(project_a), {"supervise-note": "加快进度"}).status_code == 404


@pytest.mark.parametrize("data, error", [
    ({"supervise-note": "  "}, MSG_NOTE_REQUIRED),
    ({"supervise-note": "加快", "supervise-deadline": "2021-05-13"}, MSG_DEADLINE_PAST.format(today=TODAY)),
    ({"supervise-note": "加快", "supervise-deadline": "2021-13-01"}, "办结期限不是有效的日期。"),
    ({"supervise-note": "长" * 501}, "500"),
])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(world, project_a, login, data, error):
    with frozen(TODAY):
        response = login("leader_a").post(url(project_a), data, follow=True)
    assert error in response.content.decode()
    assert not Supervision.objects.exists() and not InboxMessage.objects.exists()


def test_the_service_refuses_an_empty_note_and_a_past_deadline(world, project_a):
    with frozen(TODAY), pytest.raises(ValidationError, match=MSG_NOTE_REQUIRED):
        project_supervise(actor=world["leader_a"], project=project_a, note="")
    with frozen(TODAY), pytest.raises(ValidationError):
        project_supervise(actor=world["leader_a"], project=project_a, note="x", deadline=D(2021, 5, 1))


def test_a_project_without_a_liaison_is_supervised_with_a_warning(world, project_a, login):
    project_a.liaison = None
    project_a.save()
    response = login("leader_a").post(url(project_a), {"supervise-note": "加快进度"}, follow=True)
    assert "尚未指定责任人" in response.content.decode()
    assert Supervision.objects.count() == 1 and not InboxMessage.objects.exists()


def test_the_project_page_shows_the_form_to_its_leader_only(world, project_a, login):
    detail = reverse("projects:project_detail", args=[project_a.pk])
    assert 'name="supervise-note"' in login("leader_a").get(detail).content.decode()
    for persona in ["liaison_a", "city", "enterprise_a"]:
        assert 'name="supervise-note"' not in login(persona).get(detail).content.decode()
    # The ladder and the notes are the committee's own: the owner enterprise sees the lights only.
    enterprise_page = login("enterprise_a").get(detail).content.decode()
    assert "红黄绿灯与督办" in enterprise_page and "领导督办" not in enterprise_page
