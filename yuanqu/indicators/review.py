"""Enterprises' own figures and the statistics clerk's check of them.

Reads: an enterprise's reports (its own enterprises only), and for the clerk's queue each pending
figure beside the enterprise's confirmed figure of the same period a year before.
Writes: confirming or returning a figure goes through services.value_confirm / value_return; the
enterprise's users then hear of it in their inbox, once the change is committed.
"""

from dataclasses import dataclass
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from yuanqu.accounts.access import access_for
from yuanqu.accounts.models import RoleAssignment, User
from yuanqu.accounts.roles import Role
from yuanqu.inbox.models import InboxMessage
from yuanqu.inbox.services import inbox_send
from yuanqu.registry.models import Enterprise

from . import numbers, selectors, services
from .choices import Level
from .growth import Book, Figure, Growth, growth_rate
from .models import IndicatorValue
from .periods import Period


# -- reads ---------------------------------------------------------------------------------------------

def own_enterprises(user) -> QuerySet[Enterprise]:
    """The enterprises this user reports for (an enterprise user's own, never another's)."""
    ids = access_for(user).scope(selectors.REPORT).enterprise_ids
    return Enterprise.objects.filter(pk__in=ids).select_related("zone", "park").order_by("name")


def report_list(user, *, state: str = "", year: int | None = None) -> QuerySet[IndicatorValue]:
    """The figures of the user's own enterprises, whoever entered them, the latest change first."""
    ids = access_for(user).scope(selectors.REPORT).enterprise_ids
    qs = (IndicatorValue.objects.filter(enterprise_id__in=ids, level=Level.ENTERPRISE)
          .select_related("indicator", "enterprise", "zone").order_by("-updated_at", "-id"))
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(year=year)
    return qs


def report_detail(user, pk: int) -> IndicatorValue:
    """One of the user's own figures (another enterprise's is a 404)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(report_list(user), pk=pk)


@dataclass
class ReviewRow:
    value: IndicatorValue
    period: Period
    growth: Growth  # the figure beside the enterprise's confirmed figure a year before

    @property
    def prior(self) -> Figure | None:
        return self.growth.prior

    @property
    def period_label(self) -> str:
        return self.period.label(self.value.indicator.cumulative)

    @property
    def amount(self) -> str:
        return numbers.amount(self.value.value, self.value.indicator.unit)

    @property
    def prior_amount(self) -> str:
        return numbers.amount(self.prior.value, self.value.indicator.unit) if self.prior else ""

    @property
    def computed_rate(self) -> str:
        return numbers.signed_rate(self.growth.computed)

    @property
    def reported_rate(self) -> str:
        return numbers.signed_rate(self.growth.reported, reported=True)

    @property
    def implied_prior(self) -> str:
        base = self.growth.implied_prior
        return numbers.amount(base, self.value.indicator.unit) if base is not None else ""


def review_rows(values) -> list[ReviewRow]:
    """Pending figures with their prior-year figure: one query for the page, however long it is."""
    values = list(values)
    if not values:
        return []
    book = Book.load(indicators={v.indicator for v in values}, years={v.year - 1 for v in values},
                     subjects=sorted({(Level.ENTERPRISE, v.enterprise_id) for v in values}), sums=False)
    rows = []
    for v in values:
        period = Period.of(v)
        prior = book.figure(v.indicator, v.subject_key, period.year_before())
        figure = Figure(v.value, v.reported_growth)
        rows.append(ReviewRow(v, period, Growth(figure, prior, growth_rate(v.value, prior.value if prior else None))))
    return rows


# -- writes --------------------------------------------------------------------------------------------

def _enterprise_users(value: IndicatorValue) -> list:
    ids = RoleAssignment.objects.filter(role=Role.ENTERPRISE, enterprise_id=value.enterprise_id).values("user_id")
    people = list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))
    return people


def _notify(value: IndicatorValue, title: str, body: str) -> None:
    people = _enterprise_users(value)
    what = f"{value.indicator.name} {Period.of(value).label(value.indicator.cumulative)}"

    def send():
        inbox_send(recipients=people, title=f"{title}:{what}", body=body, url=reverse("indicators:report_list"),
                   kind=InboxMessage.Kind.NOTIFY, dedupe_key=f"indicator-review:{value.pk}:{value.version}")

    transaction.on_commit(send)


@transaction.atomic
def report_confirm(*, actor, value: IndicatorValue, version: int | None = None) -> IndicatorValue:
    """The clerk confirms an enterprise's figure; the enterprise is told."""
    value = services.value_confirm(actor=actor, value=value, version=version)
    amount = numbers.amount(value.value, value.indicator.unit)
    _notify(value, "指标数据已核定", f"您报送的{value.indicator.name}{amount}已由园区统计员核定。")
    return value


@transaction.atomic
def report_return(*, actor, value: IndicatorValue, reason: str, version: int | None = None) -> IndicatorValue:
    """The clerk returns an enterprise's figure with the reason; the enterprise is told what to correct."""
    value = services.value_return(actor=actor, value=value, reason=reason, version=version)
    _notify(value, "指标数据被退回", f"退回原因:{value.return_reason}\n请在“指标填报”中修改后重新报送。")
    return value

