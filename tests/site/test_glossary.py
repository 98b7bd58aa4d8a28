"""Glossary page, TBX (ISO 30042, TBX-Basic) and CSV; requirements CSV."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from site_helpers import draft, to_html

from build_tools.site import glossary, requirements

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _concepts():
    return glossary.collect([
        (draft("widgets.md"), "drafts/widgets.md"),
        (draft("widgets-zh.md"), "drafts/widgets-zh.md"),
        (draft("injection.md"), "drafts/injection.md"),
    ])


def test_concepts_group_languages_and_flag_differing_definitions() -> None:
    concepts = {c.key: c for c in _concepts()}
    widget = concepts["widget"]
    assert {e.draft.id for e in widget.entries} == {"MVS 9001", "MVS 9002", "MVS 9666"}
    assert widget.differing  # MVS 9001 and MVS 9666 define it differently
    assert not concepts["function"].differing


def test_glossary_page_lists_terms_with_their_drafts() -> None:
    html = to_html(glossary.page(_concepts()))
    assert 'id="g-widget"' in html and "glossary-differs" in html
    assert '<a href="drafts/widgets.md#term-widget">MVS 9001, 3.1</a>' in html
    assert '<a href="drafts/widgets-zh.md#term-xiaobujian">MVS 9002, 3.1</a>' in html
    # A cross-reference inside a definition points at the draft's page, not the glossary.
    assert '<a href="drafts/widgets.md#term-function">function</a>' in html
    assert "小部件" in html


def test_tbx_structure() -> None:
    root = ET.fromstring(glossary.tbx(_concepts()))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic"
    entries = root.findall("./text/body/termEntry")
    widget = next(e for e in entries
                  if any(t.text == "widget" for t in e.iter("term")))
    langs = {ls.get(XML_LANG): ls for ls in widget.findall("langSet")}
    assert set(langs) == {"en", "zh"}
    assert [t.text for t in langs["zh"].findall("./tig/term")] == ["小部件"]
    en_terms = {t.text: n.text for tig in langs["en"].findall("tig")
                for t, n in [(tig.find("term"), tig.find("termNote"))]}
    assert en_terms["widget"] == "preferredTerm-admn-sts"
    assert en_terms["gadget"] == "admittedTerm-admn-sts"
    assert en_terms["doohickey"] == "deprecatedTerm-admn-sts"
    definitions = [d.text for d in langs["en"].iter("descrip") if d.get("type") == "definition"]
    assert "small device that performs one function" in definitions
    assert len(definitions) == 2  # the two differing English definitions
    assert langs["zh"].find("./descripGrp/descrip").text == "执行一种功能的小装置。"


def test_glossary_csv() -> None:
    rows = list(csv.DictReader(io.StringIO(glossary.glossary_csv(_concepts()).decode("utf-8-sig"))))
    zh = next(r for r in rows if r["term"] == "小部件")
    assert zh["english_equivalent"] == "widget" and zh["draft"] == "MVS 9002"
    assert zh["differing_definitions"] == "yes"


def test_csv_cells_cannot_become_formulas() -> None:
    assert glossary.csv_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert glossary.csv_safe("@SUM") == "'@SUM"
    assert glossary.csv_safe("plain") == "plain"


def test_requirements_csv_and_page() -> None:
    d = draft("widgets.md")
    rows = list(csv.DictReader(io.StringIO(requirements.requirements_csv(d).decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == ["R-4.1-1", "R-4.1-2", "R-4.2-1"]
    assert rows[0]["clause"] == "4.1" and rows[0]["text"] == "A widget shall be blue."
    html = to_html(requirements.page(d, "drafts/widgets.requirements.md", "drafts/widgets.md",
                                     "drafts/widgets.requirements.csv"))
    assert '<a href="widgets.md#sec-general">R-4.1-1</a>' in html
    assert 'href="widgets.requirements.csv"' in html
