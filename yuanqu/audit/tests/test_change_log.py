"""The change log: every create, update and delete names who, from where, what, and the values
before and after, and is written in the same transaction as the change."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import reverse

from yuanqu.accounts import services as accounts
from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.audit.models import AuditEntry
from yuanqu.registry import services as registry
from yuanqu.registry.models import Enterprise
from yuanqu.testing.factories import PASSWORD

Action = AuditEntry.Action


def entries_for(obj):
    ct = ContentType.objects.get_for_model(obj)
    return list(AuditEntry.objects.filter(content_type=ct, object_pk=str(obj.pk)).order_by("id"))


def last_entry_for(obj) -> AuditEntry:
    return entries_for(obj)[-1]


def enterprise_form(e, **changes):
    data = {
        "name": e.name, "credit_code": e.credit_code, "zone": e.zone_id, "park": e.park_id or "",
        "industry": e.industry, "scale": e.scale, "address": e.address, "contact_name": e.contact_name,
        "contact_phone": e.contact_phone, "note": e.note, "version": e.version,
    }
    return {**data, **changes}


# -- through a page: actor and address from the request ------------------------------------------


def test_update_through_the_page_records_actor_address_and_values(world):
    e = world.enterprise_a
    client = Client(REMOTE_ADDR="10.8.8.8")
    client.force_login(world["leader_a"])
    response = client.post(reverse("registry:enterprise_edit", args=[e.pk]), enterprise_form(e, industry="新材料", scale="above"))
    assert response.status_code == 302
    entry = last_entry_for(e)
    assert (entry.action, entry.actor, entry.remote_addr, entry.object_repr) == (
        Action.UPDATE, world["leader_a"], "10.8.8.8", "湖南甲科技有限公司",
    )
    assert entry.changes["industry"] == ["电子信息", "新材料"]
    assert entry.changes["scale"] == ["below", "above"]


def test_create_through_the_page_records_the_new_values(world):
    client = Client(REMOTE_ADDR="10.8.8.9")
    client.force_login(world["leader_a"])
    data = {"name": "湖南新来科技有限公司", "zone": world.zone_a.pk, "scale": "below", "industry": "新能源"}
    response = client.post(reverse("registry:enterprise_create"), data)
    assert response.status_code == 302
    entry = last_entry_for(Enterprise.objects.get(name="湖南新来科技有限公司"))
    assert (entry.action, entry.actor, entry.remote_addr) == (Action.CREATE, world["leader_a"], "10.8.8.9")
    assert entry.changes["name"] == [None, "湖南新来科技有限公司"]
    assert entry.changes["industry"] == [None, "新能源"]


def test_refused_update_through_the_page_records_nothing(world):
    e = world.enterprise_a
    before = len(entries_for(e))
    client = Client()
    client.force_login(world["leader_a"])
    response = client.post(reverse("registry:enterprise_edit", args=[e.pk]), enterprise_form(e, contact_phone="12345"))
    assert response.status_code == 400
    assert len(entries_for(e)) == before


def test_role_grant_and_revoke_through_the_pages_name_the_security_admin(world):
    client = Client(REMOTE_ADDR="10.9.9.9")
    client.force_login(world["secadmin"])
    nobody = world["nobody"]
    client.post(reverse("accounts:role_assign", args=[nobody.pk]), {"role": "leader", "zone": world.zone_b.pk})
    assignment = nobody.roles.get()
    client.post(reverse("accounts:role_revoke", args=[nobody.pk, assignment.pk]))
    created, deleted = entries_for(assignment)
    assert (created.action, created.actor, created.remote_addr) == (Action.CREATE, world["secadmin"], "10.9.9.9")
    assert created.changes["role"] == [None, "leader"]
    assert (deleted.action, deleted.actor, deleted.object_repr) == (Action.DELETE, world["secadmin"], "园区领导(乙园区)")
    assert deleted.changes["role"] == ["leader", None]


# -- through a service, with no request: the service's actor -------------------------------------


def test_user_update_by_service_records_the_actor_and_values(world):
    nobody = world["nobody"]
    accounts.user_update(actor=world["secadmin"], user=nobody, version=1, name="无名氏", email="w@example.com")
    entry = last_entry_for(nobody)
    assert (entry.action, entry.actor, entry.remote_addr) == (Action.UPDATE, world["secadmin"], None)
    assert entry.changes["name"] == ["nobody", "无名氏"]
    assert entry.changes["email"] == ["", "w@example.com"]


def test_user_phone_is_masked_in_the_change_log(world):
    accounts.user_update(actor=world["secadmin"], user=world["nobody"], version=1, name="nobody", phone="13812345678")
    old, new = last_entry_for(world["nobody"]).changes["phone"]
    assert "13812345678" not in new and new.endswith("5678")


def test_user_create_by_service_records_no_password(world):
    user = accounts.user_create(actor=world["secadmin"], username="newbie", name="新人", password="Xiangtan#2021")
    [entry] = entries_for(user)
    assert (entry.action, entry.actor) == (Action.CREATE, world["secadmin"])
    assert entry.changes["username"] == [None, "newbie"]
    assert "password" not in entry.changes
    assert user.password not in str(entry.changes)


def test_password_reset_is_recorded_without_the_password(world):
    nobody = world["nobody"]
    accounts.user_set_password(actor=world["secadmin"], user=nobody, password="Xiangtan#2021")
    entry = last_entry_for(nobody)
    assert (entry.action, entry.actor) == (Action.UPDATE, world["secadmin"])
    assert entry.changes == {"password": [accounts.PASSWORD_HIDDEN, accounts.PASSWORD_RESET]}
    assert User.objects.get(pk=nobody.pk).password not in str(entry.changes)


def test_own_password_change_is_recorded(world, login):
    client = login("leader_a")
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": "Xiangtan#2021", "new_password2": "Xiangtan#2021",
    })
    assert response.status_code == 302
    entry = last_entry_for(world["leader_a"])
    assert (entry.actor, entry.changes) == (world["leader_a"], {"password": [accounts.PASSWORD_HIDDEN, accounts.PASSWORD_RESET]})


def test_deactivation_is_recorded(world):
    accounts.user_set_active(actor=world["secadmin"], user=world["leader_a"], active=False)
    entry = last_entry_for(world["leader_a"])
    assert (entry.actor, entry.changes) == (world["secadmin"], {"is_active": [True, False]})


def test_role_revoke_by_service_records_a_delete(world):
    assignment = world["leader_b"].roles.get()
    pk = assignment.pk
    accounts.role_revoke(actor=world["secadmin"], assignment=assignment)
    entry = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(RoleAssignment), action=Action.DELETE
    ).get()
    assert (entry.actor, entry.object_pk) == (world["secadmin"], str(pk))


def test_registry_update_by_service_records_the_values(world):
    e = world.enterprise_a
    registry.enterprise_update(actor=world["leader_a"], enterprise=e, version=e.version, data={"industry": "新材料"})
    entry = last_entry_for(e)
    assert entry.action == Action.UPDATE
    assert entry.changes["industry"] == ["电子信息", "新材料"]
    assert entry.changes["version"] == [1, 2]


def test_registry_update_by_service_records_the_actor(world):
    e = world.enterprise_a
    registry.enterprise_update(actor=world["leader_a"], enterprise=e, version=e.version, data={"industry": "新材料"})
    assert last_entry_for(e).actor == world["leader_a"]


def test_actor_of_a_service_does_not_leak_to_later_writes(world):
    accounts.user_update(actor=world["secadmin"], user=world["nobody"], version=1, name="甲")
    e = world.enterprise_a
    e.industry = "新材料"
    e.save()
    assert last_entry_for(e).actor is None


# -- same transaction ----------------------------------------------------------------------------


def test_rolled_back_change_leaves_no_audit_row(world):
    before = AuditEntry.objects.count()
    with transaction.atomic():
        accounts.user_update(actor=world["secadmin"], user=world["nobody"], version=1, name="不作数")
        e = world.enterprise_a
        registry.enterprise_update(actor=world["leader_a"], enterprise=e, version=e.version, data={"industry": "新材料"})
        assert AuditEntry.objects.count() == before + 2
        transaction.set_rollback(True)
    assert AuditEntry.objects.count() == before
    assert User.objects.get(username="nobody").name == "nobody"


def test_change_refused_by_the_database_leaves_no_audit_row(world):
    before = AuditEntry.objects.count()
    with pytest.raises(Exception), transaction.atomic():
        RoleAssignment.objects.create(user=world["auditor"], role="sysadmin")
    assert AuditEntry.objects.count() == before


def test_a_user_with_audit_rows_cannot_be_deleted(world):
    # Deleting would NULL the actor of their audit rows; users are deactivated instead.
    from django.db.models import ProtectedError

    e = world.enterprise_a
    registry.enterprise_update(actor=world["leader_a"], enterprise=e, version=e.version, data={"industry": "新材料"})
    with pytest.raises(ProtectedError):
        world["leader_a"].delete()


def test_the_audit_page_names_fields_in_chinese_and_choices_by_label(world, login):
    from django.urls import reverse

    e = world.enterprise_a
    registry.enterprise_update(actor=world["leader_a"], enterprise=e, version=e.version, data={"scale": "above"})
    body = login("auditor").get(reverse("audit:entry_list")).content.decode()
    assert "规模" in body and "规下" in body and "规上" in body


def test_postgresql_itself_refuses_to_change_or_delete_audit_rows(world):
    from django.db import DatabaseError, connection

    if connection.vendor != "postgresql":
        pytest.skip("the database-level guard is PostgreSQL's; SQLite relies on the models' guards")
    e = world.enterprise_a
    registry.enterprise_update(actor=world["leader_a"], enterprise=e, version=e.version, data={"industry": "新材料"})
    from yuanqu.audit.services import security_event_record

    security_event_record(kind="login", username="leader_a")
    for sql in ("UPDATE audit_auditentry SET object_repr = 'x'", "DELETE FROM audit_auditentry",
                "UPDATE audit_securityevent SET username = 'x'"):
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
