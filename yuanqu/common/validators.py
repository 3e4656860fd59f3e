"""Validators for Chinese identifiers."""

import re

from django.core.exceptions import ValidationError

# GB 32100-2015 统一社会信用代码: 18 characters from this alphabet (no I, O, S, V, Z);
# the 18th is a check character over the first 17.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

MSG_CREDIT_CODE_LENGTH = "统一社会信用代码应为18位"
MSG_CREDIT_CODE_CHARS = "统一社会信用代码含有非法字符(只能是数字和除I、O、S、V、Z以外的大写字母)"
MSG_CREDIT_CODE_CHECK = "统一社会信用代码校验位错误(按GB 32100计算应为“{expected}”)"
MSG_PHONE = "电话号码格式不正确:手机为11位数字,座机如0731-55556789"


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(MSG_CREDIT_CODE_LENGTH, code="credit_code_length")
    if any(c not in CREDIT_CODE_ALPHABET for c in code):
        raise ValidationError(MSG_CREDIT_CODE_CHARS, code="credit_code_chars")
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            MSG_CREDIT_CODE_CHECK.format(expected=expected), code="credit_code_check"
        )


_PHONE_RE = re.compile(r"^(1\d{10}|(0\d{2,3}-?)?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4})$")


def validate_phone(value: str) -> None:
    if value and not _PHONE_RE.match(value.strip()):
        raise ValidationError(MSG_PHONE, code="phone")
