"""The form of one named item action: the day it happened, its note (required when the step asks for
one, labelled by the step), and the document number of a grant. What the step allows is checked by
the service (workflow.check, the dates against the item's history); the form only parses."""

from django import forms

from yuanqu.common import clock

from .workflow import Step

# Actions that produce a document (批文号): a grant, or a grant on commitment.
DOCUMENT_ACTIONS = ("grant", "commit")
NOTE_MAX = 2000


class ItemActionForm(forms.Form):
    date = forms.DateField(label="办理日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"required": "请填写办理日期。", "invalid": "请填写正确的日期,如2021-05-14。"},
                           help_text="该步骤实际发生的日期,不能晚于今天,也不能早于该事项上一步的日期")
    note = forms.CharField(label="说明", required=False, max_length=NOTE_MAX,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"max_length": f"说明不能超过{NOTE_MAX}个字。"})
    document_no = forms.CharField(label="批文号", required=False, max_length=60,
                                  error_messages={"max_length": "批文号不能超过60个字。"},
                                  help_text="如:湘经开环审〔2021〕12号;可稍后在办理记录中查到")

    def __init__(self, *args, action: str, step: Step, **kwargs):
        today = clock.today()
        kwargs.setdefault("initial", {"date": today})
        super().__init__(*args, **kwargs)
        self.fields["date"].widget.attrs["max"] = f"{today:%Y-%m-%d}"  # the browser's picker stops at today
        self.action, self.step = action, step
        if step.note:
            self.fields["note"].label = step.note
            self.fields["note"].required = True
            self.fields["note"].error_messages["required"] = f"请填写{step.note}。"
            if action == "correct":
                self.fields["note"].help_text = "逐项写明需企业补正的材料;企业和代办员会看到这段话,补正期间不计审批时限"
        else:
            self.fields["note"].help_text = "可选"
        if action not in DOCUMENT_ACTIONS:
            del self.fields["document_no"]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        out = {"on": data["date"], "note": data.get("note", "")}
        if "document_no" in self.fields:
            out["document_no"] = data.get("document_no", "")
        return out
