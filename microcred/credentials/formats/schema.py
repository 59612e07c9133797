"""The Open Badges 3.0 JSON Schema (draft 2019-09) check of a credential.

jsonschema-rs validates a credential in a fraction of a millisecond, where the pure-Python
jsonschema took as long as canonicalizing it. Formats are asserted as before: `date` is
checked; `date-time` is not, as it never was here (the Python library checks it only with
an optional package), so credentials that verified still do, and `verify._dates` reads
the validity dates itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import jsonschema_rs

from . import documents


@dataclass(frozen=True)
class SchemaError:
    absolute_path: tuple[str | int, ...]  # where in the credential, outermost first
    message: str


def _not_checked(value: str) -> bool:
    return True


@cache
def _ob_validator() -> jsonschema_rs.Draft201909Validator:
    return jsonschema_rs.Draft201909Validator(
        documents.ob_schema(), validate_formats=True, formats={"date-time": _not_checked}
    )


def ob_errors(document: dict) -> list[SchemaError]:
    """Where `document` departs from the OB 3.0 AchievementCredential schema, in document
    order; empty when it follows it."""
    errors = [
        SchemaError(tuple(error.instance_path), error.message)
        for error in _ob_validator().iter_errors(document)
    ]
    return sorted(errors, key=lambda e: list(e.absolute_path))
