import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .models import AuditEntry, SecurityEvent

ACTION_CHOICES = [(0, "新增"), (1, "修改"), (2, "删除")]


class _DateRange(django_filters.FilterSet):
    since = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__gte", label="起始日期",
                                      widget=forms.DateInput(attrs={"type": "date"}))
    until = django_filters.DateFilter(field_name="timestamp", lookup_expr="date__lte", label="截止日期",
                                      widget=forms.DateInput(attrs={"type": "date"}))


class AuditEntryFilter(_DateRange):
    actor = django_filters.CharFilter(method="filter_actor", label="操作人")
    content_type = django_filters.ModelChoiceFilter(
        queryset=ContentType.objects.filter(app_label__in=["accounts", "registry", "holidays"]).order_by("app_label", "model"),
        label="对象类型", empty_label="全部类型",
    )
    action = django_filters.ChoiceFilter(choices=ACTION_CHOICES, label="操作", empty_label="全部操作")
    q = django_filters.CharFilter(field_name="object_repr", lookup_expr="icontains", label="对象")

    class Meta:
        model = AuditEntry
        fields = ["actor", "content_type", "action", "q", "since", "until"]

    def filter_actor(self, queryset, name, value):
        return queryset.filter(Q(actor__username__icontains=value) | Q(actor__name__icontains=value))


class SecurityEventFilter(_DateRange):
    kind = django_filters.ChoiceFilter(choices=SecurityEvent.Kind.choices, label="类型", empty_label="全部类型")
    username = django_filters.CharFilter(lookup_expr="icontains", label="用户名")

    class Meta:
        model = SecurityEvent
        fields = ["kind", "username", "since", "until"]
