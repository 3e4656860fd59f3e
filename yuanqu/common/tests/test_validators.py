"""GB 32100 统一社会信用代码 and phone numbers."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from yuanqu.common.validators import (
    CREDIT_CODE_ALPHABET, MSG_CREDIT_CODE_CHARS, MSG_CREDIT_CODE_CHECK, MSG_CREDIT_CODE_LENGTH, MSG_PHONE,
    credit_code_check_char, validate_credit_code, validate_phone,
)
from yuanqu.testing.factories import make_credit_code

# Published codes of real companies (华为技术有限公司, 深圳市腾讯计算机系统有限公司).
REAL_CODES = ["914403001922038216", "9144030071526726XG"]


def messages_of(validator, value) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        validator(value)
    return exc.value.messages


@pytest.mark.parametrize("code", REAL_CODES)
def test_a_real_credit_code_passes(code):
    assert credit_code_check_char(code[:17]) == code[17]
    validate_credit_code(code)


def test_a_code_built_with_the_check_char_passes_in_lower_case_and_with_spaces_too():
    first17 = "91430300MA4L2L8P3"
    code = first17 + credit_code_check_char(first17)
    validate_credit_code(code)
    validate_credit_code(f" {code.lower()} ")


def test_check_char_zero_is_written_0_not_31():
    # A body whose weighted sum is a multiple of 31 takes the check character "0".
    assert credit_code_check_char("0" * 17) == "0"
    validate_credit_code("0" * 18)


@settings(max_examples=300, deadline=None)  # pure and fast; a loaded CI core must not make it "flaky"
@given(st.integers(min_value=0, max_value=31**11 - 1))
def test_every_factory_credit_code_passes(n):
    code = make_credit_code(n)
    assert len(code) == 18
    validate_credit_code(code)


@settings(max_examples=300, deadline=None)  # pure and fast; a loaded CI core must not make it "flaky"
@given(
    st.integers(min_value=0, max_value=31**11 - 1),
    st.integers(min_value=0, max_value=17),
    st.integers(min_value=1, max_value=30),
)
def test_changing_any_one_character_of_a_valid_code_fails(n, position, shift):
    code = make_credit_code(n)
    old = CREDIT_CODE_ALPHABET.index(code[position])
    new = CREDIT_CODE_ALPHABET[(old + shift) % 31]
    changed = code[:position] + new + code[position + 1:]
    expected = credit_code_check_char(changed[:17])
    assert messages_of(validate_credit_code, changed) == [MSG_CREDIT_CODE_CHECK.format(expected=expected)]


def test_a_wrong_check_char_names_the_expected_one():
    code = REAL_CODES[0][:17] + "7"
    assert messages_of(validate_credit_code, code) == [MSG_CREDIT_CODE_CHECK.format(expected="6")]
    assert "“6”" in messages_of(validate_credit_code, code)[0]


@pytest.mark.parametrize("code", ["", "91430300MA4L2L8P3", "914403001922038216X", "9144 0300"])
def test_a_code_of_the_wrong_length_says_18(code):
    assert messages_of(validate_credit_code, code) == [MSG_CREDIT_CODE_LENGTH]


@pytest.mark.parametrize("bad", ["I", "O", "S", "V", "Z", "-", "号"])
def test_letters_outside_the_alphabet_are_illegal(bad):
    code = REAL_CODES[0][:5] + bad + REAL_CODES[0][6:]
    assert messages_of(validate_credit_code, code) == [MSG_CREDIT_CODE_CHARS]


@pytest.mark.parametrize("phone", [
    "13812341234", "0731-56568888", "073156568888", "0731-55556789-8001", "52688088", "400-123-4567", "",
])
def test_phone_accepts_mobiles_landlines_and_hotlines(phone):
    validate_phone(phone)


@pytest.mark.parametrize("phone", ["1381234123", "138123412345", "23812341234", "0731-5656", "电话", "+86 138"])
def test_phone_rejects_malformed_numbers(phone):
    assert messages_of(validate_phone, phone) == [MSG_PHONE]
