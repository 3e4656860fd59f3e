"""举一反三: segmentation, the similar-appeal lookup within scope, the index's df, clusters, linking."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from yuanqu.appeals import links, services, similarity
from yuanqu.appeals.choices import Channel, State
from yuanqu.appeals.models import Appeal, AppealCategory, AppealGroup, AppealTerm, AppealTransition, SimilarTerm
from yuanqu.audit.models import AuditEntry
from yuanqu.testing.factories import EnterpriseFactory, UserFactory, grant

DRIVING = "驾考车辆占用厂门前道路,上下班高峰堵车,员工通勤困难。"
QUERY = "驾考路线经过厂门口,驾考车辆占用道路,员工上下班堵车"


@pytest.fixture
def staff_appeal(world, category, today):
    """staff_appeal(enterprise, title, content) → an appeal taken by the zone's leader on the phone."""

    def _make(enterprise, title, content, category=category):
        leader = world["leader_a" if enterprise.zone_id == world.zone_a.pk else "leader_b"]
        return services.appeal_create(actor=leader, enterprise=enterprise, category=category, title=title,
                                      content=content, channel=Channel.PHONE)

    return _make


def df(word: str) -> int:
    return SimilarTerm.objects.filter(word=word).values_list("df", flat=True).first() or 0


# ---- segmentation ------------------------------------------------------------------------------------

def test_registry_names_and_domain_words_stay_one_word(world):
    EnterpriseFactory(zone=world.zone_a, name="蓝思科技(湘潭)有限公司")
    similarity.registry_words_reload()
    words = similarity.segment("蓝思科技厂门前驾考路线调整,希望协调公交线路。")
    assert "蓝思科技" in words
    assert {"驾考路线", "公交线路"} <= set(words)
    assert "蓝思" not in words


def test_stop_words_numbers_and_single_characters_are_dropped(db):
    words = similarity.segment("我们公司的问题:3号门在2021年前后有1个路灯坏了。")
    assert "路灯" in words
    assert not any(len(w) < 2 for w in words)
    assert not {"我们", "公司", "问题", "2021", "3号"} & set(words)


def test_an_enterprise_added_after_loading_is_known_at_once(world):
    similarity.segment("预热")  # the tokenizer is loaded before the enterprise exists
    EnterpriseFactory(zone=world.zone_a, name="湖南霏昭山精工有限公司")
    assert "霏昭山精工" in similarity.segment("霏昭山精工的围墙倒了")


# ---- the lookup and scope ------------------------------------------------------------------------------

def test_a_near_duplicate_finds_the_earlier_appeal_and_how_it_was_solved(world, make_appeal):
    earlier = make_appeal("closed", title="厂门前驾考路线调整", content=DRIVING)
    make_appeal(title="员工子女入学", content="新招技术工人的子女入学需要协调学位。")
    found = similarity.similar_appeals(world["leader_a"], QUERY)
    assert [s.appeal for s in found] == [earlier]
    assert found[0].solution == "已协调调整驾考路线。"
    assert "驾考路线" in found[0].shared and found[0].percent >= 50


def test_an_unrelated_text_finds_nothing(world, make_appeal):
    make_appeal(title="厂门前驾考路线调整", content=DRIVING)
    assert similarity.similar_appeals(world["leader_a"], "申请高新技术企业认定的研发补贴") == []
    assert similarity.similar_appeals(world["leader_a"], "") == []


def test_the_appeal_being_edited_is_not_its_own_match(world, make_appeal):
    appeal = make_appeal(title="厂门前驾考路线调整", content=DRIVING)
    assert similarity.similar_appeals(world["leader_a"], QUERY, exclude=appeal) == []
    assert similarity.similar_appeals(world["leader_a"], QUERY, exclude=appeal.pk) == []


def test_enterprise_never_sees_another_enterprises_similar_appeal(world, make_appeal, staff_appeal):
    mine = make_appeal(title="厂门前驾考路线调整", content=DRIVING)
    neighbour = EnterpriseFactory(zone=world.zone_a, park=world.park_a)
    theirs = staff_appeal(neighbour, "驾考路线经过我厂门口", DRIVING)  # same zone, other enterprise
    assert [s.appeal for s in similarity.similar_appeals(world["enterprise_b"], QUERY)] == []
    assert [s.appeal for s in similarity.similar_appeals(world["enterprise_a"], QUERY)] == [mine]
    neighbour_user = UserFactory()
    grant(neighbour_user, "enterprise", enterprise=neighbour)
    assert [s.appeal for s in similarity.similar_appeals(neighbour_user, QUERY)] == [theirs]


