"""Computing, recomputing, publishing and awarding; history kept per period; bad input refused."""

from decimal import Decimal as Dec

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yuanqu.competitions import services
from yuanqu.competitions.models import Award, ManualValue, Period, Score, Term

from .conftest import D, started


def totals(period):
    return {s.zone.short_name: (s.total, s.rank) for s in Score.objects.filter(period=period).select_related("zone")}


def manual(world, period, competition, a, b):
    term = competition.terms.get(source="manual")
    services.manual_values_set(actor=world["city"], period=period, term=term,
                               values={world.zone_a.pk: a, world.zone_b.pk: b})


def test_quarter_bounds_and_label():
    assert services.period_bounds("quarter", 2021, 1) == ("2021年一季度", D(2021, 1, 1), D(2021, 3, 31))
    assert services.period_bounds("month", 2024, 2)[2] == D(2024, 2, 29)


def test_a_period_scores_projects_started_in_it_and_manual_values(world, competition, q1):
    started(world.zone_a, D(2021, 1, 10))
    started(world.zone_a, D(2021, 3, 31))
    started(world.zone_b, D(2021, 2, 1))
    started(world.zone_b, D(2021, 4, 1))  # next quarter: not counted
    manual(world, q1, competition, Dec(80), Dec(90))
    services.period_compute(actor=world["city"], period=q1)
    # 甲: 0.6×100 + 0.4×80 = 92; 乙: 0.6×50 + 0.4×90 = 66
    assert totals(q1) == {"甲园区": (Dec("92.00"), 1), "乙园区": (Dec("66.00"), 2)}
    q1.refresh_from_db()
    assert q1.formula_text == "综合得分 = 0.6×开工项目数得分 + 0.4×综合评价分"
    assert q1.state == "computed"


def test_recomputing_over_the_same_data_changes_nothing(world, competition, q1):
    started(world.zone_a, D(2021, 1, 10))
    manual(world, q1, competition, Dec(80), Dec(90))
    services.period_compute(actor=world["city"], period=q1)
    before = list(Score.objects.filter(period=q1).values_list("pk", "zone_id", "total", "rank", "parts"))
    services.period_compute(actor=world["city"], period=q1)
    after = list(Score.objects.filter(period=q1).values_list("pk", "zone_id", "total", "rank", "parts"))
    assert after == before


def test_recomputing_an_unpublished_period_picks_up_new_data(world, competition, q1):
    services.period_compute(actor=world["city"], period=q1)
    assert totals(q1)["甲园区"] == (Dec("0.00"), 1)  # nobody started anything: tied first
    started(world.zone_a, D(2021, 2, 2))
    services.period_compute(actor=world["city"], period=q1)
    assert totals(q1) == {"甲园区": (Dec("60.00"), 1), "乙园区": (Dec("0.00"), 2)}


def test_a_published_period_is_closed_and_its_history_survives_later_periods(world, competition, q1):
    started(world.zone_a, D(2021, 1, 10))
    services.period_compute(actor=world["city"], period=q1)
    services.period_publish(actor=world["city"], period=q1)
    with pytest.raises(ValidationError) as exc:
        services.period_compute(actor=world["city"], period=q1)
    assert exc.value.messages == [services.MSG_PUBLISHED.format(period="2021年一季度")]
    with pytest.raises(ValidationError):
        manual(world, q1, competition, Dec(1), Dec(1))

    # The formula changes for the second quarter; the first keeps its scores and its formula.
    Term.objects.filter(competition=competition, source="manual").update(weight="0.3")
    Term.objects.create(competition=competition, label="投产项目数得分", source="producing", weight="0.1", normalisation="best", sort_order=3)
    q2 = services.period_create(actor=world["city"], competition=competition, year=2021, number=2)
    started(world.zone_b, D(2021, 5, 5))
    services.period_compute(actor=world["city"], period=q2)
    q1.refresh_from_db()
    assert q1.formula_text == "综合得分 = 0.6×开工项目数得分 + 0.4×综合评价分"
    assert totals(q1) == {"甲园区": (Dec("60.00"), 1), "乙园区": (Dec("0.00"), 2)}
    assert totals(q2) == {"乙园区": (Dec("60.00"), 1), "甲园区": (Dec("0.00"), 2)}
    assert Period.objects.get(pk=q2.pk).formula_text.endswith("+ 0.1×投产项目数得分")


def test_weights_must_add_up_to_one(world, competition, q1):
    Term.objects.filter(competition=competition, source="manual").update(weight="0.3")
    with pytest.raises(ValidationError) as exc:
        services.period_compute(actor=world["city"], period=q1)
    assert exc.value.messages == [services.MSG_WEIGHTS.format(total="0.9")]
    assert not Score.objects.exists()


def test_one_bad_manual_value_saves_none(world, competition, q1):
    term = competition.terms.get(source="manual")
    with pytest.raises(ValidationError) as exc:
        services.manual_values_set(actor=world["city"], period=q1, term=term,
                                   values={world.zone_a.pk: Dec(80), world.zone_b.pk: Dec(120)})
    assert exc.value.messages == [services.MSG_MANUAL_RANGE.format(zone="乙园区", value=Dec(120))]
    assert not ManualValue.objects.exists()


