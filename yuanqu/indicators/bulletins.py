"""Bulletins (指标通报) as the pages use them: which subjects a user may choose (a zone, a park, an
enterprise with figures), which period a bulletin defaults to, the Book loaded for it, the table of
figures and the notes an official reads before publishing, and the Word file.

The paragraph itself is `bulletin.write_bulletin`; this module only chooses what it is written over.

Scope: a zone's bulletin needs indicators.view over the whole zone (a role limited to one park sees
its park's and its enterprises' bulletins, not the zone's total); a subject out of scope is a 404.
Everything the Book then sums lies under the subject, so it is inside the user's scope too.

The latest period (the page's default, the cockpit's and the dispatch pack's): among the periods the
subject has confirmed figures for, entered or derivable (a cumulative month at a quarter's end gives
the quarter, December or the fourth quarter the year), the one that ends last, a year before a
quarter before a month when they end together; holidays (五一 …) only when there is nothing else;
the first of these whose bulletin is not empty. "Up to a date" keeps the periods that ended before it.
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.http import Http404

from yuanqu.accounts.access import access_for
from yuanqu.common.docx import OfficialDocument
from yuanqu.registry.models import Enterprise, Park, Zone

from . import numbers, selectors
from .bulletin import Bulletin, Clause, write_bulletin
from .choices import Level, PeriodKind, ValueState
from .growth import Book, subject_key
from .models import Indicator, IndicatorValue
from .periods import Period

MSG_BAD_SUBJECT = "通报对象无法识别,请从列表中选择园区、产业园或企业。"
MSG_EMPTY = "该期间尚无已核定的数据,请先录入或导入"
MSG_NO_SUBJECT = "您的权限范围内没有可通报的园区或产业园。"

DERIVED_HOW = "推算"
# The month a holiday falls in, to order holidays among the year's periods (春节 varies; February).
HOLIDAY_MONTHS = {1: 1, 2: 2, 3: 4, 4: 5, 5: 6, 6: 9, 7: 10}
KIND_RANK = {PeriodKind.YEAR: 3, PeriodKind.QUARTER: 2, PeriodKind.MONTH: 1, PeriodKind.HOLIDAY: 0}
LEVEL_PREFIX = {"z": Level.ZONE, "p": Level.PARK, "e": Level.ENTERPRISE}


# -- subjects ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Subject:
    """What a bulletin is about: a zone, a park or an enterprise, with the zone it lies in."""

    level: str
    obj: object  # Zone, Park or Enterprise
    zone: Zone

    @property
    def key(self) -> str:
        return subject_key(self.level, self.obj.pk)

    @property
    def name(self) -> str:
        """As the bulletin names it: 湘乡经开区 (the zone's short name), a park's or an enterprise's name."""
        return self.obj.short_name if self.level == Level.ZONE else self.obj.name

    @property
    def kind_label(self) -> str:
        return Level(self.level).label


def _reaches(user, level: str, obj) -> bool:
    scope = access_for(user).scope(selectors.VIEW)
    if scope.everywhere:
        return True
    if level == Level.ZONE:
        return obj.pk in scope.zone_ids
    if obj.zone_id in scope.zone_ids:
        return True
    if level == Level.PARK:
        return bool({obj.pk, obj.parent_id} & scope.park_ids)
    if obj.pk in scope.enterprise_ids:
        return True
    return bool(obj.park_id and {obj.park_id, obj.park.parent_id} & scope.park_ids)


def parse_subject_key(text: str) -> tuple[str, int]:
    """("zone", 3) from "z3"; ValueError with a Chinese message for anything else."""
    text = (text or "").strip()
    if len(text) < 2 or text[0] not in LEVEL_PREFIX or not text[1:].isdigit():
        raise ValueError(MSG_BAD_SUBJECT)
    return LEVEL_PREFIX[text[0]], int(text[1:])


def subject_get(user, key: str) -> Subject:
    """The subject "z3" / "p12" / "e40" if the user's indicators.view reaches it; else 404.
    A key that is not a subject key at all raises ValueError(MSG_BAD_SUBJECT)."""
    level, pk = parse_subject_key(key)
    model = {Level.ZONE: Zone, Level.PARK: Park, Level.ENTERPRISE: Enterprise}[level]
    qs = model.objects.all() if level == Level.ZONE else model.objects.select_related("zone")
    if level == Level.ENTERPRISE:
        qs = qs.select_related("park")
    obj = qs.filter(pk=pk).first()
    if obj is None or not _reaches(user, level, obj):
        raise Http404
    return Subject(level, obj, obj if level == Level.ZONE else obj.zone)


def zone_subjects(user) -> list[Subject]:
    """Zones whose whole bulletin the user reads, in the registry's order."""
    scope = access_for(user).scope(selectors.VIEW)
    qs = Zone.objects.order_by("sort_order", "id")
    if not scope.everywhere:
        qs = qs.filter(pk__in=scope.zone_ids)
    return [Subject(Level.ZONE, z, z) for z in qs]


def _scoped_parks(user, zone: Zone | None):
    scope = access_for(user).scope(selectors.VIEW)
    qs = Park.objects.select_related("zone")
    if zone is not None:
        qs = qs.filter(zone=zone)
    if scope.everywhere or (zone is not None and zone.pk in scope.zone_ids):
        return qs
    return qs.filter(Q(zone_id__in=scope.zone_ids) | Q(pk__in=scope.park_ids) | Q(parent_id__in=scope.park_ids))


def default_subject(user) -> Subject | None:
    """The user's first zone, or for a role limited to a park that park."""
    zones = zone_subjects(user)
    if zones:
        return zones[0]
    park = _scoped_parks(user, None).first()
    return Subject(Level.PARK, park, park.zone) if park else None


def subject_choices(user, current: Subject | None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Option groups for the subject select: the user's zones, then the parks of the current
    subject's zone and its enterprises with confirmed figures (one zone's, so the list stays short
    at province scale). Three queries."""
    groups = []
    zones = zone_subjects(user)
    if zones:
        groups.append(("园区", [(s.key, s.name) for s in zones]))
    zone = current.zone if current else None
    parks = list(_scoped_parks(user, zone).order_by("parent_id", "phase", "id"))
    if parks:
        label = f"{zone.short_name}的产业园" if zone else "产业园"
        groups.append((label, [(subject_key(Level.PARK, p.pk), p.name) for p in parks]))
    if zone is not None:
        park_ids = {p.pk for p in parks}
        reaches_zone = any(s.obj.pk == zone.pk for s in zones)
        with_figures = IndicatorValue.objects.filter(zone_id=zone.pk, level=Level.ENTERPRISE,
                                                     state=ValueState.CONFIRMED)
        qs = Enterprise.objects.filter(zone=zone, pk__in=with_figures.values("enterprise_id")).order_by("name")
        if not reaches_zone:
            qs = qs.filter(Q(park_id__in=park_ids) | Q(park__parent_id__in=park_ids))
        enterprises = [(subject_key(Level.ENTERPRISE, e.pk), e.name) for e in qs.only("id", "name")]
        if enterprises:
            groups.append((f"{zone.short_name}有数据的企业", enterprises))
    return groups


# -- periods -------------------------------------------------------------------------------------
def subject_values(subject: Subject):
    """Confirmed values of the subject and of everything below it (what its figures come from)."""
    qs = IndicatorValue.objects.filter(state=ValueState.CONFIRMED)
    if subject.level == Level.ZONE:
        return qs.filter(zone_id=subject.obj.pk)
    if subject.level == Level.PARK:
        pk = subject.obj.pk
        return qs.filter(Q(park_id=pk) | Q(enterprise__park_id=pk) | Q(enterprise__park__parent_id=pk),
                         zone_id=subject.zone.pk)
    return qs.filter(enterprise_id=subject.obj.pk)


def period_end(period: Period) -> dt.date:
    """The last day of a period (a holiday: the last day of the month it falls in)."""
    if period.kind == PeriodKind.MONTH:
        month = period.number
    elif period.kind == PeriodKind.QUARTER:
        month = 3 * period.number
    elif period.kind == PeriodKind.HOLIDAY:
        month = HOLIDAY_MONTHS[period.number]
    else:
        month = 12
    return dt.date(period.year, month, calendar.monthrange(period.year, month)[1])


def _order(period: Period):
    return (period.kind != PeriodKind.HOLIDAY, period_end(period), KIND_RANK[period.kind])


def periods_with_figures(subject: Subject, until: dt.date | None = None) -> list[Period]:
    """The periods the subject has (or can derive) figures for, latest first (see the module's note);
    with `until`, only those that ended before that day. One query."""
    rows = subject_values(subject).order_by().values_list("year", "period_kind", "period").distinct()
    found = set()
    for year, kind, number in rows:
        try:
            found.add(Period(year, kind, number))
        except ValueError:
            continue
        if kind == PeriodKind.MONTH and number % 3 == 0:
            found.add(Period(year, PeriodKind.QUARTER, number // 3))
        if (kind, number) in ((PeriodKind.MONTH, 12), (PeriodKind.QUARTER, 4)):
            found.add(Period(year, PeriodKind.YEAR, 0))
    if until is not None:
        found = {p for p in found if period_end(p) < until}
    return sorted(found, key=_order, reverse=True)


# -- the bulletin and its table ------------------------------------------------------------------
def indicators() -> list[Indicator]:
    """Every indicator in catalogue order; a retired one still has its past figures."""
    return list(Indicator.objects.order_by("sort_order", "id"))


def load_book(subject: Subject, year: int, catalogue) -> Book:
    """The subject's figures of `year` and the two before (growth, and the previous period's growth)."""
    return Book.load(indicators=catalogue, years={year, year - 1, year - 2},
                     subjects=[(subject.level, subject.obj.pk)], sums=True)


def subject_bulletin(subject: Subject, period: Period, catalogue=None, book: Book | None = None) -> Bulletin:
    catalogue = catalogue if catalogue is not None else indicators()
    book = book or load_book(subject, period.year, catalogue)
    return write_bulletin(book=book, key=subject.key, subject=subject.name, period=period, indicators=catalogue)


def latest_bulletin(subject: Subject, until: dt.date | None = None, catalogue=None,
                    periods: list[Period] | None = None) -> Bulletin | None:
    """The bulletin of the latest period with figures (ended before `until` if given); None when none.
    `periods` saves the lookup when the caller already has periods_with_figures(subject)."""
    catalogue = catalogue if catalogue is not None else indicators()
    books: dict[int, Book] = {}
    for period in periods if periods is not None else periods_with_figures(subject, until):
        if period.year not in books:
            books[period.year] = load_book(subject, period.year, catalogue)
        bulletin = subject_bulletin(subject, period, catalogue, books[period.year])
        if not bulletin.empty:
            return bulletin
    return None


def zone_bulletin(user, zone: Zone, period: Period | None = None) -> Bulletin | None:
    """The paragraph of `zone` for `period` (default: its latest period with confirmed figures), as
    the bulletin page writes it: `.text` is the paragraph, `.body` the figures alone.

    Raises Http404 when the user's indicators.view does not reach the whole zone; returns None when
    there are no confirmed figures for that period. Four or five queries."""
    if not _reaches(user, Level.ZONE, zone):
        raise Http404
    subject = Subject(Level.ZONE, zone, zone)
    if period is None:
        return latest_bulletin(subject)
    bulletin = subject_bulletin(subject, period)
    return None if bulletin.empty else bulletin


def _points(value: Decimal) -> str:
    """0.25 → "0.25", 44.40 → "44.4"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def zone_economy(zone: Zone, until: dt.date) -> "BulletinPage | None":
    """The 经济运行 of a zone's monthly dispatch pack: its bulletin for the latest month, quarter or
    year with confirmed figures that ended before `until` (the meeting's day), holidays left out; None
    when there is none. Not scoped to a user: the pack is the zone's meeting material, and whoever
    reads the pack reads it (dispatch.view). It reads today's confirmed figures, also for a held
    meeting (figures are revised only with a reason, kept in each value's history)."""
    subject = Subject(Level.ZONE, zone, zone)
    periods = [p for p in periods_with_figures(subject, until) if p.kind != PeriodKind.HOLIDAY]
    bulletin = latest_bulletin(subject, periods=periods)
    return page_of(subject, bulletin) if bulletin else None


@dataclass
class FigureRow:
    """One line of the table under the paragraph."""

    clause: Clause

    @property
    def indicator(self):
        return self.clause.indicator

    @property
    def growth(self):
        return self.clause.growth

    @property
    def unit(self) -> str:
        return self.indicator.unit

    @property
    def current(self) -> str:
        return numbers.amount(self.growth.figure.value, self.unit)

    @property
    def value_id(self) -> int | None:
        return self.growth.figure.value_id

    @property
    def prior(self) -> str:
        g = self.growth
        if g.prior is not None:
            return numbers.amount(g.prior.value, self.unit)
        if g.implied_prior is not None:
            return numbers.amount(g.implied_prior, self.unit)
        return "—"

    @property
    def prior_implied(self) -> bool:
        return self.growth.implied_prior is not None

    @property
    def reported(self) -> str:
        return numbers.signed_rate(self.growth.reported, reported=True)

    @property
    def computed(self) -> str:
        return numbers.signed_rate(self.growth.computed)

    @property
    def rate(self) -> str:
        return numbers.signed_rate(self.growth.rate, reported=self.growth.is_reported)

    @property
    def difference(self) -> str:
        """Reported minus computed, in percentage points: +0.02, −44.4, 0."""
        d = self.growth.difference
        if d is None:
            return "—"
        return f"{'+' if d > 0 else '−' if d < 0 else ''}{_points(abs(d))}"

    @property
    def mismatch(self) -> bool:
        return self.growth.mismatch

    @property
    def change(self) -> str:
        """提高2.1个百分点 / 回落0.4个百分点 / 持平, against the previous period's growth."""
        phrase = numbers.points_phrase(self.growth.change_pp)
        if not phrase:
            return "—"
        return "持平" if "持平" in phrase else phrase.removeprefix("增速比上期")

    @property
    def how(self) -> str:
        figure = self.growth.figure
        if figure.derived:
            return figure.how
        return "直接填报"


@dataclass
class BulletinPage:
    """A bulletin with its table and notes: what the page and the Word file show."""

    subject: Subject
    period: Period
    bulletin: Bulletin
    rows: list[FigureRow] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.bulletin.empty

    @property
    def cumulative(self) -> bool:
        return bool(self.bulletin.clauses) and self.bulletin.clauses[0].indicator.cumulative

    @property
    def period_label(self) -> str:
        """The period as the paragraph names it (2021年一季度, 2021年1-4月)."""
        return self.period.label(self.cumulative)

    @property
    def title(self) -> str:
        what = "经营情况" if self.subject.level == Level.ENTERPRISE else "经济运行情况"
        return f"{self.subject.name}{self.period_label}{what}"

    @property
    def notes(self) -> list[str]:
        """What to check before publishing: quoted rates that the prior-year figure contradicts, and
        rates that nothing can check (no prior-year figure, the base only implied)."""
        out = []
        for row in self.rows:
            g, name = row.growth, row.indicator.name
            if g.mismatch:
                out.append(
                    f"{name}:通报引用的填报增速为{row.reported},按上年同期{row.prior}计算为{row.computed},"
                    f"相差{_points(abs(g.difference))}个百分点。发布前请核实填报增速或上年同期数。")
            elif row.prior_implied:
                out.append(f"{name}:缺少上年同期数,增速为填报数,无从核对;按填报增速推算上年同期约{row.prior}(推算)。")
        return out


def page_of(subject: Subject, bulletin: Bulletin) -> BulletinPage:
    return BulletinPage(subject, bulletin.period, bulletin, [FigureRow(c) for c in bulletin.clauses])


def bulletin_page(subject: Subject, period: Period | None, periods: list[Period] | None = None) -> BulletinPage | None:
    """The page of `period`, or with None the latest period with figures (None when there is none)."""
    if period is None:
        bulletin = latest_bulletin(subject, periods=periods)
        return page_of(subject, bulletin) if bulletin else None
    return page_of(subject, subject_bulletin(subject, period))


# -- Word ----------------------------------------------------------------------------------------
WORD_HEADERS = ["指标", "本期", "上年同期", "同比增速", "增速变化"]
WORD_WIDTHS = [46, 28, 30, 22, 30]


def bulletin_document(page: BulletinPage) -> OfficialDocument:
    """Title, the paragraph, then the figures (an implied prior-year figure marked 推算)."""
    doc = OfficialDocument()
    doc.title(page.title)
    doc.paragraph(page.bulletin.text)
    doc.heading("主要指标")
    rows = []
    for row in page.rows:
        name = f"其中:{row.indicator.name}" if row.clause.child else row.indicator.name
        prior = f"{row.prior}(推算)" if row.prior_implied else row.prior
        rows.append([name, row.current, prior, row.rate, row.change])
    doc.table(WORD_HEADERS, rows, widths_mm=WORD_WIDTHS)
    return doc
