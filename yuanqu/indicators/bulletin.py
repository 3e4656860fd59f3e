"""The paragraph a statistics bulletin writes for one subject and period, from the figures:

    2021年一季度,湘乡经开区完成技工贸收入133.8亿元,同比增长20%;规模以上工业企业主营业务收入
    110.3亿元,同比增长22.8%;……

Indicators come in catalogue order, each as 引导词 + name + amount + growth; an indicator's “其中”
items follow it after a comma ("实现营业收入162.95万元,同比增长123.93%,其中门票收入88.79万元,…").
Three or more top-level items are an enumeration and are separated by semicolons, fewer by commas.
Punctuation follows the page and the rest of the product (half-width comma and semicolon, 。 at the end).
One generator serves the bulletin page, its Word file, the cockpit and the monthly dispatch pack.
"""

from dataclasses import dataclass, field

from . import numbers
from .growth import Book, Growth
from .periods import Period


@dataclass
class Clause:
    indicator: object
    growth: Growth
    child: bool = False

    # The period named before the clause when it differs from the paragraph's opening (a period
    # figure's 二季度 in a paragraph that opens with the year-to-date 上半年).
    when: str = ""

    @property
    def text(self) -> str:
        ind, g = self.indicator, self.growth
        lead = "其中" if self.child else ind.lead
        out = f"{self.when}{lead}{ind.name}{numbers.amount(g.figure.value, ind.unit)}"
        phrase = numbers.growth_phrase(g.rate, reported=g.is_reported)
        return f"{out},{phrase}" if phrase else out


@dataclass
class Bulletin:
    subject: str
    period: Period
    clauses: list[Clause] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.clauses

    @property
    def opening(self) -> str:
        cumulative = bool(self.clauses) and self.clauses[0].indicator.cumulative
        return f"{self.period.label(cumulative)},{self.subject}"

    @property
    def body(self) -> str:
        """The figures alone: what follows the subject, ending with 。."""
        groups: list[list[Clause]] = []
        for clause in self.clauses:
            if clause.child and groups:
                groups[-1].append(clause)
            else:
                groups.append([clause])
        separator = ";" if len(groups) >= 3 else ","
        return separator.join(",".join(c.text for c in group) for group in groups) + "。"

    @property
    def text(self) -> str:
        if self.empty:
            return ""
        return self.opening + self.body

    @property
    def mismatches(self) -> list[Clause]:
        return [c for c in self.clauses if c.growth.mismatch]

    @property
    def implied(self) -> list[Clause]:
        return [c for c in self.clauses if c.growth.implied_prior is not None]


def write_bulletin(*, book: Book, key: str, subject: str, period: Period, indicators) -> Bulletin:
    """The bulletin of the subject `key` (see growth.subject_key) for `period`, over `indicators`
    (in catalogue order) that have a figure; a “其中” item follows its parent when both are there."""
    indicators = list(indicators)
    growths = {i.pk: book.growth(i, key, period) for i in indicators}
    present = {pk for pk, g in growths.items() if g is not None}
    bulletin = Bulletin(subject=subject, period=period)
    placed = set()

    def place(ind, child=False):
        bulletin.clauses.append(Clause(ind, growths[ind.pk], child=child))
        placed.add(ind.pk)
        for sub in indicators:
            if sub.parent_id == ind.pk and sub.pk in present and sub.pk not in placed:
                place(sub, child=True)

    for ind in indicators:
        if ind.pk in present and ind.pk not in placed and (ind.parent_id is None or ind.parent_id not in present):
            place(ind)
    if bulletin.clauses:
        opening = period.phrase(bulletin.clauses[0].indicator.cumulative)
        for clause in bulletin.clauses:
            own = period.phrase(clause.indicator.cumulative)
            if own != opening and not clause.child:
                clause.when = own
    return bulletin
