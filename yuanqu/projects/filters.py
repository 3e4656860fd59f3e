import django_filters
from django.db.models import Q

from yuanqu.registry.models import Park, Zone
from yuanqu.registry.selectors import park_list, zone_list
from yuanqu.supervision.choices import Light

from .choices import ProjectKind, Stage
from .models import Project, ProjectBatch


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="搜索")
    zone = django_filters.ModelChoiceFilter(queryset=Zone.objects.none(), label="园区", empty_label="全部园区")
    park = django_filters.ModelChoiceFilter(queryset=Park.objects.none(), label="产业园", empty_label="全部产业园",
                                            method="filter_park")
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label="阶段", empty_label="全部阶段")
    kind = django_filters.ChoiceFilter(choices=ProjectKind.choices, label="类型", empty_label="全部类型")
    key = django_filters.ChoiceFilter(choices=[("1", "重点项目"), ("g", "绿色通道")], label="重点/绿色通道",
                                      empty_label="不限", method="filter_key")
    batch = django_filters.ChoiceFilter(choices=[], label="四个一批", empty_label="不限", method="filter_batch")
    # The light stored by the supervision app (refreshed by `yuanqu tick` and on milestone saves).
    light = django_filters.ChoiceFilter(choices=Light.choices, label="灯号", empty_label="全部灯号", method="filter_light")

    class Meta:
        model = Project
        fields = ["zone", "park", "stage", "kind", "key", "batch", "light"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        zones = zone_list(user)
        self.filters["zone"].queryset = zones
        parks = park_list(user)
        zone = str(self.data.get("zone", "")) if self.data else ""
        if zones.count() > 1:
            parks = parks.filter(zone_id=int(zone)) if zone.isdigit() else parks.none()
        self.filters["park"].queryset = parks
        from .forms import batch_choices

        self.filters["batch"].extra["choices"] = batch_choices()

    def search(self, queryset, name, value):
        v = value.strip()
        return queryset.filter(Q(name__icontains=v) | Q(enterprise__name__icontains=v) | Q(description__icontains=v))

    def filter_park(self, queryset, name, value):
        return queryset.filter(park_id__in=Park.objects.filter(Q(pk=value.pk) | Q(parent=value.pk)).values("pk"))

    def filter_key(self, queryset, name, value):
        return queryset.filter(green_channel=True) if value == "g" else queryset.filter(is_key=True)

    def filter_batch(self, queryset, name, value):
        year, kind = value.split(":")
        return queryset.filter(pk__in=ProjectBatch.objects.filter(year=int(year), kind=kind).values("project_id"))

    def filter_light(self, queryset, name, value):
        return queryset.filter(light__light=value)
