"""JSON bodies as the REST API reads them: other systems' data, so a body the platform
cannot store whole is refused whole (400), never cleaned: one holding a null character
(U+0000), which PostgreSQL cannot keep in text, or nesting deeper than any of the API's
shapes."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from microcred import null_characters
from microcred.credentials.formats.vcdm_checks import too_deep

# No body of the REST API nests deeper than a few levels (a draft with its requirements
# and their criteria); the margin is wide.
MAX_DEPTH = 16


class JSONBody(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The JSON nests too deep.")) from None
        if too_deep(data, MAX_DEPTH):
            raise ParseError(_("The JSON nests too deep."))
        if null_characters.contains(data):
            raise ParseError(null_characters.refused_message())
        return data
