"""The demo's economic indicators: the page's figures as printed, 湘乡经开区's 一季度 and 盘龙's 五一 written
back as the page writes them, the illustrative history of all seven zones, the one inconsistent
figure flagged, and loading twice changes nothing. The demo is loaded once for the module."""

from decimal import Decimal

import pytest
from django.db import transaction

from yuanqu.accounts.models import User
from yuanqu.audit.models import AuditEntry
from yuanqu.demo import xiangtan_indicators as demo_indicators
from yuanqu.demo.loader import load_xiangtan
from yuanqu.indicators import selectors
from yuanqu.indicators.bulletin import write_bulletin
from yuanqu.indicators.growth import Book, subject_key
from yuanqu.indicators.models import Indicator, IndicatorValue, ValueRevision
from yuanqu.indicators.periods import Period
from yuanqu.registry.models import Enterprise, Park, Zone

pytestmark = pytest.mark.django_db

XIANGXIANG_Q1 = ("完成技工贸收入133.8亿元,同比增长20%;规模以上工业企业主营业务收入110.3亿元,同比增长22.8%;"
                 "上缴税金2.4亿元,同比增长64.4%;完成固定资产投资14.9亿元,同比增长84.5%。")
PANLONG_MAYDAY = ("共接待游客4.01万人次,同比增长87.41%,实现营业收入162.95万元,同比增长123.93%,"
                  "其中门票收入88.79万元,同比增长246.87%。")
PANLONG = "湘潭盘龙生态农业示范园有限公司"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole Xiangtan demo, loaded once and rolled back after the module's tests."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            load_xiangtan()
            yield
            transaction.set_rollback(True)


def active():
    return list(Indicator.objects.filter(is_active=True))


def zone_book(zone: Zone) -> Book:
    return Book.load(indicators=active(), years=[2019, 2020, 2021], subjects=[("zone", zone.pk)])


def value(code: str, period: str, **subject) -> IndicatorValue:
    p = Period.parse(period)
    return IndicatorValue.objects.get(indicator__code=code, year=p.year, period_kind=p.kind, period=p.number,
                                      **subject)


def test_the_pages_figures_as_printed(demo):
    xiangxiang = Zone.objects.get(short_name="湘乡经开区")
    expected = {"JGM": ("1338000", "20"), "GSZYYW": ("1103000", "22.8"), "SJSJ": ("24000", "64.4"),
                "GDZCTZ": ("149000", "84.5")}
    for code, (amount, growth) in expected.items():
        v = value(code, "2021-Q1", zone=xiangxiang, level="zone")
        assert (v.value, v.reported_growth) == (Decimal(amount), Decimal(growth))
        assert (v.state, v.source, v.is_illustrative) == ("confirmed", "demo", False)
        assert v.entered_by.username == "clerk"
        assert v.revisions.get().action == "enter"
    power, electronics = Park.objects.get(name="电力科技产业园"), Park.objects.get(name="电子信息产业园")
    assert value("SS", "2020", park=power).value == Decimal("32500")  # 3.25亿元
    assert value("HTYZZJ", "2021-04", park=electronics).value == Decimal("300000")  # 30亿元
    assert value("RYQYS", "2021-04", park=electronics).value == 16
    assert value("RYQYS", "2021-04", park=power).value == 42
    panlong = Enterprise.objects.get(name=PANLONG)
    mayday = {v.indicator.code: (v.value, v.reported_growth, v.is_illustrative)
              for v in IndicatorValue.objects.filter(enterprise=panlong).select_related("indicator")}
    assert mayday == {"JDYK": (Decimal("4.01"), Decimal("87.41"), False),
                      "YYSR": (Decimal("162.95"), Decimal("123.93"), False),
                      "MPSR": (Decimal("88.79"), Decimal("246.87"), False)}
    assert not IndicatorValue.objects.filter(enterprise=panlong, year=2020).exists()
    # Every figure not from the page is marked illustrative and says so.
    made_up = IndicatorValue.objects.filter(is_illustrative=True)
    assert made_up.count() > 1000
    assert not made_up.exclude(note__startswith="示意").exists()
    assert IndicatorValue.objects.filter(is_illustrative=False).count() == 11
    assert ValueRevision.objects.count() == IndicatorValue.objects.count()


def test_the_bulletin_of_xiangxiang_first_quarter_is_the_pages_sentence(demo):
    zone = Zone.objects.get(short_name="湘乡经开区")
    q1 = Period.parse("2021-Q1")
    bulletin = write_bulletin(book=zone_book(zone), key=subject_key("zone", zone.pk), subject=zone.short_name,
                              period=q1, indicators=active())
    assert bulletin.body == XIANGXIANG_Q1
    assert bulletin.text == "2021年一季度,湘乡经开区" + XIANGXIANG_Q1
    assert bulletin.mismatches == []  # the illustrative 2020 一季度 agrees with the reported growth
    for clause in bulletin.clauses:
        assert clause.growth.prior is not None and not clause.growth.mismatch
    # Its 2021年1-3月 cumulative months equal the quarter.
    for code in demo_indicators.KEY:
        assert value(code, "2021-03", zone=zone, level="zone").value == value(code, "2021-Q1", zone=zone,
                                                                             level="zone").value


