"""Writes on the inbox. Sending is idempotent per (recipient, dedupe key), so a sender that runs
twice (the tick, two ticks at once, a retried request) delivers each message once.

Messages are rows of the same database, so senders write them in their own transaction: the
record that caused a message and the message are saved together or not at all."""

from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import InboxMessage


def inbox_send(*, recipients: Iterable, title: str, body: str = "", url: str = "", kind: str = InboxMessage.Kind.OTHER,
               dedupe_key: str = "") -> list[InboxMessage]:
    """Send one message to each recipient (users; None and repeats are skipped); returns those created now."""
    created, seen = [], set()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if dedupe_key and InboxMessage.objects.filter(recipient=user, dedupe_key=dedupe_key).exists():
            continue
        try:
            with transaction.atomic():  # a savepoint: a concurrent sender's row wins, ours is dropped
                created.append(InboxMessage.objects.create(
                    recipient=user, title=title[:200], body=body, url=url[:300], kind=kind, dedupe_key=dedupe_key,
                ))
        except IntegrityError:
            continue
    return created


def inbox_mark_read(*, user, message: InboxMessage) -> InboxMessage:
    """Mark the user's own message read (the first reading's time is kept)."""
    if message.recipient_id != user.pk:
        raise InboxMessage.DoesNotExist
    if message.read_at is None:
        message.read_at = timezone.now()  # a record's time: the real clock, as every record timestamp
        InboxMessage.objects.filter(pk=message.pk, read_at__isnull=True).update(read_at=message.read_at)
    return message


def inbox_mark_all_read(*, user) -> int:
    return InboxMessage.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
