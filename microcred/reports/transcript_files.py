"""Transcripts as files: a PDF for an office that wants paper, a CSV for one that wants a
spreadsheet. Both carry the same rows and totals as the transcript page."""

from __future__ import annotations

import csv
import io
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from microcred.spreadsheet_cells import safe_cell

from . import pdf_fonts
from .selectors import SMALL_GROUP, Line, Overview, Transcript, amount_text


def _writer(buffer):
    return csv.writer(buffer, lineterminator="\r\n")


# -- CSV ------------------------------------------------------------------------------------

TRANSCRIPT_COLUMNS = (
    "record",
    "date",
    "title",
    "kind",
    "issuer",
    "credit_amount",
    "credit_unit",
    "credit_authority",
    "status",
    "verification_url",
)


def _award_row(line: Line, *, status: str) -> list[str]:
    return [
        "award",
        line.date.isoformat(),
        line.title,
        line.award.kind,
        line.award.issuer.name,
        amount_text(line.credit.amount),
        line.credit.unit,
        line.credit.authority,
        status,
        line.url,
    ]


def csv_text(transcript: Transcript) -> str:
    """One row per award ("award"), then one per unit ("total_by_unit") and per authority
    and unit ("total_by_authority"); revoked awards are listed with status "revoked" and
    left out of every total."""
    buffer = io.StringIO()
    writer = _writer(buffer)
    writer.writerow(TRANSCRIPT_COLUMNS)
    rows = [_award_row(line, status="valid") for line in transcript.lines]
    rows += [_award_row(line, status="revoked") for line in transcript.revoked]
    rows += [
        ["total_by_unit", "", "", "", "", amount_text(t.amount), t.unit, "", "", ""]
        for t in transcript.by_unit
    ]
    rows += [
        ["total_by_authority", "", "", "", "", amount_text(t.amount), t.unit, t.authority, "", ""]
        for t in transcript.by_authority
    ]
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


OVERVIEW_COLUMNS = (
    "group",
    "educators",
    "awards",
    "credit_amount",
    "credit_unit",
    "credit_authority",
)


def overview_csv_text(overview: Overview) -> str:
    """One row per district or school and (authority, unit); a group of fewer than
    selectors.SMALL_GROUP educators says so and gives no figures."""
    buffer = io.StringIO()
    writer = _writer(buffer)
    writer.writerow(OVERVIEW_COLUMNS)
    for group in [*overview.groups, overview.total]:
        label = group.label or _("School not given")
        if group.suppressed:
            writer.writerow(
                [safe_cell(label), _("fewer than %(n)d") % {"n": SMALL_GROUP}, "", "", "", ""]
            )
            continue
        for total in group.by_authority or [None]:
            credit = (
                [amount_text(total.amount), total.unit, total.authority] if total else ["", "", ""]
            )
            row = [label, str(group.educators), str(group.award_count), *credit]
            writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


# -- PDF ------------------------------------------------------------------------------------


def _styles():
    regular, bold = pdf_fonts.register()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, spaceAfter=6),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=12, leading=15, spaceBefore=10),
        "body": ParagraphStyle("body", fontName=regular, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8, leading=10),
    }


def _table(header, rows, styles, widths):
    data = [[Paragraph(escape(h), styles["head"]) for h in header]]
    data += [[Paragraph(escape(str(cell)), styles["cell"]) for cell in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
            ]
        )
    )
    return table


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


# The awards table: date, title, issuer, credit, unit, authority.
_AWARD_WIDTHS = [0.95 * inch, 2.0 * inch, 1.3 * inch, 0.55 * inch, 1.05 * inch, 1.45 * inch]


