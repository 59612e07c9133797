from __future__ import annotations

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import services


class Format(models.TextChoices):
    PAGE = "html", _("On this page")
    PDF = "pdf", _("PDF")
    CSV = "csv", _("CSV (spreadsheet)")


class SummaryFormat(models.TextChoices):
    PAGE = "html", _("On this page")
    CSV = "csv", _("CSV (spreadsheet)")


_DATE_ERRORS = {
    "required": _("Enter a date."),
    "invalid": _("Enter a real date as YYYY-MM-DD, for example 2025-08-31."),
}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _years_before(day, years: int):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class RangeForm(forms.Form):
    """A date range (both days included, at most services.MAX_YEARS long) and a format."""

    format_choices = Format

    start = forms.DateField(
        label=_("From"), input_formats=["%Y-%m-%d"], widget=DateInput(), error_messages=_DATE_ERRORS
    )
    end = forms.DateField(
        label=_("To"),
        input_formats=["%Y-%m-%d"],
        widget=DateInput(),
        error_messages=_DATE_ERRORS,
        help_text=_("Both days are included."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the formats listed.")},
    )

    def __init__(self, data=None, **kwargs):
        today = timezone.localdate()
        five_years_ago = _years_before(today, 5)
        kwargs.setdefault("initial", {"start": five_years_ago, "end": today, "format": Format.PAGE})
        super().__init__(data, **kwargs)
        self.fields["format"].choices = self.format_choices.choices

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            try:
                services.check_range(start, end)
            except services.InvalidRange as exc:
                self.add_error("end", str(exc))
        return cleaned


class SummaryForm(RangeForm):
    format_choices = SummaryFormat


def bound_from(request, form_class=RangeForm) -> RangeForm:
    """Bound when the query asks for something; otherwise the form with its defaults."""
    form = form_class()
    if not any(name in request.GET for name in ("start", "end", "format")):
        return form
    data = request.GET.copy()
    for name, value in form.initial.items():  # a part left out of the query takes its default
        data.setdefault(name, value.isoformat() if hasattr(value, "isoformat") else value)
    return form_class(data)


class OpenRecordForm(forms.Form):
    """One educator's record, found by e-mail address, opened for a stated reason."""

    email = forms.EmailField(
        label=_("The educator's e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Enter the educator's e-mail address."),
            "invalid": _("Enter an e-mail address, such as ana.lopez@example.org."),
        },
    )
    reason = forms.CharField(
        label=_("Why you are opening this record"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For example: recertification credit check for the 2026 renewal. The reason "
            "is kept, and the organization's admins can read who opened which record and why."
        ),
        error_messages={"required": _("Say why you are opening this record; the reason is kept.")},
    )
