"""References (issue 11): "see" pointing to a normative reference, annex or clause; an
unpublished reference without its footnote; a normative reference that is not ISO or IEC; and
the form of a term's source. Realistic clauses, exact lines and columns."""

from __future__ import annotations

from pathlib import Path

from build_tools.lint.engine import active_rules, lint_models
from build_tools.lint.examples import PARTS_EN, PARTS_ZH, assemble
from build_tools.lint.fix import apply_fixes
from build_tools.parse import parse_text

REF = active_rules(select=["REF", "TERM", "STRUCT", "XREF"])
SENTENCE = "A platform shall provide an avatar for each user."
NORMREFS = PARTS_EN["normrefs"] + (
    "\n- ISO 9241-392:2015, *Ergonomics of human-system interaction — Part 392: Ergonomic "
    "recommendations for the reduction of visual fatigue from stereoscopic images*")
ANNEX = """# Latency test method {.annex .normative #annex-latency}

## Equipment

The motion-to-photon latency is measured with a photodiode on the display.

## Procedure

Move the head-mounted display through 30° in 100 ms and record the delay.

# Use cases {.annex .informative #annex-uses}

Examples of industrial metaverse applications are described here."""


def _lint(text: str):
    return lint_models([parse_text(text, "draft.md")], REF)


def _where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _body(extra: str) -> str:
    return PARTS_EN["body"].replace(SENTENCE, SENTENCE + " " + extra)


def _rules(text: str, prefix: str) -> list[tuple[str, int, int]]:
    return [(f.rule, f.line, f.column) for f in _lint(text) if f.rule.startswith(prefix)]


def test_see_before_a_normative_reference_annex_and_clause() -> None:
    body = _body("Stereoscopic content shall limit the disparity (see ISO 9241-392:2015). The "
                 "latency shall not exceed 20 ms (see [](#annex-latency)). Each avatar shall "
                 "carry an identity (see 4.2), and use cases are listed in [](#annex-uses)."
                 "\n\nNOTE For the vocabulary, see ISO/IEC 2382:2015 and [](#annex-latency).")
    text = assemble("en", {"normrefs": NORMREFS, "body": body, "annexes": ANNEX})
    assert _rules(text, "REF") == [
        ("REF-07", *_where(text, "ISO 9241-392:2015", 1)),
        ("REF-08", *_where(text, "see [](#annex-latency)")),
        ("REF-09", *_where(text, "see 4.2")),
    ]
    messages = {f.rule: f.message for f in _lint(text)}
    assert messages["REF-07"].startswith("'see ISO 9241-392:2015' cites a normative reference "
                                         "as information: write 'in accordance with")
    assert "refers to normative Annex A for information only" in messages["REF-08"]


def test_see_is_right_for_informative_targets_and_in_notes() -> None:
    body = _body("Use cases are described in [](#annex-uses) (see also [](#annex-uses)); the "
                 "tracking of ISO 9241-392:2015 is measured as specified in [](#annex-latency)."
                 "\n\nNOTE See ISO 9241-392:2015 and [](#annex-latency) for the background.")
    text = assemble("en", {"normrefs": NORMREFS, "body": body, "annexes": ANNEX})
    assert _rules(text, "REF-0") == []


def test_see_a_clause_of_another_document_is_not_this_documents_clause() -> None:
    body = _body("Stereoscopic content shall follow the limits given in ISO 9241-392:2015 "
                 "(see 4.2 of ISO 9241-392:2015).")
    text = assemble("en", {"normrefs": NORMREFS, "body": body, "annexes": ANNEX})
    assert [r for r in _rules(text, "REF") if r[0] == "REF-09"] == []


UNPUBLISHED = PARTS_EN["normrefs"] + (
    "\n- ISO/IEC 23090-14:—{note}, *Information technology — Coded representation of "
    "immersive media — Part 14: Scene description*{footnote}")


def _unpublished(note: str = "", footnote: str = "") -> str:
    return assemble("en", {"normrefs": UNPUBLISHED.format(note=note, footnote=footnote),
                           "body": _body("Scenes shall be described as specified in ISO/IEC "
                                         "23090-14.")})


def test_unpublished_reference_needs_its_footnote() -> None:
    text = _unpublished()
    [finding] = [f for f in _lint(text) if f.rule == "REF-10"]
    assert (finding.line, finding.column) == _where(text, "ISO/IEC 23090-14:—")
    assert "add the footnote 'Under preparation. Stage at the time of publication: ISO/IEC " \
           "DIS 23090-14.'" in finding.message


def test_unpublished_reference_with_the_footnote_passes_and_a_wrong_one_does_not() -> None:
    right = _unpublished("[^dis]", "\n\n[^dis]: Under preparation. Stage at the time of "
                         "publication: ISO/IEC DIS 23090-14.")
    assert [f for f in _lint(right) if f.rule == "REF-10"] == []
    wrong = _unpublished("[^dis]", "\n\n[^dis]: To be published.")
    [finding] = [f for f in _lint(wrong) if f.rule == "REF-10"]
    assert "not 'To be published.'" in finding.message


