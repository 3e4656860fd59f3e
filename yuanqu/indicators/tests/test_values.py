"""The values ledger's pages: the list (filters, search, growth, export, query count), entering a
figure (bad input saves nothing), one figure with its growth panel and history, revising it."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.common.clock import frozen
from yuanqu.indicators import services
from yuanqu.indicators.models import Indicator, IndicatorValue, ValueRevision
from yuanqu.indicators.periods import Period

LIST = reverse("indicators:value_list")
NEW = reverse("indicators:value_create")


@pytest.fixture(autouse=True)
def _today(settings):
    settings.YUANQU_FROZEN_TODAY = "2021-05-14"
    with frozen("2021-05-14"):
        yield


def ind(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def put(world, code, period, value, *, zone=None, actor="clerk_a", **kw) -> IndicatorValue:
    return services.value_save(actor=world[actor], indicator=ind(code), zone=zone or world.zone_a,
                               period=Period.parse(period), value=Decimal(value), **kw)


def test_list_shows_figures_with_growth_and_flags_a_mismatch(world, login):
    put(world, "JGM", "2020-03", "1115000")
    put(world, "JGM", "2021-03", "1338000", reported_growth="20")  # computed 20.0: consistent
    put(world, "SJSJ", "2020-03", "14600")
    put(world, "SJSJ", "2021-03", "24000", reported_growth="60")  # computed 64.4: flagged
    page = login("leader_a").get(LIST).content.decode()
    assert "133.8亿元" in page and "2.4亿元" in page
    assert "2021年1-3月" in page  # a cumulative month reads as the months it covers
    assert "+20%" in page and "+64.4%" in page
    assert page.count('class="tag red" title="填报+60%') == 1
    # Zone B's leader sees none of zone A's figures.
    assert "133.8亿元" not in login("leader_b").get(LIST).content.decode()


def test_list_filters_search_and_pagination_keep_the_filters(world, login):
    for month in range(1, 13):
        put(world, "JGM", f"2020-{month:02d}", str(1000 * month))
    put(world, "SS", "2020-12", "32500", park=world.park_a)
    client = login("clerk_a")
    page = client.get(LIST, {"indicator": ind("SS").pk}).content.decode()
    assert "3.25亿元" in page and "技工贸收入" not in page.split("<tbody>")[1]
    page = client.get(LIST, {"period": "2020年6月"}).content.decode()
    assert "2020年1-6月" in page and "2020年1-5月" not in page
    page = client.get(LIST, {"q": "电子信息"}).content.decode()  # the park's name
    assert "3.25亿元" in page and "共 1 条" in page
    page = client.get(LIST, {"level": "zone", "page": 1}).content.decode()
    assert "共 12 条" in page and "2020年1-12月" in page.split("<tbody>")[1].split("</tr>")[0]
    bad = client.get(LIST, {"period": "2021年13月"})
    assert bad.status_code == 200 and "月度期间编号须在1至12之间" in bad.content.decode()
    assert "没有符合条件的数据" in bad.content.decode()


def test_a_search_matching_zone_park_and_enterprise_lists_each_figure_once(world, login):
    put(world, "JGM", "2021-03", "1338000")
    put(world, "SS", "2021-03", "32500", park=world.park_a)
    put(world, "YYSR", "2021-04", "162.95", enterprise=world.enterprise_a)
    client = login("city")
    page = client.get(LIST, {"q": "甲"}).content.decode()  # 甲园区, 甲电子信息产业园, 湖南甲科技有限公司
    assert "共 3 条" in page
    rows = page.split("<tbody>")[1].split("</tbody>")[0]
    assert rows.count("<tr>") == 3 and "133.8亿元" in rows and "3.25亿元" in rows and "162.95万元" in rows
    assert "共 1 条" in client.get(LIST, {"q": "JGM"}).content.decode()  # an indicator's code
    assert "没有符合条件的数据" in client.get(LIST, {"q": "乙"}).content.decode()


def test_many_matches_read_in_zone_order_list_the_same_rows(world, login, monkeypatch):
    """Past SearchPaginator.CAP a search or one indicator across zones is read in the zone index's
    order instead of sorted: the page is the same."""
    from yuanqu.indicators import value_views

    for month in range(1, 7):
        put(world, "JGM", f"2021-{month:02d}", str(100 * month))
        put(world, "SS", f"2021-{month:02d}", "50", park=world.park_a)
    client = login("city")
    queries = [{"indicator": ind("JGM").pk}, {"q": "技工贸"}, {"q": "甲"}]

    def first_rows(page):
        return page.split("<tbody>")[1].split("</tr>")[:3]

    sorted_pages = [client.get(LIST, q).content.decode() for q in queries]
    monkeypatch.setattr(value_views.SearchPaginator, "CAP", 3)
    walked = [client.get(LIST, q).content.decode() for q in queries]
    for query, before, after in zip(queries, sorted_pages, walked):
        assert first_rows(after) == first_rows(before)
        if "q" in query:  # a search counts only up to the cap
            assert "共 3余 条" in after and "共 3余 条" not in before


def test_pagination_links_carry_the_filters(world, login):
    for month in range(1, 13):
        for code in ("JGM", "SJSJ", "GDZCTZ"):
            put(world, code, f"2020-{month:02d}", "100")
    page = login("clerk_a").get(LIST, {"level": "zone"}).content.decode()
    assert "?level=zone&page=2" in page
    assert "export.xlsx?level=zone" in page


def test_empty_list_says_what_to_do(world, login):
    assert "点击右上角“录入”" in login("clerk_a").get(LIST).content.decode()
    assert "园区统计员录入或导入数据后" in login("leader_a").get(LIST).content.decode()
    assert reverse("indicators:report_create") in login("enterprise_a").get(LIST).content.decode()


def test_within_a_zone_the_newest_period_comes_first(world, login):
    for key in ("2020", "2021-Q1", "2021-03", "2021-04", "2021-五一", "2020-12"):
        put(world, "JGM" if key != "2021-五一" else "SJSJ", key, "100")
    rows = login("clerk_a").get(LIST).content.decode().split("<tbody>")[1]
    order = [label for label in ("2021年“五一”期间", "2021年1-4月", "2021年一季度", "2021年1-3月", "2020年全年",
                                 "2020年1-12月") if label in rows]
    assert len(order) == 6
    assert sorted(order, key=rows.index) == order


def test_list_queries_do_not_grow_with_rows(world, login, django_assert_max_num_queries):
    client = login("city")
    put(world, "JGM", "2019-01", "100")
    with django_assert_max_num_queries(30) as one_row:
        client.get(LIST)
    for month in range(1, 13):
        for code in ("JGM", "SJSJ", "GDZCTZ"):
            put(world, code, f"2021-{month:02d}", "120")
            put(world, code, f"2020-{month:02d}", "100")
        put(world, "SS", f"2021-{month:02d}", "50", park=world.park_a)
        put(world, "SS", f"2020-{month:02d}", "40", park=world.park_a)
    with django_assert_max_num_queries(len(one_row.captured_queries)):
        response = client.get(LIST)
    page = response.content.decode()
    assert page.count("同比+20%") + page.count("同比+25%") == 30  # a full page, each row with its growth


def test_export_has_the_filtered_rows_with_growth(world, login):
    put(world, "JGM", "2020-03", "1115000")
    put(world, "JGM", "2021-03", "1338000", reported_growth="20")
    put(world, "SJSJ", "2021-03", "24000")
    response = login("leader_a").get(reverse("indicators:value_export"), {"indicator": ind("JGM").pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.values)
    assert rows[0][:6] == ("园区", "层级", "对象", "指标代码", "指标", "期间")
    assert len(rows) == 3 and {r[5] for r in rows[1:]} == {"2021年1-3月", "2020年1-3月"}
    top = rows[1]
    assert top[8] == "133.8亿元" and top[9] == 20 and top[10] == 20


# ---- entering -----------------------------------------------------------------------------------------

def _post(world, **over):
    data = {"indicator": ind("JGM").pk, "zone": world.zone_a.pk, "park": "", "enterprise": "", "period": "2021年3月",
            "value": "133.8", "scale": "yi", "reported_growth": "20", "note": "", "reason": ""}
    data.update(over)
    return data


def test_clerk_enters_a_figure_in_yi_yuan_kept_in_wan_yuan(world, login):
    response = login("clerk_a").post(NEW, _post(world))
    value = IndicatorValue.objects.get()
    assert response.status_code == 302 and response.url == reverse("indicators:value_detail", args=[value.pk])
    assert value.value == Decimal("1338000") and value.reported_growth == 20
    assert (value.year, value.period_kind, value.period) == (2021, "month", 3)
    assert value.revisions.get().action == "enter"


@pytest.mark.parametrize("over, field, message", [
    ({"period": "2021年13月"}, "period", "月度期间编号须在1至12之间"),
    ({"period": "三月"}, "period", "期间“三月”无法识别"),
    ({"value": "abc"}, "value", "输入一个数字"),
    ({"value": "-5"}, "value", "数值不能为负数"),
    ({"reported_growth": "-150"}, "reported_growth", "同比增速须在-100%至10000%之间"),
    ({"indicator": "JDYK", "scale": "yi"}, "scale", "只有金额指标可以按亿元填报"),
    ({"enterprise": "enterprise_a"}, "indicator", "按园区填报,不能填报到企业"),
    ({"park": "park_b"}, "park", "选择一个有效的选项"),
])
def test_bad_input_shows_a_chinese_error_and_saves_nothing(world, login, over, field, message):
    if over.get("indicator"):
        over["indicator"] = ind(over["indicator"]).pk
    if over.get("park") == "park_b":
        over["park"] = world.park_b.pk
    if over.get("enterprise"):
        over["enterprise"] = world.enterprise_a.pk
    response = login("clerk_a").post(NEW, _post(world, **over))
    assert response.status_code == 400
    form = response.context["form"]
    errors = form.errors.get(field or "__all__") or sum(form.errors.values(), [])
    assert any(message in e for e in errors), form.errors
    assert not IndicatorValue.objects.exists() and not ValueRevision.objects.exists()


def test_entering_an_existing_confirmed_figure_asks_for_the_reason(world, login):
    put(world, "JGM", "2021-03", "1330000")
    client = login("clerk_a")
    response = client.post(NEW, _post(world))
    assert response.status_code == 400
    assert "修订已核定的数据须写明修订原因" in str(response.context["form"].errors["reason"])
    assert "现为133亿元" in response.content.decode()
    assert IndicatorValue.objects.get().value == Decimal("1330000")
    response = client.post(NEW, _post(world, reason="统计局核定数"))
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert value.value == Decimal("1338000")
    revise = value.revisions.get(action="revise")
    assert (revise.old_value, revise.new_value, revise.reason) == (Decimal("1330000"), Decimal("1338000"), "统计局核定数")


# ---- one figure and its revision ----------------------------------------------------------------------

def test_detail_shows_the_growth_panel_and_history(world, login):
    prior = put(world, "SJSJ", "2020-03", "14600")
    value = put(world, "SJSJ", "2021-03", "24000", reported_growth="60")
    put(world, "SJSJ", "2021-02", "15000", reported_growth="30")
    page = login("leader_a").get(reverse("indicators:value_detail", args=[value.pk])).content.decode()
    assert "1.46亿元" in page and "+64.4%" in page and "+60%" in page
    assert "填报低4.38个百分点" in page and "请核对" in page
    assert "同比增长60%" in page and "增速比上期提高30个百分点" in page
    assert reverse("indicators:value_detail", args=[prior.pk]) in page
    assert "录入" in page.split("<h2>修订记录</h2>")[1]


def test_detail_derives_the_implied_base_when_no_prior(world, login):
    value = put(world, "JGM", "2021-03", "1338000", reported_growth="20")
    page = login("clerk_a").get(reverse("indicators:value_detail", args=[value.pk])).content.decode()
    assert "推算上年同期数" in page and "111.5亿元" in page and "推算</span>" in page


def test_revise_keeps_the_old_figure_and_refuses_a_stale_version(world, login):
    value = put(world, "JGM", "2021-03", "1330000", reported_growth="19")
    url = reverse("indicators:value_edit", args=[value.pk])
    client = login("clerk_a")
    form = client.get(url).context["form"]
    assert form["value"].value() == "1330000" and form["version"].value() == 1 and form.fields["reason"].required
    no_reason = client.post(url, {"value": "1338000", "scale": "wan", "reported_growth": "20", "version": 1})
    assert no_reason.status_code == 400 and "reason" in no_reason.context["form"].errors
    done = client.post(url, {"value": "133.8", "scale": "yi", "reported_growth": "20", "version": 1,
                             "reason": "统计局核定"})
    assert done.status_code == 302
    value.refresh_from_db()
    assert value.value == Decimal("1338000") and value.version == 2
    page = client.get(reverse("indicators:value_detail", args=[value.pk])).content.decode()
    assert "1330000万元 → 1338000万元" in page and "19% → 20%" in page and "统计局核定" in page
    stale = client.post(url, {"value": "1339000", "scale": "wan", "version": 1, "reason": "再改"})
    assert stale.status_code == 400 and "已被他人修改" in stale.content.decode()
    value.refresh_from_db()
    assert value.value == Decimal("1338000")


def test_enterprise_sees_its_own_figures_only(world, login):
    own = put(world, "YYSR", "2021-04", "162.95", enterprise=world.enterprise_a, actor="enterprise_a")
    staff = put(world, "JGM", "2021-03", "1338000")
    client = login("enterprise_a")
    assert client.get(reverse("indicators:value_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("indicators:value_detail", args=[staff.pk])).status_code == 404
    page = client.get(LIST).content.decode()
    assert "162.95万元" in page and "133.8亿元" not in page
