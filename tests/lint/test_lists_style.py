"""Lists, style words, subclause titles and term cross-references on realistic text: what an
ISO editor would report, and the real-text cases that must stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.lint.base import REGISTRY
from build_tools.lint.engine import lint_models
from build_tools.lint.examples import PARTS_EN, assemble
from build_tools.lint.fix import apply_fixes
from build_tools.parse import parse_file

GENERAL = "A platform shall provide an avatar for each user."


def _lint(tmp_path: Path, general: str, *rules: str, **parts: str):
    path = tmp_path / "draft.md"
    overrides = {"body": PARTS_EN["body"].replace(GENERAL, general), **parts}
    path.write_text(assemble("en", overrides), encoding="utf-8")
    active = [REGISTRY[r]() for r in rules]
    return [f for f in lint_models([parse_file(path)], active, tmp_path) if f.rule in rules]


LISTS = ("LIST-01", "LIST-02", "LIST-03", "LIST-04")


@pytest.mark.parametrize("body", [
    # Items that start with an acronym, an identifier, code or a cross-reference keep their case.
    "A platform shall support:\n\n- HTTP/1.1 and HTTP/2 for the exchange of scenes;\n"
    "- ISO/IEC 23090-3 coding of volumetric video;\n- `glTF` binary assets of any size;\n"
    "- the interfaces listed in [](#tab-interfaces).",
    # An item that ends with a colon introduces its sublist; the sublist ends the sentence.
    "A platform shall provide, for each user:\n\n- an avatar;\n- a store that holds:\n"
    "  - the user's assets;\n  - the user's settings.",
    # A footnote after the stop, "; and" before the last item.
    "A platform shall provide, for each user:\n\n- an avatar that other users can see;[^av]\n"
    "- a sign-in with the credentials of the user's organization; and\n"
    "- a store for the user's assets.\n\n[^av]: Avatars are described in ISO/IEC 2382.",
    # A record of "label: value" lines is not a sentence (as in a registration template).
    "The registration contains the following fields.\n\n- Field name: Avatar-Id\n"
    "- Status: permanent\n- Specification document: this document",
    # One- and two-word items are names, not sentences.
    "A platform supports these engines\n\n- Unity\n- Unreal Engine\n- Godot",
    # A list right under its heading has no lead-in to judge.
    "- An avatar belongs to one user\n- A store belongs to one platform",
])
def test_real_lists_stay_quiet(tmp_path: Path, body: str) -> None:
    assert _lint(tmp_path, body, *LISTS) == []


def test_boilerplate_and_reference_lists_are_not_checked(tmp_path: Path) -> None:
    # The terms clause's database list and the reference lists have no list punctuation.
    assert _lint(tmp_path, GENERAL, *LISTS,
                 bibliography="- ITU-T Y.4600, *Requirements of a digital twin system*\n"
                              "- IEEE 2048, *Virtual reality and augmented reality*") == []


def test_broken_up_sentence_fix_keeps_the_conjunction(tmp_path: Path) -> None:
    body = ("A platform shall provide, for each user:\n\n- an avatar that other users can see, "
            "and\n- a store for the user's assets")
    found = _lint(tmp_path, body, *LISTS)
    assert [(f.rule, f.fix) for f in found] == [("LIST-02", ";"), ("LIST-02", ".")]
    apply_fixes(found)
    text = (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert "- an avatar that other users can see; and\n- a store for the user's assets.\n" in text


def test_lead_in_without_stop_is_reported_once(tmp_path: Path) -> None:
    body = "A platform shall provide, for each user\n\n- an avatar for the user;\n- a store for the assets."
    found = _lint(tmp_path, body, *LISTS)
    assert [f.rule for f in found] == ["LIST-01"]


def test_sentence_items_after_a_colon_say_both_readings(tmp_path: Path) -> None:
    body = ("The expert should consider the following:\n\n- Community feedback on the request\n"
            "- Prior art in other registries")
    found = _lint(tmp_path, body, *LISTS)
    # Both items: upper case after a colon reads as sentences without a full stop ...
    assert [f.rule for f in found] == ["LIST-03", "LIST-03"]
    assert "start it lower case" in found[0].message
    # ... and the full stop is not made without --unsafe-fixes: ';' may be what was meant.
    assert all(f.edit is not None and not f.edit.safe for f in found)


def test_a_name_for_the_document_is_reported_once(tmp_path: Path) -> None:
    rules = ("REF-06", "STYLE-03")
    running = _lint(tmp_path, "A platform conforming to this specification shall provide an "
                              "avatar for each user.", *rules)
    assert [f.rule for f in running] == ["REF-06"]
    whole = _lint(tmp_path, "This whole specification applies to platforms.", *rules)
    assert [f.rule for f in whole] == ["STYLE-03"]
    part = _lint(tmp_path, "This part of ISO/IEC 2382 applies to platforms.", *rules)
    assert [(f.rule, f.fix) for f in part] == [("STYLE-03", "This document")]
    heading = PARTS_EN["body"].replace("## Interfaces", "## Interfaces of this standard")
    found = _lint(tmp_path, GENERAL, *rules, body=heading)
    assert [f.rule for f in found] == ["STYLE-03"]


@pytest.mark.parametrize("body", [
    "The platform of AT&T and the R&D platform of Standard & Poor's shall provide an avatar.",
    "The query is `a=1&b=2`.",
    "> Avatars & stores are provided.\n\nA platform shall provide an avatar.",
])
def test_ampersand_in_names_code_and_quotations(tmp_path: Path, body: str) -> None:
    assert _lint(tmp_path, body, "STYLE-02") == []


def test_ampersand_in_cited_titles_is_left_alone(tmp_path: Path) -> None:
    bib = "- ISO 9001, *Quality management systems & requirements*"
    assert _lint(tmp_path, GENERAL, "STYLE-02", bibliography=bib) == []


def test_spelling_fix_keeps_the_capital(tmp_path: Path) -> None:
    found = _lint(tmp_path, "On-line help and cyber-security checks shall be provided.",
                  "STYLE-01")
    assert [f.fix for f in found] == ["Online", "cybersecurity"]
    apply_fixes(found)
    text = (tmp_path / "draft.md").read_text(encoding="utf-8")
    assert "Online help and cybersecurity checks shall be provided." in text


def test_untitled_subclause_heading_has_an_empty_title(tmp_path: Path) -> None:
    body = PARTS_EN["body"].replace("## Interfaces", "## {#sec-interfaces}")
    found = _lint(tmp_path, GENERAL, "SUB-01", "SUB-02", body=body)
    # 4.2 has no title: SUB-01 says so; SUB-02 says it differs from the titled 4.1.
    assert sorted(f.rule for f in found) == ["SUB-01", "SUB-02"]
    assert all(f.line == found[0].line for f in found)


def test_term_cross_references(tmp_path: Path) -> None:
    # A worded link to a term from the body is fine; the entry number is not.
    body = "A platform shall provide an [avatar](#term-avatar) ([](#term-avatar)) for each user."
    found = _lint(tmp_path, body, "TERM-10", "TERM-11")
    assert [f.rule for f in found] == ["TERM-11"]
