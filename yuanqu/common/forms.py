"""Form helpers shared by the apps."""

from django import forms

BLANK = "---------"


def chinese_blank_choices(form, label: str = "请选择") -> None:
    """Replace Django's '---------' blank choice with Chinese, in every select of the form."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and field.empty_label == BLANK:
            field.empty_label = label
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices = list(field.choices)
            if choices and choices[0][1] == BLANK:
                field.choices = [(choices[0][0], label)] + choices[1:]


class ImportUploadForm(forms.Form):
    file = forms.FileField(label="Excel文件(.xlsx)")


def add_service_errors(form, exc) -> None:
    """Put a service's ValidationError on the form: each field's messages on that field (or on the
    form as a whole when the form has no such field), a message without a field on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)
