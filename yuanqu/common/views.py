"""Small helpers every app's views share: permission checks, pagination, full page or HTMX partial."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.shortcuts import render

from yuanqu.accounts.access import access_for

PER_PAGE = 30


def require_perm(*perms: str):
    """Signed in, and holding at least one of these permissions somewhere; else 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            access = access_for(request.user)
            if not any(access.has(p) for p in perms):
                raise PermissionDenied(perms[0])
            request.access = access
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class CappedPaginator(Paginator):
    """Counts at most CAP rows: a search matching tens of thousands of rows among millions says
    "1000余" instead of counting them all (a COUNT over every match cost more than the page)."""

    CAP = 1000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.CAP


def paginate(request, queryset, per_page: int = PER_PAGE, paginator_class=Paginator):
    paginator = paginator_class(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    page.querystring = query.urlencode()
    return page


def render_page(request, template: str, context: dict, partial: str | None = None, target: str = "list-table"):
    """The whole page, or only `partial` when HTMX asks to refresh `target` (a filter change, a page turn)."""
    htmx = getattr(request, "htmx", None)
    if partial and htmx and not htmx.boosted and htmx.target == target:
        return render(request, partial, context)
    return render(request, template, context)
