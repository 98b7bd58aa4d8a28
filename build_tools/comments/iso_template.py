"""The ISO/IEC/CEN/CENELEC "Template for comments and secretariat observations", version 2012-03.

Every string here was read from the official DOCX (word/header2.xml, word/footer2.xml); the
writer reproduces the same XML structure and the readers recognise the same headers. In the
official file the footnote marks "1" and "2" of "MB/NC¹" and "Type of comment²" are separate
runs raised by 3 pt (``w:position=6``), not Unicode superscripts; the cell text is therefore
"MB/NC1", which `HEADER_TEXTS` records, while `HEADER_LABELS` shows them as rendered.
"""

from __future__ import annotations

from typing import NamedTuple

TITLE = "Template for comments and secretariat observations"
DATE_FIELD = "Date:"
DOCUMENT_FIELD = "Document:"
PROJECT_FIELD = "Project:"


class HeaderCell(NamedTuple):
    """One column header: bold name, optional raised footnote mark, optional example hint."""

    name: str
    mark: str | None = None
    hint: str | None = None


HEADER_CELLS = (
    HeaderCell("MB/NC", mark="1"),
    HeaderCell("Line number", hint="(e.g. 17)"),
    HeaderCell("Clause/ Subclause", hint="(e.g. 3.1)"),
    HeaderCell("Paragraph/ Figure/ Table/", hint="(e.g. Table 1)"),
    HeaderCell("Type of comment", mark="2"),
    HeaderCell("Comments"),
    HeaderCell("Proposed change"),
    HeaderCell("Observations of the secretariat"),
)
# The 8 column names of FORMAT.md, used as the header row of XLSX and CSV output.
COLUMN_NAMES = tuple(cell.name for cell in HEADER_CELLS)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Header cell text as python-docx reads it (paragraphs joined by "\n").
HEADER_TEXTS = tuple(
    cell.name + (cell.mark or "") + (f"\n{cell.hint}" if cell.hint else "") for cell in HEADER_CELLS
)
# The same, with the raised marks shown as superscripts: "MB/NC¹", "Type of comment²".
HEADER_LABELS = tuple(
    cell.name + (cell.mark or "").translate(_SUPERSCRIPT) + (f"\n{cell.hint}" if cell.hint else "")
    for cell in HEADER_CELLS
)
# The model field each column holds, by position (the body table has no header row).
COLUMN_FIELDS = (
    "member",
    "line",
    "clause",
    "element",
    "type",
    "comment",
    "proposed_change",
    "observation",
)

# Widths in twentieths of a point, as in the official tblGrid.
COLUMN_WIDTHS = (606, 908, 1209, 1209, 1115, 4177, 4233, 2419)
TITLE_WIDTHS = (7740, 2410, 3119, 2607)
TABLE_WIDTH = 15876
# Paragraph styles of the body cells: (style name, style id) as in the official styles.xml.
BODY_STYLES = (
    ("ISO_MB", "ISOMB"),
    ("ISO_Clause", "ISOClause"),
    ("ISO_Clause", "ISOClause"),
    ("ISO_Paragraph", "ISOParagraph"),
    ("ISO_Comm_Type", "ISOCommType"),
    ("ISO_Comments", "ISOComments"),
    ("ISO_Change", "ISOChange"),
    ("ISO_Secret_Observations", "ISOSecretObservations"),
)
# A4 landscape with 15 mm margins, header and footer 10 mm from the edge (twips).
PAGE_WIDTH, PAGE_HEIGHT = 16840, 11907
PAGE_MARGIN = 851
HEADER_DISTANCE = FOOTER_DISTANCE = 567

FOOTNOTE_1 = (
    "MB = Member body / NC = National Committee (enter the ISO 3166 two-letter country code, "
    "e.g. CN for China; comments from the ISO/CS editing unit are identified by **)"
)
# Footnote 2 is laid out with tab stops; the trailing spaces are the official file's.
FOOTNOTE_2_PARTS = ("Type of comment:", "ge = general", "te = technical ", "ed = editorial ")
FOOTNOTE_2 = "\t".join(FOOTNOTE_2_PARTS)
# The official footer has two spaces after "CENELEC"; kept so the text matches the file.
FOOTER_VERSION = "ISO/IEC/CEN/CENELEC  electronic balloting commenting template/version 2012-03"