def test_a_zone_sees_its_zones_appeals_and_the_city_all(world, make_appeal, staff_appeal):
    a = make_appeal(title="厂门前驾考路线调整", content=DRIVING)
    b = staff_appeal(world.enterprise_b, "驾考路线占道", DRIVING)
    assert {s.appeal for s in similarity.similar_appeals(world["leader_a"], QUERY)} == {a}
    assert {s.appeal for s in similarity.similar_appeals(world["leader_b"], QUERY)} == {b}
    assert {s.appeal for s in similarity.similar_appeals(world["city"], QUERY)} == {a, b}
    assert similarity.similar_appeals(world["mentor_a"], QUERY) == []


def test_a_department_sees_only_the_appeals_routed_to_it(world, make_appeal):
    routed = make_appeal("handling", title="厂门前驾考路线调整", content=DRIVING)
    make_appeal(title="驾考路线又改到厂门口", content=DRIVING)  # not yet routed: the leader's
    assert [s.appeal for s in similarity.similar_appeals(world["dept_a"], QUERY)] == [routed]
    assert similarity.similar_appeals(world["dept_b"], QUERY) == []


def test_the_lookup_reads_a_fixed_number_of_queries(world, make_appeal, django_assert_max_num_queries):
    for i in range(12):
        make_appeal("answered" if i % 2 else "submitted", title=f"驾考路线调整{i}", content=DRIVING)
    leader = world["leader_a"]
    similarity.segment("预热")
    # The user's roles, the query's words, the ranked postings, the appeals, their shared words.
    with django_assert_max_num_queries(5):
        found = similarity.similar_appeals(leader, QUERY)
        [(s.appeal.enterprise.name, s.appeal.lead_department and s.appeal.lead_department.name) for s in found]
    assert len(found) == 5


# ---- the index -----------------------------------------------------------------------------------------

def test_reindexing_replaces_postings_and_keeps_df_right(world, make_appeal):
    first = make_appeal(title="厂门前驾考路线调整", content=DRIVING)
    make_appeal(title="驾考路线噪音扰民", content="夜间驾考车辆噪音扰民。")
    assert df("驾考路线") == 2 and df(similarity.TOTAL) == 2
    first.title, first.content = "厂区路灯损坏", "厂区外道路路灯损坏,夜间下班不安全。"
    similarity.appeal_index(first)
    similarity.appeal_index(first)  # indexing again changes nothing
    assert df("驾考路线") == 1 and df("路灯") == 1 and df(similarity.TOTAL) == 2
    words = set(SimilarTerm.objects.filter(
        pk__in=AppealTerm.objects.filter(appeal_id=first.pk).values("term_id")).values_list("word", flat=True))
    assert words == set(similarity.terms(first.title, first.content))
    assert AppealTerm.objects.filter(appeal_id=first.pk).values("zone_id").distinct().get()["zone_id"] == world.zone_a.pk
    similarity.appeal_unindex(first)
    assert df("路灯") == 0 and df(similarity.TOTAL) == 1
    assert not AppealTerm.objects.filter(appeal_id=first.pk).exists()


def test_search_through_the_index_needs_every_word(world, make_appeal):
    both = make_appeal(title="厂门前驾考路线调整", content="员工上下班堵车。")
    make_appeal(title="驾考路线噪音扰民", content="夜间练车。")
    appeals = Appeal.objects.order_by("id")
    assert list(appeals.filter(similarity.search_q("驾考路线 上下班"))) == [both]
    assert len(appeals.filter(similarity.search_q("驾考路线"))) == 2
    assert not appeals.filter(similarity.search_q("驾考路线 人才公寓")).exists()
    assert similarity.search_q("的 了") is None


# ---- clusters -------------------------------------------------------------------------------------------

@pytest.fixture
def recurring(world, make_appeal, staff_appeal):
    """Four appeals about driving-test routes from three enterprises, and two unrelated ones."""
    others = [EnterpriseFactory(zone=world.zone_a, park=world.park_a) for _ in range(2)]
    handling = make_appeal("handling", title="厂门前驾考路线调整", content=DRIVING)
    rest = [staff_appeal(others[0], "驾考路线经过厂门口", DRIVING),
            staff_appeal(others[1], "请调整驾考路线", "驾考车辆上下班时段占用道路。"),
            staff_appeal(others[1], "驾考路线占道", "驾考车辆多,员工上下班困难。")]
    jobs = AppealCategory.objects.get(name="用工招聘")
    staff_appeal(others[0], "技术工人招聘难", "需要数控技术工人二十名。", category=jobs)
    staff_appeal(world.enterprise_a, "员工宿舍不足", "新员工没有宿舍。", category=jobs)
    return [handling, *rest]


