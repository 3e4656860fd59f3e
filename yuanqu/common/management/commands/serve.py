import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "在生产服务器(gunicorn,每核一个进程,静态文件由whitenoise提供)上运行园区。Serve with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("YUANQU_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("YUANQU_WORKERS", os.cpu_count() or 1)))

    def handle(self, *args, host, port, workers, **options):
        from django.core.exceptions import ImproperlyConfigured

        from yuanqu.accounts.guards import refuse_demo_accounts_in_production

        try:
            refuse_demo_accounts_in_production()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        if not (settings.STATIC_ROOT / "staticfiles.json").exists():
            self.stderr.write("静态文件尚未收集,先运行 collectstatic …")
            from django.core.management import call_command

            call_command("collectstatic", interactive=False, verbosity=0)
        argv = [
            sys.executable, "-m", "gunicorn", "yuanqu.wsgi:application",
            "--bind", f"{host}:{port}",
            "--workers", str(workers),
            "--access-logfile", "-",
            "--timeout", "60",
            # gunicorn's control socket has one default path per machine: two instances would fight over it.
            "--no-control-socket",
            "--config", "python:yuanqu.gunicorn_conf",
        ]
        self.stdout.write(f"园区 Yuanqu 正在 http://{host}:{port} 提供服务({workers}个进程)")
        sys.stdout.flush()
        os.execv(sys.executable, argv)
