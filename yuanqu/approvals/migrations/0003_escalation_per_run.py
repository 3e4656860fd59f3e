from django.db import migrations, models
from django.db.models import F, Q


def fill(apps, schema_editor):
    ApprovalEscalation = apps.get_model("approvals", "ApprovalEscalation")
    CaseItem = apps.get_model("approvals", "CaseItem")
    ApprovalItem = apps.get_model("approvals", "ApprovalItem")
    # Steps taken before: their deadline is the only run they knew.
    ApprovalEscalation.objects.update(run=F("deadline"))
    for item in ApprovalItem.objects.all():
        CaseItem.objects.filter(item=item).update(followup_days=item.followup_days)


class Migration(migrations.Migration):
    dependencies = [("approvals", "0002_default_catalogue")]

    operations = [
        migrations.AddField(
            model_name="approvalescalation", name="run",
            field=models.DateField(null=True, help_text="受理日期;承诺核查为承诺办结日期", verbose_name="计时起点"),
        ),
        migrations.AddField(
            model_name="caseitem", name="followup_days",
            field=models.PositiveSmallIntegerField(default=20, help_text="取自目录;承诺办结后按此计算核查期限",
                                                   verbose_name="承诺核查期限(工作日)"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="approvalescalation", name="run",
            field=models.DateField(help_text="受理日期;承诺核查为承诺办结日期", verbose_name="计时起点"),
        ),
        migrations.AlterField(
            model_name="approvalescalation", name="deadline",
            field=models.DateField(help_text="升级时的办结或核查期限", verbose_name="期限"),
        ),
        migrations.RemoveConstraint(model_name="approvalescalation", name="approvals_one_step_per_level"),
        migrations.AddConstraint(
            model_name="approvalescalation",
            constraint=models.UniqueConstraint(fields=("case_item", "run", "followup", "level"),
                                               name="approvals_one_step_per_run_and_level",
                                               violation_error_message="该事项的这一级已升级过。"),
        ),
        migrations.AddIndex(
            model_name="caseitem",
            index=models.Index(condition=Q(provisional=True), fields=["id"], name="approvals_item_provisional_idx"),
        ),
    ]
