import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanqu.settings")

application = get_asgi_application()

from yuanqu.accounts.guards import refuse_demo_accounts_in_production  # noqa: E402

refuse_demo_accounts_in_production()
