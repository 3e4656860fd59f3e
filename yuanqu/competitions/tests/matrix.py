"""Permission matrix of the competitions pages (see yuanqu/testing/matrix.py).

The city (市园区办) organises; the zones' staff read published rankings; a draft period is hidden
(404) from them; enterprises, mentors and the three administrators get 403."""

from yuanqu.testing.matrix import Case

READERS = {"city", "leader_a", "leader_b", "dept_a", "dept_b", "liaison_a", "agent_a", "investor_a", "clerk_a"}
ZONE_STAFF = READERS - {"city"}
ORGANISER = {"city"}


def competition(w):
    from yuanqu.competitions.models import Competition, Term

    c, created = Competition.objects.get_or_create(name="迈好第一步 项目论英雄", defaults={"organiser": "市园区办"})
    if created:
        Term.objects.create(competition=c, label="开工项目数得分", source="started", weight="0.6", normalisation="best", sort_order=1)
        Term.objects.create(competition=c, label="综合评价分", source="manual", weight="0.4", normalisation="raw", sort_order=2)
    return c


def draft_period(w):
    from yuanqu.competitions.models import Period
    from yuanqu.competitions.services import period_bounds

    c = competition(w)
    label, start, end = period_bounds("quarter", 2021, 2)
    return Period.objects.get_or_create(competition=c, start=start, defaults={"label": label, "end": end})[0]


def _period(w, number, publish):
    from yuanqu.competitions import services
    from yuanqu.competitions.models import Period

    c = competition(w)
    label, start, end = services.period_bounds("quarter", 2021, number)
    period = Period.objects.filter(competition=c, start=start).first()
    if period is None:
        period = services.period_create(actor=w["city"], competition=c, year=2021, number=number)
        services.period_compute(actor=w["city"], period=period)
        if publish:
            period = services.period_publish(actor=w["city"], period=period)
    return period


def published_period(w):
    return _period(w, 1, publish=True)


def computed_period(w):
    return _period(w, 3, publish=False)


def _manual_term(w):
    return competition(w).terms.get(source="manual")


CASES = [
    Case("competitions:competition_list", ok=READERS),
    Case("competitions:competition_create", ok=ORGANISER),
    Case("competitions:competition_detail", ok=READERS, kwargs=lambda w: {"pk": competition(w).pk}),
    Case("competitions:term_add", method="post", ok=ORGANISER, ok_status=302, kwargs=lambda w: {"pk": competition(w).pk},
         data=lambda w: {"label": "投产项目数得分", "source": "producing", "weight": "0.2", "normalisation": "best"}),
    Case("competitions:term_delete", method="post", ok=ORGANISER, ok_status=302,
         kwargs=lambda w: {"pk": competition(w).pk, "term_pk": _manual_term(w).pk}),
    Case("competitions:period_add", method="post", ok=ORGANISER, ok_status=302, kwargs=lambda w: {"pk": competition(w).pk},
         data=lambda w: {"year": "2021", "number": "4"}),
    Case("competitions:period_detail", ok=READERS, kwargs=lambda w: {"pk": published_period(w).pk}),
    Case("competitions:period_detail", ok=ORGANISER, hidden=ZONE_STAFF, kwargs=lambda w: {"pk": draft_period(w).pk},
         label="competitions:period_detail (draft)"),
    Case("competitions:period_export", ok=READERS, kwargs=lambda w: {"pk": published_period(w).pk}),
    Case("competitions:manual_values_set", method="post", ok=ORGANISER, ok_status=302,
         kwargs=lambda w: {"pk": draft_period(w).pk, "term_pk": _manual_term(w).pk},
         data=lambda w: {f"zone_{w.zone_a.pk}": "90", f"zone_{w.zone_b.pk}": "85"}),
    Case("competitions:period_compute", method="post", ok=ORGANISER, ok_status=302, kwargs=lambda w: {"pk": draft_period(w).pk}),
    Case("competitions:period_publish", method="post", ok=ORGANISER, ok_status=302, kwargs=lambda w: {"pk": computed_period(w).pk}),
    Case("competitions:award_give", method="post", ok=ORGANISER, ok_status=302, kwargs=lambda w: {"pk": published_period(w).pk},
         data=lambda w: {"zone": w.zone_a.pk, "name": "综合性竞赛优秀奖"}),
]
