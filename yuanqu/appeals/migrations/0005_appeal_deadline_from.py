"""Keep what a committed deadline and a response window were worked out from, so one computed while
its year's schedule was unpublished (暂定) can be worked out again once the year is entered.
Existing provisional deadlines are filled in from their history: the count from the note the
service wrote ("10个工作日"), the start from the assignment, the reopening rating or the
supervision that set it. Existing response windows stay as they are (nothing marks which of them
were provisional)."""

import re

from django.db import migrations, models

REOPENING_LEVELS = (1, 2)  # 非常不满意, 不满意: the ratings that reopen an appeal


def fill_in(apps, schema_editor):
    Appeal = apps.get_model("appeals", "Appeal")
    for appeal in Appeal.objects.filter(deadline_provisional=True, deadline__isnull=False).iterator():
        note = appeal.deadline_note or ""
        if note.startswith("重新办理"):
            rating = appeal.ratings.filter(level__in=REOPENING_LEVELS).order_by("-pk").first()
            start = rating.rated_on if rating else None
        elif note == "督办期限":
            supervision = appeal.supervisions.exclude(deadline=None).order_by("-pk").first()
            start = supervision.date if supervision else None
        else:
            assignment = appeal.assignments.filter(current=True).first()
            start = assignment.assigned_on if assignment else None
        count = re.search(r"(\d+)个工作日", note)
        appeal.deadline_from = start
        appeal.deadline_workdays = int(count.group(1)) if count and appeal.deadline_kind == "workdays" else None
        appeal.save(update_fields=["deadline_from", "deadline_workdays"])


class Migration(migrations.Migration):

    dependencies = [
        ('appeals', '0004_assignment_respond_by'),
    ]

    operations = [
        migrations.AddField(
            model_name='appeal',
            name='deadline_from',
            field=models.DateField(blank=True, editable=False, null=True, verbose_name='期限起算日'),
        ),
        migrations.AddField(
            model_name='appeal',
            name='deadline_workdays',
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name='期限工作日数'),
        ),
        migrations.AddField(
            model_name='appealassignment',
            name='respond_provisional',
            field=models.BooleanField(default=False, verbose_name='响应期限暂定'),
        ),
        migrations.AddField(
            model_name='appealassignment',
            name='respond_workdays',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='响应工作日数'),
        ),
        migrations.RunPython(fill_in, migrations.RunPython.noop),
    ]
