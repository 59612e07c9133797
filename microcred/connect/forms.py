from django import forms
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import role_name

from . import scopes


class ApiClientForm(forms.Form):
    """A new API client: its name, the roles its account holds, the areas it may reach.
    The roles offered are those the admin may grant at this organization."""

    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("Which of your systems this is, for example “Student information system”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The client acts as someone holding these roles here, and no more."),
        error_messages={"required": _("Choose at least one role.")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("Areas of the API"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What its tokens may reach; a token asks for some or all of them."),
        error_messages={"required": _("Choose at least one area.")},
    )

    def __init__(self, *args, organization, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [
            (role, role_name(role, organization.kind)) for role in roles
        ]
        words = scopes.AREAS["api"]
        self.fields["scopes"].choices = [
            (scope, words[scope]) for scope in scopes.ORGANIZATION_SCOPES
        ]
