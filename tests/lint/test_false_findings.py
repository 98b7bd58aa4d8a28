"""Findings an ISO or GB editor would reject must not appear (issue 11, "False findings").

Each class is tested on text as real standards write it: the Foreword general part that ISO/CS
supplies, an optional test method in an informative annex, a reproduced licence, references
written in the forms that real drafts use, version strings next to real quantities.
"""

from __future__ import annotations

import pytest

from build_tools.i18n import boilerplate as B
from build_tools.lint.base import REGISTRY
from build_tools.lint.engine import active_rules, lint_models
from build_tools.lint.examples import PARTS_EN, PARTS_ZH, assemble
from build_tools.parse import parse_text

# The families this file is about; other rules may have their own opinion of the snippets.
MINE = ("VERB", "REF", "UNIT", "BOIL")
RULES = active_rules(select=list(MINE))

# The general part of an ISO Foreword as ISO/CS supplies it (ISO 14732:2025, ISO/TS 19166:2021
# and the ISO/IEC JTC 1 and IEC variants differ only where the patterns allow).
ISO_FOREWORD = """ISO (the International Organization for Standardization) is a worldwide federation of national standards bodies (ISO member bodies). The work of preparing International Standards is normally carried out through ISO technical committees. Each member body interested in a subject for which a technical committee has been established has the right to be represented on that committee. International organizations, governmental and non-governmental, in liaison with ISO, also take part in the work. ISO collaborates closely with the International Electrotechnical Commission (IEC) on all matters of electrotechnical standardization.

The procedures used to develop this document and those intended for its further maintenance are described in the ISO/IEC Directives, Part 1. In particular, the different approval criteria needed for the different types of ISO documents should be noted. This document was drafted in accordance with the editorial rules of the ISO/IEC Directives, Part 2 (see [www.iso.org/directives](https://www.iso.org/directives)).

Attention is drawn to the possibility that some of the elements of this document may be the subject of patent rights. ISO shall not be held responsible for identifying any or all such patent rights. Details of any patent rights identified during the development of the document will be in the Introduction and/or on the ISO list of patent declarations received (see [www.iso.org/patents](https://www.iso.org/patents)).

Any trade name used in this document is information given for the convenience of users and does not constitute an endorsement.

This document was prepared by Technical Committee ISO/TC 171, *Document management applications*.

Any feedback or questions on this document should be directed to the user's national standards body. A complete listing of these bodies can be found at [www.iso.org/members.html](https://www.iso.org/members.html)."""

# ISO/IEC JTC 1 documents since 2021: the new patent wording, line breaks as typed.
JTC1_FOREWORD = """ISO (the International Organization for Standardization) and IEC (the International Electrotechnical Commission) form the specialized system for worldwide standardization.

The procedures used to develop this document and those intended for its further maintenance
are described in the ISO/IEC Directives, Part 1. In particular, the different approval criteria
needed for the different types of document should be noted. This document was drafted in
accordance with the editorial rules of the ISO/IEC Directives, Part 2 (see
<https://www.iso.org/directives> or <https://www.iec.ch/members_experts/refdocs>).

ISO and IEC draw attention to the possibility that the implementation of this document may
involve the use of (a) patent(s). ISO and IEC take no position concerning the evidence, validity
or applicability of any claimed patent rights in respect thereof. As of the date of publication
of this document, ISO and IEC had not received notice of (a) patent(s) which may be required to
implement this document. However, implementers are cautioned that this may not represent the
latest information, which may be obtained from the patent database available at
www.iso.org/patents and https://patents.iec.ch. ISO and IEC shall not be held responsible for
identifying any or all such patent rights.

This document was prepared by Joint Technical Committee ISO/IEC JTC 1, *Information technology*,
Subcommittee SC 24, *Computer graphics, image processing and environmental data representation*.

Any feedback or questions on this document should be directed to the user’s national standards
body. A complete listing of these bodies can be found at www.iso.org/members.html and
www.iec.ch/national-committees."""


def _lint(text: str, rules=RULES):
    draft = parse_text(text, "draft.md")
    return draft, lint_models([draft], rules)


def _ids(findings) -> list[str]:
    return sorted(f.rule for f in findings)


# --- 1. Informative annexes ---------------------------------------------------------------

