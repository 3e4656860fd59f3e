"""On PostgreSQL the database itself refuses to update or delete audit rows, whatever the client.

(SQLite, the embedded default, relies on the models' guards: a trigger there would also block the
test suite's table flushes, which PostgreSQL does with TRUNCATE, untouched by row triggers.)
"""

from django.db import migrations

TABLES = ("audit_auditentry", "audit_securityevent")

FORWARD = """
CREATE OR REPLACE FUNCTION yuanqu_audit_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '审计记录不可修改或删除 (audit records are append-only)';
END;
$$ LANGUAGE plpgsql;
""" + "".join(
    f"CREATE TRIGGER {t}_immutable BEFORE UPDATE OR DELETE ON {t} "
    f"FOR EACH ROW EXECUTE FUNCTION yuanqu_audit_immutable();\n"
    for t in TABLES
)

BACKWARD = "".join(f"DROP TRIGGER IF EXISTS {t}_immutable ON {t};\n" for t in TABLES) + (
    "DROP FUNCTION IF EXISTS yuanqu_audit_immutable();"
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_otp_event_kinds")]

    operations = [migrations.RunPython(forward, backward)]
