from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "yuanqu.accounts"
    label = "accounts"
    verbose_name = "账号与权限"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import RoleAssignment, User

        auditlog.register(
            User, exclude_fields=["password", "last_login", "version"], mask_fields=["phone"]
        )
        auditlog.register(RoleAssignment)
