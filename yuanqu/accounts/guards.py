"""Refuse to serve production while the demo's well-known accounts exist."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MSG_DEMO_ACCOUNTS = (
    "生产模式拒绝启动:数据库中存在演示账号({names})。演示账号的密码是公开的,"
    "请删除这些账号或改用演示模式(YUANQU_DEMO=true)。"
)


def refuse_demo_accounts_in_production() -> None:
    if not settings.PRODUCTION:
        return
    from django.db import connection
    from django.db.utils import DatabaseError

    from .models import User

    try:
        if "accounts_user" not in connection.introspection.table_names():
            return
        names = list(User.objects.filter(is_demo=True).values_list("username", flat=True)[:5])
    except DatabaseError:
        return
    if names:
        raise ImproperlyConfigured(MSG_DEMO_ACCOUNTS.format(names=", ".join(names)))
