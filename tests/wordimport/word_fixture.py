"""A Word draft built the way editors write one, with python-docx.

Heading styles with typed numbers ("5.2 Interfaces"), a terms clause in the ISO layout (number
line, bold term, admitted term, definition, note to entry, source), NOTE and EXAMPLE paragraphs,
two tables with captions above them, a figure with its caption below, footnotes (python-docx
has no footnote API: the footnotes part is added here), typed cross-references ("see 4.2",
"Table 1") and one tracked insertion. ``EXPECTED`` says what the import must recover.
"""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm
from docx.text.paragraph import Paragraph

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def png(width: int = 120, height: int = 60) -> bytes:
    """A small real PNG (a blue box with a frame): Word, pandoc and LibreOffice open it."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            edge = x in (0, width - 1) or y in (0, height - 1)
            row += bytes((0, 0, 0) if edge else (200, 220, 245))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))


class Footnotes:
    """The footnotes part python-docx lacks: separator footnotes, then one per ``add``."""

    def __init__(self, doc: Document) -> None:
        xml = (f'<w:footnotes {nsdecls("w")}>'
               '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
               '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
               '<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>')
        self.element = parse_xml(xml)
        self.doc = doc
        self.count = 0

    def add(self, paragraph: Paragraph, text: str) -> None:
        self.count += 1
        n = str(self.count)
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/>'
            '</w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>')
        self.element.append(note)
        run = paragraph.add_run()
        rpr = run._r.get_or_add_rPr()
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript")
        rpr.append(align)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), n)
        run._r.append(ref)

    def attach(self) -> None:
        from lxml import etree

        blob = etree.tostring(self.element, xml_declaration=True, encoding="UTF-8",
                              standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_CT, blob, self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)


def tracked_insertion(paragraph: Paragraph, text: str, author: str) -> None:
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "901")
    ins.set(qn("w:author"), author)
    ins.set(qn("w:date"), "2026-11-20T10:00:00Z")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    ins.append(run)
    paragraph._p.append(ins)


def _style(doc: Document, name: str, base: str = "Normal") -> None:
    if name not in [s.name for s in doc.styles]:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles[base]


def _table(doc: Document, rows: list[list[str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = doc.styles["Table Grid"]
    for values, row in zip(rows, table.rows, strict=True):
        for value, cell in zip(values, row.cells, strict=True):
            cell.text = value


TITLE = "Metaverse — Digital identity — Requirements for identity providers"
TABLE_1 = [["Attribute", "Required", "Description"],
           ["identifier", "yes", "unique within the identity provider"],
           ["display name", "no", "name shown to other users"],
           ["public key", "yes", "key used to verify signed assertions"]]
TABLE_2 = [["Step", "Action"],
           ["1", "the user opens the wallet"],
           ["2", "the platform requests an assertion"]]
INSERTED = " with the key of the identity provider"
COMMENTED = "Each assertion shall be signed"


def build(path: Path, *, tracked: bool = True) -> Path:
    """The English draft: ISO layout, typed numbers, Heading styles."""
    doc = Document()
    _style(doc, "Caption")
    notes = Footnotes(doc)
    core = doc.core_properties
    core.title = TITLE
    core.subject = "MVS 0009"
    core.author = "Wang Fang; Li Ming"
    core.keywords = "metaverse, digital identity"
    core.language = "en-GB"
    core.created = dt.datetime(2026, 11, 2, 9, 0)

    # The cover, typed as editors type it.
    doc.add_paragraph("MVS 0009 WD 1")
    doc.add_paragraph("Date: 2026-11-02")
    doc.add_paragraph("Committee: MIIT Metaverse Standardization Working Group, WG 3 Identity")
    doc.add_paragraph().add_run(TITLE).bold = True
    doc.add_page_break()

    doc.add_heading("Foreword", 1)
    doc.add_paragraph("This document was drafted in accordance with the editorial rules of the "
                      "ISO/IEC Directives, Part 2 (see www.iso.org/directives).")
    doc.add_paragraph("Attention is drawn to the possibility that some of the elements of this "
                      "document may be the subject of patent rights. The issuing body of this "
                      "document is not responsible for identifying any or all such patent rights.")

    doc.add_heading("Introduction", 1)
    p = doc.add_paragraph("Users of metaverse platforms move between virtual worlds with one "
                          "identity, and identity providers issue the assertions that let them "
                          "do so.")
    notes.add(p, "The term identity provider is used as in ISO/IEC 24760-1.")

    doc.add_heading("1 Scope", 1)
    doc.add_paragraph("This document specifies requirements for identity providers of "
                      "metaverse platforms.")

    doc.add_heading("2 Normative references", 1)
    doc.add_paragraph("The following documents are referred to in the text in such a way that "
                      "some or all of their content constitutes requirements of this document. "
                      "For dated references, only the edition cited applies. For undated "
                      "references, the latest edition of the referenced document (including any "
                      "amendments) applies.")
    ref = doc.add_paragraph("ISO/IEC 24760-1:2019, ")
    ref.add_run("IT Security and Privacy — A framework for identity management — Part 1: "
                "Terminology and concepts").italic = True

    doc.add_heading("3 Terms and definitions", 1)
    doc.add_paragraph("For the purposes of this document, the terms and definitions given in "
                      "ISO/IEC 24760-1 and the following apply.")
    doc.add_paragraph("ISO and IEC maintain terminology databases for use in standardization at "
                      "the following addresses:")
    doc.add_paragraph("ISO Online browsing platform: available at https://www.iso.org/obp",
                      style="List Bullet")
    doc.add_paragraph("IEC Electropedia: available at https://www.electropedia.org/",
                      style="List Bullet")
    doc.add_heading("3.1", 2)
    doc.add_paragraph().add_run("identity provider").bold = True
    doc.add_paragraph().add_run("IdP").bold = True
    doc.add_paragraph("entity that makes available identity information")
    doc.add_paragraph("Note 1 to entry: An identity provider can serve several metaverse "
                      "platforms.")
    doc.add_paragraph("[SOURCE: ISO/IEC 24760-1:2019, 3.3.2, modified — Note 1 to entry added]")
    doc.add_heading("3.2", 2)
    doc.add_paragraph().add_run("assertion").bold = True
    doc.add_paragraph("DEPRECATED: claim token")
    doc.add_paragraph("statement made by an identity provider (3.1) about a subject")
    doc.add_paragraph("EXAMPLE A signed statement that the user is over 18 years old.")
    doc.add_heading("3.3 wallet", 2)
    doc.add_paragraph("a software component that holds the credentials of a user")  # TERM-01

    doc.add_heading("4 Requirements", 1)
    doc.add_heading("4.1 General", 2)
    p = doc.add_paragraph("An identity provider shall support the attributes of Table 1 and "
                          "the flow shown in Figure 1.")
    notes.add(p, "Further attributes can be agreed between platforms.")
    doc.add_paragraph("NOTE Attributes marked as not required can be omitted.")
    doc.add_paragraph("Table 1 — Identity attributes", style="Caption")
    _table(doc, TABLE_1)
    doc.add_paragraph().add_run().add_picture(str(_png_file(path)), width=Cm(6))
    doc.add_paragraph("Figure 1 — Assertion flow", style="Caption")
    doc.add_heading("4.2 Assertions", 2)
    p = doc.add_paragraph()
    signed = p.add_run(COMMENTED)
    doc.add_comment(signed, text="Which key? Say it.", author="Zhao Lei", initials="ZL")
    if tracked:
        tracked_insertion(p, INSERTED, "Li Ming")
    p.add_run(". The signature shall be verifiable with the public key given in Table 1 "
              "(see 4.1).")
    doc.add_paragraph("NOTE 1 The key can be rotated.")
    doc.add_paragraph("NOTE 2 Annex A gives an example.")

    doc.add_heading("Annex A (informative) Example of an assertion flow", 1)
    doc.add_heading("A.1 Steps", 2)
    doc.add_paragraph("The steps of the flow of 4.2 are given in Table A.1.")
    doc.add_paragraph("Table A.1 — Steps of an assertion flow", style="Caption")
    _table(doc, TABLE_2)
    doc.add_heading("A.2 Result", 2)
    doc.add_paragraph("The platform admits the user.")

    doc.add_heading("Bibliography", 1)
    doc.add_paragraph("[1] ISO/IEC 29115:2013, Information technology — Security techniques — "
                      "Entity authentication assurance framework")
    notes.attach()
    doc.save(str(path))
    return path


ZH_TITLE = "元宇宙 数字身份 身份提供者要求"


def build_zh(path: Path) -> Path:
    """The Chinese draft: GB layout, full-width spaces after typed numbers, the term and its
    English equivalent on one line, "注：" notes, "表1　…" captions, a three-line annex title."""
    doc = Document()
    core = doc.core_properties
    core.title = ZH_TITLE
    core.author = "王芳、李明"
    core.language = "zh-CN"
    doc.add_paragraph("MVS 0009")
    doc.add_paragraph().add_run(ZH_TITLE).bold = True
    doc.add_paragraph("Metaverse — Digital identity — Requirements for identity providers")
    doc.add_paragraph("征求意见稿")
    doc.add_paragraph("2026-11-02 发布")
    doc.add_heading("前言", 1)
    doc.add_paragraph("本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》"
                      "的规定起草。")
    doc.add_paragraph("请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。")
    doc.add_heading("1\u3000范围", 1)
    doc.add_paragraph("本文件规定了元宇宙平台身份提供者的要求。")
    doc.add_heading("2\u3000规范性引用文件", 1)
    doc.add_paragraph("本文件没有规范性引用文件。")
    doc.add_heading("3\u3000术语和定义", 1)
    doc.add_paragraph("下列术语和定义适用于本文件。")
    doc.add_heading("3.1", 2)
    term = doc.add_paragraph()
    term.add_run("身份提供者").bold = True
    term.add_run("\u3000identity provider")
    doc.add_paragraph("提供身份信息的实体。")
    doc.add_paragraph("注：一个身份提供者通常服务多个元宇宙平台。")
    doc.add_paragraph("[来源：ISO/IEC 24760-1:2019，3.3.2，有修改]")
    doc.add_heading("4\u3000要求", 1)
    doc.add_heading("4.1\u3000属性", 2)
    doc.add_paragraph("身份提供者应支持表1给出的属性。")
    doc.add_paragraph("注 1：非必需的属性由平台之间商定。")
    doc.add_paragraph("注 2：附录A给出了示例。")
    doc.add_paragraph("表1\u3000身份属性")
    _table(doc, [["属性", "必需", "说明"], ["标识符", "是", "在身份提供者内唯一"],
                 ["公钥", "是", "用于验证断言的密钥"]])
    doc.add_heading("4.2\u3000断言", 2)
    doc.add_paragraph("断言应使用表1中的公钥签名（见4.1）。")
    doc.add_heading("附录A", 1)
    doc.add_paragraph("（资料性）")
    doc.add_paragraph("断言流程示例")
    doc.add_heading("A.1\u3000步骤", 2)
    doc.add_paragraph("流程的步骤见图A.1。")
    doc.add_paragraph().add_run().add_picture(str(_png_file(path)), width=Cm(5))
    doc.add_paragraph("图A.1\u3000断言流程")
    doc.add_heading("A.2\u3000结果", 2)
    doc.add_paragraph("平台接纳该用户。")
    doc.add_heading("参考文献", 1)
    doc.add_paragraph("[1]\u3000ISO/IEC 24760-1:2019 IT Security and Privacy — A framework for "
                      "identity management — Part 1: Terminology and concepts")
    doc.save(str(path))
    return path


def _png_file(path: Path) -> Path:
    image = path.with_suffix(".png")
    image.write_bytes(png())
    return image


if __name__ == "__main__":  # pragma: no cover - to look at the fixture in Word
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "word-draft.docx")
    print(build_zh(target) if "zh" in target.name else build(target))
