"""Reading another provider's catalog: CTDL JSON-LD, Open Badges 3.0 Achievements or CSV.

Each reader checks every entry before anything is kept: it returns the entries, clean,
or raises `CatalogRefused` with every problem found, each naming the entry it is about
(its place in the file and its key), the field and the reason. The file is refused whole
when it is not what its format says, is larger than 50 MB, holds more than 100,000
entries or none, or names a JSON-LD context the platform does not ship (contexts are
never fetched). An entry is refused for a missing name, key or web address, a web address
that is not http(s), markup or script in any text (refused, not stripped: a catalog that
sends markup in plain-text fields is either mistaken or hostile, and a stripped text
would not say what the provider meant), a null character, a key used twice, an
organization it refers to that is neither in the file nor a web address, and a cost or
duration that is not a number.

CTDL: https://credreg.net/ctdl/terms (credentials are `ceterms:Credential` and its
subclasses; `ceterms:ownedBy`/`offeredBy` name a `ceterms:CredentialOrganization`).
Open Badges 3.0: https://www.imsglobal.org/spec/ob/v3p0/#achievement.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from microcred.catalog.services import ListingEntry
from microcred.credentials.formats import documents
from microcred.null_characters import NUL

from . import ctdl
from .case import MARKUP, MAX_BYTES, Problems

MAX_ENTRIES = 100_000
MAX_HOURS = Decimal("9999.9")
MAX_COST = Decimal("99999999")

FORMATS = ("ctdl", "ob3", "csv")

# The CTDL credential classes (https://credreg.net/ctdl/terms/Credential#subclasses).
CTDL_CREDENTIALS = frozenset(
    f"ceterms:{name}"
    for name in (
        "Credential",
        "AcademicCertificate",
        "ApprenticeshipCertificate",
        "AssociateDegree",
        "AssociateOfAppliedArtsDegree",
        "AssociateOfAppliedScienceDegree",
        "AssociateOfArtsDegree",
        "AssociateOfScienceDegree",
        "BachelorDegree",
        "BachelorOfArtsDegree",
        "BachelorOfScienceDegree",
        "Badge",
        "BasicTechnicalCertificate",
        "Certificate",
        "CertificateOfCompletion",
        "CertificateOfParticipation",
        "Certification",
        "Degree",
        "DigitalBadge",
        "Diploma",
        "DoctoralDegree",
        "GeneralEducationDevelopment",
        "JourneymanCertificate",
        "License",
        "MasterCertificate",
        "MasterDegree",
        "MasterOfArtsDegree",
        "MasterOfScienceDegree",
        "MicroCredential",
        "OpenBadge",
        "ProfessionalCertificate",
        "ProfessionalDoctorate",
        "QualityAssuranceCredential",
        "ResearchDoctorate",
        "SecondarySchoolDiploma",
        "SpecialistDegree",
    )
)
CTDL_ORGANIZATIONS = frozenset(
    {"ceterms:CredentialOrganization", "ceterms:QACredentialOrganization", "ceterms:Organization"}
)
CTID = re.compile(r"^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
# ISO 8601 durations as CTDL writes them (PT15H, P2W, P1DT4H30M, P4Y); a year counts
# 365 days, a month 30.
DURATION = re.compile(
    r"^P(?:(?P<years>\d+(?:\.\d+)?)Y)?(?:(?P<months>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<weeks>\d+(?:\.\d+)?)W)?(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
WEB = re.compile(r"^\s*https?://", re.IGNORECASE)
CURRENCY = re.compile(r"^[A-Z]{3}$")

# The CSV template's columns (docs/federation.md#csv-template).
CSV_REQUIRED = ("id", "name", "url")
CSV_COLUMNS = (
    "id",
    "name",
    "description",
    "url",
    "type",
    "offered_by",
    "cost",
    "currency",
    "estimated_hours",
    "competencies",
    "keywords",
)

_is_url = URLValidator(schemes=["http", "https"])


class CatalogRefused(Exception):
    """The catalog cannot be imported; `problems` says why, entry by entry."""

    def __init__(self, problems: list[str], *, more: int = 0):
        self.problems = problems
        self.more = more
        super().__init__("; ".join(problems[:3]))


def read(raw: bytes, *, format: str) -> list[ListingEntry]:  # noqa: A002 - the command's word
    """The entries of a catalog file in one of FORMATS, or CatalogRefused."""
    if len(raw) > MAX_BYTES:
        raise CatalogRefused([_("The file is larger than 50 MB.")])
    reader = {"ctdl": _read_ctdl, "ob3": _read_ob3, "csv": _read_csv}[format]
    problems = Problems()
    entries = reader(raw, problems)
    if not problems and not entries:
        problems.add(_("The file"), _("it holds no entries; nothing would be listed."))
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        if entry.key in seen:
            problems.add(
                _("Entry %(index)s (%(key)s)") % {"index": index + 1, "key": entry.key},
                _("the key is used by entry %(other)s too.") % {"other": seen[entry.key] + 1},
            )
        else:
            seen[entry.key] = index
    if problems:
        raise CatalogRefused(problems.listed, more=problems.more)
    return entries


def provider_name(raw: str) -> str:
    """The provider's name as the importer typed it, checked like the entries' text."""
    problems = Problems()
    name = _Entry(_("The provider"), problems).text(
        _("name"), " ".join((raw or "").split()), required=True, limit=200
    )
    if problems:
        raise CatalogRefused(problems.listed)
    return name


def _too_many(count: int) -> CatalogRefused:
    return CatalogRefused(
        [
            _("The file holds %(count)s entries; at most %(limit)s are accepted.")
            % {"count": f"{count:,}", "limit": f"{MAX_ENTRIES:,}"}
        ]
    )


def _json(raw: bytes):
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogRefused([_("The file is not JSON: %(reason)s.") % {"reason": exc}]) from exc


# -- Checking one value -----------------------------------------------------------------------


class _Entry:
    """The checks of one entry, each problem named with the entry and the field."""

    def __init__(self, where: str, problems: Problems):
        self.where = where
        self.problems = problems

    def problem(self, field: str, reason: str) -> None:
        self.problems.add(self.where, f"{field}: {reason}")

    def text(self, field: str, value, *, required=False, limit=None) -> str:
        if isinstance(value, dict):  # a language map: the English text, else the first
            value = next(
                (value[k] for k in ("en-US", "en", "en-GB") if k in value),
                next(iter(value.values()), None),
            )
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if value is None or value == "":
            if required:
                self.problem(field, _("is missing."))
            return ""
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.problem(field, _("is not text."))
            return ""
        value = str(value)
        if NUL in value:
            self.problem(field, _("holds a null character (U+0000), which cannot be stored."))
            return ""
        if MARKUP.search(value):
            self.problem(field, _("holds HTML or script, which is not accepted."))
            return ""
        value = value.strip()
        if required and not value:
            self.problem(field, _("is missing."))
        if limit and len(value) > limit:
            self.problem(field, _("is longer than %(limit)s characters.") % {"limit": f"{limit:,}"})
            return ""
        return value

    def texts(self, field: str, values) -> tuple[str, ...]:
        if isinstance(values, dict):  # a language map of lists
            values = next(iter(values.values()), []) if values else []
        if values is None:
            return ()
        if not isinstance(values, list):
            values = [values]
        found = (self.text(field, value, limit=500) for value in values)
        return tuple(dict.fromkeys(value for value in found if value))

    def url(self, field: str, value, *, required=False) -> str:
        if isinstance(value, list) and len(value) == 1:
            value = value[0]
        if isinstance(value, str) and value.strip() and not WEB.match(value):
            self.problem(field, _("is not an http or https web address."))
            return ""
        value = self.text(field, value, required=required, limit=500)
        if value:
            try:
                _is_url(value)
            except ValidationError:
                self.problem(field, _("is not an http or https web address."))
                return ""
        return value

    def decimal(
        self, field: str, value, *, limit: Decimal = MAX_COST, places: str = "0.01"
    ) -> Decimal | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.problem(field, _("is not a number."))
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            self.problem(field, _("is not a number."))
            return None
        if not number.is_finite() or number < 0:
            self.problem(field, _("is not a number of zero or more."))
            return None
        if number > limit:
            self.problem(field, _("is more than %(limit)s.") % {"limit": f"{limit:,}"})
            return None
        return number.quantize(Decimal(places))

    def currency(self, field: str, value) -> str:
        value = self.text(field, value, limit=3).upper()
        if value and not CURRENCY.match(value):
            self.problem(field, _("is not a three-letter currency code (USD)."))
            return ""
        return value

    def duration(self, field: str, value) -> Decimal | None:
        value = self.text(field, value, limit=60)
        if not value:
            return None
        match = DURATION.match(value)
        if match is None or value in ("P", "PT"):
            self.problem(field, _("is not an ISO 8601 duration such as PT15H."))
            return None
        parts = {name: Decimal(found or 0) for name, found in match.groupdict().items()}
        hours = (
            parts["years"] * 365 * 24
            + parts["months"] * 30 * 24
            + parts["weeks"] * 7 * 24
            + parts["days"] * 24
            + parts["hours"]
            + parts["minutes"] / 60
            + parts["seconds"] / 3600
        )
        # Longer than the catalog shows (a degree's years): listed without hours.
        return round(Decimal(hours), 1) if hours <= MAX_HOURS else None


# -- CTDL ---------------------------------------------------------------------------------------


def _types(node: dict) -> set[str]:
    value = node.get("@type")
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {v for v in value if isinstance(v, str)}
    return set()


def _check_contexts(context, accepted, problems: Problems) -> bool:
    values = context if isinstance(context, list) else [context]
    known = True
    for value in values:
        if not isinstance(value, str):
            problems.add(
                "@context",
                _("an embedded context is not accepted; name the published context by address."),
            )
            known = False
        elif not accepted(value):
            problems.add(
                "@context",
                _(
                    "%(context)s is not a context the platform ships; contexts are never "
                    "fetched, so only the published CTDL and Open Badges 3.0 ones are read."
                )
                % {"context": value},
            )
            known = False
    return known


def _read_ctdl(raw: bytes, problems: Problems) -> list[ListingEntry]:
    data = _json(raw)
    if not isinstance(data, dict) or "@context" not in data:
        raise CatalogRefused([_("The file is not JSON-LD: it is not an object with an @context.")])
    if not _check_contexts(data["@context"], lambda url: url == ctdl.CONTEXT, problems):
        raise CatalogRefused(problems.listed)
    nodes = data.get("@graph", [data])
    if not isinstance(nodes, list):
        raise CatalogRefused([_("@graph must be a list of nodes.")])
    by_id = {
        node["@id"]: node
        for node in nodes
        if isinstance(node, dict) and isinstance(node.get("@id"), str)
    }
    credentials = [
        (index, node)
        for index, node in enumerate(nodes)
        if isinstance(node, dict) and _types(node) & CTDL_CREDENTIALS
    ]
    if len(credentials) > MAX_ENTRIES:
        raise _too_many(len(credentials))
    if not credentials:
        raise CatalogRefused(
            [
                _(
                    "The file holds no CTDL credential (ceterms:MicroCredential, "
                    "ceterms:OpenBadge or another ceterms credential class)."
                )
            ]
        )
    entries = []
    for index, node in credentials:
        where = f"@graph[{index}]" if "@graph" in data else _("The credential")
        key = node.get("ceterms:ctid")
        if isinstance(key, str) and key.strip():
            where = f"{where} ({key.strip()[:100]})"
        check = _Entry(where, problems)
        key = check.text("ceterms:ctid", key, required=True, limit=100)
        if key and not CTID.match(key):
            check.problem("ceterms:ctid", _("is not a CTID (ce- and a UUID)."))
        owners = _organizations(check, "ceterms:ownedBy", node, by_id)
        offerers = _organizations(check, "ceterms:offeredBy", node, by_id)
        cost, currency = _cost(check, node.get("ceterms:estimatedCost"), by_id)
        entries.append(
            ListingEntry(
                key=key,
                kind=sorted(_types(node) & CTDL_CREDENTIALS)[0].removeprefix("ceterms:"),
                name=check.text("ceterms:name", node.get("ceterms:name"), required=True, limit=300),
                description=check.text(
                    "ceterms:description",
                    node.get("ceterms:description"),
                    required=True,
                    limit=20_000,
                ),
                url=check.url(
                    "ceterms:subjectWebpage", node.get("ceterms:subjectWebpage"), required=True
                ),
                offered_by=(offerers or owners or [""])[0],
                cost=cost,
                currency=currency,
                estimated_hours=_hours(check, node.get("ceterms:estimatedDuration"), by_id),
                competencies=_competencies(check, node.get("ceterms:requires"), by_id),
                keywords=check.texts("ceterms:keyword", node.get("ceterms:keyword")),
            )
        )
    return entries


def _nodes(value, by_id: dict) -> list:
    """A property's values, with references to nodes in the graph followed."""
    values = value if isinstance(value, list) else [] if value is None else [value]
    found = []
    for item in values:
        if isinstance(item, dict) and set(item) == {"@id"}:
            item = item["@id"]
        found.append(by_id.get(item, item) if isinstance(item, str) else item)
    return found