def test_clusters_group_a_recurring_cause_across_enterprises(world, recurring):
    found = similarity.clusters(world["leader_a"])
    assert len(found) == 1
    cluster = found[0]
    # Every one of the four says both 驾考路线 and 驾考车辆: either names the cluster, both label it.
    assert cluster.word in ("驾考路线", "驾考车辆") and cluster.category == "交通出行"
    assert {"驾考路线", "驾考车辆"} <= set(cluster.label.split(" · "))
    assert sorted(cluster.appeal_ids) == sorted(a.pk for a in recurring)
    assert (cluster.enterprises, cluster.departments, cluster.zones, cluster.open) == (3, 1, 1, 4)
    # The zone's leader may link the three not yet linked and still open.
    assert len(cluster.linkable) == 4


def test_clusters_stay_in_scope(world, recurring):
    assert similarity.clusters(world["leader_b"]) == []
    assert similarity.clusters(world["enterprise_a"]) == []  # one enterprise makes no recurring cause
    assert len(similarity.clusters(world["city"])) == 1
    assert similarity.clusters(world["city"])[0].linkable == []  # the city reads, it does not link


def test_the_cluster_page_reads_a_fixed_number_of_queries(login, world, recurring, django_assert_max_num_queries):
    client = login("leader_a")
    similarity.segment("预热")
    # Sign-in and session (6 with the session's save), the top bar (1), the filter's zones and
    # categories (2); the clusters: the roles, the window, its postings, their words, the appeals shown,
    # the category names (6).
    with django_assert_max_num_queries(15):
        response = client.get(reverse("appeals:cluster_list"))
    assert response.status_code == 200
    assert "驾考路线" in response.text and "关联所选诉求" in response.text
    assert "关联所选诉求" not in login("city").get(reverse("appeals:cluster_list")).text


# ---- linking --------------------------------------------------------------------------------------------

def test_the_zone_leader_links_similar_appeals(world, recurring):
    leader = world["leader_a"]
    group = links.appeal_link(actor=leader, appeals=recurring[:3], title="驾考路线占用厂门前道路")
    assert group.zone == world.zone_a and group.created_by == leader
    assert set(group.appeals.all()) == set(recurring[:3])
    assert AppealTransition.objects.filter(action="link", actor=leader).count() == 3
    entry = AuditEntry.objects.filter(content_type__model="appeal", object_pk=str(recurring[1].pk)).latest("id")
    assert entry.actor == leader and "group" in entry.changes_dict
    # Adding one more to the group.
    links.appeal_link(actor=leader, appeals=[recurring[3]], group=group)
    assert group.appeals.count() == 4


@pytest.mark.parametrize("persona", ["leader_b", "dept_a", "city", "enterprise_a", "liaison_a"])
def test_only_the_zones_leader_links(world, recurring, persona):
    with pytest.raises(PermissionDenied) as exc:
        links.appeal_link(actor=world[persona], appeals=recurring[:2], title="驾考路线")
    assert str(exc.value) == links.MSG_LINK_NOT_DISPATCHER
    assert not AppealGroup.objects.exists()


def test_bad_links_say_why_in_chinese_and_save_nothing(world, recurring, staff_appeal):
    leader = world["leader_a"]
    b = staff_appeal(world.enterprise_b, "驾考路线占道", DRIVING)
    cases = [
        (dict(appeals=recurring[:1], title="驾考路线"), links.MSG_LINK_TOO_FEW),
        (dict(appeals=[recurring[0], b], title="驾考路线"), links.MSG_LINK_ONE_ZONE.format(n=2)),
        (dict(appeals=recurring[:2], title="  "), links.MSG_LINK_TITLE),
        (dict(appeals=recurring[:2], title="驾" * 121), links.MSG_LINK_TITLE_LONG),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValidationError) as exc:
            links.appeal_link(actor=leader, **kwargs)
        assert exc.value.messages == [message]
    assert not AppealGroup.objects.exists()
    assert not Appeal.objects.filter(group__isnull=False).exists()
    assert not AppealTransition.objects.filter(action="link").exists()


def test_an_appeal_of_another_group_is_not_moved_half_way(world, recurring):
    leader = world["leader_a"]
    first = links.appeal_link(actor=leader, appeals=recurring[:2], title="驾考路线")
    with pytest.raises(ValidationError) as exc:
        links.appeal_link(actor=leader, appeals=[recurring[2], recurring[1]], title="再关联")
    assert exc.value.messages == [links.MSG_LINK_OTHER_GROUP.format(numbers=recurring[1].number)]
    assert list(AppealGroup.objects.all()) == [first]
    recurring[2].refresh_from_db()
    assert recurring[2].group_id is None


