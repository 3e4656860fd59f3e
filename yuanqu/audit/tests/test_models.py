"""Audit records are append-only: no save after create, no delete, no bulk update or delete."""

import pytest
from django.db import transaction
from django.db.models import ProtectedError

from yuanqu.accounts import services
from yuanqu.audit.models import AuditEntry, ImmutableError, SecurityEvent
from yuanqu.audit.services import security_event_record


@pytest.fixture
def entry(world):
    services.user_update(actor=world["secadmin"], user=world["nobody"], version=1, name="改过")
    return AuditEntry.objects.latest("id")


@pytest.fixture
def event(world):
    return security_event_record(kind=SecurityEvent.Kind.LOGIN, actor=world["leader_a"])


@pytest.fixture(params=["entry", "event"])
def record(request):
    return request.getfixturevalue(request.param)


def unchanged(record):
    fresh = type(record).objects.get(pk=record.pk)
    return [getattr(fresh, f.attname) for f in fresh._meta.concrete_fields]


def test_saving_a_record_again_is_refused(record):
    before = unchanged(record)
    record.object_repr = record.username = "篡改"
    with pytest.raises(ImmutableError):
        record.save()
    assert unchanged(record) == before


def test_deleting_a_record_is_refused(record):
    with pytest.raises(ImmutableError):
        record.delete()
    assert type(record).objects.filter(pk=record.pk).exists()


def test_bulk_update_is_refused(record):
    before = unchanged(record)
    with pytest.raises(ImmutableError):
        type(record).objects.filter(pk=record.pk).update(remote_addr="1.2.3.4")
    with pytest.raises(ImmutableError):
        type(record).objects.all().update(remote_addr="1.2.3.4")
    assert unchanged(record) == before


def test_bulk_delete_is_refused(record):
    with pytest.raises(ImmutableError):
        type(record).objects.filter(pk=record.pk).delete()
    with pytest.raises(ImmutableError):
        type(record).objects.all().delete()
    assert type(record).objects.filter(pk=record.pk).exists()


def test_bulk_update_of_instances_is_refused(record):
    before = unchanged(record)
    record.remote_addr = "1.2.3.4"
    # bulk_update's own atomic block has no savepoint; give it one so the test can read on.
    with pytest.raises(ImmutableError), transaction.atomic():
        type(record).objects.bulk_update([record], ["remote_addr"])
    assert unchanged(record) == before


def test_security_event_keeps_its_user_from_deletion(world, event):
    with pytest.raises(ProtectedError):
        world["leader_a"].delete()
    assert SecurityEvent.objects.filter(pk=event.pk, actor=world["leader_a"]).exists()


def test_new_records_can_still_be_written(world):
    before = SecurityEvent.objects.count()
    security_event_record(kind=SecurityEvent.Kind.EXPORT, actor=world["auditor"], what="test")
    assert SecurityEvent.objects.count() == before + 1