def _organizations(check: _Entry, field: str, node: dict, by_id: dict) -> list[str]:
    """The names of the organizations a property names. One not in the file must be
    its web address, which carries no name."""
    names = []
    for value in _nodes(node.get(field), by_id):
        if isinstance(value, str):
            try:
                _is_url(value)
            except ValidationError:
                check.problem(
                    field,
                    _("refers to %(node)s, which is not in the file and not a web address.")
                    % {"node": value[:200]},
                )
            continue
        if not isinstance(value, dict) or not _types(value) & CTDL_ORGANIZATIONS:
            check.problem(field, _("refers to something that is not an organization."))
            continue
        name = check.text(f"{field} ceterms:name", value.get("ceterms:name"), limit=300)
        if name:
            names.append(name)
    return names


def _cost(check: _Entry, value, by_id: dict) -> tuple[Decimal | None, str]:
    """The first cost profile's price and currency (CTDL's `ceterms:CostProfile`)."""
    for profile in _nodes(value, by_id):
        if isinstance(profile, dict):
            return (
                check.decimal("ceterms:estimatedCost ceterms:price", profile.get("ceterms:price")),
                check.currency(
                    "ceterms:estimatedCost ceterms:currency", profile.get("ceterms:currency")
                ),
            )
    return None, ""


