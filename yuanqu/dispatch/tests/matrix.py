"""Permission matrix of the dispatch pages (see yuanqu/testing/matrix.py).

The leader of zone A runs zone A's dispatch; the city viewer reads every zone's; zone A's staff
(departments included) read zone A's; zone B's staff do not see it (404); enterprises, mentors and
the three administrators hold no dispatch permission (403)."""

import datetime as dt

from yuanqu.testing.matrix import Case

READERS = {"city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a", "clerk_a"}
READERS_A = {"city", "leader_a", "dept_a", "liaison_a", "agent_a", "investor_a", "clerk_a"}
HIDDEN_A = {"leader_b", "dept_b"}


def meeting_a(w):
    from yuanqu.dispatch.models import DispatchMeeting

    meeting, _ = DispatchMeeting.objects.get_or_create(
        zone=w.zone_a, month=dt.date(2021, 4, 1), defaults={"held_on": dt.date(2021, 4, 14)})
    return meeting


def task_a(w):
    from yuanqu.dispatch.models import DispatchTask

    task, _ = DispatchTask.objects.get_or_create(
        meeting=meeting_a(w), content="协调电力接入",
        defaults={"owner_department": w.dept_a, "deadline": dt.date(2021, 5, 31)})
    return task


def _meeting(w):
    return {"pk": meeting_a(w).pk}


def _task(w):
    return {"pk": task_a(w).pk}


CASES = [
    Case("dispatch:meeting_list", ok=READERS),
    Case("dispatch:meeting_create", ok={"leader_a", "leader_b"}),
    Case("dispatch:meeting_detail", ok=READERS_A, hidden=HIDDEN_A, kwargs=_meeting),
    Case("dispatch:meeting_docx", ok=READERS_A, hidden=HIDDEN_A, kwargs=_meeting),
    # Holding needs dispatch.run: zone B's leader passes that check but does not see zone A's meeting.
    Case("dispatch:meeting_hold", method="post", ok={"leader_a"}, ok_status=302, hidden={"leader_b"}, kwargs=_meeting),
    Case("dispatch:task_create", method="post", ok={"leader_a"}, ok_status=302, hidden={"leader_b"}, kwargs=_meeting,
         data=lambda w: {"content": "协调用地报批", "owner_department": w.dept_a.pk, "deadline": "2021-06-30"}),
    Case("dispatch:task_list", ok=READERS),
    Case("dispatch:task_export", ok=READERS),
    # Done: the leader, or staff of the owner department (dept A); zone A's other staff see it but may not.
    Case("dispatch:task_done", method="post", ok={"leader_a", "dept_a"}, ok_status=302, hidden=HIDDEN_A,
         kwargs=_task, data=lambda w: {"note": "已接入"}),
    Case("dispatch:task_cancel", method="post", ok={"leader_a"}, ok_status=302, hidden={"leader_b"},
         kwargs=_task, data=lambda w: {"note": "不再需要"}),
]
