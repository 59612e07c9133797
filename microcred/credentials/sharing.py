"""Sharing an award: its page's address, an embed snippet, and LinkedIn's "add to profile".

LinkedIn's "Add to profile" link for certifications
(https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&…) opens the form with
name, issuing organization, issue year and month, credential id and credential URL filled
in. Our issuers have no LinkedIn organization id, so the organization goes by name
(`organizationName`); LinkedIn asks the member to pick the page if one matches.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.html import format_html
from django.utils.translation import gettext as _

from .formats import ob3
from .models import Award

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def page_url(award: Award) -> str:
    return ob3.absolute(award.get_absolute_url())


def image_url(award: Award) -> str:
    image = award.version.image if award.version_id else award.stack.image
    if not image:
        return ""
    # Object storage gives absolute addresses already; local media are made absolute.
    return image.url if image.url.startswith(("https://", "http://")) else ob3.absolute(image.url)


def linkedin_url(award: Award) -> str:
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": award.title,
        "organizationName": award.issuer.name,
        "issueYear": award.awarded_at.year,
        "issueMonth": award.awarded_at.month,
        "certUrl": page_url(award),
        "certId": str(award.public_id),
    }
    return f"{LINKEDIN_ADD}?{urlencode(params)}"


def embed_html(award: Award) -> str:
    """The badge image linked to its page, for a website or an e-mail signature."""
    alt = _("%(title)s, a verifiable credential issued by %(issuer)s") % {
        "title": award.title,
        "issuer": award.issuer.name,
    }
    if image := image_url(award):
        return str(
            format_html(
                '<a href="{}"><img src="{}" alt="{}" width="120" height="120"></a>',
                page_url(award),
                image,
                alt,
            )
        )
    return str(format_html('<a href="{}">{}</a>', page_url(award), alt))


def share(award: Award) -> dict:
    return {
        "url": page_url(award),
        "image": image_url(award),
        "linkedin": linkedin_url(award),
        "embed": embed_html(award),
    }
