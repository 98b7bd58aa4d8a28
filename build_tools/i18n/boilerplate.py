"""The exact boilerplate of ISO/IEC Directives Part 2 and GB/T 1.1—2020 (RULES-REFERENCE.md).

``clause new`` writes these sentences and the linter compares drafts with them after
normalising white space, so the two can never disagree.
"""

from __future__ import annotations

import functools
import re

from build_tools.i18n.wordre import words

NORMREF_LEAD = {
    "iso": (
        "The following documents are referred to in the text in such a way that some or all of "
        "their content constitutes requirements of this document. For dated references, only the "
        "edition cited applies. For undated references, the latest edition of the referenced "
        "document (including any amendments) applies."
    ),
    "gb": (
        "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，"
        "仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。"
    ),
}
NORMREF_NONE = {
    "iso": "There are no normative references in this document.",
    "gb": "本文件没有规范性引用文件。",
}
# Clause 3 leads; "{ref}" stands for one or more document identifiers.
TERMS_LEADS = {
    "iso": [
        "For the purposes of this document, the following terms and definitions apply.",
        "For the purposes of this document, the terms and definitions given in {ref} apply.",
        "For the purposes of this document, the terms and definitions given in {ref} and the "
        "following apply.",
        "No terms and definitions are listed in this document.",
    ],
    "gb": [
        "下列术语和定义适用于本文件。",
        "{ref}界定的术语和定义适用于本文件。",
        "{ref}界定的以及下列术语和定义适用于本文件。",
        "本文件没有需要界定的术语和定义。",
    ],
}
TERMS_DB = (
    "ISO and IEC maintain terminology databases for use in standardization at the following "
    "addresses:"
)
TERMS_DB_ITEMS = [
    "ISO Online browsing platform: available at https://www.iso.org/obp",
    "IEC Electropedia: available at https://www.electropedia.org/",
]
DRAFTING_BASIS = {
    "iso": (
        "This document was drafted in accordance with the editorial rules of the ISO/IEC "
        "Directives, Part 2 (see www.iso.org/directives)."
    ),
    "gb": "本文件按照GB/T 1.1—2020《标准化工作导则\u3000第1部分：标准化文件的结构和起草规则》的规定起草。",
}
PATENTS = {
    "iso": (
        "Attention is drawn to the possibility that some of the elements of this document may be "
        "the subject of patent rights. ISO shall not be held responsible for identifying any or "
        "all such patent rights."
    ),
    "gb": "请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。",
}
# The drafting-basis sentence as ISO/CS writes it: the ISO/IEC and IEC variants add the IEC
# address ("… (see www.iso.org/directives or www.iec.ch/members_experts/refdocs)."), older
# texts say "the rules given in". Compared with the normalised text.
DRAFTING_BASIS_RE = re.compile(
    r"This document was drafted in accordance with the (?:editorial rules of|rules given in) the "
    r"ISO/IEC Directives, Part 2 \(see www\.iso\.org/directives(?: or [^()]+)?\)\.")
# Draft warnings by stage range (BOIL-06, BOIL-07, GB cover text).
WARNING_CD = (
    "This document is not an ISO International Standard. It is distributed for review and "
    "comment. It is subject to change without notice and may not be referred to as an "
    "International Standard. Recipients of this draft are invited to submit, with their "
    "comments, notification of any relevant patent rights of which they are aware and to "
    "provide supporting documentation."
)
WARNING_DIS = (
    "This document is a draft circulated for comments and approval. It is therefore subject to "
    "change and may not be referred to as an international standard until published as such."
)
# The two further paragraphs of the DIS/FDIS cover (BOIL-07).
DIS_REGULATIONS = (
    "In addition to their evaluation as being acceptable for industrial, technological, "
    "commercial and user purposes, draft International Standards may on occasion have to be "
    "considered in the light of their potential to become standards to which reference may be "
    "made in national regulations."
)
DIS_PATENTS = (
    "Recipients of this draft are invited to submit, with their comments, notification of any "
    "relevant patent rights of which they are aware and to provide supporting documentation."
)

WARNING_GB = "在提交反馈意见时，请将您知道的相关专利连同支持文件一并附上。"

