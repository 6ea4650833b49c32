"""The attestation as a PDF on an A4 page, for an employer or a file: the same words as its HTML page
(`templates/emails/attestation/piece_jointe.html`), drawn by reportlab in Bitstream Vera, the font reportlab ships and
embeds: French, « », œ, – and the Latin letters of most European names (Ł, ğ, ř), where the standard fonts would draw
a black square."""

import io
import unicodedata
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from orientest.core.french import format_figure

BLUE = colors.HexColor("#0b5394")
GREY = colors.HexColor("#52606d")
COLUMNS = ("Date", "Structure", "Commune", "Public", "Type", "Effectif")
FONTS = Path(reportlab.__path__[0]) / "fonts"


@cache
def _font() -> frozenset[int]:
    """Vera, registered once, with its bold for <b>; the characters it can draw."""
    regular = TTFont("Vera", str(FONTS / "Vera.ttf"))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont("Vera-Bold", str(FONTS / "VeraBd.ttf")))
    pdfmetrics.registerFontFamily("Vera", normal="Vera", bold="Vera-Bold", italic="Vera", boldItalic="Vera-Bold")
    return frozenset(regular.face.charToGlyph)


def _printable(text: str) -> str:
    """`text` escaped, each character Vera lacks drawn as near as it can (« ễ » as « ê »), never as a square: the
    HTML page beside it keeps every letter."""
    drawn = _font()
    return escape("".join(c if ord(c) in drawn else _nearest(c, drawn) for c in text.replace("\u202f", "\u00a0")))


def _nearest(character: str, drawn: frozenset[int]) -> str:
    """The letter with its accents dropped one by one, the last first, until Vera has it; "" if none."""
    decomposed = unicodedata.normalize("NFD", character)
    base, marks = decomposed[0], list(decomposed[1:])
    while marks:
        marks.pop()
        if ord(nearest := unicodedata.normalize("NFC", base + "".join(marks))) in drawn:
            return nearest
    return base if ord(base) in drawn else ""


def attestation_pdf(context: Mapping[str, Any]) -> bytes:
    """One page for a year of a few interventions; more flow onto the next, the header row repeated."""
    buffer = io.BytesIO()
    page = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"Attestation d'ambassadeur Orient'Est {context['school_year']} — {context['name']}",
        author="Région Grand Est",
    )
    _font()
    styles = getSampleStyleSheet()
    body = ParagraphStyle("corps", parent=styles["Normal"], fontName="Vera", fontSize=10, leading=15)
    small = ParagraphStyle("note", parent=body, fontSize=8.5, leading=11, textColor=GREY)
    cell = ParagraphStyle("cellule", parent=body, fontSize=8.5, leading=10.5)
    banner = ParagraphStyle("bandeau", parent=body, textColor=colors.white, fontSize=10)
    title = ParagraphStyle("titre", parent=banner, fontName="Vera-Bold", fontSize=15, leading=20)
    header = Table(
        [
            [Paragraph("Région Grand Est — Réseau Ambassadeurs-Ambassadrices Orient'Est", banner)],
            [Paragraph(f"Attestation d'intervention, année scolaire {_printable(context['school_year'])}", title)],
        ],
        colWidths=[page.width],
        style=TableStyle([("BACKGROUND", (0, 0), (-1, -1), BLUE), ("LEFTPADDING", (0, 0), (-1, -1), 12)]),
    )
    rows = [[Paragraph(f"<font color='#52606d'>{name}</font>", cell) for name in COLUMNS]]
    rows += [
        [Paragraph(_printable(str(given[key])), cell) for key in ("day", "structure", "commune", "public", "kind")]
        + [Paragraph(format_figure(given["participants"]), cell)]
        for given in context["interventions"]
    ]
    blank = [Paragraph("", cell) for _ in COLUMNS[1:-1]]
    rows.append([Paragraph("<b>Total</b>", cell), *blank, Paragraph(format_figure(context["participants"]), cell)])
    widths = [w * page.width for w in (0.25, 0.21, 0.15, 0.15, 0.15, 0.09)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#e4e7eb")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
        )
    )
    page.build(
        [
            header,
            Spacer(1, 8 * mm),
            Paragraph(_statement(context), body),
            Spacer(1, 4 * mm),
            table,
            Paragraph(
                "Effectif : le nombre de participants annoncé par la structure d'accueil ; aucune donnée d'élève "
                "n'est conservée.",
                small,
            ),
            Spacer(1, 10 * mm),
            Paragraph("Pour la Région Grand Est,<br/>l'équipe du réseau Ambassadeurs-Ambassadrices Orient'Est", body),
        ]
    )
    return buffer.getvalue()


def _statement(context: Mapping[str, Any]) -> str:
    who = f"<b>{_printable(context['name'])}</b>"
    if context.get("job"):
        who += f", {_printable(context['job'])}"
    if context.get("structure"):
        who += f" ({_printable(context['structure'])})"
    count = len(context["interventions"])
    given = "l'intervention suivante" if count == 1 else f"{count} interventions"
    return (
        f"La Région Grand Est atteste que {who}, ambassadeur ou ambassadrice du réseau Orient'Est, a présenté son "
        "métier, son secteur ou son parcours à des jeunes et à des adultes qui construisent leur projet "
        f"d'orientation, au cours de {given}, bénévolement et dans le respect de la charte du réseau."
    )
