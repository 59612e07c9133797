"""The baked image files of an award: its badge image carrying the Open Badges 2.0
hosted assertion, or the signed Open Badges 3.0 credential.

They are made on request from what the award is now (the 2.0 assertion is live: a
revocation shows in it) and never stored.
"""

from __future__ import annotations

import json

from ..models import Award, AwardKind
from . import baking, ob2


class NotSigned(Exception):
    """The 3.0 credential is baked only once it is signed."""


def _image_field(award: Award):
    return award.stack.image if award.kind == AwardKind.STACK else award.version.image


def badge_png(award: Award) -> bytes:
    return baking.badge_png(_image_field(award), title=award.title)


def _assertion_text(award: Award) -> str:
    return json.dumps(ob2.hosted_assertion(award), ensure_ascii=False)


def ob2_png(award: Award) -> bytes:
    return baking.bake_png(
        badge_png(award), keyword=baking.OB2_KEYWORD, text=_assertion_text(award)
    )


def ob2_svg(award: Award) -> str:
    return baking.bake_svg(
        badge_png(award),
        title=award.title,
        assertion=_assertion_text(award),
        verify_url=ob2.assertion_url(award),
    )


def _credential_text(award: Award) -> str:
    if not award.signed_at or not award.credential_json:
        raise NotSigned
    return award.credential_json


def ob3_png(award: Award) -> bytes:
    return baking.bake_png(
        badge_png(award), keyword=baking.OB3_KEYWORD, text=_credential_text(award)
    )


def ob3_svg(award: Award) -> str:
    return baking.bake_svg(badge_png(award), title=award.title, credential=_credential_text(award))
