import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

MSG_IDLE = "您已超过{minutes}分钟未操作,请重新登录。"


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
                messages.info(request, MSG_IDLE.format(minutes=settings.SESSION_IDLE_MINUTES))
                return redirect_to_login(request.get_full_path())
            if last is None or now - last > self.RESOLUTION:
                request.session[self.KEY] = now
        return self.get_response(request)
