"""How allauth signs people in here: the client's address behind our own proxies, and
failed sign-ins slowed per account and address (microcred.accounts.signin)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError

from . import signin


def _login(credentials) -> str:
    return credentials.get("email") or credentials.get("username") or ""


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        return signin.client_address(request)

    def pre_authenticate(self, request, **credentials):
        try:
            signin.check(_login(credentials), self.get_client_ip(request))
        except signin.TooManyAttempts as exc:
            raise ValidationError(exc.message, code="too_many_login_attempts") from None
        super().pre_authenticate(request, **credentials)

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            signin.succeeded(_login(credentials), self.get_client_ip(request))
        return user

    def authentication_failed(self, request, **credentials):
        signin.failed(_login(credentials), self.get_client_ip(request))
