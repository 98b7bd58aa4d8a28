"""A Word draft written the way editors write one imports into a draft whose clause tree, term
entries, tables, figures, footnotes and cross-references match it, and which lints with
findings only for its real defects."""

from __future__ import annotations

from pathlib import Path

from imported import Imported, import_into
from word_fixture import COMMENTED, INSERTED, TABLE_1, TABLE_2, TITLE, build, png

from build_tools.lint.engine import exit_code
from build_tools.wordimport.report import CHANGE, COMMENT


def test_clause_tree_from_heading_styles_and_typed_numbers(word_en: Imported) -> None:
    tree = [(c.number, c.title, c.kind, c.level) for c in word_en.draft.walk()]
    assert tree == [
        ("", "Foreword", "foreword", 1), ("", "Introduction", "introduction", 1),
        ("1", "Scope", "scope", 1), ("2", "Normative references", "normative-references", 1),
        ("3", "Terms and definitions", "terms", 1), ("4", "Requirements", "clause", 1),
        ("4.1", "General", "clause", 2), ("4.2", "Assertions", "clause", 2),
        ("A", "Example of an assertion flow", "annex", 1), ("A.1", "Steps", "clause", 2),
        ("A.2", "Result", "clause", 2), ("", "Bibliography", "bibliography", 1)]
    annex = word_en.draft.find("annex")
    assert annex is not None and annex.obligation == "informative" and annex.obligation_stated


def test_term_entries_in_the_iso_layout(word_en: Imported) -> None:
    terms = {t.number: t for t in word_en.draft.terms}
    assert [(n, t.preferred) for n, t in terms.items()] == [
        ("3.1", "identity provider"), ("3.2", "assertion"), ("3.3", "wallet")]
    idp = terms["3.1"]
    assert idp.admitted == ["IdP"]
    assert idp.definition is not None
    assert idp.definition.text == "entity that makes available identity information"
    assert [n.text for n in idp.notes] == [
        "Note 1 to entry: An identity provider can serve several metaverse platforms."]
    assert idp.source is not None and idp.source.text.startswith("[SOURCE: ISO/IEC 24760-1:2019")
    assertion = terms["3.2"]
    assert assertion.deprecated == ["claim token"]
    assert [e.text for e in assertion.examples] == [
        "EXAMPLE A signed statement that the user is over 18 years old."]
    # "(3.1)" typed in the definition points at the entry now.
    assert assertion.definition is not None
    assert "[](#term-identity-provider)" in assertion.definition.source
    assert assertion.definition.text == "statement made by an identity provider (3.1) about a subject"


def test_tables_with_their_captions_and_the_figure(word_en: Imported) -> None:
    draft = word_en.draft
    tables = [(t.label, t.caption, t.header, t.rows) for t in draft.tables]
    assert tables == [("Table 1", "Identity attributes", TABLE_1[0], TABLE_1[1:]),
                      ("Table A.1", "Steps of an assertion flow", TABLE_2[0], TABLE_2[1:])]
    [figure] = draft.figures
    assert (figure.label, figure.title) == ("Figure 1", "Assertion flow")
    picture = draft.path.parent / figure.src
    assert picture.read_bytes() == png()
    assert figure.src == "figures/identity-assertion-flow.png"  # stable: from the caption


def test_footnotes_keep_their_place(word_en: Imported) -> None:
    draft = word_en.draft
    notes = sorted(draft.footnotes.values(), key=lambda f: f.number)
    assert [[b.text for b in f.blocks] for f in notes] == [
        ["The term identity provider is used as in ISO/IEC 24760-1."],
        ["Further attributes can be agreed between platforms."]]
    intro = draft.find("introduction")
    assert intro is not None and "[^1]" in intro.blocks[0].source


def test_typed_cross_references_become_links(word_en: Imported) -> None:
    draft = word_en.draft
    general = draft.clause_by_number("4.2")
    assert general is not None
    first = general.blocks[0]
    assert first.text.endswith("given in Table 1 (see 4.1).")
    targets = {draft.targets[x.target].label for x in draft.xrefs if x.target in draft.targets}
    assert {"Table 1", "Figure 1", "4.1", "4.2", "Annex A", "Table A.1", "3.1"} <= targets
    # A clause of another document ("ISO/IEC 24760-1:2019, 3.3.2") is not taken for ours.
    assert not any(x.target.startswith("sec-") and x.line == draft.terms[0].source.line
                   for x in draft.xrefs if draft.terms[0].source is not None)


