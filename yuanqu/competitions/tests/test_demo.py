"""The demo's competition: 2021年一季度 computed from the page's projects, and 湘乡经开区's award."""

import pytest

from yuanqu.competitions.models import Award, Competition, Period, Score
from yuanqu.demo.loader import load_xiangtan

pytestmark = pytest.mark.django_db


def ranking():
    return {s.zone.short_name: (s.total, s.rank, s.parts)
            for s in Score.objects.filter(period__label="2021年一季度").select_related("zone")}


def test_the_first_quarter_is_published_with_its_formula_and_the_award():
    load_xiangtan()
    period = Period.objects.get(competition__name="迈好第一步 项目论英雄", label="2021年一季度")
    assert period.state == "published"
    assert period.formula_text == "综合得分 = 0.3×开工项目数得分 + 0.2×投产项目数得分 + 0.2×完成投资得分 + 0.3×综合评价分"
    award = Award.objects.get()
    assert (award.zone.short_name, award.name, award.period.label) == ("湘乡经开区", "综合性竞赛优秀奖", "2021年一季度")
    scores = ranking()
    assert len(scores) == 7
    parts = {z: {p["label"]: p["raw"] for p in s[2]} for z, s in scores.items()}
    # From the page's projects: the bridge started on 3月15日, 湘君子电子 went into production on 3月1日.
    assert parts["湘潭高新区"]["开工项目数得分"] == "1"
    assert parts["湘乡经开区"]["投产项目数得分"] == "1"
    assert parts["湘乡经开区"]["综合评价分"] == "92.00"
    assert sorted(s[1] for s in scores.values())[0] == 1
    assert "示意" in Competition.objects.get().description


def test_loading_twice_changes_nothing():
    load_xiangtan()
    before = ranking(), list(Award.objects.values_list("pk", flat=True))
    load_xiangtan()
    assert (ranking(), list(Award.objects.values_list("pk", flat=True))) == before
    assert Competition.objects.count() == 1 and Period.objects.count() == 1
