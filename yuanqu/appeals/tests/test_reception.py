"""Reception days: the date rule across holidays and make-up days, the host rotation, idempotent
planning, edits that are whole or refused (stale ones included), and the pages and Word minutes."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document

from yuanqu.appeals import reception, services
from yuanqu.appeals.choices import Channel, ReceptionStatus, ShiftRule
from yuanqu.appeals.models import AppealSettings, ReceptionDay, ReceptionHost
from yuanqu.common.clock import frozen
from yuanqu.common.services import MSG_STALE
from yuanqu.registry.models import Zone
from yuanqu.testing.factories import EnterpriseFactory, OfficialFactory

D = dt.date
NEXT, PREVIOUS, KEEP = ShiftRule.NEXT, ShiftRule.PREVIOUS, ShiftRule.KEEP


# ---- the rule --------------------------------------------------------------------------------------

@pytest.mark.parametrize("year, month, rule, expected", [
    (2021, 5, NEXT, D(2021, 5, 10)),  # Sunday → Monday
    (2021, 5, PREVIOUS, D(2021, 5, 8)),  # Sunday → the make-up working Saturday of 劳动节
    (2021, 5, KEEP, D(2021, 5, 9)),
    (2021, 1, NEXT, D(2021, 1, 11)),  # Saturday → Monday
    (2021, 1, PREVIOUS, D(2021, 1, 8)),
    (2021, 2, NEXT, D(2021, 2, 9)),  # a working Tuesday, two days before 春节
    (2021, 10, NEXT, D(2021, 10, 9)),  # a make-up working Saturday after 国庆 stays
    (2021, 10, PREVIOUS, D(2021, 10, 9)),
    (2016, 2, NEXT, D(2016, 2, 14)),  # 春节 on a Tuesday → the make-up working Sunday
    (2016, 2, PREVIOUS, D(2016, 2, 6)),  # … or the make-up working Saturday before it
    (2016, 2, KEEP, D(2016, 2, 9)),
    (2016, 6, NEXT, D(2016, 6, 12)),  # 端午 Thursday to Saturday → the make-up Sunday
])
def test_the_reception_date_follows_the_one_calendar(db, year, month, rule, expected):
    scheduled = reception.reception_date(year, month, day=9, rule=rule)
    assert scheduled.date == expected
    assert scheduled.shifted == (expected != D(year, month, 9))
    assert not scheduled.provisional


def test_a_year_with_no_published_holidays_is_provisional(db):
    scheduled = reception.reception_date(2027, 5, day=9, rule=NEXT)  # a Sunday
    assert (scheduled.date, scheduled.provisional) == (D(2027, 5, 10), True)
    assert reception.reception_date(2027, 5, day=9, rule=PREVIOUS).date == D(2027, 5, 7)
    # Held on the day whatever the calendar says: nothing about it is provisional.
    assert reception.reception_date(2027, 5, day=9, rule=KEEP).provisional is False


def test_a_day_moved_into_the_month_before_stands_for_its_own_month(db):
    settings = AppealSettings(reception_day=1, shift_rule=PREVIOUS)
    assert reception.scheduled_for(settings, 2021, 10).date == D(2021, 9, 30)  # 国庆 → 30 September
    assert reception.rule_month(settings, D(2021, 9, 30)) == (2021, 10)
    assert reception.rule_month(settings, D(2021, 9, 1)) == (2021, 9)
    assert reception.rule_month(settings, D(2021, 9, 15)) == (2021, 9)  # edited by hand


# ---- the rotation ----------------------------------------------------------------------------------

def test_the_host_after_the_previous_one_in_order(db, world):
    a, b = OfficialFactory(zone=world.zone_a), OfficialFactory(zone=world.zone_a)
    gone = OfficialFactory(zone=world.zone_a)
    assert reception.host_after([a, b], []) == a
    assert reception.host_after([a, b], [a.pk]) == b
    assert reception.host_after([a, b], [b.pk, a.pk]) == a
    # A leader taken out of the rotation: go on from the latest host still in it.
    assert reception.host_after([a, b], [gone.pk, a.pk]) == b
    assert reception.host_after([a, b], [gone.pk]) == a
    assert reception.host_after([], [a.pk]) is None


@pytest.fixture
def xiangtan(world):
    """Zone A set up as 湘潭经开区: the 9th, moved to the next working day; two hosts in turn."""
    hu = OfficialFactory(zone=world.zone_a, name="胡海军", position="党委书记")
    huang = OfficialFactory(zone=world.zone_a, name="黄韧", position="管委会主任")
    AppealSettings.objects.create(zone=world.zone_a, reception_name="亲商优商企业接待日", reception_place="亲商优商会商室")
    ReceptionHost.objects.create(zone=world.zone_a, official=hu, sort_order=1)
    ReceptionHost.objects.create(zone=world.zone_a, official=huang, sort_order=2)
    return hu, huang


def plan(world, count, on):
    with frozen(on):
        return reception.reception_plan(actor=world["leader_a"], zone=world.zone_a, count=count)


def days(world):
    return [(d.number, d.date, d.host.name if d.host else None)
            for d in ReceptionDay.objects.filter(zone=world.zone_a).order_by("number")]


def test_planning_five_days_from_january_rotates_the_two_hosts(world, xiangtan):
    created = plan(world, 5, D(2020, 12, 31))
    assert days(world) == [
        (1, D(2021, 1, 11), "胡海军"), (2, D(2021, 2, 9), "黄韧"), (3, D(2021, 3, 9), "胡海军"),
        (4, D(2021, 4, 9), "黄韧"), (5, D(2021, 5, 10), "胡海军"),
    ]
    assert all(d.place == "亲商优商会商室" and d.status == ReceptionStatus.PLANNED for d in created)
    assert not any(d.provisional for d in created)


def test_planning_again_adds_nothing(world, xiangtan):
    plan(world, 3, D(2021, 5, 13))
    before = days(world)
    assert plan(world, 3, D(2021, 5, 13)) == []
    assert days(world) == before
    assert before == [(1, D(2021, 6, 9), "胡海军"), (2, D(2021, 7, 9), "黄韧"), (3, D(2021, 8, 9), "胡海军")]


def test_planning_more_adds_only_the_missing_months(world, xiangtan):
    plan(world, 2, D(2021, 5, 13))
    added = plan(world, 4, D(2021, 5, 13))
    assert [(d.number, d.date, d.host.name) for d in added] == [(3, D(2021, 8, 9), "胡海军"), (4, D(2021, 9, 9), "黄韧")]


def test_planning_after_past_days_starts_from_today_and_goes_on_with_the_rotation(world, xiangtan):
    plan(world, 5, D(2020, 12, 31))
    added = plan(world, 1, D(2021, 5, 14))  # the 5th is past: the 6th is June's, for the other host
    assert [(d.number, d.date, d.host.name) for d in added] == [(6, D(2021, 6, 9), "黄韧")]


def test_on_the_day_itself_the_day_counts_as_to_come(world, xiangtan):
    assert [d.date for d in plan(world, 1, D(2021, 5, 10))] == [D(2021, 5, 10)]


def test_a_cancelled_day_is_not_a_turn(world, xiangtan):
    hu, huang = xiangtan
    june, july = plan(world, 2, D(2021, 5, 14))
    reception.reception_edit(actor=world["leader_a"], day=july, version=july.version, date=july.date, host=huang,
                             status=ReceptionStatus.CANCELLED)
    added = plan(world, 2, D(2021, 5, 14))  # July cancelled: one more month, and 黄韧 hosts it
    assert [(d.date, d.host) for d in added] == [(D(2021, 8, 9), huang)]


def test_a_day_shifted_across_the_month_end_is_planned_once(world, xiangtan):
    AppealSettings.objects.filter(zone=world.zone_a).update(reception_day=1, shift_rule=PREVIOUS)
    added = plan(world, 3, D(2021, 9, 2))
    assert [d.date for d in added] == [D(2021, 9, 30), D(2021, 11, 1), D(2021, 12, 1)]
    assert plan(world, 3, D(2021, 9, 2)) == []


def test_with_no_hosts_the_days_are_planned_without_one(world):
    added = plan(world, 2, D(2021, 5, 13))
    assert [(d.date, d.host) for d in added] == [(D(2021, 6, 9), None), (D(2021, 7, 9), None)]


def test_a_year_not_yet_published_is_planned_provisionally(world, xiangtan):
    added = plan(world, 3, D(2026, 11, 20))
    assert [(d.date, d.provisional) for d in added] == [
        (D(2026, 12, 9), False), (D(2027, 1, 11), True), (D(2027, 2, 9), True)]


@pytest.mark.parametrize("count", [0, 13, "三", None])
def test_a_bad_count_is_refused_in_chinese(world, count):
    with pytest.raises(ValidationError) as exc:
        plan(world, count, D(2021, 5, 13))
    assert exc.value.message_dict == {"count": [reception.MSG_COUNT]}
    assert not ReceptionDay.objects.exists()


def test_only_the_zones_leader_plans(world):
    for persona in ("leader_b", "dept_a", "city", "enterprise_a"):
        with pytest.raises(PermissionDenied):
            reception.reception_plan(actor=world[persona], zone=world.zone_a, count=1)
    assert not ReceptionDay.objects.exists()


# ---- a day -----------------------------------------------------------------------------------------

@pytest.fixture
def may(world, xiangtan, today):
    with frozen(D(2020, 12, 31)):
        reception.reception_plan(actor=world["leader_a"], zone=world.zone_a, count=5)
    return ReceptionDay.objects.get(zone=world.zone_a, number=5)


def edit(world, day, **changes):
    values = {"date": day.date, "host": day.host, "place": day.place, "attendees": day.attendees,
              "summary": day.summary, "status": day.status, "version": day.version}
    return reception.reception_edit(actor=world["leader_a"], day=day, **(values | changes))


def test_the_leader_edits_a_day(world, may):
    lens = world.enterprise_a
    day = edit(world, may, attendees="区建设局、九华交警大队", summary="现场答复两件。", status=ReceptionStatus.HELD,
               enterprises=[lens])
    day.refresh_from_db()
    assert (day.attendees, day.status, day.version) == ("区建设局、九华交警大队", "held", 2)
    assert list(day.enterprises.all()) == [lens]


def test_bad_edits_are_refused_whole_with_chinese_messages(world, may):
    other_official = world.official_b
    other_enterprise = world.enterprise_b
    with pytest.raises(ValidationError) as exc:
        edit(world, may, host=other_official, summary="不应保存", enterprises=[world.enterprise_a, other_enterprise])
    assert exc.value.message_dict == {
        "host": [reception.MSG_HOST_ZONE],
        "enterprises": [reception.MSG_ENTERPRISE_ZONE.format(names="湖南乙电力有限公司")],
    }
    may.refresh_from_db()
    assert (may.summary, may.version, may.enterprises.count()) == ("", 1, 0)


def test_a_day_cannot_be_held_before_it_comes(world, may):
    june = plan(world, 1, D(2021, 5, 13))[0]
    with pytest.raises(ValidationError) as exc:
        edit(world, june, status=ReceptionStatus.HELD)
    assert exc.value.message_dict == {"status": ["接待日为2021-06-09,尚未到来,不能标记为已举行。"]}
    with frozen(D(2021, 5, 13)), pytest.raises(ValidationError) as exc:
        reception.reception_hold(actor=world["leader_a"], day=june)
    assert exc.value.messages == ["接待日为2021-06-09,尚未到来,不能标记为已举行。"]


def test_two_days_of_a_zone_cannot_share_a_date_and_nothing_is_half_saved(world, may):
    april = ReceptionDay.objects.get(zone=world.zone_a, number=4)
    with pytest.raises(ValidationError) as exc:
        edit(world, april, date=may.date, summary="改期", enterprises=[world.enterprise_a])
    assert "该园区这一天已安排接待日。" in exc.value.messages
    april.refresh_from_db()
    assert (april.date, april.summary, april.enterprises.count(), april.version) == (D(2021, 4, 9), "", 0, 1)


def test_a_stale_edit_is_refused(world, may):
    opened_by_one = opened_by_two = may.version
    edit(world, may, summary="第一位保存的纪要", version=opened_by_one)
    with pytest.raises(ValidationError) as exc:
        edit(world, may, summary="第二位覆盖", version=opened_by_two)
    assert exc.value.messages == [MSG_STALE]
    may.refresh_from_db()
    assert may.summary == "第一位保存的纪要"


def test_recording_an_enterprise_makes_an_open_edit_stale(world, may):
    opened = may.version
    reception.reception_enterprises_add(actor=world["leader_a"], day=may, enterprises=[world.enterprise_a])
    with pytest.raises(ValidationError) as exc:
        edit(world, may, enterprises=[], version=opened)
    assert exc.value.messages == [MSG_STALE]
    assert list(may.enterprises.all()) == [world.enterprise_a]


def test_an_enterprise_of_another_zone_is_not_received(world, may):
    with pytest.raises(ValidationError) as exc:
        reception.reception_enterprises_add(actor=world["leader_a"], day=may, enterprises=[world.enterprise_b])
    assert exc.value.messages == ["接待企业须是本园区的企业:湖南乙电力有限公司。"]
    assert not may.enterprises.exists()


def reception_appeal(world, day, enterprise=None, title="厂门前驾考路线调整", spot="最迟本月底调整到位。"):
    from yuanqu.appeals.models import AppealCategory

    return services.appeal_create(actor=world["leader_a"], enterprise=enterprise or world.enterprise_a,
                                  category=AppealCategory.objects.get(name="交通出行"), title=title,
                                  content="驾考车辆占用厂门前道路,影响员工上下班。", channel=Channel.RECEPTION,
                                  reception=day, spot_answer=spot)


def test_a_day_with_appeals_cannot_be_cancelled(world, may):
    reception_appeal(world, may)
    with pytest.raises(ValidationError) as exc:
        edit(world, may, status=ReceptionStatus.CANCELLED)
    assert exc.value.message_dict == {"status": ["该接待日已登记1件诉求,不能取消;如日期有变,请修改日期。"]}


def test_holding_a_day_once(world, may):
    reception.reception_hold(actor=world["leader_a"], day=may)
    may.refresh_from_db()
    assert (may.status, may.version) == ("held", 2)
    with pytest.raises(ValidationError) as exc:
        reception.reception_hold(actor=world["leader_a"], day=may)
    assert exc.value.messages == ["该接待日已举行,不能再标记为已举行。"]


# ---- settings and hosts ----------------------------------------------------------------------------

SETTINGS = {"reception_name": "亲商优商企业接待日", "reception_day": 9, "shift_rule": NEXT,
            "reception_place": "亲商优商会商室", "response_workdays": 1, "default_workdays": 10,
            "reopen_workdays": 5, "auto_rate_workdays": 5}


def test_the_first_settings_of_a_zone_and_a_stale_second_save(world):
    saved = reception.appeal_settings_save(actor=world["leader_b"], zone=world.zone_b, version=0, **SETTINGS)
    assert (saved.zone, saved.version, saved.reception_place) == (world.zone_b, 1, "亲商优商会商室")
    with pytest.raises(ValidationError) as exc:  # another form opened when the zone had none
        reception.appeal_settings_save(actor=world["leader_b"], zone=world.zone_b, version=0,
                                       **(SETTINGS | {"reception_day": 15}))
    assert exc.value.messages == [MSG_STALE]
    saved = reception.appeal_settings_save(actor=world["leader_b"], zone=world.zone_b, version=1,
                                           **(SETTINGS | {"reception_day": 15}))
    assert (saved.reception_day, saved.version) == (15, 2)


def test_bad_settings_are_refused_in_chinese(world):
    with pytest.raises(ValidationError) as exc:
        reception.appeal_settings_save(actor=world["leader_a"], zone=world.zone_a, version=0,
                                       **(SETTINGS | {"reception_day": 29}))
    assert exc.value.message_dict == {"reception_day": ["确保该值小于或等于28。"]}
    assert not AppealSettings.objects.exists()
    with pytest.raises(PermissionDenied):
        reception.appeal_settings_save(actor=world["leader_b"], zone=world.zone_a, version=0, **SETTINGS)


def test_the_host_list_is_kept_in_order(world):
    a, b, c = (OfficialFactory(zone=world.zone_a, name=n) for n in ("甲", "乙", "丙"))
    leader = world["leader_a"]
    hosts = [reception.reception_host_add(actor=leader, zone=world.zone_a, official=o) for o in (a, b, c)]
    order = lambda: [h.official.name for h in ReceptionHost.objects.filter(zone=world.zone_a)]  # noqa: E731
    assert order() == ["甲", "乙", "丙"]
    reception.reception_host_move(actor=leader, host=hosts[2], direction="up")
    assert order() == ["甲", "丙", "乙"]
    reception.reception_host_move(actor=leader, host=hosts[0], direction="up")  # already first
    assert order() == ["甲", "丙", "乙"]
    reception.reception_host_remove(actor=leader, host=hosts[0])
    assert order() == ["丙", "乙"]
    assert list(ReceptionHost.objects.filter(zone=world.zone_a).values_list("sort_order", flat=True)) == [1, 2]
    with pytest.raises(ValidationError) as exc:
        reception.reception_host_add(actor=leader, zone=world.zone_a, official=b)
    assert exc.value.messages == ["该领导已在轮值名单中。"]
    with pytest.raises(ValidationError) as exc:
        reception.reception_host_add(actor=leader, zone=world.zone_a, official=world.official_b)
    assert exc.value.messages == ["坐镇领导须是本园区的干部。"]


# ---- the pages -------------------------------------------------------------------------------------

def test_the_list_shows_days_to_come_and_past_with_the_plan_button(world, may, login):
    plan(world, 1, D(2021, 5, 13))
    response = login("leader_a").get(reverse("appeals:reception_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert [r["day"].number for r in response.context["upcoming"]] == [6]
    assert [r["day"].number for r in response.context["past_rows"]] == [5, 4, 3, 2, 1]
    assert "计划下几期" in page and "亲商优商企业接待日" in page and "胡海军 → 黄韧" in page
    assert "计划下几期" not in login("clerk_a").get(reverse("appeals:reception_list")).content.decode()


def test_a_day_planned_provisionally_that_the_published_calendar_makes_a_holiday_is_flagged(world, xiangtan, login):
    from yuanqu.common import workdays
    from yuanqu.holidays.models import CalendarDay, CalendarYear

    march, april = plan(world, 2, D(2031, 2, 20))
    assert (march.date, april.date, april.provisional) == (D(2031, 3, 10), D(2031, 4, 9), True)
    client = login("leader_a")
    warning = ">非工作日</span>"
    with frozen(D(2031, 2, 20)):
        assert warning not in client.get(reverse("appeals:reception_list")).content.decode()
        CalendarYear.objects.create(year=2031)  # a made-up notice: 9 April is a holiday
        CalendarDay.objects.create(date=D(2031, 4, 9), is_workday=False)
        workdays.clear_cache()
        try:
            response = client.get(reverse("appeals:reception_list"))
            assert [r["day_off"] for r in response.context["upcoming"]] == [False, True]
            assert response.content.decode().count(warning) == 1
            assert warning in client.get(reverse("appeals:reception_detail", args=[april.pk])).content.decode()
            assert warning not in client.get(reverse("appeals:reception_detail", args=[march.pk])).content.decode()
            AppealSettings.objects.filter(zone=world.zone_a).update(shift_rule=KEEP)  # held on the day regardless
            assert warning not in client.get(reverse("appeals:reception_list")).content.decode()
        finally:
            workdays.clear_cache()


def test_planning_from_the_page(world, xiangtan, login, today):
    client = login("leader_a")
    response = client.post(reverse("appeals:reception_plan", args=[world.zone_a.pk]), {"count": 2})
    assert response.status_code == 302
    assert days(world) == [(1, D(2021, 6, 9), "胡海军"), (2, D(2021, 7, 9), "黄韧")]
    client.post(reverse("appeals:reception_plan", args=[world.zone_a.pk]), {"count": 2})
    assert len(days(world)) == 2


def test_the_minutes_page_lists_each_appeal_with_its_spot_answer(world, may, login):
    reception.reception_enterprises_add(actor=world["leader_a"], day=may, enterprises=[world.enterprise_a])
    lens = reception_appeal(world, may)
    other = EnterpriseFactory(zone=world.zone_a, name="湖南迅佳科技有限公司")
    reception_appeal(world, may, enterprise=other, title="招工难", spot="人社部门下周组织专场招聘会。")
    services.appeal_assign(actor=world["leader_a"], appeal=lens, lead_department=world.dept_a,
                           deadline_kind="month_end")
    page = login("leader_a").get(reverse("appeals:reception_detail", args=[may.pk])).content.decode()
    assert "甲园区第5期“亲商优商企业接待日”" in page
    assert "最迟本月底调整到位。" in page and "人社部门下周组织专场招聘会。" in page
    assert "甲建设局" in page and "2021-05-31" in page and "待受理" in page
    assert f"?reception={may.pk}&amp;enterprise={world.enterprise_a.pk}" in page
    # Enterprise A was received that day: it reads the minutes, with its own appeal only.
    mine = login("enterprise_a").get(reverse("appeals:reception_detail", args=[may.pk])).content.decode()
    assert "最迟本月底调整到位。" in mine and "招工难" not in mine
    assert "登记诉求" not in mine and "编辑" not in mine


def test_the_word_minutes(world, may, login):
    reception_appeal(world, may)
    response = login("leader_a").get(reverse("appeals:reception_minutes_docx", args=[may.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "甲园区第5期“亲商优商企业接待日”纪要" in text
    assert "党委书记胡海军" in text and "亲商优商会商室" in text
    assert "最迟本月底调整到位。" in cells and "湖南甲科技有限公司" in cells


def test_a_stale_edit_on_the_page_says_so_and_keeps_the_first(world, may, login):
    client = login("leader_a")
    data = {"date": "2021-05-10", "host": may.host_id, "place": "亲商优商会商室", "status": "held",
            "attendees": "", "summary": "第一位", "version": may.version}
    assert client.post(reverse("appeals:reception_edit", args=[may.pk]), data).status_code == 302
    response = client.post(reverse("appeals:reception_edit", args=[may.pk]), data | {"summary": "第二位"})
    assert response.status_code == 400
    assert MSG_STALE in response.content.decode()
    may.refresh_from_db()
    assert may.summary == "第一位"


def test_a_bad_edit_on_the_page_is_a_400_in_chinese(world, may, login):
    response = login("leader_a").post(reverse("appeals:reception_edit", args=[may.pk]), {
        "date": "2021-06-31", "status": "held", "version": may.version})
    assert response.status_code == 400
    assert "输入一个有效的日期。" in response.content.decode()
    may.refresh_from_db()
    assert may.version == 1


def test_the_settings_page_saves_and_previews_the_rule(world, login, today):
    client = login("leader_a")
    url = reverse("appeals:appeal_settings", args=[world.zone_a.pk])
    response = client.get(url)
    assert response.status_code == 200 and "遇非工作日" in response.content.decode()
    response = client.post(url, SETTINGS | {"shift_rule": PREVIOUS, "reception_day": 8, "version": 0})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "2021-08-06" in page  # Sunday 8 August, brought forward to Friday 6
    response = client.post(url, SETTINGS | {"reception_day": 0, "version": 1})
    assert response.status_code == 400 and "确保该值大于或等于1。" in response.content.decode()


def test_the_hosts_page_adds_a_leader(world, login):
    client = login("leader_a")
    url = reverse("appeals:reception_hosts", args=[world.zone_a.pk])
    assert client.post(url, {"official": world.official_a.pk}).status_code == 302
    assert ReceptionHost.objects.filter(zone=world.zone_a).count() == 1
    response = client.post(url, {"official": world.official_b.pk})  # another zone's: not offered
    assert response.status_code == 400 and ReceptionHost.objects.count() == 1


def test_a_reader_of_every_zone_opens_on_a_zone_with_days_and_not_on_one_it_cannot_see(world, may, login):
    Zone.objects.filter(pk=world.zone_a.pk).update(sort_order=999)  # zone B first, but it has no days
    response = login("city").get(reverse("appeals:reception_list"))
    assert [z.pk for z in response.context["zones"]][0] == world.zone_b.pk
    assert response.context["zone"] == world.zone_a
    response = login("city").get(reverse("appeals:reception_list"), {"zone": world.zone_b.pk})
    assert response.context["zone"] == world.zone_b and not response.context["upcoming"]
    assert login("leader_a").get(reverse("appeals:reception_list"), {"zone": world.zone_b.pk}).status_code == 404


def test_the_minutes_list_first_the_enterprises_with_appeals(world, may):
    other = EnterpriseFactory(zone=world.zone_a, name="湖南百年七星不锈钢制品有限公司")
    reception.reception_enterprises_add(actor=world["leader_a"], day=may, enterprises=[other, world.enterprise_a])
    reception_appeal(world, may)
    minutes = reception.reception_minutes(world["leader_a"], may)
    assert [e.name for e in minutes.enterprises] == ["湖南甲科技有限公司", "湖南百年七星不锈钢制品有限公司"]


def test_the_edit_page_opens_with_the_day_as_saved(world, may, login):
    may.place, may.summary = "亲商优商会商室", "当天纪要"
    may.save()
    page = login("leader_a").get(reverse("appeals:reception_edit", args=[may.pk])).content.decode()
    assert 'value="2021-05-10"' in page and "当天纪要" in page and 'value="亲商优商会商室"' in page
    assert f'name="version" value="{may.version}"' in page
