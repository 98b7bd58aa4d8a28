"""The 编制说明 (explanatory report) of a draft: the editors' text and what Clause knows.

The editors write drafts/<stem>.report.md (scaffold.report_scaffold). ``compose`` puts into it,
at its markers (``<!-- clause report: history -->`` …) or, where a marker was removed, at the
end: the drafting organizations and drafters (the ``gb:`` block and the editors), the stages
and ballots from git, and the comment statistics of each round, and attaches each round's
征求意见汇总处理表 as an annex. The result is one Markdown document, parsed into the same model
as a draft and exported by the same DOCX and PDF writers.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.export.cover import cover_of
from build_tools.export.errors import ExportError
from build_tools.export.files import staging
from build_tools.export.reproducible import source_date_epoch
from build_tools.i18n import gb as G
from build_tools.i18n.stages import stage_name
from build_tools.model import Draft
from build_tools.parse import parse_file, parse_text
from build_tools.project import report_of, root_or_here
from build_tools.render.pandoc import escape
from build_tools.report.history import NoHistory, Step, history
from build_tools.report.rounds import ADOPTED, NOT_ADOPTED, OPEN, PARTLY, Round, comment_rounds
from build_tools.scaffold import REPORT_MARKERS

FORMATS = ("docx", "pdf")
_MARKER = re.compile(r"^[ \t]*<!--\s*clause report:\s*([\w-]+)\s*-->[ \t]*$", re.M)


class ReportError(ExportError):
    """The report cannot be made (no companion file, a draft that cannot be read)."""


@dataclass
class Report:
    draft: Draft
    source: Path  # drafts/<stem>.report.md
    markdown: str  # the whole report, front-matter included
    rounds: list[Round] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be said, and why


# The result of a ballot (workflow.results) as the 编制说明 states it.
RESULT_ZH = {"approved": "通过", "not-approved": "未通过", "re-review": "重新审查",
             "pending": "进行中"}


def _cell(text: object) -> str:
    return escape(" ".join(str(text or "").split())) or " "


def _table(caption: str, header: list[str], rows: list[list[str]]) -> str:
    lines = [f"表：{caption}", "", "| " + " | ".join(header) + " |",
             "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def drafting_section(draft: Draft) -> str:
    gb = G.gb_meta(draft.meta)
    parts = []
    if gb is not None:
        said = G.sentences(gb)
        parts += [escape(said[k]) for k in ("organizations", "drafters") if k in said]
    editors = [e for e in draft.meta.get("editors") or [] if isinstance(e, dict)]
    if editors:
        rows = [[str(e.get("name") or ""), str(e.get("organization") or "")] for e in editors]
        parts.append(_table("编辑", ["姓名", "单位"], rows))
    return "\n\n".join(parts) or "（前置信息中没有起草单位和起草人。）"


def history_section(steps: list[Step], note: str | None) -> str:
    if note:
        return escape(f"（{note}）")
    if not steps:
        return "（git 历史中没有记录阶段的版本。）"
    rows = []
    for s in steps:
        ballot = f"{s.ballot[0]} 至 {s.ballot[1]}" if s.ballot else "—"
        if s.ballot and s.result:
            ballot += f"（{RESULT_ZH.get(s.result, s.result)}）"
        period = s.first.isoformat() if s.first == s.last else f"{s.first} 至 {s.last}"
        rows.append([f"{stage_name(s.stage, 'gb')}（{s.stage} {s.iteration}）", s.date or "—",
                     period, ballot, str(s.commits), s.commit[:10]])
    return _table("各阶段和投票", ["阶段", "本稿日期", "修改期间", "征求意见（投票）期",
                                   "提交次数", "首次提交"], rows)


def comments_section(rounds: list[Round], annexes: dict[str, str]) -> str:
    if not rounds:
        return "（comments/ 中没有本文件的意见。）"
    rows = []
    for r in rounds:
        n = r.counts()
        rows.append([r.label, "英文版" if r.language == "en" else "中文版", str(len(r.members)),
                     str(len(r.comments)), str(n[ADOPTED]), str(n[PARTLY]), str(n[NOT_ADOPTED]),
                     str(n[OPEN])])
    text = [_table("各轮意见的处理", ["轮次", "版本", "提出单位", "意见", ADOPTED, PARTLY,
                                      NOT_ADOPTED, OPEN], rows)]
    for r in rounds:
        n = r.counts()
        text.append(escape(
            f"{r.label}（{'英文版' if r.language == 'en' else '中文版'}）共收到"
            f"{len(r.members)}个单位的{len(r.comments)}条意见：采纳{n[ADOPTED]}条，部分采纳"
            f"{n[PARTLY]}条，未采纳{n[NOT_ADOPTED]}条" + (f"，尚未处理{n[OPEN]}条" if n[OPEN]
                                                          else "") + "。")
            + f"处理情况见[](#{annexes[r.folder]})。")
    text.append("注：采纳含原则上采纳；未采纳含仅作说明、不修改文本的意见（noted）。")
    return "\n\n".join(text)


def annex_section(r: Round, anchor: str) -> str:
    version = "英文版" if r.language == "en" else "中文版"
    head = f"# 征求意见汇总处理表（{r.label}，{version}） {{#{anchor} .annex .informative}}"
    table = _table(f"{r.label}征求意见汇总处理表",
                   ["序号", "章条编号", "意见内容", "提出单位", "处理意见", "备注"], r.rows())
    return f"{head}\n\n{table}"


def _front(draft: Draft) -> str:
    title = draft.titles.get("zh") or draft.title_in()
    lines = ["---", f'id: "{draft.id}"', "title:",
             f"  zh: \"《{title}》编制说明\"", "language: zh", "rules: gb"]
    for key in ("stage", "iteration", "date", "committee"):
        if draft.meta.get(key) is not None:
            value = str(draft.meta[key]).replace('"', "'")
            lines.append(f'{key}: "{value}"' if key != "iteration" else f"{key}: {value}")
    return "\n".join([*lines, "---", ""])


def compose(draft_path: Path) -> Report:
    """The report of the draft at ``draft_path`` (ReportError without its companion file)."""
    draft_path = Path(draft_path)
    source = report_of(draft_path)
    if not source.is_file():
        raise ReportError(source, 1, f"no 编制说明 beside the draft: write one with 'clause "
                          f"report --init {draft_path}', then fill in its sections")
    draft = parse_file(draft_path)
    if draft.fatal:
        fatal = next(p for p in draft.problems if p.fatal)
        raise ReportError(draft_path, fatal.line, fatal.message)
    try:
        body = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(source, 1, f"cannot read it: {exc}") from None
    report = Report(draft, source, "")
    root = root_or_here(draft_path)
    note = None
    try:
        report.steps = history(draft_path)
    except NoHistory as exc:
        note = str(exc)
        report.notes.append(note)
    report.rounds = comment_rounds(root, draft.id)
    annexes = {r.folder: f"annex-comments-{r.folder.lower()}-{r.language}" for r in report.rounds}
    pieces = {"history": history_section(report.steps, note),
              "drafting": drafting_section(draft),
              "comments": comments_section(report.rounds, annexes)}
    placed: set[str] = set()

    def put(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in pieces or name in placed:
            return m.group(0)
        placed.add(name)
        return pieces[name]

    body = _MARKER.sub(put, body).rstrip("\n")
    rest = [name for name in REPORT_MARKERS if name not in placed]
    if rest:
        body += "\n\n# 其他由 Clause 生成的信息\n\n" + "\n\n".join(
            f"## {REPORT_MARKERS[name]}\n\n{pieces[name]}" for name in rest)
    body += "".join(f"\n\n{annex_section(r, annexes[r.folder])}" for r in report.rounds)
    report.markdown = _front(draft) + body + "\n"
    return report


def output_name(draft_path: Path, fmt: str) -> str:
    return f"{draft_path.stem}.report.{fmt}"


def build_report(draft_path: Path, out_dir: Path, formats: tuple[str, ...] = ("docx",)
                 ) -> tuple[Report, dict[str, Path]]:
    """Write the report as DOCX and/or PDF into ``out_dir`` (all or nothing)."""
    from build_tools.export.docx import build_docx
    from build_tools.export.pdf import build_pdf

    report = compose(draft_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    epoch = source_date_epoch()
    written: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix=".clause-report-", dir=out_dir.resolve()) as tmp, \
            staging() as stage:
        build = Path(tmp)
        model = parse_text(report.markdown, report.source)
        cover = dataclasses.replace(cover_of(model), warning=[], watermark=None)
        for fmt in formats:
            final = out_dir / output_name(Path(draft_path), fmt)
            if fmt == "pdf":
                build_pdf(model, cover, {}, build, stage.path(final), None, epoch)
            else:
                build_docx(model, cover, {}, build, stage.path(final), None, epoch)
            written[fmt] = final
    return report, written
