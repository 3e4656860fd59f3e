from django import forms

from .models import LightSettings


class SuperviseForm(forms.Form):
    note = forms.CharField(label="督办意见", max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": "请填写督办意见。"})
    deadline = forms.DateField(label="办结期限", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                               help_text="可选", error_messages={"invalid": "办结期限不是有效的日期。"})


class LightSettingsForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LightSettings
        fields = ["yellow_within", "supervise_after", "notify_after"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def data_for_service(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields}
