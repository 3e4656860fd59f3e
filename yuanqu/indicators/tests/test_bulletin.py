"""Bulletins (指标通报): the page's sentences from figures entered through value_save, the wording
(增长/下降/持平, 万元/亿元), the checks an official sees before publishing, the page and its Word file,
scope and bad input."""

import io
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from yuanqu.indicators import bulletins, services
from yuanqu.indicators.models import Indicator
from yuanqu.indicators.periods import Period
from yuanqu.testing.factories import EnterpriseFactory

PAGE_BODY = ("完成技工贸收入133.8亿元,同比增长20%;规模以上工业企业主营业务收入110.3亿元,同比增长22.8%;"
             "上缴税金2.4亿元,同比增长64.4%;完成固定资产投资14.9亿元,同比增长84.5%。")
PANLONG_BODY = ("共接待游客4.01万人次,同比增长87.41%,实现营业收入162.95万元,同比增长123.93%,"
                "其中门票收入88.79万元,同比增长246.87%。")
PAGE_Q1 = [("JGM", 1338000, 20), ("GSZYYW", 1103000, 22.8), ("SJSJ", 24000, 64.4), ("GDZCTZ", 149000, 84.5)]


def enter(world, code, period, value, growth=None, **subject):
    return services.value_save(
        actor=world["clerk_a"], indicator=Indicator.objects.get(code=code), zone=world.zone_a,
        period=Period.parse(period), value=Decimal(str(value)),
        reported_growth=None if growth is None else Decimal(str(growth)), **subject)


def enter_page_q1(world):
    for code, value, growth in PAGE_Q1:
        enter(world, code, "2021-Q1", value, growth)


def zone_url(world, period="", name="indicators:bulletin", zone=None):
    query = f"?subject=z{(zone or world.zone_a).pk}" + (f"&period={period}" if period else "")
    return reverse(name) + query


def test_the_zone_bulletin_reproduces_the_pages_sentence(world):
    enter_page_q1(world)
    bulletin = bulletins.zone_bulletin(world["leader_a"], world.zone_a, Period.parse("2021-Q1"))
    assert bulletin.body == PAGE_BODY
    assert bulletin.text == "2021年一季度,甲园区" + PAGE_BODY
    # With no period asked for, the latest with figures is the same quarter.
    assert bulletins.zone_bulletin(world["leader_a"], world.zone_a).text == bulletin.text
    assert bulletins.zone_bulletin(world["leader_a"], world.zone_a, Period.parse("2020-Q1")) is None
    with pytest.raises(Http404):
        bulletins.zone_bulletin(world["leader_b"], world.zone_a)


def test_an_enterprises_holiday_bulletin_reproduces_panlong(world):
    e = world.enterprise_a
    enter(world, "JDYK", "2021年五一", "4.01", "87.41", enterprise=e, park=e.park)
    enter(world, "YYSR", "2021年五一", "162.95", "123.93", enterprise=e, park=e.park)
    enter(world, "MPSR", "2021年五一", "88.79", "246.87", enterprise=e, park=e.park)
    subject = bulletins.subject_get(world["clerk_a"], f"e{e.pk}")
    page = bulletins.bulletin_page(subject, None)  # the holiday is its only period
    assert page.bulletin.body == PANLONG_BODY
    assert page.bulletin.text.startswith(f"2021年“五一”期间,{e.name}共接待游客")
    assert page.title == f"{e.name}2021年“五一”期间经营情况"


def test_wording_falls_flat_and_switches_units_with_computed_growth(world):
    enter(world, "JGM", "2020-Q1", 10000)
    enter(world, "JGM", "2021-Q1", 9650)  # −3.5%, in 万元 below 1亿
    enter(world, "SJSJ", "2020-Q1", 24000)
    enter(world, "SJSJ", "2021-Q1", "24001")  # +0.004% rounds to 持平
    enter(world, "GDZCTZ", "2020-Q1", 29000)
    enter(world, "GDZCTZ", "2021-Q1", 32500)  # 3.25亿元 (two decimals below 10亿), +12.07% → 12.1%
    bulletin = bulletins.zone_bulletin(world["city"], world.zone_a, Period.parse("2021-Q1"))
    assert bulletin.body == ("完成技工贸收入9650万元,同比下降3.5%;上缴税金2.4亿元,与上年同期持平;"
                             "完成固定资产投资3.25亿元,同比增长12.1%。")


