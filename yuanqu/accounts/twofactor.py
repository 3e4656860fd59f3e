"""Two-factor sign-in with a time-based code (TOTP, RFC 6238) from any authenticator app, on
django-otp. A user binds one authenticator; a security admin can unbind it (a lost phone)."""

import io

import django_otp
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from yuanqu.audit.models import SecurityEvent
from yuanqu.audit.services import security_event_record

from .access import access_for

DEVICE_NAME = "身份验证器"
MSG_BAD_CODE = "验证码不正确或已过期,请输入验证器上当前显示的6位数字。"
MSG_THROTTLED = "验证码错误次数过多,请稍等片刻再试。"
MSG_REQUIRED = "您的角色要求使用二次验证,不能解除。如更换手机,请联系安全管理员。"


def twofactor_required(user) -> bool:
    roles = set(getattr(settings, "YUANQU_2FA_ROLES", []))
    return bool(roles & access_for(user).role_names)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def twofactor_pending(user, has_device: bool | None = None) -> str | None:
    """'verify' when the user has an authenticator and has not entered a code this session,
    'setup' when its role requires one and it has none, else None."""
    if has_device is None:
        has_device = confirmed_device(user) is not None
    if has_device:
        return "verify"
    if twofactor_required(user):
        return "setup"
    return None


def totp_setup_device(user) -> TOTPDevice:
    """The unconfirmed device being bound (a new secret key on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_qr_svg(device: TOTPDevice) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def _check(*, request, device: TOTPDevice, token: str, stage: str) -> None:
    """Raise with the reason unless `token` is right. Deliberately outside any transaction: the
    failure count that throttles guessing, and the logged failure, must survive the refusal."""
    with transaction.atomic():
        # Lock the device row so two concurrent guesses cannot both slip under the throttle.
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        ok = allowed and device.verify_token((token or "").strip().replace(" ", ""))
    if not ok:
        security_event_record(kind=SecurityEvent.Kind.OTP_FAILED, request=request, stage=stage)
        raise ValidationError(MSG_BAD_CODE if allowed else MSG_THROTTLED, code="bad_code" if allowed else "throttled")


def totp_confirm(*, request, token: str) -> TOTPDevice:
    """Bind the authenticator being set up, once it shows a right code; the session counts as verified."""
    user = request.user
    device = totp_setup_device(user)
    _check(request=request, device=device, token=token, stage="setup")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        security_event_record(kind=SecurityEvent.Kind.OTP_ENROLLED, request=request)
    django_otp.login(request, device)
    return device


def totp_verify(*, request, token: str) -> TOTPDevice:
    device = confirmed_device(request.user)
    if device is None:
        raise ValidationError(MSG_BAD_CODE, code="no_device")
    _check(request=request, device=device, token=token, stage="verify")
    django_otp.login(request, device)
    security_event_record(kind=SecurityEvent.Kind.OTP_VERIFIED, request=request)
    return device


@transaction.atomic
def twofactor_remove(*, request, user) -> None:
    """Unbind a user's authenticator: the user itself (when its role allows) or a security admin."""
    actor = request.user
    if actor.pk == user.pk:
        if twofactor_required(user):
            raise ValidationError(MSG_REQUIRED, code="required")
    elif not access_for(actor).has("accounts.manage"):
        raise PermissionDenied("accounts.manage")
    TOTPDevice.objects.filter(user=user).delete()
    security_event_record(kind=SecurityEvent.Kind.OTP_RESET, request=request, user=user.get_username())
