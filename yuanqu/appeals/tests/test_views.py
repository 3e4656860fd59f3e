"""The appeal pages: intake, the enterprise's own view, each action through its URL, exports, categories."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.appeals import attachments
from yuanqu.appeals.models import Appeal, AppealAttachment, AppealCategory
from yuanqu.appeals.services import MSG_COMMENT_REQUIRED, MSG_RECEPTION_REQUIRED

from .matrix_core import PNG

pytestmark = pytest.mark.django_db


def _post_appeal(client, category, **extra):
    data = {"category": category.pk, "title": "厂门前驾考路线调整", "content": "驾考车辆占用厂门前道路。", **extra}
    return client.post(reverse("appeals:appeal_create"), data)


def test_enterprise_files_an_appeal_with_an_attachment(login, world, category, today):
    client = login("enterprise_a")
    response = _post_appeal(client, category, enterprise=world.enterprise_a.pk,
                            attachments=[SimpleUploadedFile("现场照片.png", PNG, "image/png")])
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and response.url == reverse("appeals:appeal_detail", args=[appeal.pk])
    assert appeal.channel == "portal" and appeal.enterprise == world.enterprise_a and appeal.state == "submitted"
    assert appeal.attachments.get().name == "现场照片.png"
    page = client.get(response.url)
    assert "现场照片.png" in page.content.decode() and "待园区领导分派" in page.content.decode()


def test_enterprise_cannot_file_for_another_enterprise(login, world, category, today):
    response = _post_appeal(login("enterprise_a"), category, enterprise=world.enterprise_b.pk)
    assert response.status_code == 400 and not Appeal.objects.exists()


def test_a_disguised_attachment_refuses_the_whole_intake(login, world, category, today):
    elf = b"\x7fELF" + b"\x00" * 200
    response = _post_appeal(login("enterprise_a"), category, enterprise=world.enterprise_a.pk,
                            attachments=[SimpleUploadedFile("说明.pdf", elf, "application/pdf")])
    assert response.status_code == 400
    assert "内容与扩展名不符" in response.content.decode()
    assert not Appeal.objects.exists() and not AppealAttachment.objects.exists()


def test_staff_intake_from_a_reception_day_needs_the_day(login, world, category, today):
    response = _post_appeal(login("leader_a"), category, enterprise=world.enterprise_a.pk, channel="reception")
    assert response.status_code == 400 and MSG_RECEPTION_REQUIRED in response.content.decode()
    assert not Appeal.objects.exists()


def test_staff_intake_by_phone(login, world, category, today):
    response = _post_appeal(login("agent_a"), category, enterprise=world.enterprise_a.pk, channel="phone")
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and appeal.channel == "phone" and appeal.taken_by == world["agent_a"]


def test_enterprise_does_not_see_another_enterprises_appeal_anywhere(login, world, make_appeal):
    appeal = make_appeal("answered")
    other = login("enterprise_b")
    assert other.get(reverse("appeals:appeal_detail", args=[appeal.pk])).status_code == 404
    assert other.post(reverse("appeals:appeal_rate", args=[appeal.pk]), {"level": 1, "comment": "x"}).status_code == 404
    assert appeal.title not in other.get(reverse("appeals:appeal_list")).content.decode()
    workbook = load_workbook(io.BytesIO(other.get(reverse("appeals:appeal_export")).content))
    assert workbook.active.max_row == 1  # the header only
    own = login("enterprise_a")
    assert appeal.title in own.get(reverse("appeals:appeal_list")).content.decode()


def test_the_appeal_walks_through_its_pages(login, world, make_appeal):
    appeal = make_appeal("submitted")
    leader, dept, owner = login("leader_a"), login("dept_a"), login("enterprise_a")
    detail = reverse("appeals:appeal_detail", args=[appeal.pk])
    r = leader.post(reverse("appeals:appeal_assign", args=[appeal.pk]),
                    {"lead_department": world.dept_a.pk, "deadline_kind": "month_end"})
    assert r.status_code == 302
    assert "最迟本月底" in leader.get(detail).content.decode()
    assert dept.post(reverse("appeals:appeal_act", args=[appeal.pk, "accept"])).status_code == 302
    assert dept.post(reverse("appeals:appeal_act", args=[appeal.pk, "progress"]), {"note": "已现场查看"}).status_code == 302
    assert dept.post(reverse("appeals:appeal_act", args=[appeal.pk, "answer"]), {"note": "已调整路线"}).status_code == 302
    refused = owner.post(reverse("appeals:appeal_rate", args=[appeal.pk]), {"level": 2, "comment": ""})
    assert refused.status_code == 400 and MSG_COMMENT_REQUIRED in refused.content.decode()
    r = owner.post(reverse("appeals:appeal_rate", args=[appeal.pk]), {"level": 2, "comment": "路线仍未调整"})
    appeal.refresh_from_db()
    assert r.status_code == 302 and appeal.state == "handling" and appeal.reopen_count == 1
    page = owner.get(detail).content.decode()
    assert "重办1次" in page and "路线仍未调整" in page and "已现场查看" in page


def test_a_step_out_of_turn_shows_its_chinese_message(login, make_appeal):
    appeal = make_appeal("submitted")
    response = login("leader_a").post(reverse("appeals:appeal_act", args=[appeal.pk, "close"]), {"note": ""})
    assert response.status_code == 400 and "请填写理由" in response.content.decode()
    response = login("dept_a").post(reverse("appeals:appeal_act", args=[appeal.pk, "accept"]))
    assert response.status_code == 404  # not yet routed to department A: not its appeal to see


def test_an_unknown_action_is_a_404(login, make_appeal):
    appeal = make_appeal("handling")
    assert login("dept_a").post(reverse("appeals:appeal_act", args=[appeal.pk, "rate"])).status_code == 404


def test_attachments_download_only_within_scope(login, world, make_appeal):
    appeal = make_appeal("assigned")
    attachment = attachments.attachment_add(actor=world["enterprise_a"], appeal=appeal,
                                            upload=SimpleUploadedFile("照片.png", PNG, "image/png"))
    url = reverse("appeals:attachment_download", args=[appeal.pk, attachment.pk])
    response = login("dept_a").get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert response["X-Content-Type-Options"] == "nosniff"
    assert login("enterprise_b").get(url).status_code == 404


def test_the_list_query_count_does_not_grow_with_rows(login, world, make_appeal, django_assert_max_num_queries):
    client = login("city")
    for i in range(3):
        make_appeal("handling", title=f"诉求{i}")
    with django_assert_max_num_queries(16) as few:
        assert client.get(reverse("appeals:appeal_list")).status_code == 200
    for i in range(12):
        make_appeal("handling", title=f"更多诉求{i}", enterprise=world.enterprise_b if i % 2 else None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("appeals:appeal_list")).status_code == 200


def test_the_queue_shows_what_waits_for_the_user(login, make_appeal):
    waiting = make_appeal("assigned", title="待受理的诉求")
    make_appeal("closed", title="已办结的诉求")
    page = login("dept_a").get(reverse("appeals:appeal_queue")).content.decode()
    assert waiting.title in page and "已办结的诉求" not in page


def test_htmx_filtering_returns_the_table_only(login, make_appeal):
    make_appeal("handling", title="公交线路延伸")
    make_appeal("handling", title="用工招聘困难")
    response = login("leader_a").get(reverse("appeals:appeal_list"), {"q": "公交"}, HTTP_HX_REQUEST="true",
                                     HTTP_HX_TARGET="list-table")
    body = response.content.decode()
    assert "<html" not in body and "公交线路延伸" in body and "用工招聘困难" not in body


def test_a_coordination_item_becomes_the_enterprises_appeal_once(login, world, category, today):
    from yuanqu.projects.tests.matrix import _item

    item_pk = _item(world)["pk"]
    client = login("leader_a")
    url = reverse("appeals:appeal_from_coordination", args=[item_pk])
    form = client.get(url)
    assert form.status_code == 200 and "夜间施工噪声协调" in form.content.decode()
    response = client.post(url, {"enterprise": world.enterprise_a.pk, "category": category.pk, "channel": "project",
                                 "title": "夜间施工噪声协调", "content": "夜间施工噪声需协调。"})
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and appeal.channel == "project" and appeal.coordination_item_id == item_pk
    assert client.get(url).url == reverse("appeals:appeal_detail", args=[appeal.pk])


def test_sysadmin_edits_the_categories(login):
    client = login("sysadmin")
    assert client.post(reverse("appeals:category_create"), {"name": "知识产权", "sort_order": 95,
                                                             "is_active": "on"}).status_code == 302
    duplicate = client.post(reverse("appeals:category_create"), {"name": "知识产权", "sort_order": 1})
    assert duplicate.status_code == 400 and "已有同名类别" in duplicate.content.decode()
    other = AppealCategory.objects.get(name="其他")
    client.post(reverse("appeals:category_edit", args=[other.pk]), {"name": "其他", "sort_order": 90})
    other.refresh_from_db()
    assert other.is_active is False
    assert "知识产权" in client.get(reverse("appeals:category_list")).content.decode()


def test_the_supervision_board_lists_overdue_appeals_in_scope(login, world, make_appeal):
    import datetime as dt

    from yuanqu.appeals.escalation import appeals_escalate

    appeal = make_appeal("handling", title="逾期未办的诉求")
    appeals_escalate(appeal.deadline + dt.timedelta(days=7))
    board = reverse("supervision:board")
    page = login("leader_a").get(board).content.decode()
    assert "逾期未办的诉求" in page
    assert "<title>督办台账 · " in page  # the section stays out of the page's title
    assert "逾期未办的诉求" not in login("leader_b").get(board).content.decode()


def test_the_enterprise_home_lists_its_own_appeals_only(login, world, make_appeal):
    make_appeal("answered", title="我方的诉求")
    make_appeal("handling", title="别家的诉求", enterprise=world.enterprise_b)
    page = login("enterprise_a").get(reverse("dashboard:home")).content.decode()
    assert "我方的诉求" in page and "别家的诉求" not in page
    assert "待您评价的答复 <strong>1</strong> 件" in page


def test_the_department_filter_follows_the_chosen_zone(login, world):
    client = login("city")
    page = client.get(reverse("appeals:appeal_list")).content.decode()
    assert "先选择园区" in page and world.dept_a.name not in page
    page = client.get(reverse("appeals:appeal_list"), {"zone": world.zone_a.pk}).content.decode()
    assert world.dept_a.name in page and world.dept_b.name not in page


def test_search_finds_whole_words_through_the_index_and_fragments_in_titles(login, make_appeal):
    make_appeal("handling", title="公交线路延伸到厂区", content="员工通勤不便。")
    make_appeal("handling", title="用工招聘困难", content="技术工人短缺。")
    client = login("leader_a")
    for text in ("公交线路", "公交", "湖南甲科技"):  # a word, a fragment of a title, the enterprise's name
        page = client.get(reverse("appeals:appeal_list"), {"q": text}).content.decode()
        assert "公交线路延伸到厂区" in page, text
    page = client.get(reverse("appeals:appeal_list"), {"q": "技术工人"}).content.decode()
    assert "用工招聘困难" in page and "公交线路延伸到厂区" not in page


def test_the_leader_links_a_similar_appeal_from_the_appeals_page(login, world, make_appeal):
    first = make_appeal("handling", title="厂门前驾考路线调整", content="驾考车辆占用厂门前道路,员工上下班拥堵。")
    second = make_appeal("handling", title="驾考路线占用厂门前道路", content="驾考车辆在厂门前道路练车,员工上下班拥堵。")
    leader = login("leader_a")
    page = leader.get(reverse("appeals:appeal_detail", args=[first.pk])).content.decode()
    assert "驾考路线占用厂门前道路" in page and "关联所选诉求" in page
    assert "关联所选诉求" not in login("dept_a").get(reverse("appeals:appeal_detail", args=[first.pk])).content.decode()
    assert "相似诉求" not in login("enterprise_a").get(reverse("appeals:appeal_detail", args=[first.pk])).content.decode()
    response = leader.post(reverse("appeals:appeal_link"), {"appeals": [first.pk, second.pk], "title": "驾考路线"})
    first.refresh_from_db(), second.refresh_from_db()
    assert response.status_code == 302 and first.group_id and first.group_id == second.group_id


def test_a_park_limited_staff_member_sees_the_appeals_of_its_parks_enterprises(world, make_appeal, category):
    from yuanqu.appeals import selectors, services
    from yuanqu.testing.factories import EnterpriseFactory, UserFactory, grant

    in_park = make_appeal("handling", title="园内企业的诉求")
    outside = EnterpriseFactory(zone=world.zone_a, park=None, name="园外企业")
    services.appeal_create(actor=world["leader_a"], enterprise=outside, category=category, title="园外企业的诉求",
                           content="园外企业反映的问题。", channel="phone")
    agent = UserFactory(username="park_agent")
    grant(agent, "agent", zone=world.zone_a, park=world.park_a)
    titles = set(selectors.appeal_list(agent).values_list("title", flat=True))
    assert titles == {in_park.title}


def test_a_search_counts_its_matches_only_up_to_the_cap(login, make_appeal, monkeypatch):
    from yuanqu.common.views import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "CAP", 2)
    for i in range(3):
        make_appeal("handling", title=f"公交线路延伸{i}", content="员工通勤不便。")
    client = login("leader_a")
    assert "共 2余 件" in client.get(reverse("appeals:appeal_list"), {"q": "公交线路"}).content.decode()
    assert "共 3 件" in client.get(reverse("appeals:appeal_list")).content.decode()  # no search: the full count


@pytest.mark.parametrize("due, text", [
    (dt.date(2021, 5, 13), "今天到期"),  # the fixture's today
    (dt.date(2021, 5, 17), "2个工作日内到期"),
])
def test_the_yellow_light_says_how_long_is_left(login, make_appeal, due, text):
    appeal = make_appeal("handling", deadline_kind="date", deadline_date=due)
    html = login("leader_a").get(reverse("appeals:appeal_detail", args=[appeal.pk])).content.decode()
    assert text in html and "0个工作日内到期" not in html


def test_a_deadline_on_a_day_off_is_named_not_called_today(login, make_appeal):
    from yuanqu.common.clock import frozen

    with frozen(dt.date(2021, 10, 29)):  # a Friday; 最迟本月底 is Sunday 31 October
        appeal = make_appeal("handling", deadline_kind="month_end")
        html = login("leader_a").get(reverse("appeals:appeal_detail", args=[appeal.pk])).content.decode()
    assert appeal.deadline == dt.date(2021, 10, 31)
    assert "10月31日到期" in html and "今天到期" not in html
