from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import Organization

from .models import EvidenceType, GradeBand, MicroCredentialVersion, PaymentOption, Topic
from .services import DETAIL_FIELDS

ALLOWED_IMAGE_FORMATS = {"PNG", "JPEG"}


def add_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form, beside the field it names."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class NewMicroCredentialForm(forms.Form):
    issuer = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Issuer"))
    title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        if len(issuers) == 1:
            self.fields["issuer"].initial = issuers[0]


class DetailsForm(forms.ModelForm):
    payment_methods = forms.MultipleChoiceField(
        label=_("Ways earners may pay the fee"),
        choices=PaymentOption.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Card works only where a card processor is set up. Vouchers are codes you make on "
            "your fees page; district sponsorship is approved by the earner's district; for "
            "an invoice, your staff mark the fee paid when the payment arrives."
        ),
        error_messages={"invalid_choice": _("%(value)s is not a way to pay.")},
    )
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
        return checked_image(self.cleaned_data.get("image"))


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
    min_words = forms.IntegerField(
        label=_("Fewest words (written answers and reflections)"),
        required=False,
        min_value=1,
        max_value=20_000,
        help_text=_("Leave both empty to use the limit your instructions state, if any."),
    )
    max_words = forms.IntegerField(
        label=_("Most words"), required=False, min_value=1, max_value=20_000
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


def checked_image(image):
    """Refuse an upload that is too large or not a PNG or JPEG (checked from its content)."""
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


class StackForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    is_ordered = forms.BooleanField(
        label=_("Earners complete the micro-credentials in the order given"), required=False
    )
    endorsement = forms.CharField(label=_("Leads to (endorsement)"), max_length=200, required=False)
    endorsement_url = forms.URLField(
        label=_("Endorsement details (web address)"), required=False, assume_scheme="https"
    )
    image = forms.ImageField(
        label=_("Badge image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )

    def __init__(self, *args, micro_credentials, positions=None, **kwargs):
        super().__init__(*args, **kwargs)
        positions = positions or {}
        self.micro_credentials = list(micro_credentials)
        for mc in self.micro_credentials:
            self.fields[f"position_{mc.pk}"] = forms.IntegerField(
                label=str(mc),
                required=False,
                min_value=1,
                max_value=99,
                initial=positions.get(mc.pk),
                help_text=_("Position in the stack; leave empty to leave it out."),
            )

    def clean_image(self):
        return checked_image(self.cleaned_data.get("image"))

    def position_fields(self):
        return [self[f"position_{mc.pk}"] for mc in self.micro_credentials]

    def detail_fields(self):
        return [
            self[name]
            for name in (
                "title",
                "description",
                "is_ordered",
                "endorsement",
                "endorsement_url",
                "image",
            )
        ]

    def chosen_in_order(self):
        chosen = [
            (self.cleaned_data[f"position_{mc.pk}"], mc.pk, mc)
            for mc in self.micro_credentials
            if self.cleaned_data.get(f"position_{mc.pk}")
        ]
        return [mc for _position, _pk, mc in sorted(chosen, key=lambda row: row[:2])]


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What earners can expect: meetings, pace, who it is for."),
    )
    facilitator = forms.ModelChoiceField(
        queryset=None, label=_("Facilitator"), required=False, empty_label=_("No facilitator yet")
    )
    starts_on = forms.DateField(label=_("Starts"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends"), widget=forms.DateInput(attrs={"type": "date"}))
    enrollment_opens_on = forms.DateField(
        label=_("Enrollment opens"), widget=forms.DateInput(attrs={"type": "date"})
    )
    enrollment_closes_on = forms.DateField(
        label=_("Enrollment closes"), widget=forms.DateInput(attrs={"type": "date"})
    )
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=10000)

    def __init__(self, *args, facilitators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = facilitators
