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
