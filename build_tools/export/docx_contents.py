"""The 目次 (Contents) of the DOCX, with page numbers that Word and LibreOffice fill in.

The entries are the model's (``layout.contents``): every reader shows them as written. Each
one links to a bookmark on its heading and ends with a PAGEREF field to it. LibreOffice
computes such fields as it lays the pages out (also in ``soffice --convert-to pdf``); Word
fills them when it updates the document's fields, which it offers on opening because the
settings ask it to (``w:updateFields``), and before printing. A Word TOC field would not do:
LibreOffice shows the result of a TOC field as the static text it was saved with, so its
page numbers would stay empty there.

Bookmark names follow Word's rules (a letter or "_" first, letters, digits and "_", at most 40
characters), which pandoc's heading identifiers ("normative-references") do not.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml.etree import _Element

from build_tools.i18n.labels import LABELS
from build_tools.model import Draft
from build_tools.render.layout import contents
from build_tools.render.pandoc import identifiers

# CT_Settings children that come after w:updateFields (ECMA-376 Part 1, 17.15.1.78).
_AFTER_UPDATE_FIELDS = {qn(f"w:{tag}") for tag in (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator")}


def _headings(doc: DocumentObject) -> dict[str, _Element]:
    """pandoc's bookmark name -> the heading paragraph it stands before."""
    out: dict[str, _Element] = {}
    for mark in doc.element.body.iter(qn("w:bookmarkStart")):
        following = mark.getnext()
        if following is not None and following.tag == qn("w:p"):
            out.setdefault(mark.get(qn("w:name")), following)
    return out


def _bookmark(paragraph: _Element, name: str, ident: int) -> None:
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(ident))
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(end)


def _run(child: _Element) -> _Element:
    run = OxmlElement("w:r")
    run.append(child)
    return run


def _field_char(kind: str) -> _Element:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return _run(char)


def _link_and_page(entry: Paragraph, mark: str) -> None:
    """The entry's text as a link to ``mark``, then a tab and the PAGEREF field (its result
    empty until the application computes it: a number written here could only be wrong)."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), mark)
    link.set(qn("w:history"), "1")
    for run in entry._p.findall(qn("w:r")):
        link.append(run)
    entry._p.append(link)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" PAGEREF {mark} \\h "
    for element in (_run(OxmlElement("w:tab")), _field_char("begin"), _run(instr),
                    _field_char("separate"), _field_char("end")):
        entry._p.append(element)


def update_fields_on_open(doc: DocumentObject) -> None:
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    later = next((child for child in settings if child.tag in _AFTER_UPDATE_FIELDS), None)
    if later is not None:
        later.addprevious(flag)
    else:
        settings.append(flag)


def contents_paragraphs(doc: DocumentObject, draft: Draft) -> list[Paragraph]:
    """The title and the entries, appended to the document (the caller moves them into
    place); page fields and bookmarks for every entry whose heading pandoc wrote."""
    title = doc.add_paragraph(LABELS.get(draft.language, LABELS["en"])["contents"])
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].bold = True
    title.runs[0].font.size = Pt(16)
    made = [title]
    names = identifiers(draft)
    headings = _headings(doc)
    taken = [int(m.get(qn("w:id"), "0")) for m in doc.element.body.iter(qn("w:bookmarkStart"))]
    ident = max(taken, default=0)
    for n, (level, text, anchor) in enumerate(contents(draft), 1):
        entry = doc.add_paragraph(text, style=doc.styles[f"toc {min(level, 2)}"])
        heading = headings.get(names.get(anchor, anchor)) if anchor else None
        if heading is not None:
            ident += 1
            mark = f"_Toc_clause_{n}"
            _bookmark(heading, mark, ident)
            _link_and_page(entry, mark)
        made.append(entry)
    if len(made) > 1:
        update_fields_on_open(doc)
    return made
