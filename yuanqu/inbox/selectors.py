"""Reads of the inbox: a user sees its own messages and nobody else's."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from .models import InboxMessage


def inbox_list(user) -> QuerySet[InboxMessage]:
    """The user's messages, unread first, newest first within each."""
    unread_first = Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
    return InboxMessage.objects.filter(recipient=user).order_by(unread_first, "-created_at", "-id")


def inbox_message(user, pk: int) -> InboxMessage:
    """One of the user's own messages; anyone else's is a 404, as if it did not exist."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(InboxMessage, pk=pk, recipient=user)


def unread_count(user) -> int:
    return InboxMessage.objects.filter(recipient=user, read_at__isnull=True).count()
