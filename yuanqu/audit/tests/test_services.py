"""The address both logs record for a request (audit.services.client_addr)."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from yuanqu.audit.models import AuditEntry, SecurityEvent
from yuanqu.audit.services import client_addr


def request_with(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", **meta)


@pytest.mark.parametrize("forwarded", [None, "203.0.113.5", "203.0.113.5, 10.0.0.1", "<script>"])
def test_without_trusted_proxies_the_header_is_ignored(forwarded, settings):
    # Anyone can send X-Forwarded-For; unless the operator says a proxy of its own adds it, the
    # connection's own address is the only one to believe.
    settings.YUANQU_TRUSTED_PROXIES = 0
    meta = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    assert client_addr(request_with(**meta)) == "10.0.0.9"


@pytest.mark.parametrize("forwarded, expected", [
    (None, "10.0.0.9"),
    ("203.0.113.5", "203.0.113.5"),
    # The client forged the first entry; the trusted proxy appended the address it really saw.
    ("198.51.100.66, 203.0.113.5", "203.0.113.5"),
    ("203.0.113.5:4431", "203.0.113.5"),
    ("[2001:db8::1]:4431", "2001:db8::1"),
    # A malformed header falls back to the peer's address: it must neither put junk in the log nor
    # break the write (PostgreSQL's inet column refuses it).
    ("<script>", "10.0.0.9"),
    ("unknown", "10.0.0.9"),
    ("", "10.0.0.9"),
])
def test_behind_one_trusted_proxy_the_last_hop_is_the_client(forwarded, expected, settings):
    settings.YUANQU_TRUSTED_PROXIES = 1
    meta = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    assert client_addr(request_with(**meta)) == expected


def test_behind_two_trusted_proxies_the_second_hop_from_the_end_is_the_client(settings):
    settings.YUANQU_TRUSTED_PROXIES = 2
    request = request_with(HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.5, 10.0.0.2")
    assert client_addr(request) == "203.0.113.5"


def test_client_addr_without_a_request_is_none():
    assert client_addr(None) is None


def test_malformed_forwarded_header_does_not_reach_either_log(world, settings):
    settings.YUANQU_TRUSTED_PROXIES = 1
    client = Client(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="not-an-address")
    client.post(reverse("accounts:login"), {"username": "nobody", "password": "Wrong#pass1"})
    client.force_login(world["secadmin"])
    client.post(reverse("accounts:role_assign", args=[world["nobody"].pk]), {"role": "city"})
    assert SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN_FAILED).remote_addr == "10.0.0.9"
    assert AuditEntry.objects.latest("id").remote_addr == "10.0.0.9"
