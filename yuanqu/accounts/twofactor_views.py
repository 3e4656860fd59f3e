from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from yuanqu.common.views import require_perm

from . import twofactor
from .selectors import user_list


class TokenForm(forms.Form):
    token = forms.RegexField(
        label="6位验证码", regex=r"^\s*\d{3}\s?\d{3}\s*$", max_length=8,
        error_messages={"invalid": "请输入6位数字验证码。", "required": "请输入6位数字验证码。"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


@login_required
def verify(request):
    if request.user.is_verified() or twofactor.confirmed_device(request.user) is None:
        return redirect(_next(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            twofactor.totp_verify(request=request, token=form.cleaned_data["token"])
        except ValidationError as exc:
            form.add_error("token", exc.messages[0])
        else:
            return redirect(_next(request))
    status = 400 if form.errors else 200
    return render(request, "accounts/twofactor_verify.html", {"form": form, "next": _next(request), "bare": True}, status=status)


@login_required
def setup(request):
    # Rebinding when one is already bound needs the current code first (the middleware sees to it).
    device = twofactor.totp_setup_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            twofactor.totp_confirm(request=request, token=form.cleaned_data["token"])
        except ValidationError as exc:
            form.add_error("token", exc.messages[0])
        else:
            messages.success(request, "已绑定身份验证器。今后登录时,输入密码后还需输入验证器上的6位数字。")
            return redirect(_next(request))
    secret = device.config_url.split("secret=")[1].split("&")[0]
    context = {
        "form": form,
        "qr_svg": twofactor.totp_qr_svg(device),
        "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "required": twofactor.twofactor_required(request.user),
        "next": _next(request),
        "bare": True,
    }
    return render(request, "accounts/twofactor_setup.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def remove_own(request):
    try:
        twofactor.twofactor_remove(request=request, user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "已解除身份验证器。")
    return redirect("accounts:profile")


@require_POST
@require_perm("accounts.manage")
def reset_for_user(request, pk):
    user = get_object_or_404(user_list(request.user), pk=pk)
    twofactor.twofactor_remove(request=request, user=user)
    messages.success(request, f"已解除 {user.username} 的身份验证器;其下次登录时需重新绑定。")
    return redirect("accounts:user_detail", pk=pk)
