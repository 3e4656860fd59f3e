"""The pages: the formula beside every ranking, bad input (400, Chinese, nothing saved), the export."""

import io
from decimal import Decimal as Dec

from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.competitions import services
from yuanqu.competitions.models import Award, Competition, ManualValue, Period, Term

from .conftest import D, started

FORMULA = "综合得分 = 0.6×开工项目数得分 + 0.4×综合评价分"


def published(world, competition, q1):
    started(world.zone_a, D(2021, 1, 10))
    services.period_compute(actor=world["city"], period=q1)
    return services.period_publish(actor=world["city"], period=q1)


def test_the_ranking_shows_its_formula_chart_and_awards(world, login, competition, q1):
    published(world, competition, q1)
    services.award_give(actor=world["city"], period=q1, zone=world.zone_a, name="综合性竞赛优秀奖")
    for persona in ("city", "leader_b"):
        body = login(persona).get(reverse("competitions:period_detail", args=[q1.pk])).content.decode()
        assert FORMULA in body
        assert 'id="ranking-chart"' in body and "vendor/echarts/echarts.min.js" in body
        assert "综合性竞赛优秀奖" in body
    detail = login("leader_b").get(reverse("competitions:competition_detail", args=[competition.pk])).content.decode()
    assert FORMULA in detail and 'id="history-chart"' in detail and "60.00(第1名)" in detail


def test_zone_staff_do_not_see_draft_periods(world, login, competition, q1):
    body = login("leader_a").get(reverse("competitions:competition_detail", args=[competition.pk])).content.decode()
    assert "2021年一季度" not in body and "还没有发布的排名" in body
    assert "2021年一季度" in login("city").get(reverse("competitions:competition_detail", args=[competition.pk])).content.decode()


def test_a_bad_manual_value_is_a_400_in_chinese_and_saves_nothing(world, login, competition, q1):
    term = competition.terms.get(source="manual")
    url = reverse("competitions:manual_values_set", args=[q1.pk, term.pk])
    r = login("city").post(url, {f"zone_{world.zone_a.pk}": "80", f"zone_{world.zone_b.pk}": "abc"})
    assert r.status_code == 400
    assert "请填写0到100之间的数。" in r.content.decode() and "未保存任何修改" in r.content.decode()
    r = login("city").post(url, {f"zone_{world.zone_a.pk}": "80", f"zone_{world.zone_b.pk}": "101"})
    assert r.status_code == 400
    assert not ManualValue.objects.exists()


def test_a_bad_term_is_a_400_and_saves_nothing(world, login, competition):
    url = reverse("competitions:term_add", args=[competition.pk])
    r = login("city").post(url, {"label": "投产项目数得分", "source": "producing", "weight": "1.5", "normalisation": "best"})
    assert r.status_code == 400 and "权重" in r.content.decode()
    r = login("city").post(url, {"label": "综合评价分", "source": "manual", "weight": "0.1", "normalisation": "raw"})
    assert r.status_code == 400 and "该竞赛已有同名评分项。" in r.content.decode()
    r = login("city").post(url, {"label": "增速得分", "source": "growth", "weight": "0.1", "normalisation": "minmax"})
    assert r.status_code == 400 and "须选择指标" in r.content.decode()
    assert competition.terms.count() == 2


def test_a_bad_period_is_a_400_and_saves_nothing(world, login, competition):
    url = reverse("competitions:period_add", args=[competition.pk])
    r = login("city").post(url, {"year": "2021", "number": "5"})
    assert r.status_code == 400 and "第5期不存在" in r.content.decode()
    r = login("city").post(url, {"year": "", "number": "1"})
    assert r.status_code == 400 and "请填写年度。" in r.content.decode()
    assert not Period.objects.exists()


def test_computing_with_bad_weights_is_a_400(world, login, competition, q1):
    Term.objects.filter(competition=competition, source="manual").update(weight="0.3")
    r = login("city").post(reverse("competitions:period_compute", args=[q1.pk]))
    assert r.status_code == 400 and services.MSG_WEIGHTS.format(total="0.9") in r.content.decode()


def test_recomputing_a_published_period_is_a_400(world, login, competition, q1):
    published(world, competition, q1)
    r = login("city").post(reverse("competitions:period_compute", args=[q1.pk]))
    assert r.status_code == 400 and "排名已发布,不能再修改或重新计算" in r.content.decode()


def test_an_award_without_a_zone_is_a_400(world, login, competition, q1):
    published(world, competition, q1)
    r = login("city").post(reverse("competitions:award_give", args=[q1.pk]), {"zone": "", "name": "综合性竞赛优秀奖"})
    assert r.status_code == 400 and "请选择获奖园区。" in r.content.decode()
    assert not Award.objects.exists()


def test_a_duplicate_competition_name_is_a_400(world, login, competition):
    r = login("city").post(reverse("competitions:competition_create"),
                           {"name": "迈好第一步 项目论英雄", "organiser": "市园区办", "period_kind": "quarter"})
    assert r.status_code == 400 and "已有同名竞赛。" in r.content.decode()
    assert Competition.objects.count() == 1


def test_the_ranking_exports_to_excel_with_its_formula(world, login, competition, q1):
    published(world, competition, q1)
    r = login("leader_a").get(reverse("competitions:period_export", args=[q1.pk]))
    wb = load_workbook(io.BytesIO(r.content))
    rows = list(wb.worksheets[0].values)
    assert rows[0][:4] == ("名次", "园区", "综合得分", "开工项目数得分(原始值)")
    assert rows[1][:3] == (1, "甲园区", 60)
    assert FORMULA in [row[0] for row in wb["计分公式"].values]


def test_enterprises_get_403(world, login, competition, q1):
    published(world, competition, q1)
    assert login("enterprise_a").get(reverse("competitions:period_detail", args=[q1.pk])).status_code == 403


def test_the_period_page_costs_the_same_queries_for_more_zones(world, login, competition, q1):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from yuanqu.testing.factories import ZoneFactory

    client = login("city")
    url = reverse("competitions:period_detail", args=[q1.pk])
    client.get(url)
    services.period_compute(actor=world["city"], period=q1)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        ZoneFactory()
    services.period_compute(actor=world["city"], period=q1)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    assert Dec(0) <= min(s.total for s in q1.scores.all())
