"""The comment rounds of a document: every iteration that received comments, in either
language version, with the counts a 编制说明 reports and the rows of its 征求意见汇总处理表.

The English and the Chinese version of a standard are one document (they share an id), so the
comments on either are the document's: each round says which version it was made on.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.comments.collate import collate
from build_tools.comments.locate import comment_paths, draft_files, iteration_folder
from build_tools.comments.model import (
    ACCEPTED,
    ACCEPTED_IN_PRINCIPLE,
    NOTED,
    PARTIALLY_ACCEPTED,
    REJECTED,
    Comment,
)
from build_tools.comments.yaml_read import read_comment_file
from build_tools.i18n.stages import ORDER, abbreviation_of

# The three outcomes of a Chinese 处理意见, and where each disposition counts.
ADOPTED, PARTLY, NOT_ADOPTED, OPEN = "采纳", "部分采纳", "未采纳", "未处理"
OUTCOME = {ACCEPTED: ADOPTED, ACCEPTED_IN_PRINCIPLE: ADOPTED, PARTIALLY_ACCEPTED: PARTLY,
           NOTED: NOT_ADOPTED, REJECTED: NOT_ADOPTED}
# What the 处理意见 cell says (the importer reads these words back as the same disposition).
WORDING = {ACCEPTED: "采纳", ACCEPTED_IN_PRINCIPLE: "原则上采纳", PARTIALLY_ACCEPTED: "部分采纳",
           NOTED: "未采纳（说明）", REJECTED: "未采纳"}
TYPES = {"ge": "一般", "te": "技术", "ed": "编辑"}


@dataclass
class Round:
    stage: str
    iteration: int
    language: str  # of the version commented on
    draft: Path  # that version's file
    comments: list[Comment] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.stage} {self.iteration}"

    @property
    def folder(self) -> str:
        return iteration_folder(self.stage, self.iteration)

    @property
    def members(self) -> list[str]:
        return sorted({c.member or "" for c in self.comments} - {""})

    def counts(self) -> dict[str, int]:
        """采纳 / 部分采纳 / 未采纳 / 未处理, every key present."""
        out = dict.fromkeys((ADOPTED, PARTLY, NOT_ADOPTED, OPEN), 0)
        for comment in self.comments:
            out[OUTCOME.get(comment.disposition or "", OPEN)] += 1
        return out

    def rows(self) -> list[list[str]]:
        """The 征求意见汇总处理表: 序号, 章条编号, 意见内容, 提出单位, 处理意见, 备注."""
        out = []
        for n, c in enumerate(self.comments, 1):
            content = c.comment or ""
            if c.proposed_change:
                content += f"（建议：{c.proposed_change}）"
            answer = WORDING.get(c.disposition or "", OPEN)
            if c.observation:
                answer += f"：{c.observation}"
            note = "；".join(x for x in (TYPES.get(c.type or "", ""), c.id or "") if x)
            out.append([str(n), c.clause or "", content, c.member or "", answer, note])
        return out


def _order(r: Round) -> tuple[int, int, str]:
    abbr = abbreviation_of(r.stage)
    return (ORDER.index(abbr) if abbr in ORDER else len(ORDER), r.iteration, r.language)


def comment_rounds(root: Path, draft_id: str) -> list[Round]:
    """Every round of comments on any language version of ``draft_id`` under
    ``root``/comments/<draft file stem>/, in stage order. Unreadable files raise CommentError
    (``clause lint`` names them too)."""
    rounds: list[Round] = []
    for info in draft_files(root):
        if info.id != draft_id:
            continue
        folder = root / "comments" / info.path.stem
        if not folder.is_dir():
            continue
        groups = defaultdict(list)
        for path in comment_paths([folder]):
            cf = read_comment_file(path)
            if cf.document == draft_id and cf.stage and cf.iteration is not None:
                groups[(cf.stage, cf.iteration)].append(cf)
        for (stage, iteration), files in groups.items():
            rounds.append(Round(stage, iteration, info.language, info.path,
                                collate(files, draft_id, stage, iteration)))
    return sorted(rounds, key=_order)
