"""IdleTimeoutMiddleware: a session idle longer than SESSION_IDLE_MINUTES is signed out."""

import time

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from yuanqu.accounts.middleware import MSG_IDLE, IdleTimeoutMiddleware
from yuanqu.audit.models import SecurityEvent

KEY = IdleTimeoutMiddleware.KEY
HOME = reverse("dashboard:home")


def idle_for(client, seconds):
    session = client.session
    session[KEY] = time.time() - seconds
    session.save()


@pytest.fixture
def client_a(login, settings):
    settings.SESSION_IDLE_MINUTES = 30
    return login("leader_a")


def test_first_request_stamps_the_session(client_a):
    assert KEY not in client_a.session
    assert client_a.get(HOME).status_code == 200
    assert time.time() - client_a.session[KEY] < 5


def test_session_idle_longer_than_the_limit_is_signed_out(client_a):
    idle_for(client_a, 31 * 60)
    response = client_a.get(HOME + "?tab=x")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/%3Ftab%3Dx"
    assert "_auth_user_id" not in client_a.session
    # The login page says why.
    assert MSG_IDLE.format(minutes=30) in client_a.get(response["Location"]).content.decode()
    # Signed out for good: the next request is anonymous too.
    assert client_a.get(HOME).status_code == 302


def test_idle_sign_out_is_recorded_as_a_logout(client_a, world):
    idle_for(client_a, 31 * 60)
    client_a.get(HOME)
    [event] = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGOUT)
    assert event.actor == world["leader_a"]


def test_session_active_within_the_limit_stays_signed_in(client_a):
    idle_for(client_a, 29 * 60)
    assert client_a.get(HOME).status_code == 200
    assert client_a.session["_auth_user_id"]


def test_each_request_restarts_the_idle_clock(client_a):
    idle_for(client_a, 29 * 60)
    client_a.get(HOME)
    assert time.time() - client_a.session[KEY] < 5


def test_stamp_is_not_rewritten_within_a_minute(client_a):
    idle_for(client_a, 30)
    stamp = client_a.session[KEY]
    client_a.get(HOME)
    assert client_a.session[KEY] == stamp


def test_limit_comes_from_the_setting(client_a, settings):
    settings.SESSION_IDLE_MINUTES = 5
    idle_for(client_a, 6 * 60)
    response = client_a.get(HOME)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [MSG_IDLE.format(minutes=5)]


def test_an_idle_api_call_gets_401_json_not_a_login_page(client_a):
    idle_for(client_a, 31 * 60)
    response = client_a.get("/api/appeals/")
    assert response.status_code == 401
    assert response.json()["detail"] == MSG_IDLE.format(minutes=30)


def test_an_api_call_before_the_second_factor_gets_401_json(login, settings):
    from yuanqu.accounts.middleware import MSG_TWOFACTOR

    settings.YUANQU_2FA_ROLES = ["leader"]
    response = login("leader_a").get("/api/appeals/")
    assert response.status_code == 401 and response.json()["detail"] == MSG_TWOFACTOR
