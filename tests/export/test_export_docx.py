"""The DOCX read back with python-docx: styles, cover table, headings, properties, numbering."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from export_helpers import Exported, en_draft, write

from build_tools.export import export_drafts
from build_tools.export.reference_doc import reference_docx
from build_tools.render import pandoc as styles


def styles_used(path: Path) -> Counter[str]:
    return Counter(p.style.name for p in Document(str(path)).paragraphs)


def test_named_styles_for_every_element(en_ballot: Exported) -> None:
    used = styles_used(en_ballot.result.outputs["docx"])
    for name in styles.CUSTOM_STYLES:
        assert used[name] >= 1, (name, used)
    assert used["Heading 1"] >= 5 and used["Heading 2"] >= 3


def test_term_entry_paragraphs_in_order(en_ballot: Exported) -> None:
    doc = Document(str(en_ballot.result.outputs["docx"]))
    entry = [(p.style.name, p.text) for p in doc.paragraphs]
    start = entry.index((styles.TERM_NUMBER, "3.1"))
    assert entry[start:start + 8] == [
        (styles.TERM_NUMBER, "3.1"),
        (styles.PREFERRED, "avatar"),
        (styles.ADMITTED, "digital persona"),
        (styles.DEPRECATED, "DEPRECATED: puppet"),
        (styles.DEFINITION, "digital representation of a user in a virtual world"),
        (styles.EXAMPLE, "EXAMPLE A humanoid figure with a face and hands."),
        (styles.TERM_NOTE, "Note 1 to entry: An avatar can be non-humanoid."),
        (styles.SOURCE, '[SOURCE: ISO/IEC 2382:2015, 2121319, modified — "user" added]'),
    ]
    assert doc.paragraphs[start + 1].runs[0].bold


def test_numbered_headings_captions_and_tables(en_ballot: Exported) -> None:
    doc = Document(str(en_ballot.result.outputs["docx"]))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == ["Foreword", "1 Scope", "2 Normative references",
                            "3 Terms and definitions"]
    assert "4.1 General" in headings and "Annex A (informative) Use cases" in headings
    titles = {p.style.name: p.text for p in doc.paragraphs
              if p.style.name in (styles.TABLE_TITLE, styles.FIGURE_TITLE)}
    assert titles == {styles.TABLE_TITLE: "Table 1 — Parameters of the state",
                      styles.FIGURE_TITLE: "Figure 1 — Flow of scene data"}
    assert len(doc.tables) == 2  # the cover table and Table 1
    body = doc.tables[1]
    assert [c.text for c in body.rows[0].cells] == ["Parameter", "Value"]
    assert [c.text for c in body.rows[2].cells] == ["latency", "20 ms"]
    assert any(p.text == "It refers to 4.1, Table 1, Figure 1 and Annex A." or
               "4.1, Table 1, Figure 1 and Annex A" in p.text for p in doc.paragraphs)


def test_cover_table_and_properties(en_ballot: Exported) -> None:
    doc = Document(str(en_ballot.result.outputs["docx"]))
    first = doc.element.body[1]  # after the title paragraph
    assert first.tag == qn("w:tbl")
    cover = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert cover["Document"] == "MVS 9001"
    assert cover["Stage"] == "Committee Draft 1 (30.20)"
    assert cover["Date"] == "2026-11-28"
    assert cover["Committee"].startswith("MIIT Metaverse")
    assert cover["Title (en)"] == "Metaverse — Export test document"
    assert cover["Title (zh)"] == "元宇宙 导出测试文件"
    props = doc.core_properties
    assert props.title == "Metaverse — Export test document"
    assert props.subject == "MVS 9001"
    assert props.keywords == "metaverse, export"
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.header.paragraphs[0].text.split() == ["MVS", "9001", "Committee", "Draft", "1"]


def test_line_numbering_in_every_section(en_ballot: Exported, zh_ballot: Exported) -> None:
    for exported, restart in ((en_ballot, "continuous"), (zh_ballot, "newPage")):
        doc = Document(str(exported.result.outputs["docx"]))
        sections = doc.element.body.findall(".//" + qn("w:sectPr"))
        assert sections
        for sect in sections:
            ln = sect.find(qn("w:lnNumType"))
            assert ln is not None
            assert ln.get(qn("w:countBy")) == "1" and ln.get(qn("w:restart")) == restart
            # lnNumType comes after pgMar and before cols/docGrid (schema order).
            tags = [child.tag for child in sect]
            assert tags.index(qn("w:lnNumType")) > tags.index(qn("w:pgMar"))


def test_no_line_numbering_outside_a_ballot(repo: Path, tmp_path: Path) -> None:
    path = write(repo, "plain.md", en_draft(None))
    out = export_drafts([path], tmp_path / "out", ("docx",))[0].outputs
    assert set(out) == {"docx"}
    doc = Document(str(out["docx"]))
    assert doc.element.body.find(".//" + qn("w:lnNumType")) is None


def test_chinese_docx(zh_ballot: Exported) -> None:
    doc = Document(str(zh_ballot.result.outputs["docx"]))
    texts = [p.text for p in doc.paragraphs]
    assert "1\u3000范围" in texts
    assert "表1\u3000状态参数" in texts
    assert any(t.startswith("化身") and t.endswith("avatar") for t in texts)
    assert "注：化身可以是非人形的。" in texts


def test_reference_document_is_generated_reproducibly() -> None:
    data = reference_docx()
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        assert z.namelist()[0] == "[Content_Types].xml"
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    from build_tools.export.reference_doc import build, default_reference

    assert build(default_reference()) == data
    doc = Document(__import__("io").BytesIO(data))
    names = {s.name for s in doc.styles}
    assert set(styles.CUSTOM_STYLES) <= names


def test_text_typed_by_the_author_stays_literal(en_ballot: Exported) -> None:
    """pandoc reads more than CommonMark (math, citations, raw OpenXML, ~sub~): none of it
    may act on draft text."""
    doc = Document(str(en_ballot.result.outputs["docx"]))
    typed = next(p for p in doc.paragraphs if p.text.startswith("Typed as is:"))
    assert typed.text == ("Typed as is: $x$ and @cite and #set page(width: 1cm) and <b>bold</b> "
                          "and code and a // b and ~x~ and 1. and *stars* and link and a "
                          "footnote.")
    calls = next(p for p in doc.paragraphs if p.text.startswith("Calls end"))
    assert calls.text.startswith("Calls end where text begins: em(a) code(b) link.c strong[d] H2(O)")
    sub = next(r for r in calls.runs if r.text == "2")
    assert sub.font.subscript
    with zipfile.ZipFile(en_ballot.result.outputs["docx"]) as z:
        assert b"The footnote text." in z.read("word/footnotes.xml")
