"""versioned_save: a concurrent save is detected, never silently overwritten."""

import pytest
from django.core.exceptions import ValidationError

from yuanqu.common.services import MSG_STALE, versioned_save
from yuanqu.registry.models import Zone
from yuanqu.testing.factories import ZoneFactory

pytestmark = pytest.mark.django_db


def test_a_save_at_the_current_version_applies_and_bumps_the_version():
    zone = ZoneFactory(slogan="旧")
    saved = versioned_save(zone, version=1, data={"slogan": "大美九华 创业之家"})
    assert saved.version == 2
    assert Zone.objects.get(pk=zone.pk).slogan == "大美九华 创业之家"


def test_a_save_opened_at_an_older_version_is_refused_and_changes_nothing():
    zone = ZoneFactory(slogan="旧")
    versioned_save(zone, version=1, data={"slogan": "第一人"})
    with pytest.raises(ValidationError) as exc:
        versioned_save(zone, version=1, data={"slogan": "第二人"})
    assert exc.value.messages == [MSG_STALE]
    assert exc.value.code == "stale"
    fresh = Zone.objects.get(pk=zone.pk)
    assert (fresh.slogan, fresh.version) == ("第一人", 2)


def test_invalid_data_is_refused_by_full_clean():
    zone = ZoneFactory()
    with pytest.raises(ValidationError) as exc:
        versioned_save(zone, version=1, data={"hotline": "电话"})
    assert "hotline" in exc.value.message_dict
    assert Zone.objects.get(pk=zone.pk).version == 1
