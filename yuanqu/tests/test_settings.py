"""Production settings: Django's deployment checks pass, a missing secret key stops the start, and
the demo's public accounts cannot run in production.

The settings module is read once per process, so each mode runs in a subprocess with its own env.
"""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from yuanqu.accounts.guards import MSG_DEMO_ACCOUNTS, refuse_demo_accounts_in_production
from yuanqu.accounts.models import User
from yuanqu.testing.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def run(args, tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("YUANQU_", "DJANGO_"))}
    base.update({"DJANGO_SETTINGS_MODULE": "yuanqu.settings", "YUANQU_VAR_DIR": str(tmp_path)}, **env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120,
    )


def random_key(n=60) -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(n))


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = run(["manage.py", "check", "--deploy"], tmp_path,
                 YUANQU_SECRET_KEY=random_key(), YUANQU_ALLOWED_HOSTS="zone.example.gov.cn")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = run(["manage.py", "check"], tmp_path, YUANQU_ALLOWED_HOSTS="zone.example.gov.cn")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "生产模式需要设置 YUANQU_SECRET_KEY" in result.stderr
    assert not (tmp_path / "secret_key").exists()


SHOW = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.DEBUG, s.PRODUCTION, s.SESSION_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.ALLOWED_HOSTS]))"
)


def test_production_is_the_default_mode(tmp_path):
    result = run(["-c", SHOW], tmp_path, YUANQU_SECRET_KEY=random_key())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[false, true, true, true, []]"


def test_demo_mode_keeps_a_private_generated_key_in_var(tmp_path):
    first = run(["-c", "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"],
                tmp_path, YUANQU_DEMO="true")
    assert first.returncode == 0, first.stderr
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == first.stdout.strip()
    assert len(first.stdout.strip()) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600


# -- the demo's public accounts are refused in production ----------------------------------------


def test_production_refuses_to_serve_while_a_demo_account_exists(db, settings):
    settings.PRODUCTION = True
    UserFactory(username="xt_leader", is_demo=True)
    with pytest.raises(ImproperlyConfigured) as exc:
        refuse_demo_accounts_in_production()
    assert str(exc.value) == MSG_DEMO_ACCOUNTS.format(names="xt_leader")


def test_production_serves_without_demo_accounts(db, settings):
    settings.PRODUCTION = True
    UserFactory(username="real_person")
    assert refuse_demo_accounts_in_production() is None


def test_demo_mode_allows_demo_accounts(db, settings):
    settings.PRODUCTION = False
    UserFactory(username="xt_leader", is_demo=True)
    assert refuse_demo_accounts_in_production() is None


def test_serve_command_refuses_in_production_with_demo_accounts(db, settings):
    settings.PRODUCTION = True
    UserFactory(username="xt_leader", is_demo=True)
    with pytest.raises(CommandError) as exc:
        call_command("serve")
    assert str(exc.value) == MSG_DEMO_ACCOUNTS.format(names="xt_leader")


def test_load_demo_refuses_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError) as exc:
        call_command("load_demo")
    assert "生产模式下不能载入演示数据" in str(exc.value)
    assert not User.objects.filter(is_demo=True).exists()


def test_the_suite_runs_on_the_database_it_was_given():
    # `make test-postgres` sets YUANQU_DATABASE_URL; make sure that run is really on PostgreSQL.
    import os

    from django.db import connection

    url = os.environ.get("YUANQU_DATABASE_URL", "")
    assert connection.vendor == ("postgresql" if url.startswith("postgres") else "sqlite")
