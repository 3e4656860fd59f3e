"""The demo accounts sign in with the published password and see what their role lets them see."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.demo import xiangtan
from yuanqu.registry.models import Enterprise, Park

pytestmark = pytest.mark.django_db

LENS = "蓝思科技(湘潭)有限公司"


@pytest.fixture
def demo(xiangtan_demo):
    return xiangtan_demo


def signed_in(username: str) -> Client:
    # Client.login() cannot pass the request django-axes needs; sign in as a browser does.
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": xiangtan.DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not sign in"
    assert response["Location"] == reverse("dashboard:home")
    return client


def names(response) -> set[str]:
    return {row["cells"][0] for row in response.context["table"].rows}


@pytest.mark.parametrize("username", [a[0] for a in xiangtan.ACCOUNTS])
def test_every_demo_account_signs_in_with_the_demo_password(demo, username):
    client = signed_in(username)
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_a_wrong_password_does_not_sign_in(demo):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "leader", "password": "Demo@2020"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("registry:enterprise_list")).status_code == 302


def test_the_leader_of_xiangxiang_sees_its_parks_and_enterprises_and_not_lens(demo):
    client = signed_in("leader")
    parks = names(client.get(reverse("registry:park_list")))
    assert parks == set(Park.objects.filter(zone__short_name="湘乡经开区").values_list("name", flat=True))
    assert "湘潭昭山国家级文化产业园" not in parks
    enterprises = names(client.get(reverse("registry:enterprise_list")))
    assert enterprises == set(Enterprise.objects.filter(zone__short_name="湘乡经开区").values_list("name", flat=True))
    assert "湖南创普开业科技有限公司" in enterprises and LENS not in enterprises
    lens = Enterprise.objects.get(name=LENS)
    assert client.get(reverse("registry:enterprise_detail", args=[lens.pk])).status_code == 404


def test_the_leader_filters_the_electronics_park_with_its_phases(demo):
    park = Park.objects.get(name="电子信息产业园")
    response = signed_in("leader").get(reverse("registry:enterprise_list"), {"park": park.pk})
    assert names(response) == {"湖南创普开业科技有限公司", "湘君子电子", "维泰科技", "宜合兴", "新天源"}


def test_the_enterprise_account_sees_only_lens(demo):
    client = signed_in("enterprise")
    assert names(client.get(reverse("registry:enterprise_list"))) == {LENS}
    lens = Enterprise.objects.get(name=LENS)
    assert client.get(reverse("registry:enterprise_detail", args=[lens.pk])).status_code == 200
    for other in Enterprise.objects.exclude(pk=lens.pk):
        assert client.get(reverse("registry:enterprise_detail", args=[other.pk])).status_code == 404, other.name
    export = load_workbook(io.BytesIO(client.get(reverse("registry:enterprise_export")).content)).active
    rows = list(export.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [LENS]