def pdf(transcript: Transcript) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=letter,
        leftMargin=0.6 * inch,
        rightMargin=0.6 * inch,
        topMargin=0.6 * inch,
        bottomMargin=0.6 * inch,
        title=_("Transcript of credits: %(name)s") % {"name": transcript.earner.name},
    )
    header = [_("Date"), _("Micro-credential or stack"), _("Issuer"), _("Credit"), _("Unit"),
              _("Approving authority")]  # fmt: skip
    story = _opening(transcript, styles)
    if transcript.lines:
        rows = [_pdf_row(line) for line in transcript.lines]
        story.append(_table(header, rows, styles, _AWARD_WIDTHS))
    else:
        story.append(Paragraph(escape(_("No awards in this range.")), styles["body"]))
    story += _totals(transcript, styles)
    if transcript.revoked:
        rows = [_pdf_row(line) for line in transcript.revoked]
        story.append(Paragraph(escape(_("Revoked, not counted")), styles["h2"]))
        story.append(_table(header, rows, styles, _AWARD_WIDTHS))
    story += [
        Spacer(1, 10),
        Paragraph(
            escape(
                _(
                    "Each award can be checked at its own address, printed on its certificate "
                    "and listed in the CSV form of this transcript; the page there shows "
                    "whether the issuer's signature holds and whether it was revoked."
                )
            ),
            styles["body"],
        ),
    ]
    footer = _page_footer(transcript, styles["body"].fontName)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _opening(transcript: Transcript, styles) -> list:
    """Title, the earner and the range the transcript covers."""
    earner = transcript.earner
    return [
        Paragraph(escape(_("Transcript of credits")), styles["title"]),
        Paragraph(escape(earner.name or earner.email), styles["h2"]),
        Paragraph(
            escape(" · ".join(part for part in (earner.email, earner.school) if part)),
            styles["body"],
        ),
        Paragraph(
            escape(
                _("Awards from %(start)s to %(end)s, both days included. Made on %(today)s.")
                % {
                    "start": _date(transcript.start),
                    "end": _date(transcript.end),
                    "today": _date(timezone.localdate()),
                }
            ),
            styles["body"],
        ),
        Spacer(1, 8),
    ]


def _totals(transcript: Transcript, styles) -> list:
    """Totals by unit and by approving authority; a heading never ends a page alone."""
    by_unit = (
        _table(
            [_("Credit"), _("Unit")],
            [(amount_text(t.amount), t.unit) for t in transcript.by_unit],
            styles,
            [1.0 * inch, 3.0 * inch],
        )
        if transcript.by_unit
        else Paragraph(escape(_("No credit in this range.")), styles["body"])
    )
    totals = [KeepTogether([Paragraph(escape(_("Totals by unit")), styles["h2"]), by_unit])]
    if transcript.by_authority:
        rows = [
            (t.authority or _("(none named)"), amount_text(t.amount), t.unit)
            for t in transcript.by_authority
        ]
        table = _table(
            [_("Approving authority"), _("Credit"), _("Unit")],
            rows,
            styles,
            [3.3 * inch, 1.0 * inch, 2.0 * inch],
        )
        heading = Paragraph(escape(_("Totals by approving authority")), styles["h2"])
        totals.append(KeepTogether([heading, table]))
    return totals


def _page_footer(transcript: Transcript, font: str):
    """Draws whose transcript this is and the page number at the foot of each page."""
    footer = _("Transcript of credits: %(name)s, %(start)s to %(end)s") % {
        "name": transcript.earner.name or transcript.earner.email,
        "start": transcript.start.isoformat(),
        "end": transcript.end.isoformat(),
    }

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(doc.leftMargin, 0.35 * inch, footer)
        canvas.drawRightString(
            letter[0] - doc.rightMargin, 0.35 * inch, _("Page %(n)d") % {"n": doc.page}
        )
        canvas.restoreState()

    return draw


def _pdf_row(line: Line) -> list[str]:
    title = line.title
    if line.leads_to:
        title += " — " + _("leads to %(endorsement)s") % {"endorsement": line.leads_to}
    return [
        line.date.isoformat(),
        title,
        line.award.issuer.name,
        amount_text(line.credit.amount) or "—",
        line.credit.unit,
        line.credit.authority,
    ]
