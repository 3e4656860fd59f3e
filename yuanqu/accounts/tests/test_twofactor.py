"""Two-factor sign-in: required roles must bind an authenticator; bound users must enter a code."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from yuanqu.accounts import twofactor
from yuanqu.audit.models import SecurityEvent
from yuanqu.testing.factories import PASSWORD


@pytest.fixture
def required(settings):
    settings.YUANQU_2FA_ROLES = ["secadmin", "auditor"]


def code(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def bind(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name=twofactor.DEVICE_NAME, confirmed=True)


def kinds() -> list[str]:
    return list(SecurityEvent.objects.order_by("id").values_list("kind", flat=True))


def test_a_required_role_without_an_authenticator_is_sent_to_bind_one(required, login):
    response = login("secadmin").get(reverse("accounts:user_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:twofactor_setup"))
    assert "next=%2Faccounts%2Fusers%2F" in response.url


def test_a_role_that_does_not_require_it_is_not_asked(required, login):
    assert login("leader_a").get(reverse("registry:enterprise_list")).status_code == 200


def test_binding_shows_a_qr_code_and_the_key_and_needs_a_right_code(required, world, login):
    client = login("secadmin")
    page = client.get(reverse("accounts:twofactor_setup"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode() and page.context["secret"]
    device = TOTPDevice.objects.get(user=world["secadmin"], confirmed=False)

    wrong = client.post(reverse("accounts:twofactor_setup"), {"token": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert twofactor.MSG_BAD_CODE in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=world["secadmin"], confirmed=True).exists()

    device.refresh_from_db()
    device.throttling_failure_count = 0  # the failure above throttles an immediate retry
    device.save()
    right = client.post(reverse("accounts:twofactor_setup") + "?next=/accounts/users/", {"token": code(device), "next": "/accounts/users/"})
    assert right.status_code == 302 and right.url == "/accounts/users/"
    assert TOTPDevice.objects.get(user=world["secadmin"]).confirmed
    assert client.get(reverse("accounts:user_list")).status_code == 200
    assert kinds()[-2:] == [SecurityEvent.Kind.OTP_FAILED, SecurityEvent.Kind.OTP_ENROLLED]


def test_a_bound_user_signing_in_is_asked_for_the_code(world):
    device = bind(world["leader_a"])
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "leader_a", "password": PASSWORD})
    assert response.status_code == 302
    follow = client.get(reverse("registry:enterprise_list"))
    assert follow.status_code == 302 and follow.url.startswith(reverse("accounts:twofactor_verify"))

    assert client.post(reverse("accounts:twofactor_verify"), {"token": "12"}).status_code == 400
    ok = client.post(reverse("accounts:twofactor_verify"), {"token": code(device), "next": "/registry/enterprises/"})
    assert ok.status_code == 302 and ok.url == "/registry/enterprises/"
    assert client.get(reverse("registry:enterprise_list")).status_code == 200
    assert SecurityEvent.Kind.OTP_VERIFIED in kinds()


def test_a_wrong_code_is_logged_and_an_immediate_retry_is_throttled(world):
    device = bind(world["leader_a"])
    client = Client()
    client.post(reverse("accounts:login"), {"username": "leader_a", "password": PASSWORD})
    bad = "000000" if code(device) != "000000" else "111111"
    first = client.post(reverse("accounts:twofactor_verify"), {"token": bad})
    assert twofactor.MSG_BAD_CODE in first.content.decode()
    second = client.post(reverse("accounts:twofactor_verify"), {"token": code(device)})
    assert second.status_code == 400
    assert twofactor.MSG_THROTTLED in second.content.decode()
    assert kinds().count(SecurityEvent.Kind.OTP_FAILED) == 2


def test_the_verify_page_rejects_an_outside_next_url(world):
    device = bind(world["leader_a"])
    client = Client()
    client.post(reverse("accounts:login"), {"username": "leader_a", "password": PASSWORD})
    response = client.post(reverse("accounts:twofactor_verify"), {"token": code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/"


def test_signing_out_is_always_possible_before_the_code(required, login):
    assert login("secadmin").post(reverse("accounts:logout")).status_code == 302


def test_a_user_may_unbind_its_own_authenticator_unless_its_role_requires_one(required, world, login):
    bind(world["leader_a"])
    client = login("leader_a")
    # force_login did not pass the second factor; the bound user is asked for it first
    assert client.post(reverse("accounts:twofactor_remove")).url.startswith(reverse("accounts:twofactor_verify"))

    from django.test import RequestFactory

    request = RequestFactory().post("/")
    request.user = world["auditor"]
    bind(world["auditor"])
    with pytest.raises(Exception) as exc:
        twofactor.twofactor_remove(request=request, user=world["auditor"])
    assert twofactor.MSG_REQUIRED in str(exc.value)
    request.user = world["leader_a"]
    twofactor.twofactor_remove(request=request, user=world["leader_a"])
    assert not TOTPDevice.objects.filter(user=world["leader_a"]).exists()


def test_the_security_admin_unbinds_a_lost_phone(world, login):
    bind(world["auditor"])
    response = login("secadmin").post(reverse("accounts:twofactor_reset", args=[world["auditor"].pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=world["auditor"]).exists()
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.OTP_RESET)
    assert (event.actor, event.detail) == (world["secadmin"], {"user": "auditor"})


def test_production_requires_two_factor_of_the_three_administrators():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("YUANQU_")}
    env.update(YUANQU_SECRET_KEY="k" * 60, DJANGO_SETTINGS_MODULE="yuanqu.settings")
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; print(','.join(settings.YUANQU_2FA_ROLES))"],
        env=env, capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == "sysadmin,secadmin,auditor"
