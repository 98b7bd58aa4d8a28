"""The Chinese example exports as a Chinese deliverable: GB cover, 目次 and the two indexes, in
the PDF (read back with pypdf) and the DOCX (read back with python-docx)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from chinese_helpers import ZH, copy_example
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from build_tools.export import export_drafts
from build_tools.export.cover import cover_of
from build_tools.parse import parse_file
from build_tools.render import pandoc as styles
from build_tools.render.indexes import term_indexes

CONTENTS = ["前言", "引言", "1\u3000范围", "2\u3000规范性引用文件", "3\u3000术语和定义", "参考文献",
            "汉语拼音索引", "英文对应词索引"]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    repo = copy_example(tmp_path_factory.mktemp("gb") / "repo")
    result = export_drafts([repo / "drafts" / ZH], repo / "out")[0]
    return {"draft": repo / "drafts" / ZH, **result.outputs}


def _text(page) -> str:  # noqa: ANN001
    return re.sub(r"[ \t]+", " ", page.extract_text())


def test_pdf_first_page_is_the_gb_cover(exported: dict[str, Path]) -> None:
    first = _text(PdfReader(exported["pdf"]).pages[0])
    compact = first.replace(" ", "")
    for line in ("ICS35.240.99;01.040.35", "CCSL70", "SJ", "中华人民共和国电子行业标准",
                 "SJ/T×××××—××××", "元宇宙", "术语", "Metaverse—Terminology",
                 "（第二次讨论稿）", "（本稿完成日期：2026-11-28）", "××××-××-××发布",
                 "××××-××-××实施", "中华人民共和国工业和信息化部"):
        assert line in compact, (line, first)
    # Top to bottom: codes, level line, identifier, titles, stage, dates, issuer and 发布.
    order = ["ICS", "中华人民共和国电子行业标准", "SJ/T", "元宇宙", "Metaverse", "第二次讨论稿",
             "发布", "实施", "中华人民共和国工业和信息化部"]
    places = [compact.find(x.replace(" ", "")) for x in order]
    assert places == sorted(places), first
    assert compact.rstrip().endswith("发布")
    assert "在提交反馈意见时" not in compact  # a 讨论稿 asks for no patents


def test_pdf_has_contents_then_body_then_both_indexes(exported: dict[str, Path]) -> None:
    pages = [_text(p) for p in PdfReader(exported["pdf"]).pages]
    assert "目次" in pages[1]
    for title in ("前言", "1 范围", "3 术语和定义", "参考文献", "汉语拼音索引", "英文对应词索引"):
        assert title.replace(" ", "") in pages[1].replace(" ", "").replace("\u3000", ""), title
    pinyin = next(i for i, p in enumerate(pages) if p.lstrip().find("汉语拼音索引") >= 0 and i > 1)
    english = next(i for i, p in enumerate(pages) if "英文对应词索引" in p and i > 1)
    assert english > pinyin == len(pages) - 2
    text = pages[pinyin].replace(" ", "")
    # 场景描述 (chǎng) before 沉浸式体验 (chén) before 城市元宇宙 (chéng) before 持久性 (chí).
    places = [text.find(t) for t in ("3D场景", "场景描述", "沉浸式体验", "城市元宇宙", "持久性",
                                     "增强现实", "自由度")]
    assert -1 not in places and places == sorted(places), text
    assert re.search(r"元宇宙\.*3\.1\b", text)
    assert "augmentedreality" in pages[english].replace(" ", "")


def test_pdf_cover_of_a_consultation_draft_asks_for_patents(tmp_path: Path) -> None:
    repo = copy_example(tmp_path / "repo")
    path = repo / "drafts" / ZH
    text = path.read_text(encoding="utf-8").replace("stage: WD\niteration: 2", "stage: CD\n"
                                                    "iteration: 1")
    path.write_text(text.replace("  ccs: L70", "  replaces: SJ/T 11000—2019\n  ccs: L70"),
                    encoding="utf-8")
    pdf = export_drafts([path], tmp_path / "out", ("pdf",))[0].outputs["pdf"]
    first = _text(PdfReader(pdf).pages[0]).replace(" ", "")
    assert "（征求意见稿）" in first
    assert "在提交反馈意见时，请将您知道的相关专利连同支持文件一并附上。" in first
    assert "代替SJ/T11000—2019" in first


def test_docx_opens_with_the_cover_lines_then_the_contents(exported: dict[str, Path]) -> None:
    doc = Document(str(exported["docx"]))
    cover = cover_of(parse_file(exported["draft"])).gb
    assert cover is not None
    texts = [p.text for p in doc.paragraphs]
    lines = [t for t in texts[:texts.index("目次")] if t.strip()]
    # Lines with a right-aligned partner (ICS + mark, 发布 + 实施) are one paragraph each.
    assert lines == [f"{cover.ics}\t{cover.mark}", cover.ccs, cover.level_line,
                     cover.identifier, cover.title, cover.title_en, cover.stage,
                     cover.completed, f"{cover.issued}\t{cover.effective}",
                     f"{cover.issuer}\u3000发布"]
    contents = [t.split("\t")[0] for t in texts[texts.index("目次") + 1:texts.index("目次") + 9]]
    assert contents == CONTENTS
    # Each entry ends with a page field on a bookmark of its heading; Word is asked to update
    # the fields when it opens the file.
    fields = [f.text.split() for f in doc.element.body.xpath(".//w:instrText")]
    marks = {m.get(qn("w:name")): m.getparent()
             for m in doc.element.body.iter(qn("w:bookmarkStart"))}
    assert [f[0] for f in fields[:len(CONTENTS)]] == ["PAGEREF"] * len(CONTENTS)
    headings = ["".join(t.text for t in marks[f[1]].iter(qn("w:t")))
                for f in fields[:len(CONTENTS)]]
    assert headings == CONTENTS
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    assert doc.sections[0].header.paragraphs[0].text.startswith("SJ/T ×××××—××××")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_libreoffice_shows_the_docx_contents_with_page_numbers(
        exported: dict[str, Path], tmp_path: Path) -> None:
    """The DOCX opened by LibreOffice (converted to PDF, as ``soffice --convert-to pdf``
    does): every 目次 entry shows the number of the page its heading is on."""
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(exported["docx"])],
                   check=True, capture_output=True, timeout=180)
    pages = [p.extract_text() for p in PdfReader(tmp_path / exported["docx"].with_suffix(
        ".pdf").name).pages]
    listed = {}
    for line in pages[1].splitlines():
        found = re.fullmatch(r"(.+?)\.+\s*(\d+)", _bare(line))
        if found:
            listed[found.group(1)] = int(found.group(2))
    assert list(listed) == [_bare(c) for c in CONTENTS], pages[1]
    for title, number in listed.items():
        # The heading is on the page of that number (pages count from the cover, as Word's
        # and LibreOffice's page fields do).
        on = [i + 1 for i, text in enumerate(pages)
              if i > 1 and title in [_bare(line) for line in text.splitlines()]]
        assert on and on[0] == number, (title, number, on)


def _bare(line: str) -> str:
    return re.sub(r"[ \t\u3000]", "", line)


def test_docx_ends_with_the_indexes_in_the_model_s_order(exported: dict[str, Path]) -> None:
    doc = Document(str(exported["docx"]))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[-2:] == ["汉语拼音索引", "英文对应词索引"]
    entries = [p.text for p in doc.paragraphs if p.style.name == styles.INDEX_ENTRY]
    expected = [f"{e.text}\u2003{e.number}" for ix in term_indexes(parse_file(exported["draft"]))
                for e in ix.entries]
    assert entries == expected
    letters = [p.text for p in doc.paragraphs if p.style.name == styles.INDEX_LETTER]
    assert letters[:4] == ["0–9", "C", "D", "F"]
