from django.db import models


class Light(models.TextChoices):
    """A forcing light, in the order of how bad it is."""

    GREEN = "green", "绿灯"
    YELLOW = "yellow", "黄灯"
    RED = "red", "红灯"


SEVERITY = {Light.GREEN: 0, Light.YELLOW: 1, Light.RED: 2}


class Level(models.TextChoices):
    """The escalation ladder of an overdue milestone: 提醒 → 督办 → 通报."""

    REMIND = "remind", "提醒"
    SUPERVISE = "supervise", "督办"
    NOTIFY = "notify", "通报"


LADDER = [Level.REMIND, Level.SUPERVISE, Level.NOTIFY]
