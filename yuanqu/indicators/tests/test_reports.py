"""Enterprises report their own figures; the zone's statistics clerk confirms or returns them."""

import io
from decimal import Decimal

import pytest

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from yuanqu.inbox.models import InboxMessage
from yuanqu.indicators import services
from yuanqu.indicators.choices import Level, RevisionAction, Source, ValueState
from yuanqu.indicators.growth import Book
from yuanqu.indicators.models import Indicator, IndicatorValue
from yuanqu.indicators.periods import Period
from yuanqu.indicators.report_forms import MSG_CONFIRMED
from yuanqu.indicators.services import MSG_RETURN_REASON
from yuanqu.testing.factories import EnterpriseFactory, UserFactory, grant

REPORT = reverse("indicators:report_create")


@pytest.fixture(autouse=True)
def _demo_day(settings):
    settings.YUANQU_FROZEN_TODAY = "2021-05-14"  # the periods offered are this year's and the two before


def ind(code) -> Indicator:
    return Indicator.objects.get(code=code)


def report_data(**over) -> dict:
    data = {"indicator": ind("YYSR").pk, "period": "2021-五一", "value": "162.95", "money_unit": "万元",
            "reported_growth": "123.93", "note": "五一假期"}
    return {**data, **over}


def review(client, value, action, **data):
    return client.post(reverse("indicators:value_review", args=[value.pk, action]),
                       {"version": value.version, **data})


def test_an_enterprise_reports_its_own_figure_and_sees_only_its_own(world, login):
    a, b = login("enterprise_a"), login("enterprise_b")
    response = a.post(REPORT, report_data())
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.enterprise, value.zone, value.level) == (world.enterprise_a, world.zone_a, Level.ENTERPRISE)
    assert (value.state, value.source, value.value) == (ValueState.PENDING, Source.ENTERPRISE, Decimal("162.95"))
    assert value.revisions.get().action == RevisionAction.SUBMIT
    b.post(REPORT, report_data(indicator=ind("JDYK").pk, value="1.5"))
    page = a.get(reverse("indicators:report_list"))
    assert [r["obj"] for r in page.context["rows"]] == [value]
    assert "待审核" in page.content.decode() and "162.95万元" in page.content.decode()
    other = IndicatorValue.objects.get(enterprise=world.enterprise_b)
    assert a.get(REPORT, {"value": other.pk}).status_code == 404
    exported = load_workbook(io.BytesIO(a.get(reverse("indicators:report_list"), {"export": "xlsx"}).content))
    assert [row[:3] for row in exported.active.iter_rows(min_row=2, values_only=True)] == [
        ("营业收入", "2021年“五一”期间", 162.95)]


def test_money_in_yi_yuan_is_kept_in_wan_yuan_and_only_enterprise_indicators_are_offered(world, login):
    a = login("enterprise_a")
    form = a.get(REPORT).context["form"]
    assert {i.code for i in form.fields["indicator"].queryset} == {"JDYK", "YYSR", "MPSR"}
    assert a.post(REPORT, report_data(value="1.5", money_unit="亿元")).status_code == 302
    assert IndicatorValue.objects.get().value == Decimal("15000")
    # A zone-level indicator posted anyway is not a choice.
    assert a.post(REPORT, report_data(indicator=ind("JGM").pk, period="2021-Q1")).status_code == 400
    assert IndicatorValue.objects.count() == 1


def test_an_enterprise_cannot_report_for_another_enterprise(world, login):
    a = login("enterprise_a")
    # One enterprise: a forged enterprise field is ignored and the figure is its own.
    assert a.post(REPORT, report_data(enterprise=world.enterprise_b.pk)).status_code == 302
    assert not IndicatorValue.objects.filter(enterprise=world.enterprise_b).exists()
    assert IndicatorValue.objects.get().enterprise == world.enterprise_a
    # Several enterprises: chosen among its own only; another's is an invalid choice.
    second = EnterpriseFactory(zone=world.zone_a, park=world.park_a, name="湖南甲二号有限公司")
    grant(world["enterprise_a"], "enterprise", enterprise=second)
    a = login("enterprise_a")
    forged = a.post(REPORT, report_data(enterprise=world.enterprise_b.pk, period="2021-国庆"))
    assert forged.status_code == 400 and "enterprise" in forged.context["form"].errors
    assert not IndicatorValue.objects.filter(enterprise=world.enterprise_b).exists()
    assert a.post(REPORT, report_data(enterprise=second.pk)).status_code == 302
    assert IndicatorValue.objects.filter(enterprise=second).exists()


