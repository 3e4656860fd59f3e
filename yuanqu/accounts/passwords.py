"""Password policy beyond Django's validators: at least three of the four character classes, and a
minimum length whose message is in Chinese (Django 5.2's zh_Hans catalogue lacks the new wording of
MinimumLengthValidator's message, so users saw it in English)."""

import re

from django.contrib.auth.password_validation import MinimumLengthValidator as DjangoMinimumLengthValidator
from django.core.exceptions import ValidationError

MSG_CHARACTER_CLASSES = "密码须包含大写字母、小写字母、数字、符号中的至少{n}类。"
MSG_TOO_SHORT = "密码太短,至少需要{n}个字符。"


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    def get_error_message(self):
        return MSG_TOO_SHORT.format(n=self.min_length)


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        classes = sum(
            bool(re.search(p, password)) for p in (r"[A-Z]", r"[a-z]", r"[0-9]", r"[^A-Za-z0-9]")
        )
        if classes < self.min_classes:
            raise ValidationError(
                MSG_CHARACTER_CLASSES.format(n=self.min_classes), code="password_character_classes"
            )

    def get_help_text(self):
        return MSG_CHARACTER_CLASSES.format(n=self.min_classes)
