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