def test_front_matter_from_the_cover_and_the_properties(word_en: Imported) -> None:
    meta = word_en.draft.meta
    assert meta["id"] == "MVS 0009" and meta["stage"] == "WD" and meta["iteration"] == 1
    assert meta["title"] == {"en": TITLE}
    assert str(meta["date"]) == "2026-11-02"
    assert meta["committee"] == "MIIT Metaverse Standardization Working Group, WG 3 Identity"
    assert [e["name"] for e in meta["editors"]] == ["Wang Fang", "Li Ming"]
    text = word_en.result.draft.read_text(encoding="utf-8")
    assert "organization: \"Organization\"  # fill in: not in the DOCX" in text


def test_tracked_change_and_comment_are_reported(word_en: Imported) -> None:
    report = word_en.result.report
    [change] = report.of(CHANGE)
    [comment] = report.of(COMMENT)
    assert "Li Ming" in change.message and "accepted" in change.message
    assert INSERTED.strip() in change.message
    assert "Zhao Lei" in comment.message and "Which key? Say it." in comment.message
    # Both stand in the same paragraph, named by its number in the DOCX, its clause and its
    # first words.
    assert change.paragraph == comment.paragraph and change.paragraph > 40
    assert change.clause == comment.clause == "4.2"
    assert change.excerpt.startswith(COMMENTED)
    assert COMMENTED + INSERTED in word_en.result.draft.read_text(encoding="utf-8")
    assert "Which key" not in word_en.result.draft.read_text(encoding="utf-8")


def test_rejected_change_leaves_the_text_as_it_was(tmp_path: Path) -> None:
    rejected = import_into(tmp_path, build(tmp_path / "identity.docx"), track_changes="reject")
    text = rejected.result.draft.read_text(encoding="utf-8")
    assert COMMENTED + ". The signature" in text and INSERTED not in text
    [change] = rejected.result.report.of(CHANGE)
    assert "rejected" in change.message


def test_lints_with_findings_only_for_real_defects(word_en: Imported) -> None:
    # The one defect typed into the Word draft: a definition that starts with "a". (Notes at
    # severity info, such as REF-09 on "see 4.1", point at house style, not at a defect.)
    findings = [f for f in word_en.result.findings if f.severity != "info"]
    assert [(f.rule, f.line) for f in findings] == [
        ("TERM-01", word_en.draft.terms[2].definition.line)]  # type: ignore[union-attr]
    assert exit_code(findings, "error") == 1
    assert word_en.result.report.of("unmapped") == []


def test_chinese_word_draft_in_the_gb_layout(word_zh: Imported) -> None:
    draft = word_zh.draft
    assert draft.language == "zh" and draft.meta["stage"] == "CD"
    assert draft.meta["title"] == {
        "zh": "元宇宙 数字身份 身份提供者要求",
        "en": "Metaverse — Digital identity — Requirements for identity providers"}
    tree = [(c.number, c.title, c.kind) for c in draft.walk()]
    assert tree == [("", "前言", "foreword"), ("1", "范围", "scope"),
                    ("2", "规范性引用文件", "normative-references"), ("3", "术语和定义", "terms"),
                    ("4", "要求", "clause"), ("4.1", "属性", "clause"), ("4.2", "断言", "clause"),
                    ("A", "断言流程示例", "annex"), ("A.1", "步骤", "clause"),
                    ("A.2", "结果", "clause"), ("", "参考文献", "bibliography")]
    assert draft.find("annex").obligation == "informative"  # type: ignore[union-attr]
    [term] = draft.terms
    assert (term.number, term.preferred, term.en) == ("3.1", "身份提供者", "identity provider")
    assert term.definition is not None and term.definition.text == "提供身份信息的实体。"
    assert [n.text for n in term.notes] == ["注：一个身份提供者通常服务多个元宇宙平台。"]
    notes = [b.text for b in draft.clause_by_number("4.1").blocks if b.kind == "note"]  # type: ignore[union-attr]
    assert notes == ["注1：非必需的属性由平台之间商定。", "注2：附录A给出了示例。"]
    assert [(t.label, t.caption) for t in draft.tables] == [("表1", "身份属性")]
    assert [(f.label, f.title) for f in draft.figures] == [("图A.1", "断言流程")]
    labels = {draft.targets[x.target].label for x in draft.xrefs}
    assert labels == {"表1", "4.1", "附录A", "图A.1"}
    assert word_zh.result.findings == []
