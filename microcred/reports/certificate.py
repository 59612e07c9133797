"""The credit certificate of one award: a one-page PDF a recertification or salary-lane
office files, with a QR code to the badge page where anyone checks it.

A revoked award still gets its certificate, marked revoked across the page and with no
credit, so that a copy printed before the revocation and one printed after never
disagree about what the award is worth, and the QR code leads to the same answer.
"""

from __future__ import annotations

from io import BytesIO
from xml.sax.saxutils import escape

import qrcode
import qrcode.constants
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from microcred.catalog.counts import amount_with_unit, hours_text
from microcred.credentials.models import Award, AwardKind

from . import pdf_fonts, selectors

INK = colors.HexColor("#1f2933")
ACCENT = colors.HexColor("#1d4e89")
REVOKED = colors.HexColor("#b42318")
QR_SIZE = 118


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def credit_sentence(award: Award) -> tuple[str, str]:
    """The credit line and, when there is one, the approving authority line."""
    if award.is_revoked:
        return (
            _("No credit: this award was revoked on %(date)s.")
            % {"date": _date(timezone.localdate(award.revoked_at))},
            "",
        )
    if award.kind == AwardKind.STACK:
        return (
            _(
                "No credit of its own: a stack's credit is counted on the certificates of "
                "its micro-credentials."
            ),
            "",
        )
    credit = selectors.credit_of(award)
    if not credit.counts:
        return _("No credit: this micro-credential carries no credit."), ""
    line = _("Credit: %(credit)s") % {"credit": amount_with_unit(credit.amount, credit.unit)}
    authority = (
        _("Approved by %(authority)s") % {"authority": credit.authority}
        if credit.authority
        else _("No approving authority is named for this credit.")
    )
    return line, authority


def _centered(canvas: Canvas, text: str, *, y: float, font: str, size: float, width: float):
    """One line centred on the page, shrunk until it fits between the margins."""
    while size > 9 and stringWidth(text, font, size) > width:
        size -= 1
    canvas.setFont(font, size)
    canvas.drawCentredString(canvas._pagesize[0] / 2, y, text)


def _paragraph(canvas: Canvas, text: str, *, top: float, style: ParagraphStyle, width: float):
    """A wrapped, centred paragraph whose first line starts at `top`; returns its bottom."""
    paragraph = Paragraph(escape(text), style)
    _w, height = paragraph.wrap(width, 200)
    left = (canvas._pagesize[0] - width) / 2
    paragraph.drawOn(canvas, left, top - height)
    return top - height


def render(award: Award) -> bytes:
    regular, bold = pdf_fonts.register()
    buffer = BytesIO()
    page_width, page_height = landscape(letter)
    canvas = Canvas(
        buffer, pagesize=(page_width, page_height), pageCompression=1, initialFontName=regular
    )
    canvas.setTitle(_("Certificate: %(title)s") % {"title": award.title})
    canvas.setAuthor(award.issuer.name)
    canvas.setSubject(_("Credit certificate for %(name)s") % {"name": award.earner.name})
    _frame(canvas)
    _heading(canvas, award, regular=regular, bold=bold)
    bottom = _what_was_earned(canvas, award, regular=regular, bold=bold)
    _credit(canvas, award, top=bottom, regular=regular, bold=bold)
    if award.is_revoked:
        _revoked_banner(canvas, award, bold=bold, regular=regular)
    _verification(canvas, award, regular=regular, bold=bold)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _text_width(canvas: Canvas) -> float:
    return canvas._pagesize[0] - 160


def _frame(canvas: Canvas) -> None:
    page_width, page_height = canvas._pagesize
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(28, 28, page_width - 56, page_height - 56)
    canvas.setLineWidth(0.75)
    canvas.rect(36, 36, page_width - 72, page_height - 72)


def _heading(canvas: Canvas, award: Award, *, regular: str, bold: str) -> None:
    """Issuer, "Certificate of credit", who earned it and what kind of award it is."""
    page_height = canvas._pagesize[1]
    width = _text_width(canvas)
    canvas.setFillColor(ACCENT)
    _centered(canvas, award.issuer.name, y=page_height - 84, font=bold, size=14, width=width)
    canvas.setFillColor(INK)
    lines = [
        (_("Certificate of credit"), 128, bold, 30),
        (_("This certifies that"), 166, regular, 13),
        (award.earner.name or award.earner.email, 206, bold, 28),
        (
            _("has earned the stack")
            if award.kind == AwardKind.STACK
            else _("has earned the micro-credential"),
            236,
            regular,
            13,
        ),
    ]
    for text, below_top, font, size in lines:
        _centered(canvas, text, y=page_height - below_top, font=font, size=size, width=width)


