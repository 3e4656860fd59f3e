"""Logins, logouts, failed logins and lockouts are written to the security log (audit/receivers.py)."""

from django.test import Client
from django.urls import reverse

from yuanqu.audit.models import SecurityEvent
from yuanqu.testing.factories import PASSWORD

LOGIN = reverse("accounts:login")
Kind = SecurityEvent.Kind


def events(*kinds):
    return list(SecurityEvent.objects.filter(kind__in=kinds).order_by("id"))


def test_login_is_recorded_with_user_and_address(world):
    Client(REMOTE_ADDR="10.2.3.4").post(LOGIN, {"username": "leader_a", "password": PASSWORD})
    [event] = events(Kind.LOGIN)
    assert (event.actor, event.username, event.remote_addr, event.path) == (
        world["leader_a"], "leader_a", "10.2.3.4", LOGIN,
    )


def test_logout_is_recorded(world):
    client = Client()
    client.post(LOGIN, {"username": "leader_a", "password": PASSWORD})
    client.post(reverse("accounts:logout"))
    [event] = events(Kind.LOGOUT)
    assert (event.actor, event.username) == (world["leader_a"], "leader_a")


def test_failed_login_is_recorded_with_the_username_tried_but_not_the_password(world):
    Client(REMOTE_ADDR="10.2.3.4").post(LOGIN, {"username": "leader_a", "password": "Wrong#pass1"})
    [event] = events(Kind.LOGIN_FAILED)
    assert (event.actor, event.username, event.remote_addr) == (None, "leader_a", "10.2.3.4")
    assert "Wrong#pass1" not in str(event.detail)
    assert not events(Kind.LOGIN)


def test_failed_login_for_an_unknown_username_is_recorded(db):
    Client().post(LOGIN, {"username": "ghost", "password": "Wrong#pass1"})
    assert [e.username for e in events(Kind.LOGIN_FAILED)] == ["ghost"]


def test_each_failure_and_the_lockout_are_recorded(world):
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"username": "leader_a", "password": "Wrong#pass1"})
    assert len(events(Kind.LOGIN_FAILED)) == 5
    [lockout] = events(Kind.LOCKOUT)
    assert lockout.username == "leader_a"


def test_attempt_while_locked_is_recorded_and_is_no_login(world):
    client = Client()
    for _ in range(5):
        client.post(LOGIN, {"username": "leader_a", "password": "Wrong#pass1"})
    assert len(events(Kind.LOCKOUT)) == 1
    client.post(LOGIN, {"username": "leader_a", "password": PASSWORD})
    assert not events(Kind.LOGIN)
    assert [e.username for e in events(Kind.LOCKOUT)] == ["leader_a", "leader_a"]


def test_permission_denial_is_recorded_with_path(world, login):
    login("leader_a").get(reverse("audit:entry_list"))
    [event] = events(Kind.DENIED)
    assert (event.actor, event.path) == (world["leader_a"], reverse("audit:entry_list"))
    assert event.detail == {"reason": "audit.view"}
