"""The DOCX: pandoc from the model's pandoc Markdown, finished with python-docx.

pandoc lays out the body with the generated reference document (styles by name, the
``custom-style`` divs of render/pandoc.py). python-docx then adds what pandoc cannot: the cover
table, the header and page numbers, the core properties, and in a ballot Word's own line
numbering (``w:lnNumType``) in every section. Last, the zip is rewritten with fixed time stamps.
"""

from __future__ import annotations

import io
import os
import subprocess
import warnings
from collections.abc import Mapping
from pathlib import Path

import pypandoc
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from build_tools.errors import tool_message
from build_tools.export.cover import Cover, GbCover, one_line
from build_tools.export.docx_contents import contents_paragraphs
from build_tools.export.errors import ExportError
from build_tools.export.limits import check_source
from build_tools.export.reference_doc import reference_docx
from build_tools.export.reproducible import build_time, normalise_zip
from build_tools.model import Draft
from build_tools.render.pandoc import PANDOC_FROM, to_pandoc

# CT_SectPr children that must follow w:lnNumType (ECMA-376 Part 1, 17.6.17).
_AFTER_LN_NUM = {qn(f"w:{tag}") for tag in (
    "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
    "rtlGutter", "docGrid", "printerSettings", "sectPrChange")}
RESTART = {"continuous": "continuous", "per-page": "newPage"}


class PandocWarning(UserWarning):
    """pandoc wrote the DOCX but reported a problem."""


def run_pandoc(markdown: str, build: Path, output: Path) -> None:
    source = build / "draft.md"
    source.write_text(markdown, encoding="utf-8")
    reference = build / "reference.docx"
    reference.write_bytes(reference_docx())
    args = [pypandoc.get_pandoc_path(), source.name, "-f", PANDOC_FROM, "-t", "docx",
            "--reference-doc", reference.name, "--resource-path", ".", "-o", str(output)]
    done = subprocess.run(args, cwd=build, capture_output=True, text=True,
                          env={**os.environ, "LC_ALL": "C.UTF-8"})
    if done.returncode != 0:
        raise RuntimeError(f"pandoc failed (exit {done.returncode}): "
                           f"{tool_message(done.stderr)}")
    for line in done.stderr.splitlines():
        # Without rsvg-convert pandoc embeds SVG figures with no PNG copy: Word 2016 and later
        # show them, LibreOffice does not. `clause doctor` says so once; not every export.
        if line.startswith("[WARNING]") and "rsvg-convert" not in line:
            warnings.warn(f"pandoc: {line[9:].strip()}", PandocWarning, stacklevel=2)


