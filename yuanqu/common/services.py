"""Helpers for services: optimistic locking on a model's version field."""

from django.core.exceptions import ValidationError

MSG_STALE = "该记录已被他人修改(您打开后又有保存),为免覆盖,本次修改未保存。请刷新页面后重新修改。"


def versioned_save(instance, *, version: int | None, data: dict):
    """Apply `data` to the locked current row if nobody saved it since `version`; bump the version."""
    model = type(instance)
    current = model.objects.select_for_update().get(pk=instance.pk)
    if version is not None and current.version != version:
        raise ValidationError(MSG_STALE, code="stale")
    for field, value in data.items():
        setattr(current, field, value)
    current.version += 1
    current.full_clean()
    current.save()
    return current
