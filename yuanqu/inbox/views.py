"""The inbox: the user's messages, one message (read on opening), and "mark all read"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from yuanqu.common.views import paginate

from . import selectors, services


@require_GET
@login_required
def message_list(request):
    page = paginate(request, selectors.inbox_list(request.user))
    return render(request, "inbox/list.html", {"page": page, "unread": selectors.unread_count(request.user)})


@require_GET
@login_required
def message_open(request, pk):
    message = selectors.inbox_message(request.user, pk)
    services.inbox_mark_read(user=request.user, message=message)
    safe_url = message.url if url_has_allowed_host_and_scheme(message.url, allowed_hosts=None) else ""
    return render(request, "inbox/detail.html", {"message": message, "safe_url": safe_url})


@require_POST
@login_required
def mark_all_read(request):
    n = services.inbox_mark_all_read(user=request.user)
    messages.success(request, f"已将{n}条消息标为已读。" if n else "没有未读消息。")
    return redirect("inbox:message_list")
