from django.conf import settings
from django.utils import translation


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
