"""`yuanqu tick`: the time-driven work (lights, reminders, escalation), for a timer to call daily or
hourly. Idempotent: run twice in a row, the second run changes nothing. Steps come from each app's
ticks.py (see supervision/tick_registry.py)."""

from django.core.management.base import BaseCommand, CommandError

from yuanqu.common import clock
from yuanqu.supervision.tick_registry import run_ticks, steps

COUNT_LABELS = {
    "lights_changed": "灯号变化的项目", "remind": "提醒", "supervise": "督办", "notify": "通报", "messages": "发送消息",
    "auto_rated": "默认评价的诉求", "recomputed": "重算期限的审批事项",
    "appeals_moved": "期限改动的诉求", "appeals_confirmed": "期限不再暂定的诉求",
    "appeal_responses_moved": "响应期限改动的分派",
}


class Command(BaseCommand):
    help = "运行定时任务:刷新红黄绿灯、逾期提醒 → 督办 → 通报。可重复运行,第二次不会重复提醒。"

    def add_arguments(self, parser):
        parser.add_argument("--only", action="append", metavar="STEP",
                            help="只运行这一步(可重复);可选:" + "、".join(s.name for s in steps()))

    def handle(self, *args, only=None, **options):
        today = clock.today()
        try:
            results = run_ticks(today, only=only)
        except KeyError as exc:
            raise CommandError(f"没有这一步:{exc.args[0]}")
        total = 0
        for step, counts in results:
            total += sum(counts.values())
            shown = "、".join(f"{COUNT_LABELS.get(k, k)}{v}" for k, v in counts.items() if v) or "无变化"
            self.stdout.write(f"{step.label}:{shown}")
        self.stdout.write(f"{today:%Y-%m-%d} 定时任务完成" + ("" if total else ",没有任何变化。"))
