import django_filters
from django.db.models import Q

from .choices import DepartmentKind, EnterpriseScale, ZoneKind, ZoneLevel
from .models import Department, Enterprise, Official, Park, Zone
from .selectors import department_list, park_list, zone_list


# Ledger gaps a clerk fills in: the home page counts them and links here.
MISSING_CHOICES = [
    ("credit_code", "未填统一社会信用代码"),
    ("contact_phone", "未填联系电话"),
    ("park", "未填所在产业园"),
]


class ScopedFilterSet(django_filters.FilterSet):
    """A filter set whose zone and park choices are limited to what the user can see."""

    q = django_filters.CharFilter(method="search", label="搜索")
    search_fields: tuple[str, ...] = ("name",)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        zones = zone_list(user)
        if "zone" in self.filters:
            self.filters["zone"].queryset = zones
        # Parks and departments are offered for the chosen zone only when the user sees several
        # zones: a province has thousands, and a select of thousands is unusable and slow to render.
        narrow = self._narrow(zones)
        if "park" in self.filters:
            self.filters["park"].queryset = park_list(user).filter(narrow)
        if "department" in self.filters:
            self.filters["department"].queryset = department_list(user).filter(narrow)

    def _narrow(self, zones) -> Q:
        if zones.count() <= 1:
            return Q()
        zone = str(self.data.get("zone", "")) if self.data else ""
        keep = Q(zone_id=int(zone)) if zone.isdigit() else Q(pk__in=[])
        for name in ("park", "department"):
            chosen = str(self.data.get(name, "")) if self.data else ""
            if chosen.isdigit():
                keep |= Q(pk=int(chosen))
        return keep

    def search(self, queryset, name, value):
        q = Q()
        for field in self.search_fields:
            q |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(q)


class ZoneFilter(ScopedFilterSet):
    search_fields = ("name", "short_name", "slogan")
    level = django_filters.ChoiceFilter(choices=ZoneLevel.choices, label="级别", empty_label="全部级别")
    kind = django_filters.ChoiceFilter(choices=ZoneKind.choices, label="类型", empty_label="全部类型")

    class Meta:
        model = Zone
        fields = ["level", "kind"]


class ParkFilter(ScopedFilterSet):
    search_fields = ("name", "industry")
    zone = django_filters.ModelChoiceFilter(queryset=Zone.objects.none(), label="园区", empty_label="全部园区")

    class Meta:
        model = Park
        fields = ["zone"]


class DepartmentFilter(ScopedFilterSet):
    zone = django_filters.ModelChoiceFilter(queryset=Zone.objects.none(), label="园区", empty_label="全部园区")
    kind = django_filters.ChoiceFilter(choices=DepartmentKind.choices, label="类型", empty_label="全部类型")

    class Meta:
        model = Department
        fields = ["zone", "kind"]


class EnterpriseFilter(ScopedFilterSet):
    search_fields = ("name", "credit_code", "industry", "contact_name")
    zone = django_filters.ModelChoiceFilter(queryset=Zone.objects.none(), label="园区", empty_label="全部园区")
    park = django_filters.ModelChoiceFilter(
        queryset=Park.objects.none(), label="产业园", empty_label="全部产业园", method="filter_park"
    )
    scale = django_filters.ChoiceFilter(choices=EnterpriseScale.choices, label="规模", empty_label="全部规模")
    missing = django_filters.ChoiceFilter(
        choices=MISSING_CHOICES, label="待完善", empty_label="不限", method="filter_missing"
    )

    class Meta:
        model = Enterprise
        fields = ["zone", "park", "scale", "missing"]

    def filter_missing(self, queryset, name, value):
        if value == "park":
            return queryset.filter(park__isnull=True)
        return queryset.filter(**{value: ""})

    def filter_park(self, queryset, name, value):
        # A park includes its phases: 电子信息产业园 lists the enterprises of 一期 to 五期 too.
        # As a list of park ids, so the park index serves it (an OR across a join would scan).
        return queryset.filter(park_id__in=Park.objects.filter(Q(pk=value.pk) | Q(parent=value.pk)).values("pk"))


class OfficialFilter(ScopedFilterSet):
    search_fields = ("name", "position", "unit")
    zone = django_filters.ModelChoiceFilter(queryset=Zone.objects.none(), label="园区", empty_label="全部园区")
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.none(), label="部门", empty_label="全部部门"
    )

    class Meta:
        model = Official
        fields = ["zone", "department"]
