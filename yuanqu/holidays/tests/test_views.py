"""The working-day calendar pages: the system admin enters a year's holidays and make-up days."""

import datetime as dt

import pytest
from django.urls import reverse

from yuanqu.audit.models import AuditEntry
from yuanqu.common import clock, workdays
from yuanqu.holidays.models import CalendarDay, CalendarYear
from yuanqu.holidays.services import MSG_DAY_EXISTS, MSG_YEAR_FIRST

D = dt.date.fromisoformat


@pytest.fixture
def admin(login):
    return login("sysadmin")


def add_day(client, date, is_workday="0", name="春节"):
    return client.post(reverse("holidays:day_add"), {"date": date, "is_workday": is_workday, "name": name})


def test_the_calendar_shows_which_years_are_known(world, admin):
    CalendarYear.objects.create(year=2027)
    with clock.frozen("2026-11-28"):
        response = admin.get(reverse("holidays:calendar"))
    assert response.context["years"] == [
        {"year": 2025, "source": "package"}, {"year": 2026, "source": "package"},
        {"year": 2027, "source": "table"}, {"year": 2028, "source": None},
    ]
    assert "未录入:按暂定计算" in response.content.decode()


def test_checking_a_day_of_a_known_year(world, admin):
    response = admin.get(reverse("holidays:calendar"), {"date": "2021-02-20"})
    assert response.context["check"] == {"date": D("2021-02-20"), "workday": True, "provisional": False}
    assert "2021年2月20日:<strong>工作日</strong>" in response.content.decode()


def test_checking_a_day_of_an_unknown_year_is_marked_provisional(world, admin):
    response = admin.get(reverse("holidays:calendar"), {"date": "2027-01-01"})
    check = response.context["check"]
    assert (check["workday"], check["provisional"]) == (False, True)
    assert check["message"] == str(workdays.CalendarYearUnknown(2027))
    assert "暂定" in response.content.decode()


def test_the_admin_adds_a_year_then_its_days(world, admin):
    response = admin.post(reverse("holidays:year_create"), {"year": 2027, "notice": " 国办发明电〔2026〕X号 "})
    assert response.status_code == 302
    assert CalendarYear.objects.get(year=2027).notice == "国办发明电〔2026〕X号"
    assert add_day(admin, "2027-02-08", "0", "春节").status_code == 302
    assert add_day(admin, "2027-02-20", "1", "春节调休").status_code == 302
    assert list(CalendarDay.objects.values_list("date", "is_workday", "name")) == [
        (D("2027-02-08"), False, "春节"), (D("2027-02-20"), True, "春节调休"),
    ]
    assert not workdays.is_workday(D("2027-02-08"))
    assert workdays.is_workday(D("2027-02-20"))
    assert not workdays.is_provisional(D("2027-02-08"))
    actions = AuditEntry.objects.filter(actor=world["sysadmin"]).values_list("action", flat=True)
    assert list(actions) == [AuditEntry.Action.CREATE] * 3


def test_a_day_before_its_year_is_entered_is_refused(world, admin):
    response = add_day(admin, "2027-02-08")
    assert response.status_code == 400
    assert MSG_YEAR_FIRST.format(year=2027) in response.context["day_form"].non_field_errors()
    assert MSG_YEAR_FIRST.format(year=2027) in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_a_day_entered_twice_is_refused(world, admin):
    CalendarYear.objects.create(year=2027)
    assert add_day(admin, "2027-02-08").status_code == 302
    response = add_day(admin, "2027-02-08", "1", "调休")
    assert response.status_code == 400
    assert response.context["day_form"].non_field_errors() == [MSG_DAY_EXISTS.format(date="2027-02-08")]
    assert list(CalendarDay.objects.values_list("is_workday", "name")) == [(False, "春节")]


def test_a_year_entered_twice_is_refused(world, admin):
    CalendarYear.objects.create(year=2027, notice="第一次")
    response = admin.post(reverse("holidays:year_create"), {"year": 2027, "notice": "第二次"})
    assert response.status_code == 400
    assert response.context["year_form"].errors["year"] == ["该年份已录入。"]
    assert list(CalendarYear.objects.values_list("notice", flat=True)) == ["第一次"]


@pytest.mark.parametrize("data, field", [
    ({"year": 2003}, "year"),
    ({"year": "明年"}, "year"),
    ({"date": "2027-02-30", "is_workday": "0", "name": "春节"}, "date"),
    ({"date": "2027-02-08", "is_workday": "2", "name": "春节"}, "is_workday"),
    ({"date": "2027-02-08", "is_workday": "0", "name": ""}, "name"),
])
def test_malformed_input_is_refused_with_a_field_error(world, admin, data, field):
    CalendarYear.objects.create(year=2027)
    url, form = ("holidays:year_create", "year_form") if "year" in data else ("holidays:day_add", "day_form")
    response = admin.post(reverse(url), data)
    assert response.status_code == 400
    assert field in response.context[form].errors
    assert CalendarYear.objects.count() == 1 and not CalendarDay.objects.exists()


def test_removing_a_day_restores_the_weekday_rule(world, admin):
    CalendarYear.objects.create(year=2027)
    add_day(admin, "2027-02-08")
    day = CalendarDay.objects.get()
    assert not workdays.is_workday(D("2027-02-08"))
    response = admin.post(reverse("holidays:day_remove", args=[day.pk]), follow=True)
    assert response.redirect_chain == [(reverse("holidays:calendar"), 302)]
    assert "已删除 2027-02-08 春节(放假)。" in response.content.decode()
    assert not CalendarDay.objects.exists()
    assert workdays.is_workday(D("2027-02-08"))
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE, actor=world["sysadmin"]).count() == 1


def test_removing_is_post_only(world, admin):
    CalendarYear.objects.create(year=2027)
    day = CalendarDay.objects.create(date=D("2027-02-08"), is_workday=False, name="春节")
    assert admin.get(reverse("holidays:day_remove", args=[day.pk])).status_code == 405
    assert CalendarDay.objects.filter(pk=day.pk).exists()


def test_the_check_form_starts_at_the_clocks_today(world, admin):
    # The demo lives on 2021-05-14; the page must not offer the machine's date instead.
    with clock.frozen("2021-05-14"):
        response = admin.get(reverse("holidays:calendar"))
    assert response.context["check_form"]["date"].value() == D("2021-05-14")
