"""Synthetic appeals for the benchmark: the rows appeal_assign and the workflow would leave (a routed
appeal's deadline with what it was worked out from, each routing's response window), so the pages
and the tick read them as they read real ones."""

import datetime as dt

import pytest

from yuanqu.appeals.choices import State
from yuanqu.appeals.models import Appeal, AppealAssignment
from yuanqu.common import workdays
from yuanqu.demo.synthetic import generate, generate_appeals

pytestmark = pytest.mark.django_db


def test_a_tiny_run_leaves_rows_as_the_services_would():
    generate(zones=2, enterprises_per_zone=5)
    counts = generate_appeals(total=300, today=dt.date(2021, 5, 14))
    assert counts["appeals"] == Appeal.objects.count() == 300
    assert counts["assignments"] == AppealAssignment.objects.count() > 0
    routed = Appeal.objects.exclude(state__in=[State.SUBMITTED, State.RETURNED])
    assert routed.exists() and not routed.filter(deadline=None).exists()
    current = dict(AppealAssignment.objects.filter(current=True).values_list("appeal_id", "assigned_on"))
    for appeal in routed:
        assert (appeal.deadline_kind, appeal.deadline_from) == ("date", current[appeal.pk])
        assert appeal.deadline > appeal.deadline_from and not appeal.deadline_provisional
    assert not Appeal.objects.filter(state=State.RETURNED).exclude(deadline=None).exists()
    for a in AppealAssignment.objects.all()[:50]:
        assert (a.respond_workdays, a.respond_provisional) == (1, False)
        assert a.respond_by == workdays.add_workdays(a.assigned_on, 1)
