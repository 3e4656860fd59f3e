from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from yuanqu.common import clock, workdays
from yuanqu.common.views import require_perm

from . import services
from .forms import CheckForm, DayForm, YearForm
from .models import CalendarDay, CalendarYear


def _context(**extra):
    this_year = clock.today().year
    years = [
        {"year": y, "source": workdays.year_source(y)}
        for y in range(this_year - 1, this_year + 3)
    ]
    return {
        "years": years,
        "table_years": CalendarYear.objects.all(),
        "days": CalendarDay.objects.all(),
        "year_form": YearForm(),
        "day_form": DayForm(),
        "check_form": CheckForm(),
        **extra,
    }


@require_perm("calendar.change")
def calendar(request):
    context = _context()
    form = CheckForm(request.GET or None)
    if request.GET and form.is_valid():
        day = form.cleaned_data["date"]
        try:
            context["check"] = {"date": day, "workday": workdays.is_workday(day), "provisional": False}
        except workdays.CalendarYearUnknown as exc:
            context["check"] = {"date": day, "workday": workdays.is_workday(day, provisional=True), "provisional": True, "message": str(exc)}
        context["check_form"] = form
    return render(request, "holidays/calendar.html", context)


def _fail(request, **forms):
    return render(request, "holidays/calendar.html", _context(**forms), status=400)


@require_POST
@require_perm("calendar.change")
def year_create(request):
    form = YearForm(request.POST)
    if form.is_valid():
        if CalendarYear.objects.filter(year=form.cleaned_data["year"]).exists():
            form.add_error("year", "该年份已录入。")
        else:
            services.calendar_year_create(actor=request.user, **form.cleaned_data)
            messages.success(request, f"已登记{form.cleaned_data['year']}年,请继续录入该年的放假日和调休上班日。")
            return redirect("holidays:calendar")
    return _fail(request, year_form=form)


@require_POST
@require_perm("calendar.change")
def day_add(request):
    form = DayForm(request.POST)
    if form.is_valid():
        try:
            services.calendar_day_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for m in exc.messages:
                form.add_error(None, m)
        else:
            messages.success(request, "已录入。")
            return redirect("holidays:calendar")
    return _fail(request, day_form=form)


@require_POST
@require_perm("calendar.change")
def day_remove(request, pk):
    day = get_object_or_404(CalendarDay, pk=pk)
    services.calendar_day_remove(actor=request.user, day=day)
    messages.success(request, f"已删除 {day}。")
    return redirect("holidays:calendar")
