"""Signing in: the Chinese login form and django-axes' lockout, keyed on the username.

Client.login() bypasses axes (it has no request), so these tests POST to the login page.
"""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from yuanqu.accounts.forms import LoginForm
from yuanqu.accounts.views import MSG_LOCKED
from yuanqu.testing.factories import PASSWORD, UserFactory

LOGIN = reverse("accounts:login")
WRONG = "Wrong#pass1"


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


def post_login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def fail_five_times(client, username):
    for _ in range(5):
        post_login(client, username, WRONG)


def test_right_password_signs_in_and_goes_home(alice):
    client = Client()
    response = post_login(client, "alice", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_wrong_password_shows_the_chinese_error_and_warns_of_lockout(alice):
    response = post_login(Client(), "alice", WRONG)
    assert response.status_code == 200
    assert LoginForm.error_messages["invalid_login"] in response.content.decode()
    assert "_auth_user_id" not in response.client.session


def test_four_failures_do_not_lock(alice):
    client = Client()
    for _ in range(4):
        post_login(client, "alice", WRONG)
    assert post_login(client, "alice", PASSWORD).status_code == 302


def test_five_failures_lock_the_username_even_for_the_right_password(alice):
    client = Client()
    fail_five_times(client, "alice")
    response = post_login(client, "alice", PASSWORD)
    assert response.status_code == 429
    assert MSG_LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_follows_the_username_to_another_address(alice):
    fail_five_times(Client(REMOTE_ADDR="10.0.0.1"), "alice")
    assert post_login(Client(REMOTE_ADDR="10.0.0.2"), "alice", PASSWORD).status_code == 429


def test_lockout_does_not_lock_another_username_from_the_same_address(alice):
    UserFactory(username="bob")
    client = Client(REMOTE_ADDR="10.0.0.1")  # one NAT address for the whole office
    fail_five_times(client, "alice")
    assert post_login(client, "bob", PASSWORD).status_code == 302


def test_lockout_ends_after_thirty_minutes(alice, settings):
    client = Client()
    fail_five_times(client, "alice")
    assert settings.AXES_COOLOFF_TIME == 0.5
    AccessAttempt.objects.filter(username="alice").update(
        attempt_time=timezone.now() - dt.timedelta(minutes=31)
    )
    assert post_login(client, "alice", PASSWORD).status_code == 302


def test_lockout_still_holds_at_twenty_nine_minutes(alice):
    client = Client()
    fail_five_times(client, "alice")
    AccessAttempt.objects.filter(username="alice").update(
        attempt_time=timezone.now() - dt.timedelta(minutes=29)
    )
    assert post_login(client, "alice", PASSWORD).status_code == 429


def test_successful_login_resets_the_failure_count(alice):
    client = Client()
    for _ in range(4):
        post_login(client, "alice", WRONG)
    post_login(client, "alice", PASSWORD)
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        post_login(client, "alice", WRONG)
    assert post_login(client, "alice", PASSWORD).status_code == 302


def test_inactive_user_cannot_sign_in(alice):
    alice.is_active = False
    alice.save()
    response = post_login(Client(), "alice", PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in response.client.session


def test_signed_in_user_visiting_login_goes_home(world, login):
    response = login("leader_a").get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")


def test_logout_signs_out(world):
    client = Client()
    post_login(client, "leader_a", PASSWORD)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
