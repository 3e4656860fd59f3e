"""The synthetic approvals (benchmark data): cases whose stored summaries are what case_refresh computes,
items in mixed states whose clocks read as clock.py would have set them, and logged steps for some."""

import datetime as dt
from collections import Counter

import pytest

from yuanqu.approvals import clock as item_clock
from yuanqu.approvals.choices import ItemState
from yuanqu.approvals.models import ApprovalCase, CaseItem, ItemTransition, ServiceTask
from yuanqu.approvals.services import case_refresh
from yuanqu.common import clock, workdays
from yuanqu.demo.synthetic import generate, generate_approvals, generate_projects

pytestmark = pytest.mark.django_db

TODAY = dt.date(2021, 5, 14)
SUMMARY = ["items_total", "items_done", "items_running", "items_correcting", "items_waiting", "items_refused",
           "next_due", "planned_start"]


@pytest.fixture
def synthetic(db):
    generate(zones=3, enterprises_per_zone=3)
    generate_projects(per_zone=30)
    return generate_approvals(projects=90, transitions=0.5)


def test_one_case_per_project_with_thirteen_items_and_its_checklist(synthetic):
    assert synthetic["cases"] == 90 and synthetic["items"] == 90 * 13 and synthetic["service_tasks"] == 90 * 3
    assert ApprovalCase.objects.values("project_id").distinct().count() == 90
    assert set(ApprovalCase.objects.values_list("items_total", flat=True)) == {13}
    assert CaseItem.objects.count() == 90 * 13 and ServiceTask.objects.count() == 90 * 3
    assert 0 < ItemTransition.objects.values("case_item__case_id").distinct().count() < 90
    # Each case has its zone's agency officer, who may act in that zone.
    case = ApprovalCase.objects.select_related("agent").first()
    assert case.agent.roles.get().zone_id == case.zone_id


def test_the_stored_summaries_are_what_case_refresh_computes(synthetic):
    stored = {c.pk: [getattr(c, f) for f in SUMMARY] for c in ApprovalCase.objects.all()}
    with clock.frozen(TODAY):
        for case in ApprovalCase.objects.all():
            case_refresh(case)
    fresh = {c.pk: [getattr(c, f) for f in SUMMARY] for c in ApprovalCase.objects.all()}
    assert fresh == stored
    assert any(v[6] is not None for v in stored.values()) and all(v[7] is not None for v in stored.values())


def test_items_in_mixed_states_with_clocks_as_the_services_would_set_them(synthetic):
    states = Counter(CaseItem.objects.values_list("state", flat=True))
    for state in (ItemState.PENDING, ItemState.PREPARING, ItemState.REVIEWING, ItemState.CORRECTING, ItemState.DONE):
        assert states[state] > 0, state
    items = list(CaseItem.objects.select_related("case"))
    assert any(ci.on_commitment for ci in items) and any(ci.followup_open for ci in items)
    assert any(ci.paused_workdays > 0 for ci in items)
    assert any(ci.due_on and ci.due_on < TODAY for ci in items)  # some overdue
    for ci in items:
        if ci.state in (ItemState.ACCEPTED, ItemState.REVIEWING):
            assert ci.due_on == workdays.add_workdays(ci.running_since, ci.promised_days - ci.used_workdays)
            assert item_clock.used(ci, TODAY) == ci.used_workdays + workdays.workdays_between(ci.running_since, TODAY)
        elif ci.state == ItemState.CORRECTING:
            assert ci.paused_on and ci.running_since is None and ci.due_on is None and ci.correction_note
        elif ci.state == ItemState.DONE:
            assert ci.done_on and ci.done_on <= TODAY and ci.due_on is None
            if ci.on_commitment:
                assert ci.followup_due == workdays.add_workdays(ci.done_on, ci.item.followup_days)
            else:
                assert ci.used_workdays == workdays.workdays_between(ci.accepted_on, ci.done_on) - ci.paused_workdays
        elif ci.state in (ItemState.PENDING, ItemState.PREPARING):
            assert ci.accepted_on is None and ci.done_on is None
        if ci.accepted_on:
            assert ci.accepted_on >= ci.case.opened_on
    # A started project's items that precede the start were granted by its start day.
    for ci in items:
        if ci.case.started_on and ci.before_start:
            assert ci.state == ItemState.DONE and ci.done_on <= ci.case.started_on


def test_logged_steps_retrace_each_item_to_its_state(synthetic):
    logged = CaseItem.objects.filter(transitions__isnull=False).distinct()
    assert logged.exists()
    for ci in logged:
        steps = list(ci.transitions.order_by("date", "id"))
        assert steps[0].from_state == ItemState.PENDING and steps[-1].to_state == ci.state
        assert all(a.to_state == b.from_state and a.date <= b.date for a, b in zip(steps, steps[1:]))

