"""The Xiangtan demo's projects read on their pages as the newspaper page tells them."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from yuanqu.common import workdays
from yuanqu.demo import xiangtan
from yuanqu.projects.models import Milestone, Project

pytestmark = pytest.mark.django_db

BRIDGE = "湘潭二大桥维修加固工程"
BRIDGE_SUBWORKS = ["桥面砼破除", "桥面砼浇筑", "接缝处理", "吊架搭设", "碳板张拉", "顶升更换支座", "东、西匝道异形箱梁浇筑"]


@pytest.fixture
def city(xiangtan_demo):
    """The demo loaded, and its city viewer signed in as a browser does (password and all)."""
    workdays.clear_cache()
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "city", "password": xiangtan.DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def page(client, name) -> str:
    project = Project.objects.get(name=name)
    response = client.get(reverse("projects:project_detail", args=[project.pk]))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_bridge_page_shows_its_sub_works_formula_63_percent_by_hand_and_a_late_forecast(city):
    body = page(city, BRIDGE)
    positions = [body.index(f"<td>{name}</td>") for name in BRIDGE_SUBWORKS]
    assert positions == sorted(positions)  # all seven, in the page's order
    # Equal weights over the five with a total: (50 + 60 + 58.8 + 54.9 + 95) / 5 = 63.7%.
    assert ("公式:</b>总进度 = Σ(权重×完成率) = 0.20×50.0% + 0.20×60.0% + 0.20×58.8% + 0.20×54.9% + 0.20×95.0% = 63.7%"
            in body)
    assert "未计入汇总:桥面砼破除(设计工程量未填)、碳板张拉(设计工程量未填)" in body
    assert "总进度(人工认定)" in body
    assert '<div class="figure">63%</div>' in body
    assert "理由:湘潭高新集团5月13日通报:已完成总体工程量的63%;分项汇总为63.7%" in body
    # The trend of 22, 36, 49, 63% finishes on 2021-06-21, a week after the closure ends on 6月14日.
    assert "工期 2021-03-15 至 2021-06-14" in body
    assert "2021-06-21" in body and "晚于截止日" in body


def test_chuangpu_shows_its_capacity_and_20_working_days_from_signing_to_construction(city):
    body = page(city, "创普开业液晶显示屏生产线项目")
    assert "年产2400万片液晶显示屏" in body
    assert "签约 → 开工:20个工作日" in body
    assert '<span class="tag">投产</span>' in body


def test_zhentian_phase_two_is_in_trial_production_making_2000_pieces_a_day(city):
    body = page(city, "振添光学玻璃二期项目")
    assert "每日2000片中尺寸光学玻璃" in body
    assert '<span class="tag">试投产</span>' in body
    assert Project.objects.get(name="振添光学玻璃二期项目").stage == "trial"


def test_phase_five_has_its_design_done_and_land_approval_under_way(city):
    project = Project.objects.get(name="电子信息产业园五期")
    assert project.stage == "preliminary"
    milestones = {m.kind: (m.planned, m.actual) for m in Milestone.objects.filter(project=project)}
    assert milestones["design"][1] is not None
    assert milestones["land"][0] is not None and milestones["land"][1] is None
    body = page(city, "电子信息产业园五期")
    assert '<span class="tag">前期</span>' in body
    assert "<tr><td>规划设计完成</td><td>2021-03-31</td><td>2021-03-26</td>" in body
    assert "<tr><td>土地报批完成</td><td>2021-06-30</td><td>—</td>" in body


def test_the_demo_ledger_lists_every_project_for_the_city(city):
    response = city.get(reverse("projects:project_list"))
    assert len(response.context["rows"]) == Project.objects.count() == 11
    kanban = city.get(reverse("projects:project_kanban")).context["board"]
    assert {c["stage"]: c["count"] for c in kanban if c["count"]} == {
        "前期": 1, "主体施工": 4, "竣工": 2, "试投产": 1, "投产": 3}
