"""The formula on a hand-computed example: normalisation, weights, rounding and tied ranks."""

from decimal import Decimal as Dec

from yuanqu.competitions.scoring import TermSpec, compute, formula_text, normalise, rank

A, B, C, D = 1, 2, 3, 4
TERMS = [
    TermSpec("开工项目数得分", Dec("0.4"), "best"),
    TermSpec("完成投资得分", Dec("0.3"), "minmax"),
    TermSpec("综合评价分", Dec("0.3"), "raw"),
]
RAW = [
    {A: Dec(4), B: Dec(2), C: Dec(2)},  # D started nothing: absent counts 0
    {A: Dec(1000), B: Dec(3000), C: Dec(3000), D: Dec(500)},
    {A: Dec(80), B: Dec(90), C: Dec(90), D: Dec(100)},
]


def test_the_hand_computed_example():
    # 开工: 4,2,2,0 → share of the best 100, 50, 50, 0
    # 投资: 1000,3000,3000,500 → (v−500)/(3000−500)×100 = 20, 100, 100, 0
    # 评价: as entered 80, 90, 90, 100
    # A = 0.4×100 + 0.3×20 + 0.3×80 = 70; B = C = 20 + 30 + 27 = 77; D = 0 + 0 + 30 = 30
    results = {r.zone_id: r for r in compute(TERMS, RAW, [A, B, C, D])}
    assert {z: r.total for z, r in results.items()} == {A: Dec("70.00"), B: Dec("77.00"), C: Dec("77.00"), D: Dec("30.00")}
    assert [p["score"] for p in results[A].parts] == ["100.00", "20.00", "80.00"]
    assert [p["weighted"] for p in results[B].parts] == ["20.00", "30.00", "27.00"]


def test_equal_totals_share_a_rank_and_the_next_rank_skips():
    results = compute(TERMS, RAW, [A, B, C, D])
    assert [(r.zone_id, r.rank) for r in results] == [(B, 1), (C, 1), (A, 3), (D, 4)]
    assert rank({A: Dec(5), B: Dec(5), C: Dec(5)}) == {A: 1, B: 1, C: 1}


def test_share_of_best_rounds_half_up_to_two_places():
    assert normalise({A: Dec(1), B: Dec(3), C: Dec(2)}, "best") == {A: Dec("33.33"), B: Dec("100.00"), C: Dec("66.67")}


def test_no_spread_scores_nobody_above_anybody():
    assert normalise({A: Dec(0), B: Dec(0)}, "best") == {A: Dec(0), B: Dec(0)}
    assert normalise({A: Dec(0), B: Dec(0)}, "minmax") == {A: Dec(0), B: Dec(0)}
    assert normalise({A: Dec(3), B: Dec(3)}, "minmax") == {A: Dec(100), B: Dec(100)}


def test_the_formula_reads_as_published():
    assert formula_text(TERMS) == "综合得分 = 0.4×开工项目数得分 + 0.3×完成投资得分 + 0.3×综合评价分"
    assert formula_text([TermSpec("综合评价分", Dec("1.00"), "raw")]) == "综合得分 = 1×综合评价分"
