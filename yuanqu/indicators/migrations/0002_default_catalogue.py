from django.db import migrations


def forwards(apps, schema_editor):
    from yuanqu.indicators.catalogue import seed

    seed(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