def test_unlinking_the_second_last_appeal_dissolves_the_group(world, recurring):
    leader = world["leader_a"]
    group = links.appeal_link(actor=leader, appeals=recurring[:3], title="驾考路线")
    links.appeal_unlink(actor=leader, appeal=recurring[0])
    assert group.appeals.count() == 2
    with pytest.raises(PermissionDenied):
        links.appeal_unlink(actor=world["dept_a"], appeal=recurring[1])
    links.appeal_unlink(actor=leader, appeal=recurring[1])
    assert not AppealGroup.objects.exists()
    assert AppealTransition.objects.filter(action="unlink").count() == 3
    with pytest.raises(ValidationError):
        links.appeal_unlink(actor=leader, appeal=recurring[1])


def test_linked_appeals_are_answered_together(world, make_appeal):
    leader, dept = world["leader_a"], world["dept_a"]
    first = make_appeal("handling", title="厂门前驾考路线调整", content=DRIVING)
    second = make_appeal("handling", title="驾考路线经过厂门口", content=DRIVING)
    waiting = make_appeal("assigned", title="驾考路线占道", content=DRIVING)  # not yet accepted: stays
    links.appeal_link(actor=leader, appeals=[first, second, waiting], title="驾考路线")
    services.appeal_act(actor=dept, appeal=first, action="answer", note="已与交警大队协调调整驾考路线。", together=True)
    second.refresh_from_db()
    waiting.refresh_from_db()
    assert second.state == State.ANSWERED and second.answer.startswith("已与交警大队协调调整驾考路线。")
    assert first.number in second.answer
    assert waiting.state == State.ASSIGNED


# ---- pages ----------------------------------------------------------------------------------------------

def test_the_similar_partial_lists_similar_appeals_with_their_answers(login, make_appeal,
                                                                      django_assert_max_num_queries):
    earlier = make_appeal("answered", title="厂门前驾考路线调整", content=DRIVING)
    client = login("leader_a")
    similarity.segment("预热")
    # Sign-in and session (6 with the session's save) and the lookup's five.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("appeals:appeal_similar"), {"title": "驾考路线调整", "content": DRIVING})
    assert response.status_code == 200
    assert reverse("appeals:appeal_detail", args=[earlier.pk]) in response.text
    assert "已协调调整驾考路线。" in response.text and "已答复待评价" in response.text
    excluded = client.get(reverse("appeals:appeal_similar"),
                          {"title": "驾考路线调整", "content": DRIVING, "exclude": earlier.pk})
    assert reverse("appeals:appeal_detail", args=[earlier.pk]) not in excluded.text
    assert "暂未发现相似的诉求" in excluded.text


def test_the_similar_partial_only_explains_itself_for_empty_text(login, make_appeal):
    from yuanqu.appeals.similar_views import HINT

    make_appeal(title="厂门前驾考路线调整", content=DRIVING)
    response = login("leader_a").get(reverse("appeals:appeal_similar"), {"title": " ", "content": ""})
    assert response.status_code == 200 and HINT in response.text and "厂门前驾考路线调整" not in response.text


def test_linking_from_the_cluster_page(login, world, recurring):
    client = login("leader_a")
    response = client.post(reverse("appeals:appeal_link"), {
        "appeals": [a.pk for a in recurring[:3]], "title": "驾考路线占用厂门前道路", "next": "/appeals/clusters/"})
    group = AppealGroup.objects.get()
    assert response.status_code == 302 and response.url == reverse("appeals:group_detail", args=[group.pk])
    page = client.get(response.url)
    assert "驾考路线占用厂门前道路" in page.text and recurring[2].title in page.text
    # A bad link comes back with the reason.
    response = client.post(reverse("appeals:appeal_link"), {"appeals": [recurring[3].pk], "title": "x",
                                                            "next": "/appeals/clusters/"}, follow=True)
    assert links.MSG_LINK_TOO_FEW in response.text
    assert AppealGroup.objects.count() == 1


def test_a_group_shows_each_user_only_the_appeals_it_sees(login, world, recurring):
    group = links.appeal_link(actor=world["leader_a"], appeals=recurring, title="驾考路线")
    mine = login("enterprise_a").get(reverse("appeals:group_detail", args=[group.pk]))
    assert mine.status_code == 200
    assert recurring[0].title in mine.text and recurring[1].title not in mine.text
    assert login("enterprise_b").get(reverse("appeals:group_detail", args=[group.pk])).status_code == 404
