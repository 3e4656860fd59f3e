"""The Xiangtan demo: the newspaper page's zones, parks, enterprises, departments and officials, spelled as printed."""

import io

import pytest
from django.core.management import CommandError, call_command

from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.audit.models import AuditEntry
from yuanqu.demo import xiangtan
from yuanqu.demo.loader import load_xiangtan
from yuanqu.registry.models import Department, Enterprise, Official, Park, Zone

pytestmark = pytest.mark.django_db

# From the page's 合作园区 box: (short name, full name, slogan, hotline), as printed.
ZONES = [
    ("湘潭高新区", "湘潭高新区", "", ""),
    ("湘潭经开区", "湘潭经开区", "大美九华 创业之家", ""),
    ("昭山示范区", "湘潭昭山示范区", "生态绿谷 创意之都", ""),
    ("雨湖高新区", "雨湖高新区", "长潭腹地 产业新城", "0731-55556789"),
    ("天易示范区", "天易经经开区", "创新服务基地 生态工业新区", "0731-57572222"),
    ("湘乡经开区", "湖南湘乡经济开发区", "实力园区 活力园区 魅力园区", "0731-56568888"),
    ("岳塘经开区", "湖南湘潭岳塘经济开发区", "打造湖南商贸第一区", "52688088"),
]

ENTERPRISES = {
    # 湘乡经开区
    "湖南创普开业科技有限公司", "湖南振添光学玻璃科技有限公司", "湘君子电子", "维泰科技", "宜合兴", "新天源",
    "湘乡电力", "泰湘电力", "方园电力", "大力电力", "腾达电力",
    # 湘潭经开区's reception day
    "蓝思科技(湘潭)有限公司", "湖南百年七星不锈钢制品有限公司", "中华石油湖南有限公司", "湖南迅佳科技有限公司",
    # 岳塘经开区, 湘潭高新区
    "湘潭盘龙生态农业示范园有限公司", "湘潭高新集团", "永霏公司",
}

DEPARTMENTS = {
    ("湘潭经开区", "区建设局"), ("湘潭经开区", "九华交警大队"), ("湘潭经开区", "响水乡"),
    ("湘潭高新区", "湘潭国家高新技术创业服务中心"), ("湘潭高新区", "双马街道"),
    ("昭山示范区", "湘潭昭山文化产业园管委会"), ("天易示范区", "天易经经开区团工委"),
    ("岳塘经开区", "岳塘经开区党工委、管委会"),
    # The approvals' departments (generic names, illustrative: the page names none of them).
    ("湘乡经开区", "湘乡市发展和改革局"), ("湘乡经开区", "湘乡市自然资源局"), ("湘乡经开区", "湘乡市住房和城乡建设局"),
    ("湘乡经开区", "湘潭市生态环境局湘乡分局"), ("湘乡经开区", "湘乡市应急管理局"), ("湘乡经开区", "湘乡市水利局"),
    ("岳塘经开区", "湘潭市公安局岳塘分局"), ("岳塘经开区", "岳塘区消防救援大队"), ("岳塘经开区", "岳塘交警大队"),
    ("岳塘经开区", "岳塘区市场监督管理局"),
}

OFFICIALS = {
    ("湘潭经开区", "胡海军", "湘潭经开区党委书记", ""),
    ("湘潭经开区", "黄韧", "湘潭经开区党工委副书记、管委会主任", ""),
    ("岳塘经开区", "刘小伟", "岳塘经开区党工委委员、管委会副主任", ""),
    ("湘潭经开区", "杨德明", "工程师", "市林业局林业综合服务中心"),
    ("湘潭高新区", "李委烨", "华金社区党总支书记", "双马街道华金社区"),
}


@pytest.fixture
def demo(xiangtan_demo):
    return xiangtan_demo


def snapshot() -> dict:
    models = [Zone, Park, Department, Enterprise, Official, User, RoleAssignment]
    return {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in models}


def test_the_seven_zones_with_their_slogans_and_hotlines_as_printed(demo):
    zones = [(z.short_name, z.name, z.slogan, z.hotline) for z in Zone.objects.order_by("sort_order")]
    assert zones == ZONES
    assert Zone.objects.get(short_name="湘乡经开区").english_name == "XXJKQ"
    assert Zone.objects.get(short_name="湘潭高新区").english_name == "Xiang Tan High-Tech Zone"
    assert Zone.objects.get(short_name="湘潭经开区").level == "national"


