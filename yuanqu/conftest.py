import os

import pytest
from django.test import Client

from yuanqu.testing.personas import build_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API inside live_server tests


@pytest.fixture(autouse=True)
def _plain_static_storage(settings, tmp_path):
    # Hashed static names need collectstatic; tests render templates without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.YUANQU_FROZEN_TODAY = ""


@pytest.fixture(scope="module")
def xiangtan_demo(django_db_setup, django_db_blocker):
    """The whole Xiangtan demo, loaded once for a test module and rolled back after it (its counts).
    Each test still runs in its own savepoint inside, so what one test changes the next does not see;
    loading it per test cost about 4 s a test."""
    from django.db import transaction

    from yuanqu.demo.loader import load_xiangtan

    with django_db_blocker.unblock():
        with transaction.atomic():
            counts = load_xiangtan()
            yield counts
            transaction.set_rollback(True)


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def login(world):
    """login("leader_a") → a test client signed in as that persona."""

    def _login(name: str) -> Client:
        client = Client()
        client.force_login(world[name])
        return client

    return _login