def _hours(check: _Entry, value, by_id: dict) -> Decimal | None:
    for profile in _nodes(value, by_id):
        if isinstance(profile, dict):
            for key in ("ceterms:exactDuration", "ceterms:maxDuration"):
                if profile.get(key):
                    return check.duration(f"ceterms:estimatedDuration {key}", profile[key])
    return None


def _competencies(check: _Entry, requires, by_id: dict) -> tuple[str, ...]:
    """The names of the competencies its condition profiles target."""
    names: list[str] = []
    for profile in _nodes(requires, by_id):
        if not isinstance(profile, dict):
            continue
        for target in _nodes(profile.get("ceterms:targetCompetency"), by_id):
            if isinstance(target, dict):
                names.extend(
                    check.texts(
                        "ceterms:targetCompetency ceterms:targetNodeName",
                        target.get("ceterms:targetNodeName"),
                    )
                )
    return tuple(dict.fromkeys(names))


# -- Open Badges 3.0 ------------------------------------------------------------------------------


def _ob3_context(url: str) -> bool:
    return documents.is_shipped(url) and (
        url.startswith("https://purl.imsglobal.org/spec/ob/v3p0/")
        or url in (documents.VC_V2, documents.VC_V1)
    )


def _read_ob3(raw: bytes, problems: Problems) -> list[ListingEntry]:
    data = _json(raw)
    achievements = data if isinstance(data, list) else [data]
    if len(achievements) > MAX_ENTRIES:
        raise _too_many(len(achievements))
    entries = []
    for index, node in enumerate(achievements):
        where = f"[{index}]" if isinstance(data, list) else _("The achievement")
        if not isinstance(node, dict):
            problems.add(where, _("is not an Open Badges 3.0 Achievement object."))
            continue
        key = node.get("id")
        if isinstance(key, str) and key.strip():
            where = f"{where} ({key.strip()[:100]})"
        check = _Entry(where, problems)
        if "@context" in node:
            _check_contexts(node["@context"], _ob3_context, problems)
        types = node.get("type")
        types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
        if "Achievement" not in types:
            check.problem("type", _("is not Achievement."))
            continue
        key = check.text("id", key, required=True, limit=500)
        criteria = node.get("criteria") if isinstance(node.get("criteria"), dict) else {}
        url = ""
        if criteria.get("id"):
            url = check.url("criteria.id", criteria["id"])
        elif key.startswith(("http://", "https://")):
            url = check.url("id", key)
        else:
            check.problem(
                "criteria.id", _("is missing, and id is not a web address to earn it at.")
            )
        creator = node.get("creator") if isinstance(node.get("creator"), dict) else {}
        alignments = node.get("alignment") if isinstance(node.get("alignment"), list) else []
        entries.append(
            ListingEntry(
                key=key,
                kind=check.text("achievementType", node.get("achievementType"), limit=100)
                or "Achievement",
                name=check.text("name", node.get("name"), required=True, limit=300),
                description=check.text(
                    "description", node.get("description"), required=True, limit=20_000
                ),
                url=url,
                offered_by=check.text("creator.name", creator.get("name"), limit=300),
                competencies=tuple(
                    dict.fromkeys(
                        name
                        for alignment in alignments
                        if isinstance(alignment, dict)
                        for name in check.texts("alignment.targetName", alignment.get("targetName"))
                    )
                ),
                keywords=check.texts("tag", node.get("tag")),
            )
        )
    return entries


