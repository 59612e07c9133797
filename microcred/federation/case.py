"""Reading a standards framework sent as a 1EdTech CASE 1.0 JSON package.

The package (CASE 1.0 §"CFPackage": https://www.imsglobal.org/sites/default/files/CASE/casev1p0/information_model/caseservicesinfomodel_v1p0.html)
holds one `CFDocument`, its `CFItems` and the `CFAssociations` between them. Each node has
an `identifier` (a UUID) and a `uri`; an item names its framework in `CFDocumentURI`, and
an `isChildOf` association (origin: the child, destination: its parent item or the
document) gives the tree.

Everything is checked before anything is kept: `read` returns the framework or every
problem found, each naming the entry it is about. A file is refused whole when it is not
JSON, is larger than 50 MB, holds more than 100,000 items, carries markup in a text, or
refers to a node it does not hold.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

MAX_BYTES = 50 * 1024 * 1024
MAX_ITEMS = 100_000
# Problems listed on the page; past this the rest are counted, not listed.
MAX_REPORTED = 200

# A tag, a comment or a script address in a statement: CASE text is plain (or Markdown),
# so markup there is either a mistake or an attack, and is refused rather than stored.
MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript\s*:", re.IGNORECASE)
_is_url = URLValidator(schemes=["http", "https"])


@dataclass
class Item:
    identifier: str
    uri: str
    full_statement: str
    human_coding_scheme: str = ""
    item_type: str = ""
    parent: str = ""  # the identifier of the parent item; "" under the document


@dataclass
class Package:
    identifier: str
    uri: str
    title: str
    creator: str = ""
    publisher: str = ""
    version: str = ""
    licence: str = ""
    items: list[Item] = field(default_factory=list)


class FrameworkRefused(Exception):
    """The file cannot be imported; `problems` says why, entry by entry."""

    def __init__(self, problems: list[str], *, more: int = 0):
        self.problems = problems
        self.more = more
        super().__init__("; ".join(problems[:3]))


class Problems:
    def __init__(self):
        self.listed: list[str] = []
        self.more = 0

    def add(self, where: str, what: str) -> None:
        if len(self.listed) < MAX_REPORTED:
            self.listed.append(f"{where}: {what}")
        else:
            self.more += 1

    def __bool__(self):
        return bool(self.listed)


def _text(node: dict, key: str, where: str, problems: Problems, *, required=False, limit=None):
    value = node.get(key)
    if value is None or value == "":
        if required:
            problems.add(where, _("%(field)s is missing.") % {"field": key})
        return ""
    if not isinstance(value, str):
        problems.add(where, _("%(field)s is not text.") % {"field": key})
        return ""
    if MARKUP.search(value):
        problems.add(
            where, _("%(field)s holds HTML or script, which is not accepted.") % {"field": key}
        )
        return ""
    value = value.strip()
    if limit and len(value) > limit:
        problems.add(
            where,
            _("%(field)s is longer than %(limit)s characters.") % {"field": key, "limit": limit},
        )
    return value


def _identifier(node: dict, where: str, problems: Problems) -> str:
    value = _text(node, "identifier", where, problems, required=True, limit=100)
    if value:
        try:
            uuid.UUID(value)
        except ValueError:
            problems.add(where, _("identifier %(value)s is not a UUID.") % {"value": value})
    return value


def _uri(node: dict, where: str, problems: Problems) -> str:
    value = _text(node, "uri", where, problems, required=True, limit=500)
    if value:
        try:
            _is_url(value)
        except ValidationError:
            problems.add(where, _("uri is not a web address."))
    return value


def _link_identifier(node: dict, key: str) -> str:
    link = node.get(key)
    if isinstance(link, dict) and isinstance(link.get("identifier"), str):
        return link["identifier"].strip()
    return ""


def read(raw: bytes) -> Package:
    """The framework in a CASE JSON package, or FrameworkRefused with every problem."""
    if len(raw) > MAX_BYTES:
        raise FrameworkRefused([_("The file is larger than 50 MB.")])
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FrameworkRefused([_("The file is not JSON: %(reason)s.") % {"reason": exc}]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("CFDocument"), dict):
        raise FrameworkRefused([_("The file is not a CASE package: it has no CFDocument.")])
    items = data.get("CFItems") or []
    associations = data.get("CFAssociations") or []
    if not isinstance(items, list) or not isinstance(associations, list):
        raise FrameworkRefused([_("CFItems and CFAssociations must be lists.")])
    if len(items) > MAX_ITEMS:
        raise FrameworkRefused(
            [
                _("The file holds %(count)s items; at most %(limit)s are accepted.")
                % {"count": f"{len(items):,}", "limit": f"{MAX_ITEMS:,}"}
            ]
        )

    problems = Problems()
    document = data["CFDocument"]
    package = Package(
        identifier=_identifier(document, "CFDocument", problems),
        uri=_uri(document, "CFDocument", problems),
        title=_text(document, "title", "CFDocument", problems, required=True, limit=300),
        creator=_text(document, "creator", "CFDocument", problems, limit=300),
        publisher=_text(document, "publisher", "CFDocument", problems, limit=300),
        version=_text(document, "version", "CFDocument", problems, limit=60),
        licence=_licence(document, problems),
    )

    by_identifier: dict[str, Item] = {}
    for index, node in enumerate(items):
        where = f"CFItems[{index}]"
        if not isinstance(node, dict):
            problems.add(where, _("is not an object."))
            continue
        identifier = _identifier(node, where, problems)
        if identifier:
            where = f"{where} ({identifier})"
        item = Item(
            identifier=identifier,
            uri=_uri(node, where, problems),
            full_statement=_text(node, "fullStatement", where, problems, required=True),
            human_coding_scheme=_text(node, "humanCodingScheme", where, problems, limit=60),
            item_type=_text(node, "CFItemType", where, problems, limit=100),
        )
        document_link = _link_identifier(node, "CFDocumentURI")
        if document_link and package.identifier and document_link != package.identifier:
            problems.add(where, _("CFDocumentURI names another framework."))
        if identifier in by_identifier:
            problems.add(where, _("identifier is used by another item."))
        elif identifier:
            by_identifier[identifier] = item
        package.items.append(item)

    for index, node in enumerate(associations):
        where = f"CFAssociations[{index}]"
        if not isinstance(node, dict):
            problems.add(where, _("is not an object."))
            continue
        if node.get("associationType") != "isChildOf":
            continue  # other kinds (exactMatchOf, precedes, …) are not kept
        child = _link_identifier(node, "originNodeURI")
        parent = _link_identifier(node, "destinationNodeURI")
        if child not in by_identifier:
            problems.add(
                where,
                _("originNodeURI refers to %(node)s, which is not in the file.")
                % {"node": child or _("nothing")},
            )
            continue
        if parent != package.identifier and parent not in by_identifier:
            problems.add(
                where,
                _("destinationNodeURI refers to %(node)s, which is not in the file.")
                % {"node": parent or _("nothing")},
            )
            continue
        by_identifier[child].parent = "" if parent == package.identifier else parent

    if problems:
        raise FrameworkRefused(problems.listed, more=problems.more)
    return package


def _licence(document: dict, problems: Problems) -> str:
    link = document.get("licenseURI")
    if isinstance(link, dict):
        return _text(link, "title", "CFDocument licenseURI", problems, limit=500) or _text(
            link, "uri", "CFDocument licenseURI", problems, limit=500
        )
    return ""


def ordered(items: list[Item]) -> list[Item]:
    """Items parents first, in the file's order otherwise, so a parent is stored before
    its children; an item whose parents loop back to it is listed last."""
    by_identifier = {item.identifier: item for item in items}
    placed: dict[str, None] = {}
    for item in items:
        chain, node, seen = [], item, set()
        while node and node.identifier not in placed and node.identifier not in seen:
            seen.add(node.identifier)
            chain.append(node)
            node = by_identifier.get(node.parent)
        for link in reversed(chain):
            placed[link.identifier] = None
    return [by_identifier[identifier] for identifier in placed]
