"""The form of one line of a case's 三个提前 checklist (the checks are in services.service_task_save)."""

from django import forms

from . import services
from .choices import ServiceKind, TaskState

DATE = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class ServiceTaskForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=ServiceKind.choices)
    title = forms.CharField(label="服务事项", max_length=120, error_messages={"required": services.MSG_TASK_TITLE},
                            widget=forms.TextInput(attrs={"placeholder": "如:为企业招聘一线操作工200名并完成岗前培训"}))
    owner = forms.CharField(label="责任单位/责任人", max_length=60, error_messages={"required": services.MSG_TASK_OWNER},
                            widget=forms.TextInput(attrs={"placeholder": "如:区人社局 张三"}))
    due_on = forms.DateField(label="完成期限", required=False, widget=forms.DateInput(**DATE))
    state = forms.ChoiceField(label="状态", choices=TaskState.choices, initial=TaskState.TODO)
    done_on = forms.DateField(label="完成日期", required=False, widget=forms.DateInput(**DATE),
                              help_text="状态为已完成时必填")
    note = forms.CharField(label="说明", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, task=None, **kwargs):
        if task is not None:
            kwargs["initial"] = {name: getattr(task, name) for name in (
                "kind", "title", "owner", "due_on", "state", "done_on", "note", "version")}
        super().__init__(*args, **kwargs)

    def data_for_service(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}
