"""Registry services check the actor's scope themselves, whatever the view did."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.audit.models import AuditEntry
from yuanqu.common.services import MSG_STALE
from yuanqu.registry import services
from yuanqu.registry.models import Enterprise, Zone
from yuanqu.registry.services import MSG_OUT_OF_SCOPE


def test_creating_in_a_zone_outside_the_scope_is_refused(world):
    with pytest.raises(PermissionDenied) as exc:
        services.enterprise_create(actor=world["leader_a"], data={"name": "湘君子电子", "zone": world.zone_b})
    assert str(exc.value) == MSG_OUT_OF_SCOPE
    assert not Enterprise.objects.filter(name="湘君子电子").exists()


def test_moving_a_record_out_of_the_scope_is_refused(world):
    with pytest.raises(PermissionDenied) as exc:
        services.park_update(actor=world["leader_a"], park=world.park_a, version=1, data={"zone": world.zone_b})
    assert str(exc.value) == MSG_OUT_OF_SCOPE
    world.park_a.refresh_from_db()
    assert world.park_a.zone == world.zone_a


def test_a_viewer_cannot_write(world):
    with pytest.raises(PermissionDenied):
        services.official_update(actor=world["dept_a"], official=world.official_a, version=1, data={"position": "x"})


def test_only_the_system_admin_creates_zones(world):
    data = {"name": "湖南湘乡经济开发区", "short_name": "湘乡经开区"}
    with pytest.raises(PermissionDenied):
        services.zone_create(actor=world["leader_a"], data=data)
    zone = services.zone_create(actor=world["sysadmin"], data=data)
    assert Zone.objects.get(short_name="湘乡经开区") == zone


def test_a_create_validates_before_saving(world):
    with pytest.raises(ValidationError) as exc:
        services.enterprise_create(actor=world["leader_a"], data={
            "name": "湘君子电子", "zone": world.zone_a, "credit_code": "914403001922038217"})
    assert set(exc.value.message_dict) == {"credit_code"}
    assert not Enterprise.objects.filter(name="湘君子电子").exists()


def test_an_update_is_versioned_and_audited_in_the_same_transaction(world):
    entries = AuditEntry.objects.get_for_object(world.enterprise_a).count()
    updated = services.enterprise_update(actor=world["leader_a"], enterprise=world.enterprise_a, version=1,
                                         data={"industry": "电气装备"})
    assert (updated.industry, updated.version) == ("电气装备", 2)
    entry = AuditEntry.objects.get_for_object(world.enterprise_a).latest("id")
    assert AuditEntry.objects.get_for_object(world.enterprise_a).count() == entries + 1
    assert entry.changes_dict["industry"] == ["电子信息", "电气装备"]
    with pytest.raises(ValidationError) as exc:
        services.enterprise_update(actor=world["leader_a"], enterprise=world.enterprise_a, version=1,
                                   data={"industry": "新材料"})
    assert exc.value.messages == [MSG_STALE]
