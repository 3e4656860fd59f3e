from django.db import migrations

# The categories DESIGN names; the system administrator edits the list afterwards.
DEFAULT_CATEGORIES = ["交通出行", "用工招聘", "用地规划", "审批服务", "水电气", "融资", "政策兑现", "环境安全", "其他"]


def create(apps, schema_editor):
    AppealCategory = apps.get_model("appeals", "AppealCategory")
    for order, name in enumerate(DEFAULT_CATEGORIES, start=1):
        AppealCategory.objects.get_or_create(name=name, defaults={"sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("appeals", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
