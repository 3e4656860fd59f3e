"""A project's page: sub-works, the rollup with its formula, an override, the forecast, durations,
the transitions; and the named lifecycle actions posted from it."""

import pytest
from django.urls import reverse

from yuanqu.common.clock import frozen
from yuanqu.projects.models import Project, StageTransition
from yuanqu.projects.services import MSG_ILLEGAL, project_advance

from .conftest import D, SubWorkFactory, add_milestone, add_progress, at_stage

TODAY = D(2021, 5, 14)


def page(client, project) -> str:
    response = client.get(reverse("projects:project_detail", args=[project.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def bridge(project_a):
    """The bridge's figures on project A: equal weights, 63% by hand, a 3-month window, four progress records."""
    Project.objects.filter(pk=project_a.pk).update(
        rollup_mode="equal", progress_override=63, progress_override_reason="5月13日通报:已完成总体工程量的63%",
        window_start=D(2021, 3, 15), window_end=D(2021, 6, 14), stage="main_works",
    )
    SubWorkFactory(project=project_a, name="桥面砼破除", unit="联", total_quantity=None, done_quantity=6, sort_order=1)
    SubWorkFactory(project=project_a, name="桥面砼浇筑", unit="%", total_quantity=100, done_quantity=50, sort_order=2)
    SubWorkFactory(project=project_a, name="吊架搭设", unit="跨", total_quantity=51, done_quantity=30, sort_order=3)
    for day, pct in [(D(2021, 4, 1), 22), (D(2021, 4, 15), 36), (D(2021, 4, 29), 49), (D(2021, 5, 13), 63)]:
        add_progress(project_a, day, pct)
    project_a.refresh_from_db()
    return project_a


def test_the_project_page_shows_sub_works_formula_override_and_forecast(login, bridge):
    body = page(login("leader_a"), bridge)
    for name in ("桥面砼破除", "桥面砼浇筑", "吊架搭设"):
        assert name in body
    assert "58.8%" in body  # 吊架搭设 30 of 51
    # Equal weights over the two with a total: (50 + 58.82) / 2 = 54.41%.
    assert "公式:</b>总进度 = Σ(权重×完成率) = 0.50×50.0% + 0.50×58.8% = 54.4%" in body
    assert "未计入汇总:桥面砼破除(设计工程量未填)" in body
    assert "总进度(人工认定)" in body
    assert '<div class="figure">63%</div>' in body
    assert "理由:5月13日通报:已完成总体工程量的63%;分项汇总为54.4%" in body
    # 2021-06-21 by the trend (see test_progress), after the 6月14日 window end.
    assert "2021-06-21" in body and "晚于截止日" in body
    assert "工期 2021-03-15 至 2021-06-14" in body


def test_without_an_override_the_computed_figure_is_shown_plainly(login, bridge):
    Project.objects.filter(pk=bridge.pk).update(progress_override=None, progress_override_reason="")
    body = page(login("leader_a"), bridge)
    assert "人工认定" not in body
    assert '<div class="figure">54.41176470588235294117647059%</div>' not in body  # not the raw decimal
    assert '<div class="figure">54.4%</div>' in body


def test_the_project_page_shows_durations_in_working_days(login, project_a):
    add_milestone(project_a, "signed", actual=D(2020, 6, 1))
    add_milestone(project_a, "started", planned=D(2020, 7, 1), actual=D(2020, 6, 30))
    body = page(login("city"), project_a)
    assert "签约 → 开工:20个工作日" in body
    assert "2020-07-01" in body


def test_the_transition_log_names_the_action_in_chinese(world, login, project_a):
    with frozen(TODAY):
        project_advance(actor=world["leader_a"], project=project_a, action="sign", effective=D(2021, 5, 10), note="招商签约")
    body = page(login("leader_a"), project_a)
    assert "<td>签约</td><td>谋划 → 签约</td><td>leader_a</td><td>招商签约</td>" in body
    assert ">sign<" not in body


def test_the_page_offers_the_actions_of_the_stage_to_those_who_may_advance(world, login, project_a):
    at_stage(project_a, "started")
    body = page(login("leader_a"), project_a)
    assert reverse("projects:project_advance", args=[project_a.pk, "begin_main_works"]) in body
    assert reverse("projects:project_advance", args=[project_a.pk, "complete"]) in body
    assert reverse("projects:project_advance", args=[project_a.pk, "sign"]) not in body
    assert "/advance/" in page(login("liaison_a"), project_a)
    for persona in ("city", "investor_a", "dept_a"):
        assert "/advance/" not in page(login(persona), project_a), persona


# -- the advance view -----------------------------------------------------------------------------

def advance(client, project, action, **data):
    return client.post(reverse("projects:project_advance", args=[project.pk, action]), data, follow=True)


def test_advancing_from_the_page_moves_the_stage_and_says_so(world, login, project_a):
    with frozen(TODAY):
        response = advance(login("liaison_a"), project_a, "sign", effective="2021-05-10", note="签约仪式")
    assert response.redirect_chain == [(reverse("projects:project_detail", args=[project_a.pk]), 302)]
    assert "已记录:签约。" in response.content.decode()
    t = StageTransition.objects.get(project=project_a)
    assert (t.action, t.to_stage, t.effective, t.actor, t.note) == ("sign", "signed", D(2021, 5, 10), world["liaison_a"], "签约仪式")


def test_an_illegal_action_shows_the_services_message_and_changes_nothing(login, project_a):
    with frozen(TODAY):
        response = advance(login("leader_a"), project_a, "reach_full", effective="2021-05-10")
    assert MSG_ILLEGAL.format(stage="谋划", action="达产", allowed="转入前期、签约") in response.content.decode()
    assert Project.objects.get(pk=project_a.pk).stage == "planning"
    assert not StageTransition.objects.exists()


def test_a_future_date_from_the_page_is_refused_with_the_services_message(login, project_a):
    with frozen(TODAY):
        response = advance(login("leader_a"), project_a, "sign", effective="2021-05-15")
    assert "发生日期不能晚于今天(2021-05-14)。" in response.content.decode()
    assert not StageTransition.objects.exists()


def test_an_advance_without_a_date_asks_for_one(login, project_a):
    response = advance(login("leader_a"), project_a, "sign", effective="")
    assert "请填写发生日期。" in response.content.decode()
    assert not StageTransition.objects.exists()


def test_an_unknown_action_in_the_address_is_not_found(login, project_a):
    response = login("leader_a").post(reverse("projects:project_advance", args=[project_a.pk, "demolish"]),
                                      {"effective": "2021-05-10"})
    assert response.status_code == 404


def test_a_liaison_advancing_a_project_not_assigned_to_it_is_forbidden(world, login, project_a):
    Project.objects.filter(pk=project_a.pk).update(liaison=None)
    with frozen(TODAY):
        response = login("liaison_a").post(reverse("projects:project_advance", args=[project_a.pk, "sign"]),
                                           {"effective": "2021-05-10"})
    assert response.status_code == 403
    assert not StageTransition.objects.exists()


def test_advancing_is_post_only(login, project_a):
    url = reverse("projects:project_advance", args=[project_a.pk, "sign"])
    assert login("leader_a").get(url).status_code == 405
