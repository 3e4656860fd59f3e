"""Every URL pattern × every persona → the expected status (see yuanqu/testing/matrix.py)."""

import importlib

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from yuanqu.testing.matrix import ANON, Case, all_url_names
from yuanqu.testing.personas import PERSONAS

MATRIX_APPS = [
    "accounts", "audit", "registry", "holidays", "dashboard", "projects",
    "inbox", "supervision", "dispatch", "competitions", "appeals", "api", "indicators", "approvals",
]


def all_cases() -> list[Case]:
    cases = []
    for app in MATRIX_APPS:
        cases += importlib.import_module(f"yuanqu.{app}.tests.matrix").CASES
    return cases


CASES = all_cases()


def test_every_url_pattern_has_a_matrix_entry():
    covered = {c.url_name for c in CASES}
    missing = sorted(all_url_names() - covered)
    assert not missing, f"URL patterns with no permission-matrix entry: {missing}"


def test_matrix_names_only_real_urls():
    unknown = sorted({c.url_name for c in CASES} - all_url_names())
    assert not unknown, f"matrix entries for URLs that do not exist: {unknown}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_status_per_persona(case, world):
    got, want = {}, {}
    for persona in PERSONAS + [ANON]:
        client = Client()
        if persona != ANON:
            client.force_login(world[persona])
        # Each persona's request runs in a savepoint that is rolled back, so one persona's
        # successful POST does not change what the next persona sees.
        with transaction.atomic():
            url = reverse(case.url_name, kwargs=case.kwargs(world))
            response = getattr(client, case.method)(url, data=case.data(world))
            transaction.set_rollback(True)
        got[persona], want[persona] = response.status_code, case.expected(persona)
    wrong = {p: f"got {got[p]}, want {want[p]}" for p in got if got[p] != want[p]}
    assert not wrong, f"{case.id}: {wrong}"