OPTIONAL_METHOD = """# Optional test method for latency {.annex .informative #annex-latency}

This annex describes a test method that a platform may use to show that it meets
[](#sec-requirements). The test laboratory should record the ambient light level.

The head-mounted display shall be conditioned for 30 min before the first measurement."""


def test_informative_annex_may_hold_optional_requirements() -> None:
    # Directives Part 2, 20.2: "Informative annexes may contain optional requirements."
    text = assemble("en", {"annexes": OPTIONAL_METHOD,
                           "body": PARTS_EN["body"] + "\n\nSee [](#annex-latency)."})
    _, findings = _lint(text)
    assert _ids(findings) == []
    assert "VERB-03" not in REGISTRY


def test_gb_informative_annex_may_hold_requirements() -> None:
    annex = ("# 可选的时延测试方法 {.annex .informative #annex-latency}\n\n"
             "测试实验室宜记录环境光照度。头戴式显示设备应在首次测量前预处理30 min。")
    text = assemble("zh", {"annexes": annex,
                           "body": PARTS_ZH["body"] + "\n\n见[](#annex-latency)。"})
    _, findings = _lint(text)
    assert [f for f in findings if f.rule.startswith("VERB")] == []


def test_technical_report_annex_still_holds_no_requirement() -> None:
    text = assemble("en", {"front": PARTS_EN["front"] + "\ndoctype: technical-report",
                           "body": PARTS_EN["body"].replace("shall", "can"),
                           "annexes": OPTIONAL_METHOD})
    _, findings = _lint(text)
    assert [f.message.split(" (")[0] for f in findings if f.rule == "VERB-04"] == [
        "'shall' expresses a requirement in a technical report"]


# --- 2. ISO's fixed Foreword texts --------------------------------------------------------

@pytest.mark.parametrize("foreword", [ISO_FOREWORD, JTC1_FOREWORD], ids=["iso", "jtc1"])
def test_iso_foreword_general_part_is_exempt(foreword: str) -> None:
    _, findings = _lint(assemble("en", {"foreword": foreword}), active_rules())
    assert [f for f in findings if f.rule.startswith(MINE) or f.rule.startswith("STYLE")] == []


def test_own_sentence_in_the_foreword_is_still_found_at_its_place() -> None:
    # The exempt sentences are blanked, not removed: the committee's own "should" after them is
    # reported at its own line and column.
    foreword = ISO_FOREWORD + " Users should read Clause 4 first."
    text = assemble("en", {"foreword": foreword})
    draft, findings = _lint(text)
    found = [f for f in findings if f.rule == "VERB-01"]
    assert len(found) == 1
    line = text.split("\n")[found[0].line - 1]
    assert line[found[0].column - 1:].startswith("should read Clause 4")


# --- 3. Reproduced text ---------------------------------------------------------------------

LICENCE = """# Licence of the sample scenes {.annex .informative .reproduced #annex-licence}

The sample scenes are reproduced under the following terms, word for word.

You must give appropriate credit, provide a link to the license, and indicate if changes were
made. You may do so in any reasonable manner, but not in any way that suggests the licensor
endorses you or your use. The licensee shall not apply legal terms that legally restrict others
from doing anything the license permits. This specification and/or the scenes are provided as is."""


def test_reproduced_licence_is_not_the_documents_provision() -> None:
    text = assemble("en", {"annexes": LICENCE,
                           "body": PARTS_EN["body"] + "\n\nSee [](#annex-licence)."})
    _, findings = _lint(text)
    assert _ids(findings) == []


def test_reproduced_subclause_and_quotation_in_the_body() -> None:
    body = PARTS_EN["body"] + """

## Legal notice of the scene format {.reproduced}

Implementers must not remove this notice, and they should keep it with each copy.

## Use of the scene format

> Each scene shall carry its licence notice.

A platform shall keep the notice quoted above with each scene."""
    _, findings = _lint(assemble("en", {"body": body}))
    assert _ids(findings) == []
    # Without the class the same words are the document's own: the check still works.
    _, findings = _lint(assemble("en", {"body": body.replace(" {.reproduced}", "")}))
    assert _ids(findings) == ["VERB-05"]


def test_quoted_key_words_are_named_not_used() -> None:
    intro = ('The key words "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT", "SHOULD", '
             '"SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED", "MAY", and "OPTIONAL" in this '
             "document are to be interpreted as described in BCP 14.")
    _, findings = _lint(assemble("en", {"introduction": intro}))
    assert [f for f in findings if f.rule.startswith("VERB")] == []


