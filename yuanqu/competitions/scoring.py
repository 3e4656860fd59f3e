"""The formula: raw values per zone → normalised 0–100 term scores → weighted total → ranks.

Pure functions over Decimals, so a hand-computed example can test them without a database.
Normalised scores and the total are rounded half-up to two places; ranks are by the rounded total,
equal totals sharing a rank and the next rank skipping (1, 2, 2, 4), as rankings are announced.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .choices import Normalisation

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class TermSpec:
    label: str
    weight: Decimal
    normalisation: str
    source: str = ""


@dataclass
class ZoneResult:
    zone_id: int
    total: Decimal = Decimal(0)
    rank: int = 0
    parts: list = field(default_factory=list)  # per term: {"label", "raw", "score", "weighted"}


def _q(v: Decimal) -> Decimal:
    return v.quantize(CENT, rounding=ROUND_HALF_UP)


def normalise(values: dict[int, Decimal], how: str) -> dict[int, Decimal]:
    """Each zone's raw value as a 0–100 score. With no spread (all equal, or the best is 0) under
    占最高/最高最低 every zone scores 0 when all are 0, else 100: no one beat anyone."""
    if how == Normalisation.RAW:
        return {z: _q(v) for z, v in values.items()}
    best = max(values.values(), default=Decimal(0))
    if how == Normalisation.SHARE_OF_BEST:
        if best <= 0:
            return {z: Decimal("0.00") for z in values}
        return {z: _q(v / best * HUNDRED) for z, v in values.items()}
    worst = min(values.values(), default=Decimal(0))
    if best == worst:
        return {z: (Decimal("0.00") if best <= 0 else Decimal("100.00")) for z in values}
    return {z: _q((v - worst) / (best - worst) * HUNDRED) for z, v in values.items()}


def rank(totals: dict[int, Decimal]) -> dict[int, int]:
    """Competition ranking: 1, 2, 2, 4."""
    ordered = sorted(totals.values(), reverse=True)
    return {z: ordered.index(t) + 1 for z, t in totals.items()}


def compute(terms: list[TermSpec], raw: list[dict[int, Decimal]], zone_ids: list[int]) -> list[ZoneResult]:
    """raw[i] maps zone id → raw value of terms[i] (a zone missing from it counts 0)."""
    results = {z: ZoneResult(zone_id=z) for z in zone_ids}
    for term, values in zip(terms, raw):
        full = {z: Decimal(values.get(z, 0)) for z in zone_ids}
        scores = normalise(full, term.normalisation)
        for z in zone_ids:
            weighted = scores[z] * term.weight
            results[z].total += weighted
            results[z].parts.append({"label": term.label, "raw": str(full[z]), "score": str(scores[z]),
                                     "weighted": str(_q(weighted))})
    for r in results.values():
        r.total = _q(r.total)
    ranks = rank({z: r.total for z, r in results.items()})
    for z, r in results.items():
        r.rank = ranks[z]
    return sorted(results.values(), key=lambda r: (r.rank, zone_ids.index(r.zone_id)))


def formula_text(terms: list[TermSpec]) -> str:
    """综合得分 = 0.4×开工项目数得分 + 0.3×完成投资得分 + 0.3×综合评价分"""
    if not terms:
        return "综合得分 = (尚未设置评分项)"
    return "综合得分 = " + " + ".join(f"{t.weight.normalize():f}×{t.label}" for t in terms)
