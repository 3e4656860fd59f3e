"""Permission matrix: reception pages of appeals (see yuanqu/testing/matrix.py).

Zone A's leader plans and edits zone A's reception days, hosts and settings; zone B's leader holds the
same permission but does not see zone A's (404). Zone A's staff, departments included, and the city
read zone A's days; an enterprise reads the days it was received (enterprise A on zone A's 5th day),
other enterprises and zone B's staff do not see it (404). Mentors and the three administrators hold
no appeals permission (403)."""

import datetime as dt

from yuanqu.testing.matrix import Case

VIEWERS = {"city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a", "clerk_a",
           "enterprise_a", "enterprise_b"}
READERS_A = {"city", "leader_a", "dept_a", "liaison_a", "agent_a", "investor_a", "clerk_a", "enterprise_a"}
HIDDEN_A = {"leader_b", "dept_b", "enterprise_b"}
LEADER_A, LEADER_B = {"leader_a"}, {"leader_b"}


def day_a(w):
    from yuanqu.appeals.models import ReceptionDay

    day, created = ReceptionDay.objects.get_or_create(zone=w.zone_a, number=5,
                                                      defaults={"date": dt.date(2021, 5, 10), "host": w.official_a})
    if created:
        day.enterprises.add(w.enterprise_a)
    return day


def host_a(w):
    from yuanqu.appeals.models import ReceptionHost

    host, _ = ReceptionHost.objects.get_or_create(zone=w.zone_a, official=w.official_a)
    return host


def other_enterprise_a(w):
    from yuanqu.registry.models import Enterprise
    from yuanqu.testing.factories import EnterpriseFactory

    return Enterprise.objects.filter(name="湖南百年七星不锈钢制品有限公司").first() or EnterpriseFactory(
        zone=w.zone_a, name="湖南百年七星不锈钢制品有限公司")


def _day(w):
    return {"pk": day_a(w).pk}


def _zone(w):
    return {"zone_pk": w.zone_a.pk}


def _host(w):
    return {"pk": host_a(w).pk}


def _edit_data(w):
    day = day_a(w)
    return {"date": "2021-05-10", "host": w.official_a.pk, "place": "亲商优商会商室", "status": "held",
            "enterprises": [w.enterprise_a.pk], "attendees": "", "summary": "", "version": day.version}


def _settings_data(w):
    return {"reception_name": "亲商优商企业接待日", "reception_day": 9, "shift_rule": "next",
            "reception_place": "亲商优商会商室", "response_workdays": 1, "default_workdays": 10,
            "reopen_workdays": 5, "auto_rate_workdays": 5, "version": 0}


CASES = [
    Case("appeals:reception_list", ok=VIEWERS),
    Case("appeals:reception_detail", ok=READERS_A, hidden=HIDDEN_A, kwargs=_day),
    Case("appeals:reception_minutes_docx", ok=READERS_A, hidden=HIDDEN_A, kwargs=_day),
    # Editing needs appeals.reception: the city and zone A's other staff read the day but may not edit it.
    Case("appeals:reception_edit", ok=LEADER_A, hidden=LEADER_B, kwargs=_day),
    Case("appeals:reception_edit", method="post", ok=LEADER_A, ok_status=302, hidden=LEADER_B, kwargs=_day,
         data=_edit_data, label="appeals:reception_edit POST"),
    Case("appeals:reception_hold", method="post", ok=LEADER_A, ok_status=302, hidden=LEADER_B, kwargs=_day),
    Case("appeals:reception_enterprise_add", method="post", ok=LEADER_A, ok_status=302, hidden=LEADER_B, kwargs=_day,
         data=lambda w: {"enterprise": other_enterprise_a(w).pk}),
    Case("appeals:reception_plan", method="post", ok=LEADER_A, ok_status=302, hidden=LEADER_B, kwargs=_zone,
         data=lambda w: {"count": 2}),
    Case("appeals:reception_hosts", ok=LEADER_A, hidden=LEADER_B, kwargs=_zone),
    Case("appeals:reception_hosts", method="post", ok=LEADER_A, ok_status=302, hidden=LEADER_B, kwargs=_zone,
         data=lambda w: {"official": w.official_a.pk}, label="appeals:reception_hosts POST"),
    Case("appeals:reception_host_remove", method="post", ok=LEADER_A, ok_status=302, hidden=LEADER_B, kwargs=_host),
    Case("appeals:reception_host_move", method="post", ok=LEADER_A, ok_status=302, hidden=LEADER_B, kwargs=_host,
         data=lambda w: {"direction": "down"}),
    Case("appeals:appeal_settings", ok=LEADER_A, hidden=LEADER_B, kwargs=_zone),
    Case("appeals:appeal_settings", method="post", ok=LEADER_A, ok_status=302, hidden=LEADER_B, kwargs=_zone,
         data=_settings_data, label="appeals:appeal_settings POST"),
]
