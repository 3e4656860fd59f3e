"""The city's "迈好第一步 项目论英雄" competition, first quarter of 2021, as the page reports it.

The page says only that 湘乡经开区 won the 综合性竞赛优秀奖 in the city's first-quarter contest. The
formula and the 综合评价分 per zone below are illustrative (marked so on the page); the counted
terms are computed from the demo's own projects, so the ranking moves when their milestones do.
"""

from decimal import Decimal

from yuanqu.accounts.models import User

NAME = "迈好第一步 项目论英雄"
ILLUSTRATIVE = "(计分公式和综合评价分为示意;计数项按演示数据中的项目节点计算)"
DESCRIPTION = ("全市园区“迈好第一步 项目论英雄”竞赛活动,坚持“开局就是冲刺、起步就是决战”,"
               "按季度比拼各园区项目签约、开工、投产和投资完成情况。" + ILLUSTRATIVE)

# label, source, weight, normalisation
TERMS = [
    ("开工项目数得分", "started", "0.3", "best"),
    ("投产项目数得分", "producing", "0.2", "best"),
    ("完成投资得分", "investment", "0.2", "best"),
    ("综合评价分", "manual", "0.3", "raw"),
]

# 综合评价分 per zone for 2021年一季度 (illustrative).
ASSESSMENT = {
    "湘潭高新区": 88, "湘潭经开区": 90, "昭山示范区": 80, "雨湖高新区": 78,
    "天易示范区": 82, "湘乡经开区": 92, "岳塘经开区": 79,
}

AWARDS = [("湘乡经开区", "综合性竞赛优秀奖", "全市“迈好第一步 项目论英雄”一季度竞赛活动")]


def load(zones: dict) -> dict:
    """Create or refresh the competition; compute, publish and award 2021年一季度 once (a published
    period is closed, so later loads leave it as it is)."""
    from yuanqu.competitions import services
    from yuanqu.competitions.choices import PeriodState
    from yuanqu.competitions.models import Award, Competition, Period, Term

    city = User.objects.get(username="city")
    competition = Competition.objects.filter(name=NAME).first() or services.competition_create(
        actor=city, data={"name": NAME, "organiser": "市园区办", "period_kind": "quarter", "description": DESCRIPTION})
    for order, (label, source, weight, normalisation) in enumerate(TERMS, start=1):
        Term.objects.update_or_create(competition=competition, label=label, defaults={
            "source": source, "weight": Decimal(weight), "normalisation": normalisation, "sort_order": order})
    period = Period.objects.filter(competition=competition, label="2021年一季度").first() or services.period_create(
        actor=city, competition=competition, year=2021, number=1)
    if period.state != PeriodState.PUBLISHED:
        term = competition.terms.get(source="manual")
        services.manual_values_set(actor=city, period=period, term=term,
                                   values={zones[z].pk: Decimal(v) for z, v in ASSESSMENT.items()})
        services.period_compute(actor=city, period=period)
        services.period_publish(actor=city, period=period)
    for zone, name, note in AWARDS:
        if not Award.objects.filter(period=period, zone=zones[zone], name=name).exists():
            services.award_give(actor=city, period=period, zone=zones[zone], name=name, note=note)
    return {"competitions": 1, "awards": len(AWARDS)}