def test_gb_drafts_have_their_own_rules_for_unpublished_documents() -> None:
    normrefs = PARTS_ZH["normrefs"] + "\n- GB/T 43000—, *元宇宙 参考架构*"
    text = assemble("zh", {"normrefs": normrefs})
    assert [f for f in _lint(text) if f.rule in ("REF-10", "REF-11")] == []


def test_non_iso_normative_reference_is_information() -> None:
    normrefs = PARTS_EN["normrefs"] + (
        "\n- ITU-T Y.4600, *Requirements and capabilities of a digital twin system*"
        "\n- IEEE 3079-2020, *Standard for Head-Mounted Display (HMD)-Based Virtual Reality "
        "(VR) Sickness Reduction Technology*"
        "\n- ISO/IEC/IEEE 8802-3:2021, *Standard for Ethernet*")
    body = _body("Twins shall follow ITU-T Y.4600, headsets IEEE 3079-2020 and networks "
                 "ISO/IEC/IEEE 8802-3:2021.")
    text = assemble("en", {"normrefs": normrefs, "body": body, "bibliography": ""})
    found = [f for f in _lint(text) if f.rule == "REF-11"]
    assert [(f.line, f.column, f.severity) for f in found] == [
        (*_where(text, "ITU-T Y.4600"), "info"), (*_where(text, "IEEE 3079-2020"), "info")]


# --- TERM-12: [SOURCE: identifier, entry] ----------------------------------------------------

DEF = "that users can enter through an [](#term-avatar)"


def _source(src: str, lang: str = "en") -> str:
    if lang == "zh":
        zh_def = "用户通过[](#term-avatar)进入的计算机模拟环境。"
        return assemble("zh", {"terms": PARTS_ZH["terms"].replace(zh_def, zh_def + "\n\n" + src)})
    return assemble("en", {"terms": PARTS_EN["terms"].replace(DEF, DEF + "\n\n" + src)})


def _fixed(tmp_path: Path, text: str) -> str:
    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    findings = lint_models([parse_text(text, path)], active_rules(select=["TERM-12"]))
    report = apply_fixes(findings)
    assert not report.refused, report.refused
    return path.read_text(encoding="utf-8")


def test_source_written_as_a_plain_paragraph(tmp_path: Path) -> None:
    text = _source("Source: ISO/IEC 2382:2015, 2121319")
    found = [(f.rule, f.line, f.column) for f in _lint(text)]
    assert found == [("TERM-12", *_where(text, "Source:"))]  # not TERM-06 as well
    assert "[SOURCE: ISO/IEC 2382:2015, 2121319]\n" in _fixed(tmp_path, text)


def test_source_details_comma_dash_case(tmp_path: Path) -> None:
    text = _source("[SOURCE: ISO/IEC 2382:2015 2121319, Modified - \"computer-simulated\" "
                   "added]")
    found = [(f.line, f.column, f.message.split(" (")[0]) for f in _lint(text)
             if f.rule == "TERM-12"]
    assert found == [
        (*_where(text, "ISO/IEC 2382:2015 2121319"),
         "a comma separates ISO/IEC 2382:2015 from the entry number"),
        (*_where(text, "Modified"), "write 'modified' in lower case"),
        (found[2][0], _where(text, " - \"")[1], "an em dash between spaces follows 'modified': "
         "'modified — …'"),
    ]
    assert ("[SOURCE: ISO/IEC 2382:2015, 2121319, modified — \"computer-simulated\" added]"
            in _fixed(tmp_path, text))


def test_chinese_source_punctuation(tmp_path: Path) -> None:
    text = _source("[来源:GB/T 5271.1—2000, 01.01.01, 有修改]", "zh")
    assert [f.rule for f in _lint(text)] == ["TERM-12"] * 3
    assert "[来源：GB/T 5271.1—2000，01.01.01，有修改]" in _fixed(tmp_path, text)


def test_the_example_drafts_sources_pass() -> None:
    for src in ("[SOURCE: ITU FGMV-20, modified — \"persistent, interconnected\" added]",
                "[SOURCE: W3C REC-did-core-20220719, modified — the definition rephrased]",
                "[SOURCE: ISO/IEC 30173:2023, modified — \"target entity\" replaced by "
                "\"physical entity, process or system\"; the definition rephrased]"):
        assert [f for f in _lint(_source(src)) if f.rule == "TERM-12"] == [], src
    assert [f for f in _lint(_source("[来源：T/ZSA 207—2023，有修改]", "zh"))
            if f.rule == "TERM-12"] == []