def _body_style(regular: str) -> ParagraphStyle:
    return ParagraphStyle(
        "body", fontName=regular, fontSize=12, leading=15, alignment=TA_CENTER, textColor=INK
    )


def _what_was_earned(canvas: Canvas, award: Award, *, regular: str, bold: str) -> float:
    """The title, who issued it when, its version and hours, and the endorsement a stack
    leads to. Returns where the text ends."""
    width = _text_width(canvas)
    title_style = ParagraphStyle(
        "title", fontName=bold, fontSize=19, leading=23, alignment=TA_CENTER, textColor=ACCENT
    )
    bottom = _paragraph(
        canvas, award.title, top=canvas._pagesize[1] - 246, style=title_style, width=width
    )
    details = [
        _("issued by %(issuer)s on %(date)s")
        % {"issuer": award.issuer.name, "date": _date(selectors.awarded_on(award))}
    ]
    if award.version_id:
        details.append(_("version %(number)s") % {"number": award.version.number})
    if hours := selectors.hours_of(award):
        details.append(_("%(hours)s of professional learning") % {"hours": hours_text(hours)})
    body_style = _body_style(regular)
    bottom = _paragraph(canvas, ", ".join(details), top=bottom - 8, style=body_style, width=width)
    if endorsement := selectors.leads_to(award):
        bottom = _paragraph(
            canvas,
            _("This stack leads to %(endorsement)s.") % {"endorsement": endorsement},
            top=bottom - 6,
            style=body_style,
            width=width,
        )
    return bottom


def _credit(canvas: Canvas, award: Award, *, top: float, regular: str, bold: str) -> None:
    width = _text_width(canvas)
    body_style = _body_style(regular)
    credit, authority = credit_sentence(award)
    credit_style = ParagraphStyle(
        "credit", parent=body_style, fontName=bold, fontSize=14, leading=18
    )
    bottom = _paragraph(canvas, credit, top=top - 14, style=credit_style, width=width)
    if authority:
        _paragraph(canvas, authority, top=bottom - 2, style=body_style, width=width)


def _revoked_banner(canvas: Canvas, award: Award, *, bold: str, regular: str) -> None:
    page_width, page_height = canvas._pagesize
    canvas.saveState()
    canvas.setFillColor(REVOKED)
    canvas.setStrokeColor(REVOKED)
    canvas.rect(60, page_height - 64, page_width - 120, 0.1, stroke=1, fill=0)
    canvas.setFont(bold, 16)
    canvas.drawCentredString(
        page_width / 2,
        page_height - 60,
        _("REVOKED on %(date)s — this award no longer counts as earned.")
        % {"date": _date(timezone.localdate(award.revoked_at))},
    )
    canvas.restoreState()


def _qr_code(canvas: Canvas, text: str, *, x: float, y: float, size: float) -> None:
    """The QR code of `text` as filled squares: vector, so it prints sharp at any size."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()  # with its quiet zone of four modules
    module = size / len(matrix)
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    path = canvas.beginPath()
    for row, cells in enumerate(matrix):
        top = y + size - (row + 1) * module
        column = 0
        while column < len(cells):
            if not cells[column]:
                column += 1
                continue
            run = column
            while run < len(cells) and cells[run]:
                run += 1
            # One rectangle per run of dark modules: a third of the drawing operators.
            path.rect(x + column * module, top, (run - column) * module, module)
            column = run
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _verification(canvas: Canvas, award: Award, *, regular: str, bold: str) -> None:
    url = selectors.verification_url(award)
    _qr_code(canvas, url, x=canvas._pagesize[0] - 60 - QR_SIZE, y=52, size=QR_SIZE)

    canvas.setFillColor(INK)
    canvas.setFont(bold, 10)
    canvas.drawString(64, 128, _("Check this certificate:"))
    canvas.setFont(regular, 9)
    canvas.drawString(64, 114, _("Scan the code or open"))
    canvas.setFillColor(ACCENT)
    canvas.drawString(64, 101, url)
    canvas.linkURL(url, (64, 97, 64 + stringWidth(url, regular, 9), 110), relative=0)
    canvas.setFillColor(INK)
    canvas.drawString(
        64, 82, _("The page shows whether the issuer's signature holds and whether it was revoked.")
    )
    canvas.drawString(64, 64, _("Certificate number %(id)s") % {"id": award.public_id})
