"""XREF: cross-references, anchors, tables, figures and images."""

from __future__ import annotations

import os
from pathlib import Path

from build_tools.lint.base import FMT, GB, ISO, Context, Example, Rule, register
from build_tools.lint.examples import PARTS_EN
from build_tools.model import Draft, Table
from build_tools.project import realpath

_BODY = PARTS_EN["body"]


def _anchor_column(draft: Draft, line: int, anchor: str) -> int:
    """Column of the '#id' written on ``line`` (1 when it cannot be found there)."""
    index = draft.index
    if not 0 < line <= len(index.starts):
        return 1
    start = index.starts[line - 1]
    end = draft.text.find("\n", start)
    text = draft.text[start:end if end != -1 else len(draft.text)]
    at = text.find("#" + anchor)
    return at + 1 if at != -1 else 1


@register
class TargetExists(Rule):
    id = "XREF-01"
    family = "cross-references"
    summary = "Every [](#id) cross-reference points at an existing anchor"
    source = FMT
    doc = "A link to an anchor that does not exist cannot be given a label and is an error."
    fail = [Example("en", {"body": _BODY + "\n\nSee [](#tab-missing)."})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for x in draft.xrefs:
            if x.target not in draft.targets:
                yield self.finding(draft, x.line, f"cross-reference to '#{x.target}', which does "
                                   "not exist", x.column)


@register
class DuplicateAnchor(Rule):
    id = "XREF-02"
    family = "cross-references"
    summary = "No anchor is defined twice"
    source = FMT
    doc = "Two elements with one {#id} make every reference to it ambiguous."
    fail = [Example("en", {"body": _BODY.replace("## General", "## General {#tab-interfaces}")})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for anchor, line in draft.duplicate_anchors:
            first = draft.targets[anchor]
            yield self.finding(draft, line, f"anchor '#{anchor}' is already used at line "
                               f"{first.line}", _anchor_column(draft, line, anchor))


@register
class TableTitle(Rule):
    id = "XREF-03"
    family = "cross-references"
    summary = "Every table has a title (a 'Table:' caption directly above it)"
    source = f"{ISO}, 29.3"
    source_gb = f"{GB}, 9.8"
    doc = "Write 'Table: Title {#tab-id}' on the line before the pipe table."
    fail = [Example("en", {"body": _BODY.replace("Table: Interfaces of a platform {#tab-interfaces}\n\n",
                                                 "").replace(" listed in [](#tab-interfaces)", "")})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        for table in draft.tables:
            if not table.caption:
                yield self.finding_at_offset(draft, table.start, "table without a title: add "
                                             "'Table: …' directly above it")
        # A caption without its table comes from the parse problems (Rule.problems).


@register
class FigureTitle(Rule):
    id = "XREF-04"
    family = "cross-references"
    summary = "Every figure has a title (its alt text)"
    source = f"{ISO}, 28.3"
    source_gb = f"{GB}, 9.7"
    doc = "In '![Title](figures/x.svg){#fig-x}' the alt text is the figure title."
    fail = [Example("en", {"body": _BODY + "\n\nSee [](#fig-a).\n\n![](figures/example.svg){#fig-a}"})]
    passing = [Example("en", {"body": _BODY + "\n\nSee [](#fig-a).\n\n"
                              "![Architecture](figures/example.svg){#fig-a}"})]

    def check(self, draft: Draft, ctx: Context):
        for fig in draft.figures:
            if not fig.title:
                yield self.finding_at_offset(draft, fig.start, f"figure {fig.src} has no title: "
                                             "write it as the image's alt text")


@register
class Cited(Rule):
    id = "XREF-05"
    family = "cross-references"
    summary = "Every table and figure is cited in the text"
    source = f"{ISO}, 28.2 and 29.2"
    source_gb = f"{GB}, 9.7 and 9.8"
    doc = "Each table and figure is referred to explicitly, e.g. 'see [](#tab-layers)'."
    fail = [Example("en", {"body": _BODY.replace(" listed in [](#tab-interfaces)", "")})]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        cited = {x.target for x in draft.xrefs}
        for item in [*draft.tables, *draft.figures]:
            if isinstance(item, Table) and not item.caption:
                continue  # an untitled table has no anchor either: XREF-03 reports it
            caption = getattr(item, "caption_phrase", None) or getattr(item, "title_phrase", None)
            at = caption.start if caption is not None and caption.map.starts else item.start
            if item.anchor is None:
                yield self.finding_at_offset(draft, at, f"{item.label} has no anchor and so "
                                             "cannot be cited: add {#id}")
            elif item.anchor not in cited:
                yield self.finding_at_offset(draft, at, f"{item.label} (#{item.anchor}) is not "
                                             "cited in the text")


@register
class ImageFile(Rule):
    id = "XREF-06"
    family = "cross-references"
    summary = "Images exist and lie inside the repository"
    live = True
    source = FMT
    doc = "Figures live under drafts/figures/. A path outside the repository (../../etc/passwd, " \
          "an absolute path, a symlink leaving it) is refused and never read."
    fail = [Example("en", {"body": _BODY + "\n\nSee [](#fig-a).\n\n"
                           "![Architecture](../../../etc/passwd){#fig-a}"})]
    passing = [Example("en", {"body": _BODY + "\n\nSee [](#fig-a).\n\n"
                              "![Architecture](figures/example.svg){#fig-a}"})]

    def check(self, draft: Draft, ctx: Context):
        root = Path(ctx.root) if ctx.root else draft.path.parent
        for image in draft.images:
            src = image.src
            if "://" in src or src.startswith("data:"):
                yield self.finding(draft, image.line, f"image '{src}' is not a file in the "
                                   "repository; remote images are not fetched", image.column)
                continue
            problem = image_problem(draft.path, src, root)
            if problem:
                yield self.finding(draft, image.line, problem, image.column)


def image_problem(draft_path: Path, src: str, root: Path) -> str | None:
    """Why an image path cannot be used, or None. Shared with the exports."""
    if not src:
        return "image without a path"
    if Path(src).is_absolute():
        return f"image '{src}' is an absolute path; use a path relative to the draft"
    target = Path(realpath(os.path.join(realpath(draft_path.parent), src)))
    if not target.is_relative_to(realpath(root)):
        return f"image '{src}' lies outside the repository"
    if not target.is_file():
        return f"image '{src}' does not exist"
    return None