def test_the_parks_and_the_phases_of_the_electronics_park(demo):
    xiangxiang = Park.objects.filter(zone__short_name="湘乡经开区")
    assert set(xiangxiang.filter(parent=None).values_list("name", flat=True)) == {"电力科技产业园", "电子信息产业园"}
    phases = Park.objects.filter(parent__name="电子信息产业园").order_by("phase")
    assert [(p.phase, p.name) for p in phases] == [
        (1, "电子信息产业园一期"), (2, "电子信息产业园二期"), (3, "电子信息产业园三期"),
        (4, "电子信息产业园四期"), (5, "电子信息产业园五期"),
    ]
    assert list(Park.objects.filter(parent__name="电力科技产业园").values_list("name", flat=True)) == ["电力科技产业园一期"]
    assert "2020年税收达到3.25亿元" in Park.objects.get(name="电力科技产业园").description
    assert Park.objects.get(name="湘潭昭山国家级文化产业园").zone.short_name == "昭山示范区"


def test_every_enterprise_the_page_names(demo):
    assert set(Enterprise.objects.values_list("name", flat=True)) == ENTERPRISES
    chuangpu = Enterprise.objects.get(name="湖南创普开业科技有限公司")
    assert (chuangpu.zone.short_name, chuangpu.park.name, chuangpu.scale) == ("湘乡经开区", "电子信息产业园一期", "above")
    assert "从签约到开工建设仅用20个工作日" in chuangpu.note
    assert Enterprise.objects.get(name="湘君子电子").park.name == "电子信息产业园二期"
    assert Enterprise.objects.get(name="蓝思科技(湘潭)有限公司").zone.short_name == "湘潭经开区"
    # No credit codes are invented for real enterprises.
    assert set(Enterprise.objects.values_list("credit_code", flat=True)) == {""}


def test_the_departments_and_officials_named(demo):
    assert set(Department.objects.values_list("zone__short_name", "name")) == DEPARTMENTS
    assert set(Official.objects.values_list("zone__short_name", "name", "position", "unit")) == OFFICIALS
    assert Official.objects.get(name="李委烨").department.name == "双马街道"
    leaders = Official.objects.filter(zone__short_name="湘潭经开区").order_by("sort_order")
    assert [o.name for o in leaders][:2] == ["胡海军", "黄韧"]


def test_the_counts_it_reports(demo):
    assert demo == {"zones": 7, "parks": 9, "departments": 18, "enterprises": 18, "officials": 5, "projects": 11, "accounts": 18}
    assert (Zone.objects.count(), Park.objects.count(), Department.objects.count(), Enterprise.objects.count(),
            Official.objects.count()) == (7, 9, 18, 18, 5)


def test_loading_twice_changes_nothing(demo):
    before = snapshot()
    entries = AuditEntry.objects.count()
    assert load_xiangtan() == demo
    assert snapshot() == before
    assert AuditEntry.objects.count() == entries  # nothing changed, so nothing to log


def test_loading_repairs_a_demo_record_someone_edited(demo):
    Zone.objects.filter(short_name="岳塘经开区").update(hotline="0731-00000000")
    load_xiangtan()
    assert Zone.objects.get(short_name="岳塘经开区").hotline == "52688088"


def test_the_eighteen_demo_accounts_every_role_and_the_appeals_and_approvals_parties(demo):
    users = User.objects.filter(username__in=[a[0] for a in xiangtan.ACCOUNTS])
    assert users.count() == 18
    assert all(u.is_demo for u in users)
    roles = set(RoleAssignment.objects.filter(user__in=users).values_list("user__username", "role"))
    assert roles == {(a[0], a[2]) for a in xiangtan.ACCOUNTS}
    assert RoleAssignment.objects.get(user__username="leader").zone.short_name == "湘乡经开区"
    assert RoleAssignment.objects.get(user__username="dept").department.name == "区建设局"
    assert RoleAssignment.objects.get(user__username="enterprise").enterprise.name == "蓝思科技(湘潭)有限公司"
    assert {r[2] for r in xiangtan.ACCOUNTS} == {
        "city", "leader", "dept", "liaison", "agent", "investor", "enterprise", "mentor", "clerk",
        "sysadmin", "secadmin", "auditor"}
    assert RoleAssignment.objects.get(user__username="xtleader").zone.short_name == "湘潭经开区"
    assert RoleAssignment.objects.get(user__username="ytleader").zone.short_name == "岳塘经开区"
    assert RoleAssignment.objects.get(user__username="jiuhua").department.name == "九华交警大队"
    assert RoleAssignment.objects.get(user__username="panlong").enterprise.name == "湘潭盘龙生态农业示范园有限公司"
    assert RoleAssignment.objects.get(user__username="ytagent").zone.short_name == "岳塘经开区"
    assert RoleAssignment.objects.get(user__username="xxhb").department.name == "湘潭市生态环境局湘乡分局"


def test_the_command_refuses_production_and_reports_what_it_loaded(settings):
    settings.PRODUCTION = True
    before = snapshot()  # (the module's other tests may have the demo loaded already)
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert snapshot() == before
    settings.PRODUCTION = False
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "已载入湘潭演示:7个园区、9个产业园(含分期)、18家企业、18个部门、5名干部、11个项目、18个演示账号。" in out.getvalue()
    assert f"密码均为 {xiangtan.DEMO_PASSWORD}" in out.getvalue()
