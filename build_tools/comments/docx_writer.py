"""The collated comment table as the ISO/IEC/CEN/CENELEC template (2012-03), in DOCX.

The structure is that of the official file, because the IEC voting application accepts only
the unmodified template: A4 landscape; in the page header (so repeated on every page) a table
with the title and the Date:/Document:/Project: fields and a table with the 8 column headers;
a body table of 8 fixed-width columns with no header row and no merged cells, one row per
comment; the two footnotes, the page number and the version line in the footer.

Round-trip encoding (see `dispositions` and `docx_ids`): the MB/NC cell holds the member code,
the line cell the line as written ("12-15"), the observation cell starts with the disposition
("Accepted in principle — ..."), and comment ids are kept in the custom document properties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt, Twips

from build_tools.project import atomic_write

from .dispositions import encode_observation
from .docx_ids import add_custom_properties, fingerprint
from .iso_template import (
    BODY_STYLES,
    COLUMN_WIDTHS,
    DATE_FIELD,
    DOCUMENT_FIELD,
    FOOTER_DISTANCE,
    FOOTER_VERSION,
    FOOTNOTE_1,
    FOOTNOTE_2_PARTS,
    HEADER_CELLS,
    HEADER_DISTANCE,
    PAGE_HEIGHT,
    PAGE_MARGIN,
    PAGE_WIDTH,
    PROJECT_FIELD,
    TABLE_WIDTH,
    TITLE,
    TITLE_WIDTHS,
)
from .model import Comment
from .safety import xml_safe

_W = nsdecls("w")
_SINGLE = 'w:val="single" w:sz="6" w:space="0" w:color="auto"'


def _text(value: str) -> str:
    return escape(xml_safe(value))


def _run(text: str, props: str = "") -> str:
    """A run; newlines and tabs become w:br and w:tab, as python-docx reads them back."""
    parts = []
    for index, line in enumerate(text.split("\n")):
        if index:
            parts.append("<w:br/>")
        for tab_index, piece in enumerate(line.split("\t")):
            if tab_index:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{_text(piece)}</w:t>')
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def _tbl(widths: Iterable[int], borders: tuple[str, ...], rows: str) -> str:
    border_xml = "".join(f"<w:{side} {_SINGLE}/>" for side in borders)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f"<w:tbl {_W}><w:tblPr>"
        f'<w:tblW w:w="{TABLE_WIDTH}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{border_xml}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="99" w:type="dxa"/><w:right w:w="99" w:type="dxa"/>'
        "</w:tblCellMar>"
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="0" w:noVBand="0"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )


def _tr(cells: str, cant_split: bool) -> str:
    split = "<w:cantSplit/>" if cant_split else ""
    return (
        "<w:tr><w:tblPrEx><w:tblCellMar>"
        '<w:top w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        f'</w:tblCellMar></w:tblPrEx><w:trPr>{split}<w:jc w:val="center"/></w:trPr>{cells}</w:tr>'
    )


def _tc(width: int, borders: str, paragraphs: str) -> str:
    tc_borders = f"<w:tcBorders>{borders}</w:tcBorders>" if borders else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{tc_borders}</w:tcPr>{paragraphs}</w:tc>'
    )


def _title_table(document: str, project: str, date: str) -> str:
    nil = "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right"))
    boxed = f"<w:top {_SINGLE}/><w:left {_SINGLE}/><w:bottom {_SINGLE}/>"
    open_sides = f"<w:top {_SINGLE}/><w:bottom {_SINGLE}/>"
    spacing = '<w:spacing w:before="60" w:after="60"/>'
    title_props = '<w:b/><w:bCs/><w:color w:val="auto"/><w:sz w:val="22"/>'
    value_props = '<w:b/><w:sz w:val="20"/>'
    small = '<w:bCs/><w:sz w:val="20"/>'
    title = (
        f'<w:p><w:pPr><w:pStyle w:val="ISOComments"/>{spacing}</w:pPr>'
        f"{_run(TITLE, title_props)}</w:p>"
    )
    date_p = (
        f'<w:p><w:pPr><w:pStyle w:val="ISOChange"/>{spacing}<w:rPr><w:bCs/></w:rPr></w:pPr>'
        f"{_run(DATE_FIELD + ' ', '<w:bCs/>')}{_run(date, '<w:bCs/>') if date else ''}</w:p>"
    )
    document_p = (
        f'<w:p><w:pPr><w:pStyle w:val="ISOSecretObservations"/>{spacing}'
        f"<w:rPr>{small}</w:rPr></w:pPr>"
        f"{_run(DOCUMENT_FIELD, '<w:bCs/>')}{_run(' ' + document, value_props)}</w:p>"
    )
    project_p = (
        f'<w:p><w:pPr><w:pStyle w:val="ISOSecretObservations"/>{spacing}'
        f"<w:rPr>{small}</w:rPr></w:pPr>"
        f"{_run(PROJECT_FIELD, small)}{_run(' ' + project, value_props) if project else ''}</w:p>"
    )
    cells = (
        _tc(TITLE_WIDTHS[0], nil, title)
        + _tc(TITLE_WIDTHS[1], boxed, date_p)
        + _tc(TITLE_WIDTHS[2], open_sides, document_p)
        + _tc(TITLE_WIDTHS[3], open_sides, project_p)
    )
    borders = ("top", "left", "bottom", "right", "insideV")
    return _tbl(TITLE_WIDTHS, borders, _tr(cells, cant_split=True))


def _column_header_table() -> str:
    bold = '<w:b/><w:sz w:val="16"/><w:szCs w:val="16"/>'
    hint_props = '<w:bCs/><w:sz w:val="16"/>'
    mark_props = '<w:b/><w:bCs/><w:position w:val="6"/><w:sz w:val="12"/>'
    cells = []
    for index, (cell, width) in enumerate(zip(HEADER_CELLS, COLUMN_WIDTHS, strict=True)):
        after = "" if index == 3 else ' w:after="60"'
        first = (
            f'<w:p><w:pPr><w:keepLines/><w:spacing w:before="100"{after} w:line="190" '
            f'w:lineRule="exact"/><w:jc w:val="center"/><w:rPr>{bold}</w:rPr></w:pPr>'
            f"{_run(cell.name, bold)}"
        )
        if cell.mark:
            first += _run(cell.mark, mark_props)
        paragraphs = first + "</w:p>"
        if cell.hint:
            paragraphs += (
                '<w:p><w:pPr><w:keepLines/><w:spacing w:after="60" w:line="190" '
                f'w:lineRule="exact"/><w:jc w:val="center"/><w:rPr>{bold}</w:rPr></w:pPr>'
                f"{_run(cell.hint, hint_props)}</w:p>"
            )
        cells.append(_tc(width, "", paragraphs))
    borders = ("top", "left", "bottom", "right", "insideH", "insideV")
    return _tbl(COLUMN_WIDTHS, borders, _tr("".join(cells), cant_split=True))


def _body_row(values: list[str]) -> str:
    borders = f"<w:top {_SINGLE}/><w:bottom {_SINGLE}/>"
    cells = []
    for value, width, (_, style_id) in zip(values, COLUMN_WIDTHS, BODY_STYLES, strict=True):
        paragraph = (
            f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>'
            '<w:spacing w:before="60" w:after="60" w:line="240" w:lineRule="auto"/></w:pPr>'
            f"{_run(value) if value else ''}</w:p>"
        )
        cells.append(_tc(width, borders, paragraph))
    return _tr("".join(cells), cant_split=False)


def _footer_paragraphs() -> list[str]:
    base = '<w:sz w:val="16"/>'
    clear = '<w:tab w:val="clear" w:pos="4820"/><w:tab w:val="clear" w:pos="9639"/>'

    def para(tabs: str, jc: str, runs: str, spacing: bool = True) -> str:
        space = '<w:spacing w:before="20" w:after="20"/>' if spacing else ""
        return (
            f'<w:p {_W}><w:pPr><w:pStyle w:val="Footer"/><w:tabs>{clear}{tabs}</w:tabs>{space}'
            f'<w:jc w:val="{jc}"/><w:rPr>{base}</w:rPr></w:pPr>{runs}</w:p>'
        )

    def field(code: str) -> str:
        return (
            f'<w:r><w:rPr>{base}</w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:rPr>{base}</w:rPr><w:instrText xml:space="preserve"> {code} </w:instrText>'
            f'</w:r><w:r><w:rPr>{base}</w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r><w:rPr><w:noProof/>{base}</w:rPr><w:t>1</w:t></w:r>"
            f'<w:r><w:rPr>{base}</w:rPr><w:fldChar w:fldCharType="end"/></w:r>'
        )

    bold, plain = f"<w:b/>{base}", f"<w:bCs/>{base}"
    note1 = FOOTNOTE_1.split("(", 1)
    footnote_1 = (
        _run("1", plain)
        + _run("\t", plain)
        + _run("MB", bold)
        + _run(" = Member body / ", plain)
        + _run("NC", bold)
        + _run(" = National Committee ", plain)
        + _run("(" + note1[1].removesuffix("**)"), plain)
        + _run("**", bold)
        + _run(")", plain)
    )
    label, *kinds = FOOTNOTE_2_PARTS
    footnote_2 = _run("2", base) + _run("\t" + label, bold)
    for kind in kinds:
        code, meaning = kind.split(" ", 1)
        footnote_2 += _run("\t", plain) + _run(code, bold) + _run(" " + meaning, plain)
    tabs_1 = '<w:tab w:val="left" w:pos="284"/><w:tab w:val="left" w:pos="3969"/>'
    tabs_2 = "".join(
        f'<w:tab w:val="left" w:pos="{pos}"/>' for pos in (284, 1843, 2268, 3119, 4395)
    )
    page = _run("page ", base) + field("PAGE") + _run(" of ", base) + field("NUMPAGES")
    version = _run(FOOTER_VERSION, f"<w:i/><w:iCs/>{base}")
    return [
        para(tabs_1, "left", footnote_1),
        para(tabs_2, "left", footnote_2),
        para("", "right", page, spacing=False),
        para("", "left", version, spacing=False),
    ]


def _add_styles(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    done = set()
    for name, style_id in BODY_STYLES:
        if name in done:
            continue
        done.add(name)
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = style_id
        style.base_style = normal
        style.font.size = Pt(9)
        fmt = style.paragraph_format
        fmt.space_before = Twips(210)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Twips(210)
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _replace_children(container: BaseOxmlElement, fragments: list[str]) -> None:
    """Replace the content of a w:hdr, w:ftr or w:body (keeping its w:sectPr) by ``fragments``.

    Each fragment declares the namespace on its own root: lxml re-links the namespace of every
    node when it moves a subtree whose declaration stayed behind, which made a 1000-row table
    take half a minute.
    """
    for child in list(container):
        if child.tag != qn("w:sectPr"):
            container.remove(child)
    anchor = container.find(qn("w:sectPr"))
    for fragment in fragments:
        element = parse_xml(fragment)
        if anchor is None:
            container.append(element)
        else:
            anchor.addprevious(element)


def _paragraph(props: str = "") -> str:
    return f"<w:p {_W}><w:pPr>{props}</w:pPr></w:p>" if props else f"<w:p {_W}/>"


def row_values(comment: Comment) -> list[str]:
    """The 8 cell texts of a comment's body row."""
    line = comment.line_text or (str(comment.line) if comment.line is not None else "")
    return [
        xml_safe(value)
        for value in (
            comment.member or "",
            line,
            comment.clause or "",
            comment.element or "",
            comment.type or "",
            comment.comment or "",
            comment.proposed_change or "",
            encode_observation(comment.disposition, comment.observation),
        )
    ]


