"""Recognising the columns of a comment table from its header row (or from its position).

Three families of headers are known: the ISO/IEC/CEN/CENELEC template and its variants (IEC
"Clause/ Sub clause", "Paragraph Figure/ Table", FORM 13B), the IEEE SA myProject export, and
the Chinese 征求意见汇总处理表. Headers are compared after folding case, footnote marks,
"(e.g. …)" hints, punctuation and white space, so "MB/NC¹", "MB/NC1" and "mb / nc" are one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .iso_template import COLUMN_FIELDS, COLUMN_NAMES

MEMBER = "member"
LINE = "line"
CLAUSE = "clause"
ELEMENT = "element"
TYPE = "type"
COMMENT = "comment"
PROPOSED_CHANGE = "proposed_change"
OBSERVATION = "observation"
DISPOSITION = "disposition"
ID = "id"
VOTE = "vote"  # a ballot form's vote column (IEEE "Vote", 投票单 表决意见): not a comment field
SERIAL = "serial"  # a row number column (序号): kept in extra, never content on its own
PERSONAL = "personal"  # e-mail and phone columns of IEEE exports: not imported into git

_EXACT = {
    # ISO/IEC/CEN/CENELEC template 2012-03, IEC variant, FORM 13B, FORMAT.md
    "mbnc": MEMBER,
    "mb": MEMBER,
    "nc": MEMBER,
    "nb": MEMBER,
    "mbnb": MEMBER,
    "member": MEMBER,
    "memberbody": MEMBER,
    "linenumber": LINE,
    "line": LINE,
    "lineno": LINE,
    "clausesubclause": CLAUSE,
    "clause": CLAUSE,
    "subclause": CLAUSE,
    "paragraphfiguretable": ELEMENT,
    "paragraphfiguretablenote": ELEMENT,
    "paragraphlistitemnote": ELEMENT,
    "paragraph": ELEMENT,
    "element": ELEMENT,
    "typeofcomment": TYPE,
    "type": TYPE,
    "comments": COMMENT,
    "comment": COMMENT,
    "proposedchange": PROPOSED_CHANGE,
    "proposedchanges": PROPOSED_CHANGE,
    "observationsofthesecretariat": OBSERVATION,
    "secretariatobservations": OBSERVATION,
    "secretariatobservationsoneachcommentsubmitted": OBSERVATION,
    "observations": OBSERVATION,
    "observation": OBSERVATION,
    "id": ID,
    "vote": VOTE,
    "ballot": VOTE,
    # IEEE SA myProject export (and the 802.11 resolution sheet)
    "category": TYPE,
    "affiliation": MEMBER,
    "dispositionstatus": DISPOSITION,
    "dispositiondetail": OBSERVATION,
    "resnstatus": DISPOSITION,
    "resolution": OBSERVATION,
    "email": PERSONAL,
    "phone": PERSONAL,
    # 征求意见汇总处理表
    "序号": SERIAL,
    "章条编号": CLAUSE,
    "标准章条编号": CLAUSE,
    "章节号": CLAUSE,
    "章条号": CLAUSE,
    "章条": CLAUSE,
    "条款": CLAUSE,
    "条款号": CLAUSE,
    "意见内容": COMMENT,
    "意见": COMMENT,
    "修改意见": COMMENT,
    "提出单位": MEMBER,
    "意见提出单位": MEMBER,
    "单位": MEMBER,
    "单位名称": MEMBER,
    "处理意见": DISPOSITION,
    "处理结果": DISPOSITION,
    "备注": OBSERVATION,
    "处理说明": OBSERVATION,
    "修改建议": PROPOSED_CHANGE,
    "建议修改": PROPOSED_CHANGE,
    "修改后内容": PROPOSED_CHANGE,
    "意见类型": TYPE,
    "类型": TYPE,
    "行号": LINE,
    "投票": VOTE,
    "投票意见": VOTE,
    "表决": VOTE,
    "表决意见": VOTE,
    "电话": PERSONAL,
    "邮箱": PERSONAL,
}
# Long headers that carry more words: FORM 13B "Clause/Subclause/Annex/Figure/Table", the AOM
# template's "Type ed / te / ge", "Observations of the Secretariat (IEC)".
_PREFIXES = (
    ("clausesubclause", CLAUSE),
    ("paragraph", ELEMENT),
    ("typeofcom", TYPE),
    ("type", TYPE),
    ("observationsof", OBSERVATION),
    ("secretariatobservation", OBSERVATION),
    ("linenumber", LINE),
    ("mbnc", MEMBER),
    ("suggestion", PROPOSED_CHANGE),
)


def normalize_header(text: str | None) -> str:
    """Fold a header cell for comparison: 'Type of comment²' -> 'typeofcomment'."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).lower().replace("#", "no")
    folded = re.sub(r"\(.*?\)", "", folded, flags=re.DOTALL)
    folded = re.sub(r"[\W_]+", "", folded)
    return re.sub(r"\d+$", "", folded)


def match_header(text: str | None) -> str | None:
    """The field a header names, or None for a column to keep in ``extra``."""
    key = normalize_header(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    for prefix, name in _PREFIXES:
        if key.startswith(prefix):
            return name
    return None


@dataclass(frozen=True)
class Layout:
    """What each column of a table holds. ``fields[i]`` is None for a column kept in ``extra``
    under ``headers[i]``; ``scheme`` is "iso", "ieee" or "gb"."""

    fields: tuple[str | None, ...]
    headers: tuple[str, ...]
    scheme: str

    @property
    def width(self) -> int:
        return len(self.fields)

    @property
    def encoded_observation(self) -> bool:
        """Without a disposition column the disposition is the start of the observation."""
        return DISPOSITION not in self.fields

    def column(self, name: str) -> int | None:
        return self.fields.index(name) if name in self.fields else None


def layout_from_header(cells: list[str | None]) -> Layout | None:
    """The layout a header row describes, or None when the row is not a comment-table header.

    A header names a comment column and at least two other known columns; a field named twice
    keeps its first column (the second goes to ``extra``).
    """
    fields: list[str | None] = []
    seen: set[str] = set()
    for cell in cells:
        name = match_header(cell)
        if name in seen and name not in (SERIAL, PERSONAL):
            name = None
        if name:
            seen.add(name)
        fields.append(name)
    known = seen - {SERIAL, PERSONAL}
    if COMMENT not in known or len(known) < 3:
        return None
    headers = tuple(" ".join((c or "").split()) or f"column {i + 1}" for i, c in enumerate(cells))
    return Layout(tuple(fields), headers, _scheme(cells))


def _scheme(cells: list[str | None]) -> str:
    keys = {normalize_header(c) for c in cells}
    if any(re.search(r"[\u4e00-\u9fff]", c or "") for c in cells):
        return "gb"
    if keys & {"category", "dispositionstatus", "mustbesatisfied", "subclause"}:
        return "ieee"
    return "iso"


# The body table of the official template has no header row: columns are known by position.
ISO_POSITIONAL = Layout(COLUMN_FIELDS, COLUMN_NAMES, "iso")
