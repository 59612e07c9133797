"""Reading a list of people to invite from a CSV file, as spreadsheets save it.

Spreadsheets differ in what they write: Excel adds a byte-order mark to "CSV UTF-8" and
uses semicolons where the decimal mark is a comma; older "CSV" saves are in the
computer's legacy code page (Windows-1252), and "Unicode text" is UTF-16 with tabs. We
accept UTF-8 with or without the mark and any of comma, semicolon or tab, and refuse the
rest with a message that says how to save the file, rather than guess an encoding and
invite a misspelt address.
"""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from microcred.accounts.models import ROLES_BY_KIND, Role, role_name

# A file may name this many people; a district's larger list goes in several files. The
# bulk-invitation benchmark runs 10,000 rows well inside its 30-second budget.
MAX_ROWS = 10_000
MAX_BYTES = 5 * 1024 * 1024

HOW_TO_SAVE = gettext_lazy(
    "Save it from your spreadsheet as “CSV UTF-8 (comma delimited)” and upload it again."
)

# Column names as _spaced() leaves them: "E-mail" reads "e mail".
_HEADERS = {
    "email": "email",
    "e mail": "email",
    "email address": "email",
    "e mail address": "email",
    "mail": "email",
    "name": "name",
    "full name": "name",
    "role": "role",
}
REQUIRED = ("email", "role")


class ListProblem(Exception):
    """The file cannot be read as a list of people; the message says why and what to do."""


def role_key(text: str) -> str:
    """A name as the lookups below keep it: lower case, one space between words."""
    return _spaced(text)


def _spaced(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


def role_names(kind: str) -> dict[str, str]:
    """The role names people write, lower case, for an organization of this kind: its own
    name for the role ("district admin", "educator"), the platform's ("organization admin",
    "earner"), and the stored value."""
    names = {}
    for role in ROLES_BY_KIND.get(kind, ()):
        for name in (role_name(role, kind), Role(role).label, role):
            names[_spaced(str(name))] = role
    if Role.ORG_ADMIN in ROLES_BY_KIND.get(kind, ()):
        names["admin"] = Role.ORG_ADMIN
    if Role.EARNER in ROLES_BY_KIND.get(kind, ()):
        names["teacher"] = Role.EARNER
    return names


def role_from_text(text: str, kind: str) -> str | None:
    return role_names(kind).get(_spaced(text or ""))


def offered_role_names(kind: str) -> list[str]:
    return [role_name(role, kind).lower() for role in ROLES_BY_KIND.get(kind, ())]


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ListProblem(
            _("The file is empty. The first line names the columns: e-mail, name, role.")
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ListProblem(
            _("The file is in UTF-16 (“Unicode text”), and we read UTF-8. %(how)s")
            % {"how": HOW_TO_SAVE}
        )
    if data.startswith(b"PK\x03\x04"):
        raise ListProblem(
            _("This is a spreadsheet workbook (such as .xlsx), not a CSV file. %(how)s")
            % {"how": HOW_TO_SAVE}
        )
    if data.startswith(b"%PDF") or b"\x00" in data[:4096]:
        raise ListProblem(_("This is not a CSV text file. %(how)s") % {"how": HOW_TO_SAVE})
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ListProblem(
            _(
                "Line %(line)s holds a null character (U+0000), which cannot be stored. "
                "Remove it, or %(how)s"
            )
            % {"line": line, "how": str(HOW_TO_SAVE)[0].lower() + str(HOW_TO_SAVE)[1:]}
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ListProblem(
            _(
                "The file is not in UTF-8: line %(line)s has characters we cannot read (it "
                "may be Windows-1252 or Latin-1). %(how)s"
            )
            % {"line": line, "how": HOW_TO_SAVE}
        ) from None


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read(data: bytes) -> list[list]:
    """The people a file lists: [line, e-mail, name, role text] for each non-empty line
    after the header, numbered as a spreadsheet numbers its rows."""
    if len(data) > MAX_BYTES:
        raise ListProblem(
            _("The file is larger than %(mb)s MB. Split it into files of at most %(rows)s people.")
            % {"mb": MAX_BYTES // (1024 * 1024), "rows": f"{MAX_ROWS:,}"}
        )
    text = _decode(data)
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = next(r for r in reader if any(cell.strip() for cell in r))
        columns = {}
        for position, cell in enumerate(header):
            key = _HEADERS.get(_spaced(cell))
            if key and key not in columns:
                columns[key] = position
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            said = ", ".join(f"“{cell.strip()[:40]}”" for cell in header[:6] if cell.strip())
            raise ListProblem(
                _(
                    "The file has no %(missing)s column. Its first line must name the "
                    "columns: e-mail, name, role (name may be left out). The first line "
                    "reads: %(said)s."
                )
                % {
                    "missing": _(" or ").join(
                        {"email": _("e-mail"), "role": _("role")}[m] for m in missing
                    ),
                    "said": said or _("nothing"),
                }
            )
        header_line = reader.line_num
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) == MAX_ROWS:
                total = len(rows) + 1 + sum(1 for c in reader if any(x.strip() for x in c))
                raise ListProblem(
                    _(
                        "The file lists %(total)s people; a file may list at most %(rows)s. "
                        "Split it into several files and upload each."
                    )
                    % {"total": f"{total:,}", "rows": f"{MAX_ROWS:,}"}
                )

            def cell(key, cells=cells):
                position = columns.get(key)
                return (
                    cells[position].strip()
                    if position is not None and position < len(cells)
                    else ""
                )

            rows.append([reader.line_num, cell("email"), cell("name")[:150], cell("role")[:60]])
    except StopIteration:
        raise ListProblem(
            _("The file is empty. The first line names the columns: e-mail, name, role.")
        ) from None
    except csv.Error as exc:
        raise ListProblem(
            _("Line %(line)s is not valid CSV (%(error)s). %(how)s")
            % {"line": reader.line_num, "error": exc, "how": HOW_TO_SAVE}
        ) from None
    if not rows:
        raise ListProblem(
            _("The file names its columns (line %(line)s) but lists nobody under them.")
            % {"line": header_line}
        )
    return rows