def test_a_returned_figure_is_resubmitted_and_then_confirmed(world, login, django_capture_on_commit_callbacks):
    ent, clerk = login("enterprise_a"), login("clerk_a")
    ent.post(REPORT, report_data())
    value = IndicatorValue.objects.get()
    assert value in [r.value for r in clerk.get(reverse("indicators:review_list")).context["rows"]]

    refused = review(clerk, value, "return", reason="  ")
    assert refused.status_code == 400 and MSG_RETURN_REASON in refused.content.decode()
    assert IndicatorValue.objects.get().state == ValueState.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        assert review(clerk, value, "return", reason="门票收入口径有误,请核对").status_code == 302
    value.refresh_from_db()
    assert (value.state, value.return_reason) == (ValueState.RETURNED, "门票收入口径有误,请核对")
    note = InboxMessage.objects.get(recipient=world["enterprise_a"])
    assert note.title.startswith("指标数据被退回") and "门票收入口径有误" in note.body
    assert "门票收入口径有误,请核对" in ent.get(reverse("indicators:report_list")).content.decode()

    again = ent.get(REPORT, {"value": value.pk})
    assert again.context["form"].initial["value"] == "162.95"
    resubmit = ent.post(f"{REPORT}?value={value.pk}", report_data(value="158.2", version=value.version))
    assert resubmit.status_code == 302
    value.refresh_from_db()
    assert (value.state, value.value, value.return_reason) == (ValueState.PENDING, Decimal("158.2"), "")

    with django_capture_on_commit_callbacks(execute=True):
        assert review(clerk, value, "confirm").status_code == 302
    value.refresh_from_db()
    assert value.state == ValueState.CONFIRMED and value.reviewed_by == world["clerk_a"]
    assert InboxMessage.objects.filter(recipient=world["enterprise_a"], title__startswith="指标数据已核定").exists()
    assert [r.action for r in value.revisions.order_by("id")] == [
        RevisionAction.SUBMIT, RevisionAction.RETURN, RevisionAction.SUBMIT, RevisionAction.CONFIRM]
    # Confirmed: the enterprise can no longer change it, and confirming twice is refused clearly.
    late = ent.post(REPORT, report_data(value="1"))
    assert late.status_code == 400 and MSG_CONFIRMED in late.content.decode()
    twice = review(clerk, value, "confirm")
    assert twice.status_code == 400 and "只有待审核的数据可以核定或退回" in twice.content.decode()


def test_a_stale_review_is_refused(world, login):
    ent, clerk = login("enterprise_a"), login("clerk_a")
    ent.post(REPORT, report_data())
    value = IndicatorValue.objects.get()
    stale_version = value.version
    ent.post(f"{REPORT}?value={value.pk}", report_data(value="100", version=value.version))
    response = clerk.post(reverse("indicators:value_review", args=[value.pk, "confirm"]), {"version": stale_version})
    assert response.status_code == 400 and "该数据已被他人修改" in response.content.decode()
    assert IndicatorValue.objects.get().state == ValueState.PENDING


def test_only_the_zones_clerk_reviews(world, login):
    login("enterprise_a").post(REPORT, report_data())
    value = IndicatorValue.objects.get()
    clerk_b = UserFactory(username="clerk_b")
    grant(clerk_b, "clerk", zone=world.zone_b)
    login_b = Client()
    login_b.force_login(clerk_b)
    assert review(login_b, value, "confirm").status_code == 404
    assert login_b.get(reverse("indicators:review_list")).context["rows"] == []
    assert review(login("leader_a"), value, "confirm").status_code == 403
    assert review(login("enterprise_a"), value, "confirm").status_code == 403
    assert review(login("clerk_a"), value, "approve").status_code == 404
    assert login("clerk_a").get(reverse("indicators:value_review", args=[value.pk, "confirm"])).status_code == 405
    assert IndicatorValue.objects.get().state == ValueState.PENDING


def test_pending_figures_do_not_count_until_confirmed(world):
    yysr = ind("YYSR")
    value = services.value_save(actor=world["enterprise_a"], indicator=yysr, zone=world.zone_a,
                                enterprise=world.enterprise_a, period=Period.parse("2021-Q1"), value=Decimal("100"))
    subjects = [(Level.ENTERPRISE, world.enterprise_a.pk), (Level.ZONE, world.zone_a.pk)]

    def figures():
        book = Book.load(indicators=[yysr], years=[2021], subjects=subjects)
        return [book.figure(yysr, key, Period.parse("2021-Q1")) for key in (value.subject_key, f"z{world.zone_a.pk}")]

    assert figures() == [None, None]
    services.value_confirm(actor=world["clerk_a"], value=value)
    assert [f.value if f else None for f in figures()] == [Decimal("100"), Decimal("100")]


def test_the_review_list_shows_the_prior_year_in_a_fixed_number_of_queries(
        world, login, django_assert_max_num_queries):
    clerk = world["clerk_a"]
    yysr = ind("YYSR")
    enterprises = [world.enterprise_a] + [EnterpriseFactory(zone=world.zone_a) for _ in range(5)]
    for e in enterprises:
        grant(UserFactory(), "enterprise", enterprise=e)
        services.value_save(actor=clerk, indicator=yysr, zone=world.zone_a, enterprise=e,
                            period=Period.parse("2020-五一"), value=Decimal("72.77"))
    reporter = world["enterprise_a"]
    services.value_save(actor=reporter, indicator=yysr, zone=world.zone_a, enterprise=world.enterprise_a,
                        period=Period.parse("2021-五一"), value=Decimal("162.95"), reported_growth=Decimal("100"))
    client = login("clerk_a")
    with django_assert_max_num_queries(12) as one:
        page = client.get(reverse("indicators:review_list"))
    row = page.context["rows"][0]
    assert row.prior_amount == "72.77万元" and row.computed_rate == "+123.9%" and row.growth.mismatch
    assert "与填报增速相差" in page.content.decode()
    for e in enterprises[1:]:
        services.value_save(actor=clerk, indicator=yysr, zone=world.zone_a, enterprise=e,
                            period=Period.parse("2021-Q1"), value=Decimal("1"))
        IndicatorValue.objects.filter(enterprise=e, year=2021).update(state=ValueState.PENDING)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(reverse("indicators:review_list"))
    assert len(page.context["rows"]) == 6
