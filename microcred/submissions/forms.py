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


class CollaboratorForm(forms.Form):
    """One person the earner worked with. The e-mail is what recognizes them: an
    assessor is never someone the earner declared, and shared work between two earners
    who declared each other is not taken for copying."""

    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    email = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("The address they use on microcred, if they do."),
    )


# Rows are added and removed by submitting the form ("Add another person", "Remove"), so
# the list works without JavaScript; the page is drawn again with one row more or less.
MAX_COLLABORATORS = 30


class _People(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": _("List at most %(num)d people."),
        "missing_management_form": _("The list of people could not be read; please try again."),
    }


CollaboratorFormSet = forms.formset_factory(
    CollaboratorForm,
    formset=_People,
    extra=0,
    max_num=MAX_COLLABORATORS,
    absolute_max=MAX_COLLABORATORS,
    validate_max=True,
)


def collaborator_rows(formset) -> list[dict]:
    """The rows as typed, for the service to check; rows left empty are dropped."""
    return [
        {"name": form.cleaned_data.get("name", ""), "email": form.cleaned_data.get("email", "")}
        for form in formset.forms
        if form.is_valid() and (form.cleaned_data.get("name") or form.cleaned_data.get("email"))
    ]


def edited_formset(data, *, add: bool = False, remove: int | None = None):
    """The rows posted, with one empty row added or one taken away: a formset to draw
    again, not to save."""
    posted = CollaboratorFormSet(data, prefix="collaborator")
    rows = [
        {"name": f["name"].value() or "", "email": f["email"].value() or ""} for f in posted.forms
    ][:MAX_COLLABORATORS]
    if remove is not None and 0 <= remove < len(rows):
        del rows[remove]
    if add and len(rows) < MAX_COLLABORATORS:
        rows.append({"name": "", "email": ""})
    return CollaboratorFormSet(initial=rows, prefix="collaborator")


class VoucherForm(forms.Form):
    code = forms.CharField(label=_("Voucher code"), max_length=40)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why (optional)"), required=False, max_length=500)
