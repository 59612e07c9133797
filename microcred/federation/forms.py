from django import forms
from django.utils.translation import gettext_lazy as _


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CASE JSON file"),
        help_text=_("A CASE 1.0 package (CFDocument, CFItems, CFAssociations), up to 50 MB."),
    )
    organization = forms.TypedChoiceField(label=_("For"), coerce=int, choices=())

    def __init__(self, *args, organizations=(), for_everyone=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(o.pk, o.name) for o in organizations]
        if for_everyone:
            choices.insert(0, (0, _("Every issuer")))
        self.fields["organization"].choices = choices


class CatalogUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Catalog file"),
        help_text=_("Up to 50 MB and 100,000 entries."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=(
            ("ctdl", _("CTDL JSON-LD (Credential Engine)")),
            ("ob3", _("Open Badges 3.0 Achievements (JSON)")),
            ("csv", _("CSV (the template's columns)")),
        ),
    )
    provider = forms.CharField(
        label=_("Provider"),
        max_length=200,
        help_text=_(
            "The name learners see (“Offered by …”). The same name again updates that "
            "provider's listings."
        ),
    )
    organization = forms.TypedChoiceField(label=_("Kept by"), coerce=int, choices=())

    def __init__(self, *args, organizations=(), for_everyone=False, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(o.pk, o.name) for o in organizations]
        if for_everyone:
            choices.insert(0, (0, _("The platform")))
        self.fields["organization"].choices = choices
