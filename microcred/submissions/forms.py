from django import forms
from django.utils.translation import gettext_lazy as _


class TextEvidenceForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class LinkForm(forms.Form):
    url = forms.URLField(label=_("Web address"), max_length=1000, assume_scheme="https")


class FileForm(forms.Form):
    file = forms.FileField(label=_("File"))


class CollaborationForm(forms.Form):
    collaborated = forms.BooleanField(label=_("I worked with others on this"), required=False)
    note = forms.CharField(
        label=_("How the work was divided"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Your reflection stays your own, even when the artifacts are shared."),
    )
    names = forms.CharField(
        label=_("Who you worked with"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One person per line: name, then their e-mail if they use microcred."),
    )

    def collaborators(self) -> list[dict]:
        rows = []
        for line in self.cleaned_data.get("names", "").splitlines():
            parts = [p.strip() for p in line.replace(";", ",").split(",")]
            if parts and parts[0]:
                email = next((p for p in parts[1:] if "@" in p), "")
                rows.append({"name": parts[0], "email": email})
        return rows


class VoucherForm(forms.Form):
    code = forms.CharField(label=_("Voucher code"), max_length=40)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), required=False, max_length=500)
