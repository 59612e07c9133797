from django import forms
from django.utils.translation import gettext_lazy as _


class SignupDetailsForm(forms.Form):
    """The fields allauth's sign-up form adds to e-mail and password."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear on your credentials."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])
