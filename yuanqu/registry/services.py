"""Writes on the registry. Each checks the actor's scope, validates, saves and (through
django-auditlog's signals) writes the audit row in the same transaction."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from yuanqu.accounts.access import access_for
from yuanqu.audit.context import records_actor
from yuanqu.common.services import versioned_save

from .models import Department, Enterprise, Official, Park, Zone
from .selectors import can_change

MSG_OUT_OF_SCOPE = "您无权在该园区登记或修改。"


def _require(actor, zone_id, perm="registry.change"):
    if not can_change(actor, zone_id, perm):
        raise PermissionDenied(MSG_OUT_OF_SCOPE)


def _create(model, *, actor, data, perm="registry.change"):
    _require(actor, data["zone"].pk, perm)
    obj = model(**data)
    obj.full_clean()
    obj.save()
    return obj


def _update(obj, *, actor, version, data, perm="registry.change"):
    _require(actor, obj.zone_id, perm)
    if "zone" in data:
        _require(actor, data["zone"].pk, perm)
    return versioned_save(obj, version=version, data=data)


@records_actor
@transaction.atomic
def zone_create(*, actor, data: dict) -> Zone:
    if not access_for(actor).has("registry.create_zone"):
        raise PermissionDenied("registry.create_zone")
    zone = Zone(**data)
    zone.full_clean()
    zone.save()
    return zone


@records_actor
@transaction.atomic
def zone_update(*, actor, zone: Zone, version: int | None, data: dict) -> Zone:
    _require(actor, zone.pk, "registry.change_zone")
    return versioned_save(zone, version=version, data=data)


@records_actor
@transaction.atomic
def park_create(*, actor, data: dict) -> Park:
    return _create(Park, actor=actor, data=data)


@records_actor
@transaction.atomic
def park_update(*, actor, park: Park, version: int | None, data: dict) -> Park:
    return _update(park, actor=actor, version=version, data=data)


@records_actor
@transaction.atomic
def department_create(*, actor, data: dict) -> Department:
    return _create(Department, actor=actor, data=data)


@records_actor
@transaction.atomic
def department_update(*, actor, department: Department, version: int | None, data: dict) -> Department:
    return _update(department, actor=actor, version=version, data=data)


@records_actor
@transaction.atomic
def enterprise_create(*, actor, data: dict) -> Enterprise:
    return _create(Enterprise, actor=actor, data=data)


@records_actor
@transaction.atomic
def enterprise_update(*, actor, enterprise: Enterprise, version: int | None, data: dict) -> Enterprise:
    return _update(enterprise, actor=actor, version=version, data=data)


@records_actor
@transaction.atomic
def official_create(*, actor, data: dict) -> Official:
    return _create(Official, actor=actor, data=data)


@records_actor
@transaction.atomic
def official_update(*, actor, official: Official, version: int | None, data: dict) -> Official:
    return _update(official, actor=actor, version=version, data=data)
