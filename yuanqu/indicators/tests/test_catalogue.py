"""The catalogue pages: read by whoever reads figures, kept by the system administrator."""

from django.urls import reverse

from yuanqu.indicators.models import Indicator

LIST = reverse("indicators:indicator_list")
NEW = reverse("indicators:indicator_create")


def form_data(**over):
    return {"code": "GYZJZ", "name": "规模工业增加值", "unit": "wan_yuan", "cumulative": "on", "level": "zone",
            "aggregation": "sum", "parent": "", "lead": "完成", "definition": "", "sort_order": 200,
            "is_active": "on", **over}


def test_list_shows_the_catalogue_and_edits_only_for_the_administrator(world, login):
    page = login("leader_a").get(LIST).content.decode()
    assert "技工贸收入" in page and "门票收入" in page and "营业收入" in page  # 门票收入 belongs to 营业收入
    assert "累计" in page and "当期" in page and "逐级求和" in page and "新增指标" not in page
    assert "由系统管理员维护" in page
    admin = login("sysadmin").get(LIST).content.decode()
    assert "新增指标" in admin and reverse("indicators:indicator_edit", args=[Indicator.objects.get(code="JGM").pk]) in admin
    found = login("sysadmin").get(LIST, {"q": "税"}).content.decode()
    assert "上缴税金" in found and "技工贸收入" not in found
    assert "没有名称或代码含“无此指标”的指标" in login("sysadmin").get(LIST, {"q": "无此指标"}).content.decode()


def test_administrator_adds_an_indicator(world, login):
    response = login("sysadmin").post(NEW, form_data())
    assert response.status_code == 302
    saved = Indicator.objects.get(code="GYZJZ")
    assert saved.name == "规模工业增加值" and saved.cumulative and saved.lead == "完成"


def test_bad_catalogue_input_is_refused_in_chinese_and_saves_nothing(world, login):
    client = login("sysadmin")
    before = Indicator.objects.count()
    for over, field, text in [
        ({"code": "GY ZJZ"}, "code", "指标代码只能包含字母、数字和下划线"),
        ({"code": "JGM"}, "code", "已有相同代码的指标"),
        ({"name": "技工贸收入"}, "name", "已有同名指标"),
        ({"name": ""}, "name", "这个字段是必填项"),
    ]:
        response = client.post(NEW, form_data(**over))
        assert response.status_code == 400
        assert any(text in e for e in response.context["form"].errors[field]), (over, response.context["form"].errors)
    assert Indicator.objects.count() == before


def test_edit_refuses_a_cycle_and_a_stale_version(world, login):
    client = login("sysadmin")
    yysr, mpsr = Indicator.objects.get(code="YYSR"), Indicator.objects.get(code="MPSR")
    url = reverse("indicators:indicator_edit", args=[yysr.pk])
    page = client.get(url)
    assert page.context["form"]["version"].value() == yysr.version
    data = form_data(code="YYSR", name="营业收入", level="enterprise", cumulative="", version=yysr.version)
    cycle = client.post(url, {**data, "parent": mpsr.pk})
    assert cycle.status_code == 400 and "不能属于自身或自己的下级" in cycle.content.decode()
    assert client.post(url, {**data, "lead": "实现"}).status_code == 302
    stale = client.post(url, {**data, "lead": "完成"})
    assert stale.status_code == 400 and "已被他人修改" in stale.content.decode()
    yysr.refresh_from_db()
    assert yysr.lead == "实现" and yysr.parent is None
