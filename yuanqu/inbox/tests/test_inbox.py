"""The inbox: each message to its recipient alone, once per key; unread first; read on opening."""

import pytest
from django.urls import reverse

from yuanqu.inbox.models import InboxMessage
from yuanqu.inbox.selectors import inbox_list
from yuanqu.inbox.services import inbox_send


def send(user, key="", title="【提醒】节点逾期", url="/projects/1/"):
    return inbox_send(recipients=[user], title=title, body="正文", url=url, kind="remind", dedupe_key=key)


def test_a_message_with_a_key_is_sent_once_per_recipient(world):
    a, b = world["liaison_a"], world["leader_a"]
    assert len(inbox_send(recipients=[a, b, a, None], title="t", dedupe_key="k")) == 2
    assert inbox_send(recipients=[a, b], title="t", dedupe_key="k") == []
    assert InboxMessage.objects.count() == 2
    send(a), send(a)  # no key: each send is a message
    assert InboxMessage.objects.filter(recipient=a).count() == 3


def test_an_inactive_user_gets_nothing(world):
    user = world["liaison_a"]
    user.is_active = False
    user.save()
    assert send(user) == []


def test_unread_come_first_then_newest(world):
    user = world["liaison_a"]
    send(user, title="旧")
    send(user, title="新")
    read = send(user, title="已读")[0]
    InboxMessage.objects.filter(pk=read.pk).update(read_at=read.created_at)
    assert [m.title for m in inbox_list(user)] == ["新", "旧", "已读"]


def test_opening_a_message_marks_it_read_and_links_to_its_page(world, login):
    [message] = send(world["liaison_a"])
    response = login("liaison_a").get(reverse("inbox:message_open", args=[message.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "正文" in page and 'href="/projects/1/"' in page
    message.refresh_from_db()
    assert message.read_at is not None


def test_a_link_to_another_site_is_not_offered(world, login):
    [message] = send(world["liaison_a"], url="https://evil.example/")
    page = login("liaison_a").get(reverse("inbox:message_open", args=[message.pk])).content.decode()
    assert "evil.example" not in page


@pytest.mark.parametrize("persona", ["leader_a", "city", "secadmin", "auditor", "liaison_a"])
def test_nobody_but_the_recipient_opens_a_message(world, login, persona):
    [message] = send(world["dept_a"])
    assert login(persona).get(reverse("inbox:message_open", args=[message.pk])).status_code == 404
    message.refresh_from_db()
    assert message.read_at is None


def test_the_list_shows_only_ones_own_messages(world, login):
    send(world["dept_a"], title="给部门的消息")
    send(world["liaison_a"], title="给联点责任人的消息")
    page = login("liaison_a").get(reverse("inbox:message_list")).content.decode()
    assert "给联点责任人的消息" in page and "给部门的消息" not in page


def test_mark_all_read_touches_only_ones_own(world, login):
    send(world["liaison_a"]), send(world["liaison_a"]), send(world["dept_a"])
    response = login("liaison_a").post(reverse("inbox:mark_all_read"), follow=True)
    assert "已将2条消息标为已读。" in response.content.decode()
    assert InboxMessage.objects.filter(read_at__isnull=True).get().recipient == world["dept_a"]


def test_the_top_bar_counts_unread_messages(world, login):
    client = login("liaison_a")
    assert "条未读" not in client.get(reverse("dashboard:home")).content.decode()
    send(world["liaison_a"]), send(world["liaison_a"])
    assert 'aria-label="2条未读">2</span>' in client.get(reverse("dashboard:home")).content.decode()
