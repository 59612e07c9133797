"""Typed readers for settings from the environment.

Each reader raises ImproperlyConfigured on a value it cannot understand, so a typo in a
deployment stops start-up instead of silently falling back to a default. A secret may be
mounted as a file: NAME_FILE holds the path and wins over NAME.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_UNSET = object()


def env_str(name: str, default: str | object = _UNSET) -> str:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE points at {file_path!r}: {exc}") from exc
    value = os.environ.get(name)
    if value is not None:
        return value
    if default is _UNSET:
        raise ImproperlyConfigured(f"The environment variable {name} is required.")
    return default  # type: ignore[return-value]


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name, "").strip().lower()
    if value == "":
        return default
    if value in ("true", "false"):
        return value == "true"
    raise ImproperlyConfigured(f"{name} must be 'true' or 'false', not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = env_str(name, "").strip()
    if value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = env_str(name, "").strip()
    if value == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_contacts(name: str) -> list[str]:
    """Ways to reach someone, comma-separated, as URIs: an e-mail address becomes a
    mailto: URI; https:, mailto: and tel: URIs are kept (RFC 9116 §2.5.3)."""
    contacts = []
    for item in env_list(name, []):
        if item.startswith(("https://", "mailto:", "tel:")):
            contacts.append(item)
        elif "@" in item and ":" not in item and " " not in item:
            contacts.append(f"mailto:{item}")
        else:
            raise ImproperlyConfigured(
                f"{name}: {item!r} is neither an e-mail address nor an https:, mailto: or tel: URI."
            )
    return contacts