def test_panlongs_mayday_reads_as_printed_with_the_implied_prior_year_base(demo):
    panlong = Enterprise.objects.get(name=PANLONG)
    book = Book.load(indicators=active(), years=[2020, 2021], subjects=[("enterprise", panlong.pk)])
    bulletin = write_bulletin(book=book, key=subject_key("enterprise", panlong.pk), subject="盘龙大观园",
                              period=Period.parse("2021年五一"), indicators=active())
    assert bulletin.body == PANLONG_MAYDAY
    visitors = next(c for c in bulletin.implied if c.indicator.code == "JDYK")
    assert visitors.growth.prior is None
    assert round(visitors.growth.implied_prior, 2) == Decimal("2.14")
    assert len(bulletin.implied) == 3


def test_the_deliberately_inconsistent_figure_is_flagged_and_only_it(demo):
    zone_name, code, period, off = demo_indicators.MISMATCH
    zone = Zone.objects.get(short_name=zone_name)
    flagged = []
    for z in Zone.objects.all():
        book = zone_book(z)
        for ind in active():
            for p in ("2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4", "2021-Q1"):
                g = book.growth(ind, subject_key("zone", z.pk), Period.parse(p))
                if g is not None and g.mismatch:
                    flagged.append((z.short_name, ind.code, p, g.difference))
    assert flagged == [(zone_name, code, period.key, off)]
    assert value(code, period.key, zone=zone, level="zone").note == "示意:填报增速与上年同期数不一致"


def test_all_seven_zones_have_history_to_compare_and_rank(demo):
    jgm = Indicator.objects.get(code="JGM")
    firsts = {}
    for zone in Zone.objects.all():
        book = zone_book(zone)
        key = subject_key("zone", zone.pk)
        for p in ("2020-Q1", "2021-Q1"):
            assert book.figure(jgm, key, Period.parse(p)) is not None, (zone.short_name, p)
        assert book.growth(jgm, key, Period.parse("2021-Q1")).rate > 0
        months = IndicatorValue.objects.filter(zone=zone, level="zone", indicator=jgm, period_kind="month")
        assert months.count() == 28  # 2019-01 … 2021-04
        assert book.growth(jgm, key, Period.parse("2021-04")).computed is not None
        firsts[zone.short_name] = book.figure(jgm, key, Period.parse("2021-Q1")).value
    ranking = sorted(firsts, key=firsts.get, reverse=True)
    assert ranking[:3] == ["湘潭高新区", "湘潭经开区", "湘乡经开区"]
    # Some growth is negative somewhere, so the words 下降 show too.
    tax = Indicator.objects.get(code="SJSJ")
    yuhu = Zone.objects.get(short_name="雨湖高新区")
    assert zone_book(yuhu).growth(tax, subject_key("zone", yuhu.pk), Period.parse("2021-Q1")).rate < 0


def test_the_clerk_has_one_enterprise_figure_to_check(demo):
    clerk = User.objects.get(username="clerk")
    queue = list(selectors.review_queue(clerk))
    assert [(v.enterprise.name, v.indicator.code, v.year, v.period_kind, v.period) for v in queue] == [
        ("湖南创普开业科技有限公司", "YYSR", 2021, "quarter", 1)]
    assert queue[0].source == "enterprise" and queue[0].is_illustrative
    revenue = IndicatorValue.objects.filter(indicator__code="YYSR", zone__short_name="湘乡经开区",
                                            level="enterprise", state="confirmed")
    assert revenue.values("enterprise").distinct().count() == 5
    assert revenue.filter(year=2021).count() == 0  # nothing confirmed yet for 2021: the 一季度 paragraph stays the page's


def test_the_other_zones_clerks_enter_their_figures_and_cannot_sign_in(demo):
    gaoxin = value("JGM", "2021-Q1", zone=Zone.objects.get(short_name="湘潭高新区"), level="zone")
    assert gaoxin.entered_by.username == "clerk-gaoxin"
    assert gaoxin.revisions.get().changed_at.date().isoformat() == "2021-04-15"  # dated on its day, not today
    made = User.objects.filter(username__in=[*demo_indicators.CLERKS.values(), demo_indicators.CHUANGPU_USER])
    made = made.exclude(username="clerk")
    assert made.count() == 7
    assert not any(u.has_usable_password() for u in made)


def test_loading_twice_changes_nothing(demo):
    def snapshot():
        return (list(IndicatorValue.objects.values_list("pk", "value", "reported_growth", "state", "version",
                                                         "updated_at").order_by("pk")),
                ValueRevision.objects.count(), User.objects.count(), AuditEntry.objects.count())

    before = snapshot()
    load_xiangtan()
    assert snapshot() == before
