import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yuanqu.settings")

application = get_wsgi_application()

# Production refuses to serve while the demo's public accounts exist.
from yuanqu.accounts.guards import refuse_demo_accounts_in_production  # noqa: E402

refuse_demo_accounts_in_production()
