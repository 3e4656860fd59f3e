"""The appeals API: the pages' scope and rules, in JSON, with Chinese errors."""

import json
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from yuanqu.api.api import MSG_CSRF, MSG_FIELD_REQUIRED, MSG_NOT_FOUND, MSG_UNAUTHENTICATED
from yuanqu.appeals import services
from yuanqu.appeals.models import Appeal

URL = "/api/appeals/"


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_enterprise_lists_only_its_own_appeals(login, make_appeal, world):
    own = make_appeal(enterprise=world.enterprise_a)
    make_appeal(enterprise=world.enterprise_b)
    body = login("enterprise_a").get(URL).json()
    assert body["count"] == 1
    assert [a["id"] for a in body["items"]] == [own.pk]
    item = body["items"][0]
    assert item["enterprise"]["name"] == world.enterprise_a.name
    assert item["state_label"] == "待分派" and item["channel"] == "portal"


def test_enterprise_gets_404_for_another_enterprises_appeal(login, make_appeal, world):
    other = make_appeal(enterprise=world.enterprise_b)
    response = login("enterprise_a").get(f"{URL}{other.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": MSG_NOT_FOUND}
    assert login("enterprise_b").get(f"{URL}{other.pk}").json()["content"] == other.content


def test_the_list_filters_and_pages(login, make_appeal, world):
    handling = make_appeal("handling", title="用电增容")
    make_appeal(title="招工难")
    client = login("leader_a")
    assert [a["id"] for a in client.get(URL, {"state": "handling"}).json()["items"]] == [handling.pk]
    assert [a["id"] for a in client.get(URL, {"q": "增容"}).json()["items"]] == [handling.pk]
    assert client.get(URL, {"page_size": 1, "page": 2}).json()["count"] == 2
    bad = client.get(URL, {"state": "nonsense"})
    assert bad.status_code == 400 and "state" in bad.json()["errors"]


def test_the_list_costs_the_same_queries_with_more_rows(login, make_appeal, world):
    client = login("city")
    make_appeal("handling")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx)

    count()  # the first request of a session also writes the session
    few = count()
    for _ in range(5):
        make_appeal("handling", enterprise=world.enterprise_b)
    assert count() == few


def test_an_enterprise_files_an_appeal_for_itself(login, world, category, today):
    response = post(login("enterprise_a"), URL, {"category": category.pk, "title": "厂门前驾考路线调整",
                                                "content": "驾考车辆占用厂门前道路。"})
    assert response.status_code == 201, response.content
    appeal = Appeal.objects.get()
    assert response.json()["id"] == appeal.pk
    assert (appeal.enterprise, appeal.channel, appeal.taken_by) == (world.enterprise_a, "portal", world["enterprise_a"])


def test_staff_take_an_appeal_by_phone_for_an_enterprise_of_their_zone(login, world, category, today):
    body = {"enterprise": world.enterprise_a.pk, "category": category.pk, "title": "用电增容",
            "content": "新厂房需要增容。", "channel": "phone"}
    assert post(login("leader_a"), URL, body).status_code == 201
    refused = post(login("leader_b"), URL, body)
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"enterprise": ["企业不存在,或不在您可登记诉求的范围内。"]}
    assert Appeal.objects.count() == 1


def test_bad_input_is_400_in_chinese_and_nothing_is_saved(login, world, category, today):
    client = login("enterprise_a")
    blank = post(client, URL, {"category": category.pk, "title": "   ", "content": "内容"})
    assert blank.status_code == 400
    assert blank.json() == {"detail": services.MSG_TITLE_REQUIRED, "errors": {"title": [services.MSG_TITLE_REQUIRED]}}
    missing = post(client, URL, {"title": "用电增容", "content": "内容"})
    assert missing.status_code == 400
    assert missing.json()["errors"] == {"category": [MSG_FIELD_REQUIRED]}
    portal_by_staff = post(login("leader_a"), URL, {"enterprise": world.enterprise_a.pk, "category": category.pk,
                                                  "title": "用电增容", "content": "内容", "channel": "portal"})
    assert portal_by_staff.json()["detail"] == services.MSG_PORTAL_STAFF
    not_json = client.post(URL, data="{title", content_type="application/json")
    assert not_json.status_code == 400 and not_json.json()["detail"]
    assert not Appeal.objects.exists()


def test_a_user_without_intake_rights_may_not_file(login, world, category, today):
    response = post(login("dept_a"), URL, {"enterprise": world.enterprise_a.pk, "category": category.pk,
                                         "title": "用电增容", "content": "内容", "channel": "phone"})
    assert response.status_code == 403
    assert response.json() == {"detail": "您无权执行此操作。"}


def test_the_enterprise_rates_the_answer(login, make_appeal):
    appeal = make_appeal("answered")
    client = login("enterprise_a")
    no_reason = post(client, f"{URL}{appeal.pk}/rate", {"level": 2})
    assert no_reason.status_code == 400
    assert no_reason.json()["errors"] == {"comment": [services.MSG_COMMENT_REQUIRED]}
    response = post(client, f"{URL}{appeal.pk}/rate", {"level": 5, "comment": "感谢"})
    assert response.status_code == 200
    assert response.json()["state"] == "closed" and response.json()["rating"] == 5
    again = post(client, f"{URL}{appeal.pk}/rate", {"level": 5})
    assert again.status_code == 400 and "已办结" in again.json()["detail"]


def test_only_the_enterprise_may_rate(login, make_appeal):
    appeal = make_appeal("answered")
    response = post(login("dept_a"), f"{URL}{appeal.pk}/rate", {"level": 5})
    assert response.status_code == 403
    assert response.json()["detail"] == "您无权对该诉求执行“评价”。"
    assert post(login("enterprise_b"), f"{URL}{appeal.pk}/rate", {"level": 5}).status_code == 404


def test_unauthenticated_requests_get_401(make_appeal, category):
    appeal = make_appeal()
    client = Client()
    for response in (client.get(URL), client.get(f"{URL}{appeal.pk}"),
                     post(client, URL, {"category": category.pk, "title": "t", "content": "c"})):
        assert response.status_code == 401
        assert response.json() == {"detail": MSG_UNAUTHENTICATED}


def test_writes_need_the_csrf_token(world, make_appeal):
    appeal = make_appeal("answered")
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["enterprise_a"])
    assert client.get(URL).status_code == 200  # reads do not
    response = post(client, f"{URL}{appeal.pk}/rate", {"level": 5})
    assert response.status_code == 403 and response.json()["detail"] == MSG_CSRF
    client.get("/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = client.post(f"{URL}{appeal.pk}/rate", data=json.dumps({"level": 5}), content_type="application/json",
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_the_openapi_document_is_served(login):
    client = login("enterprise_a")
    doc = client.get("/api/openapi.json").json()
    assert doc["info"]["title"] == "园区 Yuanqu API" and doc["info"]["version"] == "1"
    assert {"/api/appeals/", "/api/appeals/{appeal_id}", "/api/appeals/{appeal_id}/rate"} <= set(doc["paths"])
    assert set(doc["paths"]["/api/appeals/"]) == {"get", "post"}
    page = client.get("/api/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/api/openapi.json" in html
    # Everything the page loads is served by us: no script, style or image from another host.
    # (Matching the word "cdn" anywhere failed when a random CSRF token happened to contain it.)
    sources = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']*)', html)
    assert sources and not [s for s in sources if re.match(r"(?i)(https?:)?//", s)]


def test_the_document_needs_a_sign_in():
    assert Client().get("/api/openapi.json").status_code == 302
