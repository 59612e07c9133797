from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import Organization

from .models import EvidenceType, GradeBand, MicroCredentialVersion, Topic
from .services import DETAIL_FIELDS

ALLOWED_IMAGE_FORMATS = {"PNG", "JPEG"}


class NewMicroCredentialForm(forms.Form):
    issuer = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Issuer"))
    title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        if len(issuers) == 1:
            self.fields["issuer"].initial = issuers[0]


class DetailsForm(forms.ModelForm):
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Topics"),
    )
    grade_bands = forms.ModelMultipleChoiceField(
        queryset=GradeBand.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Grade bands"),
    )

    class Meta:
        model = MicroCredentialVersion
        fields = [*DETAIL_FIELDS, "topics", "grade_bands", "image"]
        widgets = {
            "competency": forms.Textarea(attrs={"rows": 3}),
            "key_method": forms.Textarea(attrs={"rows": 3}),
            "method_components": forms.Textarea(attrs={"rows": 4}),
            "research": forms.Textarea(attrs={"rows": 4}),
            "image": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
        }

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not image or not hasattr(image, "image"):
            return image  # unchanged, or cleared
        if image.size > settings.MAX_IMAGE_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The image is larger than %(limit)s MB.")
                % {"limit": settings.MAX_IMAGE_UPLOAD_BYTES // (1024 * 1024)}
            )
        if getattr(image.image, "format", None) not in ALLOWED_IMAGE_FORMATS:
            raise forms.ValidationError(_("Upload a PNG or JPEG image."))
        return image


class RequirementForm(forms.Form):
    title = forms.CharField(label=_("Requirement title"), max_length=200)
    instructions = forms.CharField(
        label=_("Instructions to the earner"), widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_types = forms.MultipleChoiceField(
        label=_("Accepted evidence"),
        choices=EvidenceType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of evidence.")},
    )


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=200)
    met_description = forms.CharField(
        label=_("What Met looks like"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ResourceForm(forms.Form):
    title = forms.CharField(label=_("Resource title"), max_length=300)
    url = forms.URLField(
        label=_("Web address"), required=False, max_length=500, assume_scheme="https"
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AlignmentForm(forms.Form):
    framework = forms.CharField(label=_("Framework"), max_length=200)
    code = forms.CharField(label=_("Code"), max_length=60, required=False)
    name = forms.CharField(label=_("Standard"), max_length=300)
    url = forms.URLField(
        label=_("Web address"), required=False, max_length=500, assume_scheme="https"
    )
