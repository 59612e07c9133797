"""The code asked after the password (two-factor sign-in)."""

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm
from django import forms

from . import signin


class SecondStepForm(AuthenticateForm):
    """Wrong codes slow down like wrong passwords: per account and address, and per account
    from every address together, since codes are few enough to guess from many addresses.
    Only someone who has the password reaches this step, so nobody else can slow the owner
    down here."""

    def _keys(self):
        login = f"second-step:{self.user.pk}"
        return [(login, signin.client_address(context.request)), (login, "every-address")]

    def clean_code(self):
        keys = self._keys()
        for login, where in keys:
            try:
                signin.check(login, where)
            except signin.TooManyAttempts as exc:
                raise forms.ValidationError(exc.message, code="too_many_login_attempts") from None
        try:
            code = super().clean_code()
        except forms.ValidationError:
            for login, where in keys:
                signin.failed(login, where)
            raise
        for login, where in keys:
            signin.succeeded(login, where)
        return code