# --- 4. Boilerplate comparison ------------------------------------------------------------

@pytest.mark.parametrize("basis", [
    "This document was drafted in accordance with the editorial rules of the ISO/IEC "
    "Directives, Part 2 (see [www.iso.org/directives](https://www.iso.org/directives)).",
    "This document was drafted in accordance with the editorial rules of the *ISO/IEC "
    "Directives, Part 2* (see <https://www.iso.org/directives>).",
    "This document was drafted in accordance with the editorial rules of the ISO/IEC\n"
    "Directives, Part 2 (see https://www.iso.org/directives/).",
])
def test_drafting_basis_compares_as_a_reader_sees_it(basis: str) -> None:
    _, findings = _lint(assemble("en", {"foreword": f"{basis}\n\n{B.PATENTS['iso']}"}))
    assert _ids(findings) == []


def test_normref_lead_with_markup_and_line_breaks_matches() -> None:
    lead = B.NORMREF_LEAD["iso"].replace("For dated references", "For *dated* references")
    lead = lead.replace(" only the edition", "\nonly the edition")
    normrefs = f"{lead}\n\n- ISO/IEC 2382:2015, *Information technology — Vocabulary*"
    _, findings = _lint(assemble("en", {"normrefs": normrefs}))
    assert _ids(findings) == []


def test_differing_lead_shows_the_fixed_text_and_the_difference() -> None:
    lead = B.NORMREF_LEAD["iso"].replace(" (including any amendments)", "")
    normrefs = f"{lead}\n\n- ISO/IEC 2382:2015, *Information technology — Vocabulary*"
    _, findings = _lint(assemble("en", {"normrefs": normrefs}))
    [finding] = [f for f in findings if f.rule == "BOIL-01"]
    assert "There are no normative references" not in finding.message
    assert B.NORMREF_LEAD["iso"] in finding.message
    assert 'lacks "(including any amendments)"' in finding.message


def test_gb_references_as_paragraphs_are_references() -> None:
    # GB/T 1.1—2020 lists the documents of 第2章 as plain paragraphs, without list marks.
    lead = B.NORMREF_LEAD["gb"].replace("其中，", "")
    normrefs = f"{lead}\n\nGB/T 5271.1—2000 信息技术 词汇 第1部分：基本术语"
    _, findings = _lint(assemble("zh", {"normrefs": normrefs}))
    boil = [f for f in findings if f.rule == "BOIL-01"]
    assert len(boil) == 1 and "本文件没有规范性引用文件" not in boil[0].message
    assert "其中，" in boil[0].message


# --- 5. Identifiers -------------------------------------------------------------------------

@pytest.mark.parametrize(("listed", "cited"), [
    ("IETF RFC 9110, *HTTP Semantics*", "RFC-9110"),
    ("IETF RFC 9110, *HTTP Semantics*", "RFC 9110"),
    ("RFC 9110, *HTTP Semantics*", "IETF RFC 9110"),
    ("ISO 8601-1:2019, *Date and time — Representations for information interchange — Part 1: "
     "Basic rules*", "ISO 8601-1"),
    ("ISO 8601-1, *Date and time — Representations for information interchange — Part 1: "
     "Basic rules*", "ISO 8601-1:2019"),
])
def test_one_document_however_written_en(listed: str, cited: str) -> None:
    normrefs = PARTS_EN["normrefs"] + f"\n- {listed}"
    body = PARTS_EN["body"] + f"\n\nTimestamps of scenes shall conform to {cited}."
    _, findings = _lint(assemble("en", {"normrefs": normrefs, "body": body}))
    assert [f for f in findings if f.rule in ("REF-01", "REF-02")] == []


@pytest.mark.parametrize("cited", ["GB/T 35273", "GB/T 35273—2020", "GB/T35273"])
def test_one_document_however_written_zh(cited: str) -> None:
    normrefs = PARTS_ZH["normrefs"] + "\n- GB/T 35273—2020 信息安全技术 个人信息安全规范"
    body = PARTS_ZH["body"] + f"\n\n平台处理个人信息应符合{cited}的规定。"
    _, findings = _lint(assemble("zh", {"normrefs": normrefs, "body": body}))
    assert [f for f in findings if f.rule in ("REF-01", "REF-02")] == []


