"""The list of appeal categories: the system administrator adds, renames, reorders or retires them.
A category in use is never deleted (appeals keep theirs); it is retired (停用) instead."""

from django.db import transaction

from yuanqu.audit.context import records_actor

from .models import AppealCategory


@records_actor
@transaction.atomic
def category_save(*, actor, form) -> AppealCategory:
    """Save a validated CategoryForm (create or edit); the change log names the actor."""
    return form.save()
