"""The demo's 湘乡经开区 dispatch: the May pack shows what changed since April, and loading twice changes nothing."""

import pytest

from yuanqu.common.clock import frozen
from yuanqu.demo.loader import load_xiangtan
from yuanqu.dispatch.models import DispatchMeeting, DispatchSnapshot, DispatchTask
from yuanqu.dispatch.pack import build_pack

from .conftest import D

pytestmark = pytest.mark.django_db


def test_the_may_pack_of_xiangxiang_shows_the_changes_since_april():
    load_xiangtan()
    april, may = DispatchMeeting.objects.filter(zone__short_name="湘乡经开区").order_by("month")
    assert (april.status, may.status) == ("held", "draft")
    with frozen(D(2021, 5, 14)):
        pack = build_pack(may)
    assert pack.previous == april
    changes = {r.now.name: r.changes for r in pack.rows}
    assert changes["振添光学玻璃二期项目"] == ["阶段:竣工 → 试投产"]
    assert changes["电子信息产业园三期"] == ["进度+13个百分点"]
    assert changes["电力检测所"] == ["进度+13个百分点"]
    assert [t.task.content[:10] for t in pack.carried] == ["加快电子信息产业园五"]
    assert [t.task.content[:10] for t in pack.closed_since] == ["督促振添光学玻璃二期"]
    assert [t.task.content[:10] for t in pack.decisions] == ["电力检测所倒排工期、"]
    assert all(t.illustrative and "示意" in t.owner_other for t in DispatchTask.objects.all())


def test_loading_the_dispatch_twice_changes_nothing():
    load_xiangtan()
    before = (list(DispatchMeeting.objects.values_list("pk", "status", "version")),
              list(DispatchSnapshot.objects.values_list("pk", "stage", "progress")),
              list(DispatchTask.objects.values_list("pk", "state", "version")))
    load_xiangtan()
    after = (list(DispatchMeeting.objects.values_list("pk", "status", "version")),
             list(DispatchSnapshot.objects.values_list("pk", "stage", "progress")),
             list(DispatchTask.objects.values_list("pk", "state", "version")))
    assert after == before
