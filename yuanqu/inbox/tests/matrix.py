"""Permission matrix of the inbox pages (see yuanqu/testing/matrix.py): everyone signed in has an
inbox; a message is its recipient's alone, anyone else gets 404."""

from yuanqu.testing.matrix import EVERYONE, Case


def _message(w):
    from yuanqu.inbox.models import InboxMessage

    message, _ = InboxMessage.objects.get_or_create(recipient=w["liaison_a"], dedupe_key="matrix",
                                                    defaults={"title": "【提醒】测试"})
    return {"pk": message.pk}


CASES = [
    Case("inbox:message_list", ok=EVERYONE),
    Case("inbox:message_open", ok={"liaison_a"}, hidden=EVERYONE - {"liaison_a"}, kwargs=_message),
    Case("inbox:mark_all_read", method="post", ok=EVERYONE, ok_status=302),
]
