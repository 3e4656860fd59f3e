"""The supervision app's steps of `yuanqu tick`: lights first, then the ladder they light."""

from .services import escalations_run, lights_refresh
from .tick_registry import tick_step


@tick_step("lights", label="红黄绿灯", order=10)
def lights(today):
    return lights_refresh(today=today)


@tick_step("escalations", label="逾期升级(提醒 → 督办 → 通报)", order=20)
def escalations(today):
    return escalations_run(today=today)
