"""Intake, routing, answers, ratings (by the enterprise and by default) and a leader's supervision,
through the services: what each records, and each bad input refused with its Chinese message and
nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from yuanqu.appeals import deadlines, services
from yuanqu.appeals.choices import Channel, DeadlineKind, Rating, State
from yuanqu.appeals.models import (
    Appeal, AppealAssignment, AppealCategory, AppealGroup, AppealRating, AppealSettings, AppealSupervision, AppealTransition,
    ReceptionDay,
)
from yuanqu.common.clock import frozen
from yuanqu.inbox.models import InboxMessage
from yuanqu.projects.models import CoordinationItem
from yuanqu.projects.tests.conftest import ProjectFactory
from yuanqu.testing.factories import DepartmentFactory, UserFactory, grant

from .conftest import TODAY

D = dt.date


def create(world, category, actor="enterprise_a", enterprise=None, **over):
    data = {"title": "厂区门口路灯不亮", "content": "厂区门口三盏路灯损坏,夜班员工出行不便。", "channel": Channel.PORTAL}
    data.update(over)
    return services.appeal_create(actor=world[actor], enterprise=enterprise or world.enterprise_a,
                                  category=category, **data)


def inbox_titles(user) -> list[str]:
    return list(InboxMessage.objects.filter(recipient=user).order_by("id").values_list("title", flat=True))


def assert_nothing_saved():
    assert not Appeal.objects.exists()
    assert not AppealTransition.objects.exists()
    assert not InboxMessage.objects.exists()


@pytest.fixture
def dept_a2(world):
    """A second department of zone A with its own user."""
    department = DepartmentFactory(zone=world.zone_a, name="甲城管局")
    user = UserFactory(username="dept_a2", name="dept_a2")
    grant(user, "dept", department=department)
    world.users["dept_a2"] = user
    return department


@pytest.fixture
def reception_a(world):
    return ReceptionDay.objects.create(zone=world.zone_a, number=12, date=D(2021, 5, 10))


@pytest.fixture
def item_a(world):
    project = ProjectFactory(zone=world.zone_a)
    return CoordinationItem.objects.create(project=project, zone=world.zone_a, title="施工道路占用协调",
                                           deadline=D(2021, 5, 28))


# -- intake -----------------------------------------------------------------------------------------

def test_an_enterprise_files_its_own_appeal_online_and_it_waits_for_dispatch(world, category, today):
    appeal = create(world, category, title="  厂区门口路灯不亮 ")
    appeal.refresh_from_db()
    assert (appeal.state, appeal.zone, appeal.taken_by, appeal.title) == (
        State.SUBMITTED, world.zone_a, world["enterprise_a"], "厂区门口路灯不亮")
    assert appeal.lead_department is None and appeal.deadline is None
    assert appeal.number == f"SQ{appeal.pk:07d}"


@pytest.mark.parametrize("actor, channel", [("leader_a", Channel.PHONE), ("liaison_a", Channel.VISIT),
                                            ("agent_a", Channel.PHONE)])
def test_the_zones_staff_take_an_appeal_by_phone_or_visit(world, category, today, actor, channel):
    appeal = create(world, category, actor=actor, channel=channel)
    assert (appeal.channel, appeal.taken_by) == (channel, world[actor])


@pytest.mark.parametrize("channel", [Channel.PHONE, Channel.VISIT, Channel.RECEPTION])
def test_an_enterprise_user_can_only_file_online(world, category, today, channel):
    with pytest.raises(ValidationError) as exc:
        create(world, category, channel=channel)
    assert exc.value.message_dict == {"channel": [services.MSG_PORTAL_ONLY]}
    assert_nothing_saved()


def test_staff_cannot_file_as_the_enterprises_online_channel(world, category, today):
    with pytest.raises(ValidationError) as exc:
        create(world, category, actor="leader_a", channel=Channel.PORTAL)
    assert exc.value.message_dict == {"channel": [services.MSG_PORTAL_STAFF]}
    assert_nothing_saved()


@pytest.mark.parametrize("actor, channel", [("enterprise_b", Channel.PORTAL), ("leader_b", Channel.PHONE),
                                            ("dept_a", Channel.PHONE), ("city", Channel.PHONE),
                                            ("nobody", Channel.PORTAL)])
def test_no_one_else_may_take_an_appeal_for_the_enterprise(world, category, today, actor, channel):
    with pytest.raises(PermissionDenied, match=services.MSG_NO_INTAKE_RIGHT):
        create(world, category, actor=actor, channel=channel)
    assert not Appeal.objects.exists()


def test_a_reception_day_appeal_names_its_reception_day(world, category, today, reception_a):
    appeal = create(world, category, actor="leader_a", channel=Channel.RECEPTION, reception=reception_a,
                    spot_answer="请城管局本周内修复")
    assert (appeal.reception, appeal.spot_answer) == (reception_a, "请城管局本周内修复")


def test_a_reception_day_appeal_without_its_reception_day_is_refused(world, category, today):
    with pytest.raises(ValidationError) as exc:
        create(world, category, actor="leader_a", channel=Channel.RECEPTION)
    assert exc.value.message_dict == {"reception": [services.MSG_RECEPTION_REQUIRED]}
    assert_nothing_saved()


def test_a_reception_day_of_another_zone_is_refused(world, category, today):
    reception_b = ReceptionDay.objects.create(zone=world.zone_b, number=3, date=D(2021, 5, 10))
    with pytest.raises(ValidationError) as exc:
        create(world, category, actor="leader_a", channel=Channel.RECEPTION, reception=reception_b)
    assert exc.value.message_dict == {"reception": [services.MSG_RECEPTION_ZONE]}
    assert_nothing_saved()


def test_a_cancelled_reception_day_takes_no_appeal(world, category, today):
    cancelled = ReceptionDay.objects.create(zone=world.zone_a, number=4, date=D(2021, 5, 10), status="cancelled")
    with pytest.raises(ValidationError) as exc:
        create(world, category, actor="leader_a", channel=Channel.RECEPTION, reception=cancelled)
    assert exc.value.message_dict == {"reception": [services.MSG_RECEPTION_CANCELLED]}
    assert_nothing_saved()


def test_only_a_reception_day_appeal_may_name_a_reception_day(world, category, today, reception_a):
    with pytest.raises(ValidationError) as exc:
        create(world, category, actor="leader_a", channel=Channel.PHONE, reception=reception_a)
    assert exc.value.message_dict == {"reception": [services.MSG_RECEPTION_CHANNEL]}
    assert_nothing_saved()


def test_a_coordination_item_becomes_an_appeal_once(world, category, today, item_a):
    appeal = create(world, category, actor="leader_a", channel=Channel.PROJECT, coordination_item=item_a)
    assert appeal.coordination_item == item_a
    with pytest.raises(ValidationError) as exc:
        create(world, category, actor="leader_a", channel=Channel.PROJECT, coordination_item=item_a)
    assert exc.value.messages == [services.MSG_COORDINATION_TAKEN]
    assert Appeal.objects.count() == 1


@pytest.mark.parametrize("channel, with_item", [(Channel.PROJECT, False), (Channel.PHONE, True)])
def test_the_coordination_channel_and_a_coordination_item_go_together(world, category, today, item_a,
                                                                      channel, with_item):
    with pytest.raises(ValidationError) as exc:
        create(world, category, actor="leader_a", channel=channel, coordination_item=item_a if with_item else None)
    assert exc.value.message_dict == {"channel": [services.MSG_COORDINATION_REQUIRED]}
    assert_nothing_saved()


def test_a_coordination_item_of_another_zone_is_refused(world, category, today):
    item_b = CoordinationItem.objects.create(project=ProjectFactory(zone=world.zone_b), zone=world.zone_b,
                                             title="乙园区道路协调", deadline=D(2021, 5, 28))
    with pytest.raises(ValidationError) as exc:
        create(world, category, actor="leader_a", channel=Channel.PROJECT, coordination_item=item_b)
    assert exc.value.messages == [services.MSG_COORDINATION_ZONE]
    assert_nothing_saved()


def test_an_inactive_category_is_refused(world, category, today):
    category.is_active = False
    category.save()
    with pytest.raises(ValidationError) as exc:
        create(world, category)
    assert exc.value.message_dict == {"category": [services.MSG_CATEGORY_INACTIVE]}
    assert_nothing_saved()


@pytest.mark.parametrize("field, message", [("title", services.MSG_TITLE_REQUIRED),
                                            ("content", services.MSG_CONTENT_REQUIRED)])
@pytest.mark.parametrize("blank", ["", "   ", None])
def test_a_blank_title_or_content_is_refused_and_nothing_is_saved(world, category, today, field, message, blank):
    with pytest.raises(ValidationError) as exc:
        create(world, category, **{field: blank})
    assert exc.value.message_dict == {field: [message]}
    assert_nothing_saved()


def test_a_title_too_long_is_refused_by_the_models_own_rule(world, category, today):
    with pytest.raises(ValidationError) as exc:
        create(world, category, title="路" * 121)
    assert "title" in exc.value.message_dict
    assert_nothing_saved()


def test_a_new_appeal_gets_a_create_transition_naming_its_channel(world, category, today):
    appeal = create(world, category, actor="leader_a", channel=Channel.PHONE)
    transition = AppealTransition.objects.get(appeal=appeal)
    assert (transition.action, transition.to_state, transition.note, transition.actor) == (
        "create", State.SUBMITTED, "电话", world["leader_a"])
    assert AppealCategory.objects.filter(pk=category.pk, is_active=True).exists()


# -- assign -----------------------------------------------------------------------------------------

def test_an_assignment_records_the_lead_department_and_its_deadline(world, make_appeal):
    appeal = make_appeal("assigned")  # 5 working days from Thursday 13 May
    appeal.refresh_from_db()
    assert (appeal.state, appeal.lead_department, appeal.deadline, appeal.deadline_kind, appeal.deadline_note) == (
        State.ASSIGNED, world.dept_a, D(2021, 5, 20), DeadlineKind.WORKDAYS, "5个工作日")
    [assignment] = AppealAssignment.objects.filter(appeal=appeal)
    assert (assignment.department, assignment.assigned_by, assignment.assigned_on, assignment.deadline,
            assignment.current, assignment.response) == (world.dept_a, world["leader_a"], TODAY, D(2021, 5, 20), True, "")


def test_without_a_deadline_the_zones_default_working_days_apply(world, make_appeal):
    appeal = services.appeal_assign(actor=world["leader_a"], appeal=make_appeal(), lead_department=world.dept_a)
    assert appeal.deadline == D(2021, 5, 27)  # the default of 10 working days
    AppealSettings.objects.create(zone=world.zone_a, default_workdays=3)
    appeal = services.appeal_assign(actor=world["leader_a"], appeal=make_appeal(), lead_department=world.dept_a)
    assert (appeal.deadline, appeal.deadline_note) == (D(2021, 5, 18), "3个工作日")


@pytest.mark.parametrize("kind, extra, deadline, note", [
    (DeadlineKind.DATE, {"deadline_date": D(2021, 6, 4)}, D(2021, 6, 4), ""),
    (DeadlineKind.MONTH_END, {}, D(2021, 5, 31), "最迟本月底"),
])
def test_a_deadline_may_be_a_date_or_the_end_of_the_month(world, make_appeal, kind, extra, deadline, note):
    appeal = services.appeal_assign(actor=world["leader_a"], appeal=make_appeal(), lead_department=world.dept_a,
                                    deadline_kind=kind, **extra)
    assert (appeal.deadline, appeal.deadline_kind, appeal.deadline_note) == (deadline, kind, note)


def test_an_assignment_with_a_past_deadline_is_refused(world, make_appeal):
    appeal = make_appeal()
    with pytest.raises(ValidationError) as exc:
        services.appeal_assign(actor=world["leader_a"], appeal=appeal, lead_department=world.dept_a,
                               deadline_kind=DeadlineKind.DATE, deadline_date=D(2021, 5, 12))
    assert exc.value.message_dict == {"deadline_date": [deadlines.MSG_DATE_PAST.format(today=TODAY)]}
    appeal.refresh_from_db()
    assert appeal.state == State.SUBMITTED and not AppealAssignment.objects.exists()


@pytest.mark.parametrize("lead, co", [("b", ()), ("a", ("b",))])
def test_departments_of_another_zone_are_refused(world, make_appeal, lead, co):
    department = {"a": world.dept_a, "b": world.dept_b}
    appeal = make_appeal()
    with pytest.raises(ValidationError) as exc:
        services.appeal_assign(actor=world["leader_a"], appeal=appeal, lead_department=department[lead],
                               co_departments=[department[c] for c in co])
    assert exc.value.message_dict == {"lead_department": [services.MSG_DEPARTMENT_ZONE]}
    assert not AppealAssignment.objects.exists()


def test_the_lead_department_cannot_also_co_handle(world, make_appeal, dept_a2):
    with pytest.raises(ValidationError) as exc:
        services.appeal_assign(actor=world["leader_a"], appeal=make_appeal(), lead_department=world.dept_a,
                               co_departments=[dept_a2, world.dept_a])
    assert exc.value.message_dict == {"co_departments": [services.MSG_LEAD_NOT_CO]}
    assert not AppealAssignment.objects.exists()


def test_an_assignment_needs_a_lead_department(world, make_appeal):
    with pytest.raises(ValidationError) as exc:
        services.appeal_assign(actor=world["leader_a"], appeal=make_appeal(), lead_department=None)
    assert exc.value.message_dict == {"lead_department": [services.MSG_LEAD_REQUIRED]}


def test_a_reroute_before_acceptance_keeps_one_current_assignment(world, make_appeal, dept_a2):
    appeal = make_appeal("assigned")
    appeal = services.appeal_assign(actor=world["leader_a"], appeal=appeal, lead_department=dept_a2,
                                    co_departments=[world.dept_a], note="改由城管局主办")
    rows = list(AppealAssignment.objects.filter(appeal=appeal).order_by("id").values_list("department", "current"))
    assert rows == [(world.dept_a.pk, False), (dept_a2.pk, True)]
    assert appeal.lead_department == dept_a2
    assert list(appeal.co_departments.all()) == [world.dept_a]
    # The first department is now only a co-department: it can no longer accept.
    with pytest.raises(PermissionDenied):
        services.appeal_act(actor=world["dept_a"], appeal=appeal, action="accept")
    appeal = services.appeal_act(actor=world["dept_a2"], appeal=appeal, action="accept")
    assert appeal.state == State.HANDLING


def test_accepting_records_the_response_on_the_assignment(world, make_appeal):
    appeal = make_appeal("handling")
    assignment = AppealAssignment.objects.get(appeal=appeal)
    assert (assignment.response, assignment.responded_on, assignment.current) == ("accepted", TODAY, True)


# -- return -----------------------------------------------------------------------------------------

def test_a_return_goes_back_to_the_dispatcher(world, make_appeal):
    appeal = make_appeal("returned")
    appeal.refresh_from_db()
    assert (appeal.state, appeal.lead_department, appeal.deadline, appeal.deadline_kind) == (
        State.RETURNED, None, None, "")
    assignment = AppealAssignment.objects.get(appeal=appeal)
    assert (assignment.response, assignment.responded_on, assignment.current) == ("returned", TODAY, False)
    assert inbox_titles(world["leader_a"])[-1] == f"诉求被退回,请重新分派:{appeal.title}"
    # The dispatcher routes it again: a second assignment, the only current one.
    appeal = services.appeal_assign(actor=world["leader_a"], appeal=appeal, lead_department=world.dept_a)
    assert AppealAssignment.objects.filter(appeal=appeal).count() == 2
    assert AppealAssignment.objects.get(appeal=appeal, current=True).response == ""


# -- answer -----------------------------------------------------------------------------------------

def test_an_answer_by_the_deadline_is_on_time(world, make_appeal):
    appeal = make_appeal("answered")
    appeal.refresh_from_db()
    assert appeal.answer == "已协调调整驾考路线。"
    assert timezone.localdate(appeal.answered_at) == TODAY  # the one clock, which the default rating counts from
    assignment = AppealAssignment.objects.get(appeal=appeal)
    assert (assignment.answered_on, assignment.on_time) == (TODAY, True)


def test_an_answer_after_the_deadline_is_late(world, make_appeal):
    appeal = make_appeal("handling")  # due 20 May
    with frozen(D(2021, 5, 21)):
        services.appeal_act(actor=world["dept_a"], appeal=appeal, action="answer", note="已调整")
    assignment = AppealAssignment.objects.get(appeal=appeal)
    assert (assignment.answered_on, assignment.on_time) == (D(2021, 5, 21), False)


def test_an_answer_on_the_deadline_day_is_on_time(world, make_appeal):
    appeal = make_appeal("handling")
    with frozen(D(2021, 5, 20)):
        services.appeal_act(actor=world["dept_a"], appeal=appeal, action="answer", note="已调整")
    assert AppealAssignment.objects.get(appeal=appeal).on_time is True


# -- rating -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("level", [Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.FAIRLY_SATISFIED])
def test_fairly_satisfied_or_better_closes_the_appeal(world, make_appeal, level):
    appeal = services.appeal_rate(actor=world["enterprise_a"], appeal=make_appeal("answered"), level=level)
    appeal.refresh_from_db()
    assert (appeal.state, appeal.rating, appeal.rating_auto, appeal.reopen_count) == (State.CLOSED, level, False, 0)
    assert timezone.localdate(appeal.closed_at) == TODAY
    rating = AppealRating.objects.get(appeal=appeal)
    assert (rating.level, rating.auto, rating.rated_by, rating.rated_on) == (level, False, world["enterprise_a"], TODAY)
    assert rating.assignment == AppealAssignment.objects.get(appeal=appeal)


@pytest.mark.parametrize("level", [Rating.DISSATISFIED, Rating.VERY_DISSATISFIED])
def test_dissatisfied_reopens_to_the_same_lead_department_with_a_new_deadline(world, make_appeal, level):
    appeal = make_appeal("answered")
    appeal = services.appeal_rate(actor=world["enterprise_a"], appeal=appeal, level=level, comment="路线仍未调整")
    appeal.refresh_from_db()
    assert (appeal.state, appeal.lead_department, appeal.reopen_count, appeal.rating) == (
        State.HANDLING, world.dept_a, 1, level)
    assert appeal.deadline == D(2021, 5, 20)  # the default 5 working days to handle it again
    assert appeal.deadline_note.startswith("重新办理")
    assert (appeal.answer, appeal.answered_at) == ("", None)
    assignment = AppealAssignment.objects.get(appeal=appeal)
    assert (assignment.current, assignment.deadline, assignment.answered_on, assignment.on_time) == (
        True, D(2021, 5, 20), None, None)
    # History kept: the answer and the rating stay on record.
    assert list(AppealRating.objects.filter(appeal=appeal).values_list("level", "comment")) == [(level, "路线仍未调整")]
    transitions = list(AppealTransition.objects.filter(appeal=appeal).order_by("id").values_list("action", "to_state"))
    assert transitions[-2:] == [("answer", State.ANSWERED), ("reopen", State.HANDLING)]


def test_a_reopened_appeal_uses_the_zones_reopen_working_days_and_can_be_answered_and_closed(world, make_appeal):
    AppealSettings.objects.create(zone=world.zone_a, reopen_workdays=2)
    appeal = make_appeal("answered")
    appeal = services.appeal_rate(actor=world["enterprise_a"], appeal=appeal, level=Rating.DISSATISFIED, comment="未解决")
    assert appeal.deadline == D(2021, 5, 17)
    with frozen(D(2021, 5, 14)):
        appeal = services.appeal_act(actor=world["dept_a"], appeal=appeal, action="answer", note="已彻底解决")
        appeal = services.appeal_rate(actor=world["enterprise_a"], appeal=appeal, level=Rating.SATISFIED)
    appeal.refresh_from_db()
    assert (appeal.state, appeal.rating, appeal.reopen_count) == (State.CLOSED, Rating.SATISFIED, 1)
    assert list(AppealRating.objects.filter(appeal=appeal).values_list("level", flat=True)) == [
        Rating.DISSATISFIED, Rating.SATISFIED]
    assert AppealAssignment.objects.get(appeal=appeal).on_time is True


@pytest.mark.parametrize("level", [Rating.DISSATISFIED, Rating.VERY_DISSATISFIED])
def test_dissatisfied_needs_a_comment(world, make_appeal, level):
    appeal = make_appeal("answered")
    with pytest.raises(ValidationError) as exc:
        services.appeal_rate(actor=world["enterprise_a"], appeal=appeal, level=level, comment="  ")
    assert exc.value.message_dict == {"comment": [services.MSG_COMMENT_REQUIRED]}
    appeal.refresh_from_db()
    assert appeal.state == State.ANSWERED and not AppealRating.objects.exists()


@pytest.mark.parametrize("level", [0, 6, "很好", None, ""])
def test_a_rating_not_on_the_scale_is_refused(world, make_appeal, level):
    appeal = make_appeal("answered")
    with pytest.raises(ValidationError) as exc:
        services.appeal_rate(actor=world["enterprise_a"], appeal=appeal, level=level, comment="x")
    assert exc.value.message_dict == {"level": [services.MSG_RATING]}
    assert not AppealRating.objects.exists()


def test_a_rating_given_as_a_form_string_is_accepted(world, make_appeal):
    appeal = services.appeal_rate(actor=world["enterprise_a"], appeal=make_appeal("answered"), level="4")
    assert appeal.rating == Rating.SATISFIED


def test_a_spot_answer_rated_dissatisfied_goes_back_to_the_dispatcher(world, make_appeal):
    appeal = make_appeal("submitted")
    appeal = services.appeal_act(actor=world["leader_a"], appeal=appeal, action="answer", note="现场答复")
    appeal = services.appeal_rate(actor=world["enterprise_a"], appeal=appeal, level=Rating.DISSATISFIED,
                                  comment="现场答复未落实")
    appeal.refresh_from_db()
    assert (appeal.state, appeal.reopen_count, appeal.lead_department, appeal.deadline) == (
        State.SUBMITTED, 1, None, None)
    assert AppealRating.objects.get(appeal=appeal).assignment is None
    assert inbox_titles(world["leader_a"])[-1] == f"企业评价不满意,诉求重新办理:{appeal.title}"
    appeal = services.appeal_assign(actor=world["leader_a"], appeal=appeal, lead_department=world.dept_a)
    assert appeal.state == State.ASSIGNED


# -- rating by default (the tick) -------------------------------------------------------------------

ANSWERED_ON = D(2021, 4, 29)  # a Thursday before the May Day holiday (1–5 May); Saturday 8 May is worked


@pytest.fixture
def answered_before_may_day(world, make_appeal):
    with frozen(ANSWERED_ON):
        return make_appeal("answered")


def test_an_unrated_answer_counts_as_satisfied_after_five_working_days_across_the_holiday(world,
                                                                                          answered_before_may_day):
    appeal = answered_before_may_day
    # 30 Apr, 6, 7 and 8 May (the make-up Saturday): 4 working days.
    assert services.appeals_auto_rate(D(2021, 5, 9)) == {"auto_rated": 0}
    appeal.refresh_from_db()
    assert appeal.state == State.ANSWERED
    assert services.appeals_auto_rate(D(2021, 5, 10)) == {"auto_rated": 1}
    appeal.refresh_from_db()
    assert (appeal.state, appeal.rating, appeal.rating_auto) == (State.CLOSED, Rating.SATISFIED, True)
    rating = AppealRating.objects.get(appeal=appeal)
    assert (rating.level, rating.auto, rating.rated_by, rating.rated_on) == (Rating.SATISFIED, True, None, D(2021, 5, 10))
    assert rating.comment == "答复后5个工作日未评价,默认满意"
    transition = AppealTransition.objects.filter(appeal=appeal).latest("id")
    assert (transition.action, transition.actor, transition.to_state) == ("auto_rate", None, State.CLOSED)


def test_rating_by_default_is_idempotent(world, answered_before_may_day):
    assert services.appeals_auto_rate(D(2021, 5, 10)) == {"auto_rated": 1}
    assert services.appeals_auto_rate(D(2021, 5, 10)) == {"auto_rated": 0}
    assert services.appeals_auto_rate(D(2021, 5, 11)) == {"auto_rated": 0}
    assert AppealRating.objects.count() == 1


def test_the_zones_auto_rate_working_days_apply(world, answered_before_may_day):
    AppealSettings.objects.create(zone=world.zone_a, auto_rate_workdays=2)
    assert services.appeals_auto_rate(D(2021, 5, 5)) == {"auto_rated": 0}  # only 30 April worked
    assert services.appeals_auto_rate(D(2021, 5, 6)) == {"auto_rated": 1}


def test_an_answer_the_enterprise_rated_is_not_rated_again_by_default(world, answered_before_may_day):
    with frozen(D(2021, 5, 6)):
        services.appeal_rate(actor=world["enterprise_a"], appeal=answered_before_may_day, level=Rating.FAIRLY_SATISFIED)
    assert services.appeals_auto_rate(D(2021, 5, 10)) == {"auto_rated": 0}
    assert list(AppealRating.objects.values_list("level", "auto")) == [(Rating.FAIRLY_SATISFIED, False)]


def test_rating_by_default_counts_from_the_latest_answer_after_a_reopening(world, answered_before_may_day):
    appeal = answered_before_may_day
    with frozen(D(2021, 5, 6)):
        appeal = services.appeal_rate(actor=world["enterprise_a"], appeal=appeal, level=Rating.DISSATISFIED,
                                      comment="未解决")
        services.appeal_act(actor=world["dept_a"], appeal=appeal, action="answer", note="再次答复")
    assert services.appeals_auto_rate(D(2021, 5, 10)) == {"auto_rated": 0}  # 7, 8, 10 May: 3 working days
    assert services.appeals_auto_rate(D(2021, 5, 13)) == {"auto_rated": 1}


# -- supervision by hand ----------------------------------------------------------------------------

@pytest.mark.parametrize("state", [State.ASSIGNED, State.HANDLING])
def test_a_zone_leader_supervises_a_running_appeal_and_the_handlers_are_told(world, make_appeal, dept_a2, state):
    appeal = make_appeal(state, co=[dept_a2])
    supervision = services.appeal_supervise(actor=world["leader_a"], appeal=appeal, note="请本周内办结")
    assert (supervision.actor, supervision.note, supervision.deadline, supervision.date) == (
        world["leader_a"], "请本周内办结", None, TODAY)
    for user in (world["dept_a"], world["dept_a2"]):
        message = InboxMessage.objects.filter(recipient=user).latest("id")
        assert message.title == f"【领导督办】:{appeal.title}"
        assert message.kind == InboxMessage.Kind.MANUAL
        assert "请本周内办结" in message.body
    transition = AppealTransition.objects.filter(appeal=appeal).latest("id")
    assert (transition.action, transition.from_state, transition.to_state) == ("supervise", state, state)
    appeal.refresh_from_db()
    assert appeal.deadline == D(2021, 5, 20)  # no new deadline: the committed one stands


def test_a_supervision_may_set_a_new_deadline(world, make_appeal):
    appeal = make_appeal("handling")
    services.appeal_supervise(actor=world["leader_a"], appeal=appeal, note="限期办结", deadline=D(2021, 5, 17))
    appeal.refresh_from_db()
    assert (appeal.deadline, appeal.deadline_kind, appeal.deadline_note) == (
        D(2021, 5, 17), DeadlineKind.DATE, "督办期限")
    assert AppealAssignment.objects.get(appeal=appeal, current=True).deadline == D(2021, 5, 17)
    assert AppealSupervision.objects.get(appeal=appeal).deadline == D(2021, 5, 17)


@pytest.mark.parametrize("actor", ["leader_b", "dept_a", "city", "enterprise_a"])
def test_only_the_zones_leader_supervises(world, make_appeal, actor):
    appeal = make_appeal("handling")
    with pytest.raises(PermissionDenied, match=services.MSG_NOT_DISPATCHER):
        services.appeal_supervise(actor=world[actor], appeal=appeal, note="请办结")
    assert not AppealSupervision.objects.exists()


def test_a_supervision_needs_a_note(world, make_appeal):
    with pytest.raises(ValidationError) as exc:
        services.appeal_supervise(actor=world["leader_a"], appeal=make_appeal("handling"), note=" ")
    assert exc.value.message_dict == {"note": [services.MSG_SUPERVISE_NOTE]}
    assert not AppealSupervision.objects.exists()


def test_a_supervisions_deadline_cannot_be_in_the_past(world, make_appeal):
    appeal = make_appeal("handling")
    with pytest.raises(ValidationError) as exc:
        services.appeal_supervise(actor=world["leader_a"], appeal=appeal, note="限期", deadline=D(2021, 5, 12))
    assert exc.value.messages == [deadlines.MSG_DATE_PAST.format(today=TODAY)]
    appeal.refresh_from_db()
    assert appeal.deadline == D(2021, 5, 20) and not AppealSupervision.objects.exists()


@pytest.mark.parametrize("state", [State.SUBMITTED, State.RETURNED, State.ANSWERED, State.CLOSED])
def test_only_a_running_appeal_can_be_supervised(world, make_appeal, state):
    with pytest.raises(ValidationError) as exc:
        services.appeal_supervise(actor=world["leader_a"], appeal=make_appeal(state), note="请办结")
    assert exc.value.messages == [services.MSG_NOT_RUNNING]


# -- answering linked appeals together (举一反三) ------------------------------------------------------

def test_an_answer_given_together_answers_the_linked_appeals_the_actor_may_answer(world, make_appeal):
    first, second = make_appeal("handling"), make_appeal("handling", title="驾考车辆堵塞园区道路")
    other_zone = make_appeal("handling", enterprise=world.enterprise_b)
    group = AppealGroup.objects.create(zone=world.zone_a, title="驾考路线", created_by=world["leader_a"])
    Appeal.objects.filter(pk__in=[first.pk, second.pk, other_zone.pk]).update(group=group)
    services.appeal_act(actor=world["dept_a"], appeal=first, action="answer", note="已调整驾考路线", together=True)
    second.refresh_from_db()
    other_zone.refresh_from_db()
    assert second.state == State.ANSWERED
    assert second.answer == f"已调整驾考路线\n(与关联诉求{first.number}一并答复)"
    assert other_zone.state == State.HANDLING  # not dept_a's to answer


def test_an_answer_not_given_together_leaves_the_linked_appeals_alone(world, make_appeal):
    first, second = make_appeal("handling"), make_appeal("handling", title="驾考车辆堵塞园区道路")
    group = AppealGroup.objects.create(zone=world.zone_a, title="驾考路线", created_by=world["leader_a"])
    Appeal.objects.filter(pk__in=[first.pk, second.pk]).update(group=group)
    services.appeal_act(actor=world["dept_a"], appeal=first, action="answer", note="已调整驾考路线")
    second.refresh_from_db()
    assert second.state == State.HANDLING
