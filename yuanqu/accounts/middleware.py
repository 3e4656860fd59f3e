import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode

from .twofactor import twofactor_pending

MSG_IDLE = "您已超过{minutes}分钟未操作,请重新登录。"
MSG_TWOFACTOR = "请先在网页上完成二次验证(身份验证器动态码)后再调用接口。"
API_PREFIX = "/api/"


def _api_refusal(request, detail: str):
    """An API caller gets 401 JSON where a browser is sent to a page: a redirect to HTML means
    nothing to an integration."""
    from django.http import JsonResponse

    if request.path_info.startswith(API_PREFIX):
        return JsonResponse({"detail": detail, "errors": {}}, status=401)
    return None


class IdleTimeoutMiddleware:
    """Signs out a session idle for longer than SESSION_IDLE_MINUTES (government intranet policy).

    Must come after MessageMiddleware in settings.MIDDLEWARE: it says why through a message."""

    KEY = "yuanqu_last_seen"
    # Refresh the stamp at most once a minute, so most requests do not write the session.
    RESOLUTION = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            last = request.session.get(self.KEY)
            if last is not None and now - last > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                idle = MSG_IDLE.format(minutes=settings.SESSION_IDLE_MINUTES)
                messages.info(request, idle)
                return _api_refusal(request, idle) or redirect_to_login(request.get_full_path())
            if last is None or now - last > self.RESOLUTION:
                request.session[self.KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """Until a signed-in user has passed the second factor, only the two-factor pages, sign-out and
    static files answer: one who has an authenticator is asked for a code, one whose role requires
    it and has none is sent to bind one."""

    OPEN = {"accounts:twofactor_verify", "accounts:twofactor_setup", "accounts:logout", "accounts:login"}

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    # A session that found no authenticator bound remembers it, to spare every request a query; a
    # device is only ever bound by its user through a session that then counts as verified.
    NO_DEVICE = "yuanqu_2fa_no_device"

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not request.path_info.startswith(self.static_prefix):
            known_none = request.session.get(self.NO_DEVICE) == user.pk
            pending = twofactor_pending(user, has_device=False if known_none else None)
            if pending is None and not known_none:
                request.session[self.NO_DEVICE] = user.pk
            if pending:
                try:
                    name = resolve(request.path_info).view_name
                except Resolver404:
                    name = ""
                if name not in self.OPEN:
                    refused = _api_refusal(request, MSG_TWOFACTOR)
                    if refused:
                        return refused
                    target = reverse(f"accounts:twofactor_{pending}")
                    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
