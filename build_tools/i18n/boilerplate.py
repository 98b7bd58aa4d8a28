"""The exact boilerplate of ISO/IEC Directives Part 2 and GB/T 1.1—2020 (RULES-REFERENCE.md).

``clause new`` writes these sentences and the linter compares drafts with them after
normalising white space, so the two can never disagree.
"""

from __future__ import annotations

import re

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


def normalise(text: str) -> str:
    """White space folded; CJK text has none between characters."""
    text = " ".join(text.split())
    return re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])", "", text)


_EXEMPT_RE = re.compile("|".join(r"\s+".join(re.escape(w) for w in sentence.split())
                                  for sentence in sorted(EXEMPT_SENTENCES, key=len, reverse=True)))


def strip_exempt(text: str) -> str:
    """Blank out boilerplate sentences, keeping offsets (so lines stay right)."""
    if "responsible" not in text and "document" not in text:
        return text
    return _EXEMPT_RE.sub(lambda m: re.sub(r"\S", " ", m.group(0)), text)


def warning_for(stage_number: int, rules: str) -> str | None:
    if stage_number >= 60:
        return None
    if rules == "gb":
        return WARNING_GB
    return WARNING_DIS if stage_number >= 40 else WARNING_CD


def terms_lead_matches(text: str, rules: str) -> bool:
    text = normalise(text)
    ident = r"(?:[A-Z][\w/. -]*?\d[\w.:—–-]*|GB/T[\s\d.—–-]+?)"
    refs = rf"{ident}(?:(?:, | and |、|和|以及){ident})*"
    for lead in TERMS_LEADS["gb" if rules == "gb" else "iso"]:
        pattern = re.escape(normalise(lead)).replace(re.escape("{ref}"), refs)
        if re.fullmatch(pattern, text):
            return True
    return False
