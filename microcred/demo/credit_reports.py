"""Where the demo's credit certificates and transcripts are.

Certificates and transcripts are made on request from the awards the loader creates, so
the demo needs no data of its own for them: every demo award has its certificate and
every demo earner a transcript as soon as the loader has run. This module only says where
to look, for the command's closing lines.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from .content import organizations


def pointers() -> list[str]:
    base = settings.BASE_URL
    return [
        _("Credit transcripts: earners at %(url)s, or from their backpack")
        % {"url": base + reverse("reports:transcript")},
        _(
            "Educators counted by school and district, and one educator's record opened "
            "for a reason: the district admin at %(district)s, the state admin at %(state)s"
        )
        % {
            "district": base + reverse("reports:educators", args=[organizations.RIVERBEND]),
            "state": base + reverse("reports:educators", args=[organizations.STATE]),
        },
    ]
