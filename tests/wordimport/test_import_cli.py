"""``clause import`` as an editor runs it: what it writes and prints, what it refuses, and the
report entries that point at a paragraph of the DOCX."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from needs import need_soffice
from word_fixture import build

from build_tools.cli import main
from build_tools.office import convert
from build_tools.parse import parse_file
from build_tools.wordimport.importer import import_docx
from build_tools.wordimport.report import UNMAPPED


@pytest.fixture
def here(tmp_path: Path) -> Path:
    old = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def test_import_writes_the_draft_and_prints_report_and_lint(here: Path) -> None:
    docx = build(here / "identity.docx")
    result = CliRunner().invoke(main, ["import", str(docx), "--report", "report.json"])
    assert result.exit_code == 0, result.output
    draft = here / "drafts" / "mvs-0009.md"
    assert draft.is_file() and (here / "drafts" / "figures" / "mvs-0009-assertion-flow.png").is_file()
    assert "wrote drafts/mvs-0009.md and 1 figure(s)" in result.output
    assert "identity.docx: paragraph" in result.output and "insertion by Li Ming" in result.output
    assert "1 tracked change(s) accepted; 1 comment(s) not imported" in result.output
    assert "error TERM-01" in result.output and "1 draft checked: 1 errors" in result.output
    report = json.loads((here / "report.json").read_text(encoding="utf-8"))
    assert {e["kind"] for e in report["entries"]} == {"tracked-change", "comment"}
    # A second import does not overwrite the editor's draft.
    again = CliRunner().invoke(main, ["import", str(docx)])
    assert again.exit_code == 2 and "exists (use --force to overwrite)" in again.output
    assert CliRunner().invoke(main, ["import", str(docx), "--force"]).exit_code == 0


def test_options_choose_language_id_and_output(here: Path) -> None:
    docx = build(here / "identity.docx")
    result = CliRunner().invoke(main, ["import", str(docx), "--id", "MVS 0042", "--out",
                                       "work/identity.md", "--no-lint"])
    assert result.exit_code == 0, result.output
    draft = parse_file(here / "work" / "identity.md")
    assert draft.meta["id"] == "MVS 0042" and draft.language == "en"
    assert "draft checked" not in result.output


@pytest.mark.parametrize("content, message", [
    (b"%PDF-1.7 not a word file", "not a DOCX file"),
    (None, "not a Word document (no word/document.xml)"),
])
def test_files_that_are_not_word_drafts_are_refused(here: Path, content: bytes | None,
                                                    message: str) -> None:
    path = here / "draft.docx"
    if content is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "a zip, not a DOCX")
    else:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 2
    assert f"draft.docx: {message}" in result.output
    assert not (here / "drafts").exists()


def test_unmapped_content_is_reported_with_its_paragraph(tmp_path: Path) -> None:
    doc = Document()
    doc.add_heading("Scope", 1)
    doc.add_paragraph("This document specifies the widgets.")
    doc.add_heading("4 Widgets", 1)
    doc.add_heading("4.1.1 Deep", 3)  # a level skipped
    doc.add_paragraph("Table 1 — Sizes")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Size"
    table.cell(1, 0).text = "small"
    table.cell(1, 1).text = "large"
    doc.save(str(tmp_path / "w.docx"))
    result = import_docx(tmp_path / "w.docx", tmp_path / "drafts" / "w.md", lint=False)
    entries = {e.message: e for e in result.report.of(UNMAPPED)}
    level = entries["a heading of level 3 under a heading of level 1: imported at level 2"]
    assert (level.paragraph, level.excerpt) == (4, "4.1.1 Deep")
    merged = entries["table: merged cells were split (the merged text is in the first cell)"]
    assert merged.paragraph == 6 and merged.clause == "4.1.1"  # as the Word draft numbers it
    typed = entries["typed number 4.1.1, but Clause numbers it 2.1 (typed references to it "
                    "still point here)"]
    assert typed.paragraph == 4
    assert "w.docx: paragraph 4, in 4, \"4.1.1 Deep\": unmapped: a heading of level 3" \
        in "\n".join(result.report.lines())


def test_word_97_and_wps_files_are_converted_with_libreoffice(tmp_path: Path) -> None:
    need_soffice()
    docx = build(tmp_path / "identity.docx", tracked=False)
    [doc] = convert([docx], "doc", tmp_path / "old")
    result = import_docx(doc, tmp_path / "drafts" / "identity.md", lint=False)
    draft = parse_file(result.draft)
    assert [c.number for c in draft.walk()][:6] == ["", "", "1", "2", "3", "4"]
    assert [t.preferred for t in draft.terms] == ["identity provider", "assertion", "wallet"]
    assert [t.caption for t in draft.tables] == ["Identity attributes",
                                                 "Steps of an assertion flow"]


def test_what_the_editor_typed_stays_text(tmp_path: Path) -> None:
    # Text that Markdown, YAML or HTML would read as markup comes back as the same text.
    title = 'Widgets: "quoted" — back\\slash --- {#x} # not [a](b)'
    lines = ["# not a heading *not emphasis* [not](a-link) {#not-an-anchor} <b>not html</b>",
             "1. not a list", "- not a list either", "> not a quotation", "<!-- not hidden -->",
             "[^1] not a footnote, a_b_c and 2*3*4 and `ticks` and ~~strike~~ and &amp; and |"]
    doc = Document()
    doc.core_properties.title = title
    doc.add_heading("Scope", 1)
    for line in lines:
        doc.add_paragraph(line)
    doc.add_heading("Weird {#id} *heading* [x]", 1)
    doc.add_paragraph("Body.")
    doc.save(str(tmp_path / "w.docx"))
    result = import_docx(tmp_path / "w.docx", tmp_path / "drafts" / "w.md", lint=False)
    draft = parse_file(result.draft)
    assert not draft.problems
    assert draft.meta["title"] == {"en": title}
    scope = draft.find("scope")
    assert scope is not None
    assert [b.text for b in scope.blocks] == lines
    assert [c.title_phrase.text for c in draft.clauses if c.title_phrase] == [
        "Scope", "Weird {#id} *heading* [x]"]


def test_a_broken_document_part_is_refused_clearly(here: Path) -> None:
    with zipfile.ZipFile(here / "broken.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<<not xml")
    result = CliRunner().invoke(main, ["import", "broken.docx"])
    assert result.exit_code == 2
    assert "broken.docx: pandoc cannot read it" in result.output
    assert "Traceback" not in result.output and not (here / "drafts").exists()


def test_numbers_that_are_not_references_stay_text(tmp_path: Path) -> None:
    doc = Document()
    doc.add_heading("1 Scope", 1)
    doc.add_paragraph("This document specifies widgets.")
    doc.add_heading("2 Widgets", 1)
    doc.add_heading("2.1 Sizes", 2)
    sentences = ["A widget conforms to ISO 1234:2019, 2.1, and to 2.2 of this document.",
                 "It is rendered with glTF 2.1 at a height of 2.1 m and see 2.2.",
                 "Subclause 2.2 and Clause 2 apply; Table 9 does not exist."]
    for sentence in sentences:
        doc.add_paragraph(sentence)
    doc.add_heading("2.2 Colours", 2)
    doc.add_paragraph("Colours are given in Clause 1.")
    doc.save(str(tmp_path / "w.docx"))
    draft = parse_file(import_docx(tmp_path / "w.docx", tmp_path / "drafts" / "w.md",
                                   lint=False).draft)
    sizes = draft.clause_by_number("2.1")
    assert sizes is not None
    assert [b.text for b in sizes.blocks] == sentences  # the labels read as typed
    linked = [(x.line, draft.targets[x.target].label) for x in draft.xrefs]
    first = sizes.blocks[0].line
    # Only "2.2 of this document", "see 2.2", "Subclause 2.2" and "Clause 2" are references.
    assert linked == [(first, "2.2"), (first + 2, "2.2"), (first + 4, "2.2"),
                      (first + 4, "Clause 2"), (first + 8, "Clause 1")]