def test_the_page_flags_a_mismatch_and_shows_an_implied_base(world, login):
    enter(world, "SJSJ", "2020-Q1", 20000)
    enter(world, "SJSJ", "2021-Q1", 24000, 64.4)  # the prior-year figure gives +20%
    enter(world, "GDZCTZ", "2021-Q1", 149000, 84.5)  # no prior year: base implied
    html = login("leader_a").get(zone_url(world, "2021-Q1")).content.decode()
    assert "上缴税金2.4亿元,同比增长64.4%" in html  # the bulletin quotes the reported rate
    assert "上缴税金:通报引用的填报增速为+64.4%,按上年同期2亿元计算为+20%,相差44.4个百分点" in html
    assert "不一致" in html
    assert "8.08亿元 <span class=\"tag amber\"" in html and "推算" in html  # 149000 ÷ 1.845
    assert "固定资产投资:缺少上年同期数" in html


def test_the_page_and_word_file_of_a_zone(world, login):
    enter_page_q1(world)
    client = login("leader_a")
    response = client.get(zone_url(world))  # no period: the latest with figures
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="bulletin-text" id="bulletin-text">2021年一季度,甲园区{PAGE_BODY}</p>' in html
    assert "复制通报文字" in html and 'value="2021-Q1"' in html

    response = client.get(zone_url(world, "2021年一季度", "indicators:bulletin_docx"))
    assert response.status_code == 200
    title = "甲园区2021年一季度经济运行情况"
    assert response["Content-Disposition"] == f"attachment; filename*=UTF-8''{quote(title + '.docx')}"
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == title
    assert "2021年一季度,甲园区" + PAGE_BODY in paragraphs
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert ["技工贸收入", "133.8亿元"] == cells[5:7]

    # A quarter with nothing confirmed: the empty state says what to do, and there is no Word file.
    response = client.get(zone_url(world, "2020-Q4"))
    assert "该期间尚无已核定的数据,请先录入或导入" in response.content.decode()
    assert client.get(zone_url(world, "2020-Q4", "indicators:bulletin_docx")).status_code == 404


def test_a_leader_of_another_zone_gets_404(world, login):
    enter_page_q1(world)
    client = login("leader_b")
    for name in ("indicators:bulletin", "indicators:bulletin_docx"):
        assert client.get(zone_url(world, "2021-Q1", name)).status_code == 404
        assert client.get(reverse(name) + f"?subject=e{world.enterprise_a.pk}").status_code == 404
    # Without a subject, leader B gets its own zone.
    assert "乙园区" in client.get(reverse("indicators:bulletin")).content.decode()


def test_bad_input_gives_a_chinese_error(world, login):
    client = login("clerk_a")
    response = client.get(zone_url(world, "2021-Q5"))
    assert response.status_code == 400
    assert "期间“2021-Q5”无法识别,请写作2021-03、2021-Q1、2021或2021年五一。" in response.content.decode()
    response = client.get(reverse("indicators:bulletin") + "?subject=zone1")
    assert response.status_code == 400
    assert bulletins.MSG_BAD_SUBJECT in response.content.decode()
    assert client.get(zone_url(world, "1999", "indicators:bulletin_docx")).status_code == 400


def test_the_page_costs_the_same_queries_for_more_enterprises_and_periods(world, login):
    enter_page_q1(world)
    client = login("leader_a")
    url = zone_url(world)
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    def grow(start, n):
        for i in range(start, start + n):
            e = EnterpriseFactory(zone=world.zone_a, park=world.park_a, name=f"测试企业{i}")
            for month in (1, 2, 3):
                enter(world, "YYSR", f"2021-{month:02d}", 100 + i, enterprise=e, park=world.park_a)

    grow(0, 2)
    few = count()
    grow(2, 8)
    assert count() == few <= 15, few
