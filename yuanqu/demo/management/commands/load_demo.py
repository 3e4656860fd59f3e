from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from yuanqu.demo import xiangtan, xiangtan_indicators
from yuanqu.demo.loader import load_xiangtan


class Command(BaseCommand):
    help = "载入湘潭演示数据(报纸版面上的园区、产业园、企业、部门、干部)和各角色的演示账号。"

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("生产模式下不能载入演示数据:演示账号的密码是公开的。请设置 YUANQU_DEMO=true。")
        counts = load_xiangtan()
        # The lights and the escalation ladder as of the demo's today (idempotent, like the load).
        call_command("tick", stdout=self.stdout)
        self.stdout.write(
            "已载入湘潭演示:{zones}个园区、{parks}个产业园(含分期)、{enterprises}家企业、"
            "{departments}个部门、{officials}名干部、{projects}个项目、{accounts}个演示账号。".format(**counts)
        )
        self.stdout.write(xiangtan_indicators.summary())
        self.stdout.write(f"\n演示账号(密码均为 {xiangtan.DEMO_PASSWORD}):")
        for username, display, role, _kind, scope in xiangtan.ACCOUNTS:
            where = scope if isinstance(scope, str) else ("·".join(scope) if scope else "全市")
            self.stdout.write(f"  {username:<11} {display}  范围:{where}")
