from django import forms
from django.utils.translation import gettext_lazy as _


class VoucherBatchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    count = forms.IntegerField(label=_("How many codes"), min_value=1, max_value=10_000, initial=10)
    uses_per_code = forms.IntegerField(
        label=_("Uses per code"), min_value=1, max_value=10_000, initial=1
    )
    expires_on = forms.DateField(
        label=_("Expires"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class SponsorshipPolicyForm(forms.Form):
    approve_all_members = forms.BooleanField(
        label=_("Sponsor every member's fee without asking me"), required=False
    )


class InvoiceRequestForm(forms.Form):
    purchase_order = forms.CharField(
        label=_("Purchase order number (optional)"), max_length=100, required=False
    )
    bill_to = forms.CharField(
        label=_("Who to bill (optional)"),
        max_length=300,
        required=False,
        help_text=_("A billing contact, school or district, if not you."),
    )
