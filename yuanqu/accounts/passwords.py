"""Password policy beyond Django's validators: at least three of the four character classes."""

import re

from django.core.exceptions import ValidationError

MSG_CHARACTER_CLASSES = "密码须包含大写字母、小写字母、数字、符号中的至少{n}类。"


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
