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


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = list(roles)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=1000,
        help_text=_("Kept in the history of roles, which the organization's admins read."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InvitationListForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8 text, comma separated, with a first line naming the columns: e-mail, name, role."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class ProfileForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear on your credentials."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    school = forms.CharField(
        label=_("School"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    language = forms.ChoiceField(label=_("Preferred language"), required=False)

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("As my browser asks")), *settings.LANGUAGES]


class JoinDistrictForm(forms.Form):
    district = forms.ModelChoiceField(label=_("District"), queryset=None, empty_label=None)
    school = forms.CharField(label=_("Your school"), max_length=200, required=False)
    note = forms.CharField(
        label=_("Note to the district (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, offered=(), **kwargs):
        from microcred.accounts.models import Organization

        kwargs.setdefault("auto_id", "join_%s")  # beside the profile form on one page
        super().__init__(*args, **kwargs)
        # Any organization is accepted, so the service can say why one is not a district
        # or already joined; the list offers the districts not yet joined.
        self.fields["district"].queryset = Organization.objects.all()
        self.fields["district"].widget.choices = [(d.pk, d.name) for d in offered]


class SignInRulesForm(forms.Form):
    require_two_factor = forms.BooleanField(
        label=_("Admins must sign in with two-factor authentication"),
        required=False,
        help_text=_(
            "Admins of this organization then enter a code from an authenticator app (or "
            "use a passkey) after their password. Anyone who has not set it up yet is "
            "asked to before they can open the admin pages."
        ),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        help_text=_("To be sure it is you."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to delete your account.")},
    )
