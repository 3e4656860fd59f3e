"""Helpers of the supervision tests: the project fixtures of the projects app, and a tick."""

import io

import pytest
from django.core.management import call_command

from yuanqu.projects.tests.conftest import leader_ab, project_a  # noqa: F401  (fixtures)


@pytest.fixture
def tick():
    """tick() → what `yuanqu tick` printed."""

    def _tick(*args) -> str:
        out = io.StringIO()
        call_command("tick", *args, stdout=out)
        return out.getvalue()

    return _tick
