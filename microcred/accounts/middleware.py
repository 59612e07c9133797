from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _


def remember_language(response, language: str):
    """Keep a language choice in Django's language cookie, which LocaleMiddleware reads on
    every request; no choice means the browser's own (its Accept-Language)."""
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, path=settings.LANGUAGE_COOKIE_PATH)
    return response


class PreferredLanguageMiddleware:
    """A signed-in person's preferred language (their profile's), in a browser that has not
    chosen one yet: a new device speaks their language from the first page after sign-in.

    The browser's own choice (the footer's language switch sets the cookie) wins, so a
    shared computer can be switched without changing the profile. Runs after
    AuthenticationMiddleware, which it needs, and so after LocaleMiddleware, whose
    choice it replaces."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = ""
        if (
            settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user is not None
            and user.is_authenticated
            and user.language in dict(settings.LANGUAGES)
        ):
            language = user.language
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language:
            remember_language(response, language)
        return response


class TwoFactorRequiredMiddleware:
    """Someone who must sign in with a second factor (permissions.must_use_two_factor) and
    has not set one up is sent to set it up, from every page except their account's own
    (sign-out, e-mail, password and the two-factor pages), until it is done."""

    ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/media/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and self._needs_set_up(user)
        ):
            messages.info(
                request,
                _(
                    "Your account can open staff or admin pages, so it needs a second step "
                    "at sign-in: a code from an authenticator app on your phone. Set it up "
                    "below; it takes a minute. Until then, other pages bring you back here."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _needs_set_up(user) -> bool:
        from allauth.mfa.utils import is_mfa_enabled

        from microcred import permissions

        return permissions.must_use_two_factor(user) and not is_mfa_enabled(user)
