from django.db import models


class MeetingStatus(models.TextChoices):
    """A dispatch meeting is prepared as a draft and held once; holding freezes its snapshot."""

    DRAFT = "draft", "筹备中"
    HELD = "held", "已召开"


class TaskState(models.TextChoices):
    """A decision's task: open until done (with a note) or cancelled by the zone leader."""

    OPEN = "open", "办理中"
    DONE = "done", "已办结"
    CANCELLED = "cancelled", "已撤销"
