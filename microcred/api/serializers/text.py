"""Text fields that take text only: DRF's CharField turns a number or a boolean into its
string, so `{"reason": 7}` would be stored as "7". Another system sending the wrong type
has a bug, and is better told so."""

from __future__ import annotations

from rest_framework import serializers


class Text(serializers.CharField):
    default_error_messages = {"invalid": "Not a string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
