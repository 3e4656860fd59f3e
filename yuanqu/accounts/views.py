from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from yuanqu.common.views import paginate, render_page, require_perm

from . import services, twofactor
from .forms import LoginForm, PasswordResetForm, RoleAssignForm, UserCreateForm, UserEditForm
from .access import access_for
from .models import RoleAssignment
from .roles import Role
from .selectors import user_list

MSG_LOCKED = "该账号因连续多次登录失败已被锁定30分钟。请稍后再试,或联系安全管理员解锁。"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.DEMO:
            # The demo's logins are public; say them where a visitor looks for them.
            from yuanqu.demo.xiangtan import ACCOUNTS, DEMO_PASSWORD

            context["demo_accounts"] = [(u, name) for u, name, *_ in ACCOUNTS]
            context["demo_password"] = DEMO_PASSWORD
        return context


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            services.password_change_record(user=form.user)
        messages.success(self.request, "密码已修改。")
        return response


def lockout_response(request, credentials, *args, **kwargs):
    """What django-axes answers while a username is locked: the login page with the reason."""
    return render(request, "accounts/login.html", {"form": LoginForm(request), "locked": MSG_LOCKED}, status=429)


def _add_errors(form, exc: ValidationError):
    for message in exc.messages:
        form.add_error(None, message)


@require_perm("accounts.manage")
def user_list_view(request):
    q, role = request.GET.get("q", "").strip(), request.GET.get("role", "")
    page = paginate(request, user_list(request.user, q=q, role=role))
    context = {"page": page, "q": q, "role": role, "roles": Role.choices}
    return render_page(request, "accounts/user_list.html", context, partial="accounts/_user_table.html")


@require_perm("accounts.manage")
def user_create_view(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, f"已创建用户 {user.username},请为其授予角色。")
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_form.html", {"form": form}, status=400 if form.errors else 200)


@require_perm("accounts.manage")
def user_detail_view(request, pk):
    user = get_object_or_404(user_list(request.user), pk=pk)
    context = {
        "subject": user,
        "has_device": twofactor.confirmed_device(user) is not None,
        "required_roles": "、".join(Role(r).label for r in settings.YUANQU_2FA_ROLES if r in Role.values),
        "edit_form": UserEditForm(initial={"version": user.version, "name": user.name, "phone": user.phone, "email": user.email}),
        "role_form": RoleAssignForm(),
        "password_form": PasswordResetForm(),
    }
    return render(request, "accounts/user_detail.html", context)


def _detail_with_errors(request, user, **forms):
    context = {
        "subject": user,
        "edit_form": forms.get("edit_form") or UserEditForm(initial={"version": user.version, "name": user.name, "phone": user.phone, "email": user.email}),
        "role_form": forms.get("role_form") or RoleAssignForm(),
        "password_form": forms.get("password_form") or PasswordResetForm(),
    }
    return render(request, "accounts/user_detail.html", context, status=400)


@require_POST
@require_perm("accounts.manage")
def user_edit_view(request, pk):
    user = get_object_or_404(user_list(request.user), pk=pk)
    form = UserEditForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update(actor=request.user, user=user, version=data["version"], name=data["name"], phone=data["phone"], email=data["email"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "已保存。")
            return redirect("accounts:user_detail", pk=pk)
    return _detail_with_errors(request, user, edit_form=form)


@require_POST
@require_perm("accounts.manage")
def user_password_view(request, pk):
    user = get_object_or_404(user_list(request.user), pk=pk)
    form = PasswordResetForm(request.POST)
    if form.is_valid():
        try:
            services.user_set_password(actor=request.user, user=user, password=form.cleaned_data["password"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "密码已重置,请通过安全渠道告知本人。")
            return redirect("accounts:user_detail", pk=pk)
    return _detail_with_errors(request, user, password_form=form)


@require_POST
@require_perm("accounts.manage")
def user_active_view(request, pk):
    user = get_object_or_404(user_list(request.user), pk=pk)
    try:
        services.user_set_active(actor=request.user, user=user, active=request.POST.get("active") == "1")
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已启用该账号。" if user.is_active else "已停用该账号。")
    return redirect("accounts:user_detail", pk=pk)


@require_POST
@require_perm("accounts.manage")
def role_assign_view(request, pk):
    user = get_object_or_404(user_list(request.user), pk=pk)
    form = RoleAssignForm(request.POST)
    if form.is_valid():
        try:
            services.role_assign(actor=request.user, user=user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, "已授予角色。")
            return redirect("accounts:user_detail", pk=pk)
    return _detail_with_errors(request, user, role_form=form)


@require_POST
@require_perm("accounts.manage")
def role_revoke_view(request, pk, assignment_pk):
    user = get_object_or_404(user_list(request.user), pk=pk)
    assignment = get_object_or_404(RoleAssignment, pk=assignment_pk, user=user)
    try:
        services.role_revoke(actor=request.user, assignment=assignment)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, "已撤销角色。")
    return redirect("accounts:user_detail", pk=pk)


@login_required
def profile_view(request):
    """Who am I and what may I do: shown to every signed-in user."""
    context = {
        "assignments": access_for(request.user).roles,
        "has_device": twofactor.confirmed_device(request.user) is not None,
        "twofactor_required": twofactor.twofactor_required(request.user),
    }
    return render(request, "accounts/profile.html", context)