def write_docx(
    comments: list[Comment],
    path: str | Path,
    *,
    document: str = "",
    project: str = "",
    date: str | dt.date | None = None,
    stage: str | None = None,
    iteration: int | None = None,
) -> Path:
    """Write the comments as an ISO template DOCX at ``path`` (atomically).

    ``document`` and ``project`` fill the header fields "Document:" and "Project:"; ``date``
    fills "Date:" (a date is written as ISO 8601). ``stage`` and ``iteration`` are recorded in
    the custom properties with the comment ids.
    """
    doc = docx.Document()
    _add_styles(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Twips(PAGE_MARGIN))
    section.header_distance = Twips(HEADER_DISTANCE)
    section.footer_distance = Twips(FOOTER_DISTANCE)
    page_size = section._sectPr.pgSz  # noqa: SLF001 - python-docx exposes no paper code
    if page_size is not None:
        page_size.set(qn("w:code"), "9")  # 9 = A4, as in the official file

    date_text = date.isoformat() if isinstance(date, dt.date) else (date or "")
    _replace_children(
        section.header._element,  # noqa: SLF001 - the header part's w:hdr
        [
            _title_table(xml_safe(document), xml_safe(project), xml_safe(date_text)),
            _paragraph('<w:pStyle w:val="Header"/>'),
            _column_header_table(),
            _paragraph('<w:pStyle w:val="Header"/><w:rPr><w:sz w:val="2"/></w:rPr>'),
            _paragraph(
                '<w:pStyle w:val="Header"/><w:spacing w:line="14" w:lineRule="exact"/>'
                '<w:rPr><w:sz w:val="4"/></w:rPr>'
            ),
        ],
    )
    _replace_children(section.footer._element, _footer_paragraphs())  # noqa: SLF001

    rows = [row_values(c) for c in comments] or [[""] * len(COLUMN_WIDTHS)]
    body_rows = "".join(_body_row(values) for values in rows)
    borders = ("top", "left", "bottom", "right", "insideV")
    _replace_children(doc.element.body, [_tbl(COLUMN_WIDTHS, borders, body_rows), _paragraph()])

    ids = [(c.id or "", fingerprint(v[0], v[5])) for c, v in zip(comments, rows, strict=False)]
    meta = {"document": document, "format": "iso-2012-03"}
    if stage is not None:
        meta["stage"] = stage
    if iteration is not None:
        meta["iteration"] = str(iteration)
    add_custom_properties(doc, ids, meta)
    props = doc.core_properties
    props.title = TITLE
    props.subject = xml_safe(document)
    # python-docx's blank document would otherwise claim to be by "python-docx" in 2013.
    props.author = props.last_modified_by = "Clause"
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props.revision = 1
    props.comments = "Written by Clause"
    return atomic_write(path, lambda temp: doc.save(str(temp)))