def _suppress_line_numbers(paragraph: Paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:suppressLineNumbers")) is None:
        ppr.append(OxmlElement("w:suppressLineNumbers"))


def add_cover(doc: DocumentObject, cover: Cover) -> None:
    """Title block, a cover table (id, stage, date, committee, titles), the warning, then a
    page break, all placed before the first paragraph pandoc wrote."""
    first = doc.element.body[0]
    made: list[Paragraph] = []
    title = doc.add_paragraph()
    title.add_run(cover.id).bold = True
    title.runs[0].font.size = Pt(16)
    made.append(title)
    rows = [(cover.label("document"), cover.id),
            (cover.label("stage"), f"{cover.stage} ({cover.stage_code})"),
            (cover.label("date"), cover.date),
            (cover.label("committee"), cover.committee)]
    rows += [(f"{cover.label('title')} ({lang})", text) for lang, text in cover.titles]
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = doc.styles["Table"]
    for (label, text), row in zip(rows, table.rows, strict=True):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(text)
        made.extend(c.paragraphs[0] for c in row.cells)
    warnings = [doc.add_paragraph(p, style="Note") for p in cover.warning]
    made.extend(warnings)
    page_break = doc.add_paragraph()
    page_break.add_run().add_break(WD_BREAK.PAGE)
    made.append(page_break)
    for element in (title._p, table._tbl, *(w._p for w in warnings), page_break._p):
        first.addprevious(element)
    for paragraph in made:
        _suppress_line_numbers(paragraph)  # the numbered lines are the body's


TEXT_WIDTH = Mm(165)  # A4 less the margins of reference_doc.py


def _line(doc: DocumentObject, made: list[Paragraph], text: str = "", size: float = 10.5,
          bold: bool = False, align: WD_ALIGN_PARAGRAPH | None = None,
          before: float = 0) -> Paragraph:
    paragraph = doc.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(2)
    made.append(paragraph)
    return paragraph


def _right_tab(paragraph: Paragraph, right: str, size: float, bold: bool = False) -> None:
    """``right`` set flush right on the paragraph's line (a right tab stop at the margin)."""
    paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    run = paragraph.add_run("\t" + right)
    run.font.size = Pt(size)
    run.bold = bold


def _rule_below(paragraph: Paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def gb_cover_paragraphs(doc: DocumentObject, gb: GbCover) -> list[Paragraph]:
    """The GB cover (GB/T 1.1—2020, 8.1), line by line as export/cover.py lists them."""
    made: list[Paragraph] = []
    center = WD_ALIGN_PARAGRAPH.CENTER
    codes = _line(doc, made, gb.ics)
    _right_tab(codes, gb.mark, 26, bold=True)
    _line(doc, made, gb.ccs)
    _line(doc, made, gb.level_line, 20, True, center, before=24)
    ident = _line(doc, made, gb.identifier, 13, align=WD_ALIGN_PARAGRAPH.RIGHT, before=12)
    if gb.replaces:
        ident = _line(doc, made, gb.replaces, 10.5, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _rule_below(ident)
    _line(doc, made, gb.title, 24, True, center, before=110)
    if gb.title_en:
        _line(doc, made, gb.title_en, 13, align=center, before=12)
    _line(doc, made, gb.stage, 14, align=center, before=30)
    if gb.completed:
        _line(doc, made, gb.completed, 10.5, align=center)
    if gb.patent:
        _line(doc, made, gb.patent, 10.5, align=center, before=18)
    dates = _line(doc, made, gb.issued, 13, before=150)
    _right_tab(dates, gb.effective, 13)
    _rule_below(dates)
    _line(doc, made, f"{gb.issuer}\u3000{gb.issuer_tail}", 16, align=center, before=12)
    return made


def _page_before(doc: DocumentObject, first: object, made: list[Paragraph]) -> None:
    """``made`` and a page break, moved before ``first``, without line numbers."""
    page_break = doc.add_paragraph()
    page_break.add_run().add_break(WD_BREAK.PAGE)
    made.append(page_break)
    for paragraph in made:
        first.addprevious(paragraph._p)  # type: ignore[attr-defined]
        _suppress_line_numbers(paragraph)


def add_gb_cover(doc: DocumentObject, gb: GbCover) -> None:
    """The GB cover and a page break before the first paragraph pandoc wrote."""
    _page_before(doc, doc.element.body[0], gb_cover_paragraphs(doc, gb))


def add_contents(doc: DocumentObject, draft: Draft) -> None:
    """The table of contents (目次 / Contents) on a page of its own after the cover
    (export/docx_contents.py: entries from the model, page numbers as fields)."""
    _page_before(doc, doc.element.body[0], contents_paragraphs(doc, draft))


def add_running_header(doc: DocumentObject, cover: Cover) -> None:
    ident = cover.gb.identifier if cover.gb else cover.id
    for section in doc.sections:
        # The cover page has neither header nor page number.
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0]
        header.text = f"{ident}\t\t{cover.stage}"
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        footer._p.append(field)
        # Word never numbers header and footer lines; LibreOffice does unless told not to.
        _suppress_line_numbers(header)
        _suppress_line_numbers(footer)


def number_lines(doc: DocumentObject, mode: str) -> None:
    """Word's line numbering, every line counted, in every section of the document."""
    for section in doc.sections:
        sect_pr = section._sectPr
        for old in sect_pr.findall(qn("w:lnNumType")):
            sect_pr.remove(old)
        ln = OxmlElement("w:lnNumType")
        ln.set(qn("w:countBy"), "1")
        ln.set(qn("w:restart"), RESTART[mode])
        later = next((child for child in sect_pr if child.tag in _AFTER_LN_NUM), None)
        if later is not None:
            later.addprevious(ln)
        else:
            sect_pr.append(ln)


def set_properties(doc: DocumentObject, draft: Draft, cover: Cover, epoch: int | None) -> None:
    props = doc.core_properties
    props.title = cover.titles[0][1] if cover.titles else cover.id
    props.subject = cover.id
    props.author = "; ".join(cover.authors)
    props.category = cover.stage
    props.comments = f"{cover.id}, {cover.stage}, {cover.date}"
    keywords = draft.meta.get("keywords")
    props.keywords = ", ".join(map(one_line, keywords)) if isinstance(keywords, list) else ""
    props.language = "zh-CN" if draft.language == "zh" else "en"
    props.last_modified_by = "Clause"
    props.revision = 1
    when = build_time(epoch).replace(tzinfo=None)  # python-docx writes naive times as UTC
    props.created = props.modified = when
    props.last_printed = when


def build_docx(draft: Draft, cover: Cover, images: Mapping[str, str], build: Path, output: Path,
               line_numbering: str | None, epoch: int | None) -> None:
    raw = build / "pandoc.docx"
    source = to_pandoc(draft, images)
    check_source(draft, source, "pandoc")
    try:
        run_pandoc(source, build, raw)
    except RuntimeError as exc:
        raise ExportError(draft.path, 1, str(exc)) from exc
    doc = Document(str(raw))
    add_contents(doc, draft)
    if cover.gb is not None:
        add_gb_cover(doc, cover.gb)
    else:
        add_cover(doc, cover)
    add_running_header(doc, cover)
    if line_numbering is not None:
        number_lines(doc, line_numbering)
    set_properties(doc, draft, cover, epoch)
    out = io.BytesIO()
    doc.save(out)
    output.write_bytes(normalise_zip(out.getvalue(), epoch))
