from django.db import migrations


def forwards(apps, schema_editor):
    from yuanqu.approvals.catalogue import seed

    seed(apps.get_model("approvals", "ApprovalItem"))


class Migration(migrations.Migration):
    dependencies = [("approvals", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
