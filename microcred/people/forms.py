from django import forms
from django.utils.translation import gettext_lazy as _


class InvitationSignupForm(forms.Form):
    """The account an invitation makes: the e-mail is the one the invitation was sent to."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear on your credentials."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned
