"""Verbal forms by place (issue 11): a permission in the Foreword, a requirement in the
Introduction or a technical report, and "may" written for possibility (Table 6: "can").

The texts are written as real standards and Internet-Drafts write them; every finding is
checked at its line and column, and so is every sentence that must stay quiet.
"""

from __future__ import annotations

from build_tools.i18n.verbal import possibilities, provisions
from build_tools.lint.engine import active_rules, lint_models
from build_tools.lint.examples import PARTS_EN, assemble
from build_tools.parse import parse_text

VERB = active_rules(select=["VERB", "TERM-04"])
SENTENCE = "A platform shall provide an avatar for each user."


def _lint(text: str):
    return lint_models([parse_text(text, "draft.md")], VERB)


def _where(text: str, needle: str) -> tuple[int, int]:
    at = text.index(needle)
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def test_may_for_possibility_is_found_in_every_kind_of_block() -> None:
    body = PARTS_EN["body"].replace(SENTENCE, SENTENCE + (
        " Latency above 20 ms may result in motion sickness; there may be several renderers."
        "\n\nNOTE Results may vary between head-mounted displays."
        "\n\n- Tracking may fail in direct sunlight."))
    text = assemble("en", {"body": body})
    found = [(f.line, f.column, f.message.split(" (")[0]) for f in _lint(text)]
    assert found == [
        (*_where(text, "may result"), "'may result' expresses possibility: write 'can'"),
        (*_where(text, "may be several"), "'there may be' expresses possibility: write 'can'"),
        (*_where(text, "may vary"), "'may vary' expresses possibility: write 'can'"),
        (*_where(text, "may fail"), "'may fail' expresses possibility: write 'can'"),
    ]
    # The note's "may" is a possibility, not a permission in a note (VERB-02 stays quiet).
    assert {f.rule for f in _lint(text)} == {"VERB-08"}


def test_rewording_cases_have_no_fix() -> None:
    intro = ("Devices may or may not expose their pose at 90 Hz, and it may be that a session "
             "ends early. A headset may be unable to track both hands.")
    text = assemble("en", {"introduction": intro})
    found = _lint(text)
    assert [(f.rule, f.line, f.column, f.edit) for f in found] == [
        ("VERB-08", *_where(text, "may or"), None),
        ("VERB-08", *_where(text, "may be that"), None),
        ("VERB-08", *_where(text, "may be unable"), None),
    ]
    assert "reword it with 'can' or 'cannot'" in found[0].message


def test_can_fix_is_unsafe_and_keeps_the_rest_of_the_sentence() -> None:
    text = assemble("en", {"introduction": "Latency above 20 ms may result in motion "
                                           "sickness, which is why this document specifies it."})
    [finding] = _lint(text)
    assert finding.edit is not None and finding.edit.replacement == "can"
    assert not finding.edit.safe and finding.edit.original == "may"


def test_permissions_keywords_months_and_fixed_texts_are_not_possibility() -> None:
    body = PARTS_EN["body"].replace(SENTENCE, SENTENCE + (
        " A platform may use its own storage format for avatars, and clients MAY result in a "
        "retry. The second edition appeared in May 2024."))
    foreword = ("This document was drafted in accordance with the editorial rules of the ISO/IEC "
                "Directives, Part 2.\n\nAttention is drawn to the possibility that some of the "
                "elements of this document may be the subject of patent rights. ISO shall not be "
                "held responsible for identifying any or all such patent rights.")
    text = assemble("en", {"body": body, "foreword": foreword})
    assert [f.rule for f in _lint(text)] == []


def test_a_permission_in_the_foreword_and_a_requirement_in_the_introduction() -> None:
    foreword = PARTS_EN["foreword"] + "\n\nUsers may copy the tables of this document."
    intro = "Platforms shall exchange avatars in the format that this document defines."
    text = assemble("en", {"foreword": foreword, "introduction": intro})
    found = [(f.rule, f.line, f.column, f.message.split(":")[0]) for f in _lint(text)]
    assert found == [
        ("VERB-01", *_where(text, "may copy"), "'may' (permission) in the Foreword"),
        ("VERB-01", *_where(text, "shall exchange"), "'shall' (requirement) in the Introduction"),
    ]


def test_a_requirement_in_a_technical_report_even_in_a_table() -> None:
    body = PARTS_EN["body"].replace("| Identity | Sign-in of users |",
                                    "| Identity | Platforms shall sign users in |")
    front = PARTS_EN["front"] + "\ndoctype: technical-report"
    text = assemble("en", {"front": front, "body": body.replace("shall provide", "provide", 1)
                           .replace("A platform shall provide the interfaces",
                                    "A platform provides the interfaces")})
    found = [(f.rule, f.line, f.column) for f in _lint(text)]
    assert found == [("VERB-04", *_where(text, "shall sign"))]


def test_possibility_is_no_permission_for_the_other_rules() -> None:
    """VERB-01, VERB-02 and TERM-04 count permissions through one lexicon: a "may" of
    possibility is none of them."""
    assert [h.word for h in provisions("This may lead to a loss of tracking.", "en")] == []
    assert [h.word for h in provisions("A client may cache the scene.", "en")] == ["may"]
    [p] = possibilities("This may lead to a loss of tracking.")
    assert (p.start, p.phrase, p.can) == (5, "may lead", True)
