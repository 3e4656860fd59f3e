"""The password policy (settings.AUTH_PASSWORD_VALIDATORS): each rule refuses with its Chinese message."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from yuanqu.accounts import passwords
from yuanqu.accounts.models import User


@pytest.fixture
def zhangsan():
    return User(username="zhangsan", name="张三", email="zs@example.com")


def refusal(password, user) -> dict[str, str]:
    """{error code: message} of every rule the password breaks."""
    with pytest.raises(ValidationError) as exc:
        validate_password(password, user)
    return {e.code: e.messages[0] for e in exc.value.error_list}


def test_good_password_passes(zhangsan):
    assert validate_password("Xiangtan#2021", zhangsan) is None


def test_password_shorter_than_eight_is_refused_in_chinese(zhangsan):
    # 7 characters of all four classes: only the length rule applies.
    assert refusal("Ab1!xY2", zhangsan) == {"password_too_short": passwords.MSG_TOO_SHORT.format(n=8)}


def test_eight_characters_are_enough(zhangsan):
    assert validate_password("Ab1!xY2z", zhangsan) is None


@pytest.mark.parametrize("password", ["xiangtanpark", "XIANGTAN2021", "xiangtan#park"])
def test_password_with_two_character_classes_is_refused(zhangsan, password):
    assert refusal(password, zhangsan) == {
        "password_character_classes": passwords.MSG_CHARACTER_CLASSES.format(n=3)
    }


@pytest.mark.parametrize("password", ["Xiangtanpark1", "xiangtan#2021", "XIANGTAN#2021", "Xiangtan#park"])
def test_any_three_character_classes_are_enough(zhangsan, password):
    assert validate_password(password, zhangsan) is None


def test_common_password_is_refused(zhangsan):
    # "Password1!" has four classes and ten characters, but is on Django's list of common passwords.
    assert refusal("Password1!", zhangsan) == {"password_too_common": "这个密码太常见了。"}


def test_password_like_the_username_is_refused(zhangsan):
    assert refusal("Zhangsan@1", zhangsan) == {"password_too_similar": "密码跟 用户名 太相似了。"}


def test_password_like_the_email_is_refused():
    user = User(username="u1", email="hongqiao@example.com")
    assert set(refusal("Hongqiao#9", user)) == {"password_too_similar"}


def test_every_rule_has_a_chinese_help_text():
    from django.contrib.auth.password_validation import password_validators_help_texts

    texts = password_validators_help_texts()
    assert len(texts) == 5
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in texts), texts
