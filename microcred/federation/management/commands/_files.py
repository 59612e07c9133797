"""What the import commands share: the file they are given and the issuer it is for."""

from pathlib import Path

from django.core.management.base import CommandError

from microcred.accounts.models import Organization


def read(file: str, *, max_bytes: int) -> bytes:
    """The bytes of `file`, refused before reading when it is missing or too large."""
    path = Path(file)
    if not path.is_file():
        raise CommandError(f"No file at {path}.")
    if path.stat().st_size > max_bytes:
        raise CommandError("The file is larger than 50 MB; nothing was imported.")
    return path.read_bytes()


def issuer_named(slug: str) -> Organization | None:
    """The issuer with short name `slug`, or None when no name is given."""
    if not slug:
        return None
    organization = Organization.objects.filter(slug=slug, kind=Organization.Kind.ISSUER).first()
    if organization is None:
        raise CommandError(f"No issuer named {slug}.")
    return organization