def test_only_the_city_organises(world, competition, q1):
    for persona in ("leader_a", "enterprise_a", "sysadmin"):
        with pytest.raises(PermissionDenied):
            services.period_compute(actor=world[persona], period=q1)
        with pytest.raises(PermissionDenied):
            services.period_create(actor=world[persona], competition=competition, year=2021, number=2)


def test_awards_come_after_publishing_and_once_per_zone(world, competition, q1):
    services.period_compute(actor=world["city"], period=q1)
    with pytest.raises(ValidationError) as exc:
        services.award_give(actor=world["city"], period=q1, zone=world.zone_a, name="综合性竞赛优秀奖")
    assert exc.value.messages == [services.MSG_AWARD_UNPUBLISHED]
    services.period_publish(actor=world["city"], period=q1)
    services.award_give(actor=world["city"], period=q1, zone=world.zone_a, name="综合性竞赛优秀奖")
    with pytest.raises(ValidationError) as exc:
        services.award_give(actor=world["city"], period=q1, zone=world.zone_a, name="综合性竞赛优秀奖")
    assert "该园区本期已获得这个奖项。" in exc.value.messages
    assert Award.objects.count() == 1


def test_a_period_cannot_be_created_twice_or_out_of_range(world, competition, q1):
    with pytest.raises(ValidationError) as exc:
        services.period_create(actor=world["city"], competition=competition, year=2021, number=1)
    assert "该竞赛已有这一期。" in exc.value.messages
    with pytest.raises(ValidationError) as exc:
        services.period_create(actor=world["city"], competition=competition, year=2021, number=5)
    assert exc.value.messages == [services.MSG_BAD_NUMBER.format(n=5, kind="季度", max=4)]


def test_investment_is_the_weekly_reports_sum_in_the_period(world, competition, q1):
    from yuanqu.projects.models import WeeklyReport as report
    Term.objects.filter(competition=competition).delete()
    Term.objects.create(competition=competition, label="完成投资得分", source="investment", weight="1", normalisation="best")
    a = started(world.zone_a, D(2021, 1, 10), investment=99999)  # the cumulative figure is not what counts
    b = started(world.zone_b, D(2021, 1, 10))
    for project, week, amount in [(a, D(2021, 1, 4), 300), (a, D(2021, 3, 29), 100), (a, D(2021, 4, 5), 5000),
                                  (b, D(2021, 2, 1), 800)]:
        report.objects.create(project=project, week=week, done_this_week="施工", planned_next_week="施工",
                              investment_in_period=amount)
    services.period_compute(actor=world["city"], period=q1)
    # 甲 400 (the April week is the next quarter's), 乙 800: 50 and 100
    assert totals(q1) == {"乙园区": (Dec("100.00"), 1), "甲园区": (Dec("50.00"), 2)}


def test_a_growth_term_ranks_zones_by_the_indicators_year_on_year_growth(world, competition, q1):
    from yuanqu.indicators.models import Indicator
    from yuanqu.indicators.periods import Period as IPeriod
    from yuanqu.indicators.services import value_save

    jgm = Indicator.objects.get(code="JGM")
    competition.terms.all().delete()
    services.term_add(actor=world["city"], competition=competition, data={
        "label": "技工贸收入增速得分", "source": "growth", "indicator": jgm, "weight": Dec(1), "normalisation": "minmax"})
    clerk_b = world["clerk_a"]
    from yuanqu.testing.factories import grant
    grant(clerk_b, "clerk", zone=world.zone_b)
    q, before = IPeriod.parse("2021-Q1"), IPeriod.parse("2020-Q1")
    # 甲: no prior year, so its reported +20%; 乙: computed from its own figures, 110 → 99 = -10%,
    # whatever rate it typed (+5%): a zone does not score itself.
    value_save(actor=clerk_b, indicator=jgm, zone=world.zone_a, period=q, value=Dec(1200), reported_growth=Dec(20))
    value_save(actor=clerk_b, indicator=jgm, zone=world.zone_b, period=before, value=Dec(110))
    value_save(actor=clerk_b, indicator=jgm, zone=world.zone_b, period=q, value=Dec(99), reported_growth=Dec(5))
    services.period_compute(actor=world["city"], period=q1)
    assert totals(q1) == {"甲园区": (Dec("100.00"), 1), "乙园区": (Dec("0.00"), 2)}
    parts = {s.zone.short_name: s.parts[0]["raw"] for s in Score.objects.filter(period=q1).select_related("zone")}
    assert parts == {"甲园区": "20.00", "乙园区": "-10.00"}
    q1.refresh_from_db()
    assert "技工贸收入同比增速" in q1.terms_snapshot[0]["note"]


def test_a_growth_term_needs_its_indicator(world, competition):
    with pytest.raises(ValidationError) as err:
        services.term_add(actor=world["city"], competition=competition, data={
            "label": "增速得分", "source": "growth", "weight": Dec("0.1"), "normalisation": "minmax"})
    assert "须选择指标" in str(err.value)
    assert not competition.terms.filter(label="增速得分").exists()
