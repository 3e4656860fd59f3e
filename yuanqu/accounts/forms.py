from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_texts

from yuanqu.registry.models import Department, Enterprise, Park, Zone

from .models import User
from .roles import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码不正确。连续5次输错,账号将被锁定30分钟。",
        "inactive": "该账号已停用,请联系安全管理员。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].widget.attrs.update({"autofocus": True, "autocomplete": "username"})


class UserCreateForm(forms.Form):
    username = forms.RegexField(
        label="用户名", max_length=150, regex=r"^[A-Za-z0-9_.@-]+$",
        error_messages={"invalid": "用户名只能包含字母、数字和 _ . @ -"},
    )
    name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="手机号码", max_length=20, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    password = forms.CharField(
        label="初始密码", widget=forms.PasswordInput(render_value=False),
        help_text="；".join(password_validators_help_texts()),
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("该用户名已被使用。")
        return username


class UserEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label="姓名", max_length=50)
    phone = forms.CharField(label="手机号码", max_length=20, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)


class PasswordResetForm(forms.Form):
    password = forms.CharField(label="新密码", widget=forms.PasswordInput)


class RoleAssignForm(forms.Form):
    role = forms.ChoiceField(label="角色", choices=[("", "请选择角色")] + Role.choices)
    zone = forms.ModelChoiceField(label="园区", queryset=Zone.objects.all(), required=False, empty_label="(园区类角色必选)")
    park = forms.ModelChoiceField(label="产业园", queryset=Park.objects.select_related("zone"), required=False, empty_label="(可选:限定到产业园)")
    department = forms.ModelChoiceField(label="部门", queryset=Department.objects.select_related("zone"), required=False, empty_label="(部门工作人员必选)")
    enterprise = forms.ModelChoiceField(label="企业", queryset=Enterprise.objects.all(), required=False, empty_label="(企业用户必选)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["park"].label_from_instance = lambda p: f"{p.zone.short_name} · {p.name}"
        self.fields["department"].label_from_instance = lambda d: f"{d.zone.short_name} · {d.name}"