def test_unlisted_document_is_still_found_once() -> None:
    body = PARTS_EN["body"] + ("\n\nMessages follow RFC 9110. Caching follows IETF RFC 9111 "
                               "and RFC-9111.")
    _, findings = _lint(assemble("en", {"body": body}))
    assert [f.message.split(" is cited")[0] for f in findings if f.rule == "REF-02"] == [
        "RFC 9110", "IETF RFC 9111"]


def test_undated_reference_to_a_clause() -> None:
    normrefs = PARTS_EN["normrefs"] + "\n- ISO 8601-1:2019, *Date and time*\n- IETF RFC 9110, *HTTP*"
    body = PARTS_EN["body"] + ("\n\nDates follow ISO 8601-1:2019, 5.2 and ISO 8601-1, Clause 4. "
                               "Requests follow RFC 9110, 9.3.1.")
    _, findings = _lint(assemble("en", {"normrefs": normrefs, "body": body}))
    assert [f.message.split(" points")[0] for f in findings if f.rule == "REF-04"] == [
        "undated reference ISO 8601-1"]


# --- 6. Numbers that are not quantities --------------------------------------------------

def test_versions_decades_and_identifiers_are_not_quantities() -> None:
    body = PARTS_EN["body"] + """

Scenes are exchanged as glTF 2.0 files; sessions follow WebXR 1.0s and HTTP/2. Version 2.0A of
the schema and release 1.8.4 add the `latency=20ms` attribute. Character data is ISO-8859-1s
free. Since the early 2000s, a 4K display is common. The OpenXR 1.1A profile is optional."""
    _, findings = _lint(assemble("en", {"body": body}))
    assert [f for f in findings if f.rule.startswith("UNIT")] == []


def test_real_quantities_still_need_their_space() -> None:
    body = PARTS_EN["body"] + ("\n\nThe round-trip time of the satellite path is about 350ms; "
                               "the RTT 1.5s bound and a 2.0A supply current apply.")
    _, findings = _lint(assemble("en", {"body": body}))
    assert [f.message.split(" needs")[0] for f in findings if f.rule == "UNIT-01"] == [
        "'350ms'", "'1.5s'", "'2.0A'"]


# --- 7. Messages say what they mean --------------------------------------------------------

def test_and_or_is_house_style() -> None:
    _, findings = _lint(assemble("en", {"scope": "This document defines terms for audio "
                                                  "and/or video."}))
    [finding] = findings
    assert finding.rule == "VERB-06" and REGISTRY["VERB-06"].family == "style"
    assert "house style" in finding.message and "verbal form" not in finding.message


def test_may_in_the_introduction_names_possibility() -> None:
    """"may differ" is no permission: it is reported as possibility ("write 'can'"), not as a
    permission in the Introduction."""
    intro = "Avatars may differ between platforms, which is why this document defines them."
    _, findings = _lint(assemble("en", {"introduction": intro}), active_rules())
    [finding] = findings
    assert finding.rule == "VERB-08"
    assert finding.message.startswith("'may differ' expresses possibility: write 'can'")
    assert (finding.line, finding.column) == (23, 9)


def test_a_permission_in_the_introduction_is_still_one() -> None:
    intro = "Platforms may store avatars in any format; this document defines what they exchange."
    _, findings = _lint(assemble("en", {"introduction": intro}), active_rules())
    [finding] = findings
    assert finding.rule == "VERB-01"
    assert finding.message.startswith(
        "'may' (permission) in the Introduction: the Introduction states no provisions; if it "
        "expresses possibility, write 'can'")


def test_words_between_quoted_words_are_used() -> None:
    scope = ('This document applies to applications that use the "http" and/or "https" URI '
             "schemes.")
    _, findings = _lint(assemble("en", {"scope": scope}))
    assert _ids(findings) == ["VERB-06"]


def test_every_exempt_text_holds_a_hint_word() -> None:
    # strip_exempt skips its long pattern for text without one of these words.
    from build_tools.i18n import boilerplate as B

    for sentence in [*B.EXEMPT_SENTENCES, *B.EXEMPT_PATTERNS]:
        assert any(h in sentence for h in B._EXEMPT_HINTS), sentence