# -- CSV ---------------------------------------------------------------------------------------


def _read_csv(raw: bytes, problems: Problems) -> list[ListingEntry]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogRefused(
            [_("The file is not UTF-8 text: %(reason)s.") % {"reason": exc}]
        ) from exc
    if NUL in text:
        raise CatalogRefused(
            [_("The file holds a null character (U+0000), which cannot be stored.")]
        )
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip().lower() for name in next(rows, [])]
        body = list(rows)
    except csv.Error as exc:
        raise CatalogRefused([_("The file is not CSV: %(reason)s.") % {"reason": exc}]) from exc
    missing = [name for name in CSV_REQUIRED if name not in header]
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if missing or unknown:
        reasons = []
        if missing:
            reasons.append(
                _("The first row must name the columns; missing: %(columns)s.")
                % {"columns": ", ".join(missing)}
            )
        if unknown:
            reasons.append(
                _("Columns not in the template: %(columns)s (the template's are %(known)s).")
                % {"columns": ", ".join(unknown)[:300], "known": ", ".join(CSV_COLUMNS)}
            )
        raise CatalogRefused(reasons)
    body = [row for row in body if any(cell.strip() for cell in row)]
    if len(body) > MAX_ENTRIES:
        raise _too_many(len(body))
    entries = []
    for number, row in enumerate(body, start=2):
        cells = dict(zip(header, row, strict=False))
        where = _("Row %(number)s") % {"number": number}
        if len(row) > len(header):
            problems.add(where, _("has more cells than the first row has columns."))
            continue
        if cells.get("id", "").strip():
            where = f"{where} ({cells['id'].strip()[:100]})"
        check = _Entry(where, problems)
        entries.append(
            ListingEntry(
                key=check.text("id", cells.get("id"), required=True, limit=500),
                name=check.text("name", cells.get("name"), required=True, limit=300),
                description=check.text("description", cells.get("description"), limit=20_000),
                url=check.url("url", cells.get("url"), required=True),
                kind=check.text("type", cells.get("type"), limit=100),
                offered_by=check.text("offered_by", cells.get("offered_by"), limit=300),
                cost=check.decimal("cost", cells.get("cost")),
                currency=check.currency("currency", cells.get("currency")),
                estimated_hours=check.decimal(
                    "estimated_hours", cells.get("estimated_hours"), limit=MAX_HOURS, places="0.1"
                ),
                competencies=_split(check, "competencies", cells.get("competencies")),
                keywords=_split(check, "keywords", cells.get("keywords")),
            )
        )
    return entries


def _split(check: _Entry, field: str, value) -> tuple[str, ...]:
    """A cell holding several values between semicolons."""
    return check.texts(field, [part for part in (value or "").split(";") if part.strip()])