# Sentences the linter must not read as provisions: they are the Directives' own words.
EXEMPT_SENTENCES = [
    PATENTS["iso"],
    "ISO shall not be held responsible for identifying any or all such patent rights.",
    "IEC shall not be held responsible for identifying any or all such patent rights.",
    "Attention is drawn to the possibility that some of the elements of this document may be "
    "the subject of patent rights.",
    WARNING_CD,
    WARNING_DIS,
]
# The general part of the Foreword that ISO/CS and the IEC Central Office supply (Directives
# Part 2, 12.2 and 12.3; RULES-REFERENCE BOIL-05): the committee pastes it and may not reword
# it, so its "should be noted", "may", "shall" and "and/or" are no finding. Patterns, not exact
# sentences: the ISO, IEC, ISO/IEC JTC 1 and co-published variants differ in a few words and in
# the addresses they cite.
_ORG = r"(?:ISO|IEC|ISO and IEC|ISO/IEC|ISO, IEC and IEEE)"
_URL = r"(?:<?(?:https?://)?[\w.-]+\.(?:org|ch)(?:/[\w./-]*)?>?)"
EXEMPT_PATTERNS = [
    r"In particular, the different approval criteria needed for the different types of "
    r"(?:(?:ISO|IEC|ISO/IEC) )?documents? should be noted\.",
    rf"{_ORG} shall not be held responsible for identifying any or all such patent rights\.",
    r"Details of any patent rights identified during the development of the document will be "
    r"in the Introduction and/or on the (?:ISO|IEC) list of patent declarations received "
    rf"\(see {_URL}\)(?: or the IEC list of patent declarations received \(see {_URL}\))?\.",
    # The wording since 2021: "ISO draws attention to the possibility that the implementation
    # of this document may involve the use of (a) patent(s). …"
    rf"{_ORG} draws? attention to the possibility that the implementation of this document may "
    r"involve the use of \(a\) patent\(s\)\.",
    rf"As of the (?:date of publication|publication date) of this document, {_ORG} (?:had|had not) "
    r"received notice of \(a\) patent\(s\) which may be required to implement this document\.",
    r"However, implementers are cautioned that this may not represent the latest information, "
    rf"which may be obtained from the patent database available at {_URL}(?: and {_URL})?\.",
    r"Any feedback or questions on this document should be directed to the user['’]s national "
    r"standards body\.",
]
_URL_SCHEME = re.compile(r"<?\bhttps?://(?=www\.)|(?<=\.org/directives)/|(?<=\.html)>|"
                         r"(?<=/directives)>")


@functools.lru_cache(maxsize=1024)  # the same leads and items, draft after draft
def normalise(text: str) -> str:
    """White space folded; CJK text has none between characters. A link's address compares by
    what a reader sees ("https://www.iso.org/directives" is "www.iso.org/directives"), and a
    typographic apostrophe is a plain one."""
    text = _URL_SCHEME.sub("", text.replace("\u2019", "'"))
    text = " ".join(text.split())
    return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "", text)


_EXEMPT_RE = re.compile("|".join(
    [r"\s+".join(re.escape(w) for w in sentence.split())
     for sentence in sorted(EXEMPT_SENTENCES, key=len, reverse=True)]
    # Any run of white space (a line break in the source) matches a space of a pattern.
    + [p.replace(" ", r"\s+") for p in EXEMPT_PATTERNS]))


# Every exempt sentence holds one of these words (one word each: the source may break a line
# anywhere). A block without any is returned as it is, without the long alternation.
# (tests/lint/test_false_findings.py checks that.)
_EXEMPT_HINTS = ("patent", "approval", "circulated", "feedback")


@functools.lru_cache(maxsize=2048)  # several rules ask for the same block's text in turn
def strip_exempt(text: str) -> str:
    """Blank out boilerplate sentences, keeping offsets (so lines and columns stay right)."""
    if not any(h in text for h in _EXEMPT_HINTS):
        return text
    return _EXEMPT_RE.sub(lambda m: re.sub(r"\S", " ", m.group(0)), text)


# How a document must not name itself (Directives Part 2, 10.6: "this document"). One pattern
# for REF-06 (running text) and STYLE-03 (titles).
SELF_NAME_EN = words(r"this (?:International )?(?:standard|specification|Technical Specification|"
                     r"Technical Report)")
SELF_NAME_ZH = re.compile(r"本标准|本规范")


def warning_for(stage_number: int, rules: str) -> str | None:
    if stage_number >= 60:
        return None
    if rules == "gb":
        return WARNING_GB
    return WARNING_DIS if stage_number >= 40 else WARNING_CD


def terms_lead_matches(text: str, rules: str) -> bool:
    text = normalise(text)
    return any(pattern.fullmatch(text) for pattern in _terms_leads("gb" if rules == "gb" else "iso"))


@functools.cache
def _terms_leads(rules: str) -> list[re.Pattern[str]]:
    ident = r"(?:[A-Z][\w/. -]*?\d[\w.:—–-]*|GB/T[\s\d.—–-]+?)"
    refs = rf"{ident}(?:(?:, | and |、|和|以及){ident})*"
    return [re.compile(re.escape(normalise(lead)).replace(re.escape("{ref}"), refs))
            for lead in TERMS_LEADS[rules]]
