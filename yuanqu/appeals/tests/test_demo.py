"""The demo's appeals: 湘潭经开区's 5th reception day as the page tells it, 盘龙's festival closed with its
banner, loading twice changes nothing, and each demo account sees what its role lets it see."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.appeals.models import (
    Appeal, AppealAssignment, AppealRating, AppealSettings, AppealSupervision, AppealTransition, ReceptionDay,
    ReceptionHost,
)
from yuanqu.appeals.selectors import appeal_scope
from yuanqu.audit.models import AuditEntry
from yuanqu.demo.loader import load_xiangtan
from yuanqu.inbox.models import InboxMessage

pytestmark = pytest.mark.django_db

D = dt.date
LENS = "蓝思科技(湘潭)有限公司"
PANLONG = "湘潭盘龙生态农业示范园有限公司"
BANNER = "真情暖企 贴心服务 优化营商 保驾护航"


@pytest.fixture
def demo(settings):
    settings.YUANQU_FROZEN_TODAY = "2021-05-14"
    load_xiangtan()


def signed_in(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def counts() -> dict:
    models = [Appeal, AppealAssignment, AppealRating, AppealSupervision, AppealTransition, ReceptionDay, ReceptionHost,
              AppealSettings, User, RoleAssignment, InboxMessage, AuditEntry]
    return {m.__name__: m.objects.count() for m in models}


def test_loading_twice_changes_nothing(demo):
    before = counts()
    versions = list(Appeal.objects.values_list("pk", "state", "version").order_by("pk"))
    days = list(ReceptionDay.objects.values_list("pk", "number", "date", "status", "version").order_by("pk"))
    load_xiangtan()
    assert counts() == before
    assert list(Appeal.objects.values_list("pk", "state", "version").order_by("pk")) == versions
    assert list(ReceptionDay.objects.values_list("pk", "number", "date", "status", "version").order_by("pk")) == days
    assert 40 <= before["Appeal"] <= 80


def test_the_reception_days_of_xiangtan_economic_zone(demo):
    days = ReceptionDay.objects.filter(zone__short_name="湘潭经开区").order_by("number")
    assert [(d.number, d.date, d.host.name, d.status) for d in days] == [
        (1, D(2021, 1, 11), "胡海军", "held"), (2, D(2021, 2, 9), "黄韧", "held"), (3, D(2021, 3, 9), "胡海军", "held"),
        (4, D(2021, 4, 9), "黄韧", "held"), (5, D(2021, 5, 10), "胡海军", "held"), (6, D(2021, 6, 9), "黄韧", "planned"),
    ]
    fifth = days.get(number=5)
    assert fifth.place == "亲商优商会商室"
    assert set(fifth.enterprises.values_list("name", flat=True)) == {
        LENS, "湖南百年七星不锈钢制品有限公司", "中华石油湖南有限公司", "湖南迅佳科技有限公司"}
    settings = AppealSettings.objects.get(zone__short_name="湘潭经开区")
    assert (settings.reception_name, settings.reception_day, settings.shift_rule) == ("亲商优商企业接待日", 9, "next")


def test_the_fifth_days_minutes_show_both_lens_appeals_with_their_spot_answers(demo):
    fifth = ReceptionDay.objects.get(zone__short_name="湘潭经开区", number=5)
    response = signed_in("xtleader").get(reverse("appeals:reception_detail", args=[fifth.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "湘潭经开区第5期“亲商优商企业接待日”" in page
    assert "调整厂门前驾考路线" in page and "驾考线路问题,最迟本月底调整到位。" in page
    assert "延长市内公交车线路到公司" in page and "公交线路问题立马进行摸底。" in page
    assert "胡海军" in page and "湖南百年七星不锈钢制品有限公司" in page


def test_the_driving_test_route_and_the_bus_line_as_of_the_demos_day(demo):
    driving = Appeal.objects.get(title="调整厂门前驾考路线")
    assert (driving.state, driving.lead_department.name, driving.deadline, driving.deadline_kind) == (
        "handling", "区建设局", D(2021, 5, 31), "month_end")
    assert list(driving.co_departments.values_list("name", flat=True)) == ["九华交警大队"]
    bus = Appeal.objects.get(title="延长市内公交车线路到公司")
    assert (bus.state, bus.deadline_kind, bus.channel) == ("handling", "workdays", "reception")
    assert bus.transitions.filter(action="progress").exists()
    assert bus.created_at.date() == D(2021, 5, 10)  # the history reads as of its day


def test_panlongs_festival_appeal_is_closed_with_the_banner(demo):
    appeal = Appeal.objects.get(enterprise__name=PANLONG, title__contains="焰火音乐节")
    assert (appeal.state, appeal.rating, appeal.zone.short_name) == ("closed", 5, "岳塘经开区")
    assert appeal.lead_department.name == "岳塘经开区党工委、管委会"
    rating = appeal.ratings.get()
    assert (rating.get_level_display(), rating.comment, rating.rated_on) == ("非常满意", BANNER, D(2021, 5, 7))
    assert rating.rated_by.username == "panlong"
    assert appeal.assignments.get().on_time is True  # answered before the festival


def test_the_enterprise_account_sees_only_lens_appeals(demo):
    user = User.objects.get(username="enterprise")
    seen = appeal_scope(user)
    assert set(seen.values_list("enterprise__name", flat=True)) == {LENS}
    assert seen.count() == Appeal.objects.filter(enterprise__name=LENS).count() > 2
    # On the 5th day's minutes it reads its own appeals; it was not received on the 1st.
    fifth = ReceptionDay.objects.get(zone__short_name="湘潭经开区", number=5)
    client = signed_in("enterprise")
    assert client.get(reverse("appeals:reception_detail", args=[fifth.pk])).status_code == 200
    first = ReceptionDay.objects.get(zone__short_name="湘潭经开区", number=1)
    assert client.get(reverse("appeals:reception_detail", args=[first.pk])).status_code == 404


def test_the_illustrative_appeals_give_the_scores_and_clusters_something(demo):
    # Two answers rated 不满意: one handled again and then rated 满意, one being handled again today.
    assert AppealRating.objects.filter(level=2).count() == 2
    again = Appeal.objects.get(reopen_count=1, state="closed")
    assert list(again.ratings.values_list("level", flat=True)) == [2, 4]
    reopened = Appeal.objects.get(reopen_count=1, state="handling")
    assert (reopened.deadline_note, reopened.deadline) == ("重新办理 5个工作日", D(2021, 5, 18))
    assert Appeal.objects.filter(state__in=["assigned", "handling"], deadline__lt=D(2021, 5, 14)).count() >= 2
    assert AppealSupervision.objects.count() == 1
    assert AppealAssignment.objects.filter(response="returned").count() == 1
    assert Appeal.objects.filter(state="closed", answer="", closed_at__isnull=False).count() == 1  # 不予办理
    assert Appeal.objects.filter(title__contains="公交").count() >= 4
    assert Appeal.objects.filter(category__name="用工招聘").count() >= 6
    assert Appeal.objects.filter(category__name="水电气").count() >= 6
    assert set(Appeal.objects.values_list("zone__short_name", flat=True)) == {"湘潭经开区", "岳塘经开区", "湘潭高新区"}
    # What the page does not tell is marked for the reader.
    page_facts = {"调整厂门前驾考路线", "延长市内公交车线路到公司"}
    assert all("(示意)" in a.content for a in Appeal.objects.exclude(title__in=page_facts))


def test_record_users_cannot_sign_in(demo):
    records = User.objects.filter(username__startswith="record-")
    assert records.count() == 10
    assert not any(u.has_usable_password() for u in records)
