"""Reading a person out of what an earner typed about them.

Before collaborators were rows of name and e-mail, they were lines of free text, and
"Casey Lin casey@x.org" (no comma) kept the address inside the name, where nothing could
recognize it. The same reading serves the rows today (an address typed into the name
field) and the migration of the old lines.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

# Loose on purpose: what it finds is then held to Django's own e-mail validator.
_ADDRESS = re.compile(r"<?\b([^\s<>(),;:\"']+@[^\s<>(),;:\"']+\.[^\s<>(),;:\"'.]+)\b>?")


def split_name_and_email(text: str) -> tuple[str, str]:
    """("Casey Lin", "casey@x.org") from "Casey Lin casey@x.org", "Casey Lin, casey@x.org"
    or "Casey Lin <casey@x.org>"; (text, "") when it holds no valid address."""
    text = " ".join((text or "").split())
    found = _ADDRESS.search(text)
    if not found:
        return text, ""
    address = found.group(1)
    try:
        validate_email(address)
    except ValidationError:
        return text, ""
    name = (text[: found.start()] + " " + text[found.end() :]).strip(" ,;:-–—()<>")
    return " ".join(name.split()), address.lower()
