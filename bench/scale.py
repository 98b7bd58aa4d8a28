"""Large legitimate drafts (issue 15, item 5): generators, and the work measured on each.

    python bench/scale.py figures                  every case at 1x, 2x, 4x (make bench-scale)
    python bench/scale.py gen CASE N FILE          write the CASE draft of size N to FILE
    python bench/scale.py measure CASE N STAGES    parse it, run each STAGE, print JSON

CASE is one of `CASES`: ``terms`` (N term entries), ``footnotes`` (N footnotes), ``table``
(one table of N rows), ``xrefs`` (one paragraph of N lines, each with a cross-reference) and
``redline`` (N clauses, every one renamed in the next version). STAGES (comma-separated) are
among `STAGES`: parse, lint, site (the MkDocs page), typst (the Typst source), docx (pandoc
and the DOCX), pdf (Typst compile and line map), redline (redline of the two versions).
``measure`` prints the seconds of each stage alone and the peak resident memory.

Every draft is valid and meaningful at any size, so a stage that grows faster than its input
shows up as a ratio: `bench/run.py` measures each stage at 1×, 2× and 4× and prints the time
and memory ratios of 4× to 1× (linear is 4).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

# The numbers in the text stay below a thousand (i % 997): a five-digit "12345" is a finding of
# UNIT-03 (digits grouped in threes), and a share of findings that grows with the size would
# make the lint look superlinear when it is not.
HEAD = """---
id: MVS 9100
title: Scale test — {what}
language: en
stage: WD
iteration: 1
date: 2026-01-01
committee: MIIT Metaverse Standardization Working Group
editors:
  - name: Bench
---

# Foreword {{#foreword}}

This document was drafted in accordance with the editorial rules of the ISO/IEC Directives, \
Part 2 (see www.iso.org/directives).

# Scope {{#scope}}

This document specifies {what} for the measurement of large drafts.

"""


def terms(n: int) -> str:
    """N term entries, each with a definition citing the entry before and a note to entry."""
    parts = [HEAD.format(what="terms"), "# Terms and definitions {#terms}\n\n",
             "For the purposes of this document, the following terms and definitions apply.\n\n"]
    for i in range(1, n + 1):
        link = f"[term {i - 1}](#term-t{i - 1})" if i > 1 else "a virtual object"
        parts.append(f"## term {i} {{#term-t{i}}}\n\n"
                     f"property of {link} that is kept for measurement {i % 997}\n\n"
                     f"Note 1 to entry: The value {i % 997} is counted once.\n\n")
    return "".join(parts)


def footnotes(n: int) -> str:
    """N footnotes: ten paragraphs of references, then the N definitions."""
    parts = [HEAD.format(what="footnotes"), "# Requirements {#requirements}\n\n"]
    per = max(1, n // 10)
    for start in range(1, n + 1, per):
        refs = " ".join(f"Value {i % 997} is measured.[^f{i}]" for i in range(start, min(n, start + per
                                                                                  - 1) + 1))
        parts.append(refs + "\n\n")
    parts += [f"[^f{i}]: Measured with method {i % 997}.\n" for i in range(1, n + 1)]
    return "".join(parts)


def table(n: int) -> str:
    """One table of N rows and four columns, with a caption and a reference to it."""
    rows = "".join(f"| P{i} | value {i % 997} | {i % 97} ms | see note {i % 7} |\n"
                   for i in range(1, n + 1))
    return (HEAD.format(what="a parameter table") + "# Parameters {#parameters}\n\n"
            "The parameters are listed in [](#tab-params).\n\n"
            "Table: Parameters {#tab-params}\n\n"
            "| Parameter | Value | Latency | Remark |\n|---|---|---|---|\n" + rows + "\n")


def xrefs(n: int) -> str:
    """One paragraph of N lines, each holding a cross-reference to one of ten clauses."""
    targets = "".join(f"## Topic {k} {{#sec-topic-{k}}}\n\nTopic {k} is described here.\n\n"
                      for k in range(10))
    # One reference a line, as an editor's soft-wrapped paragraph has them.
    refs = ",\n".join(f"[](#sec-topic-{i % 10})" for i in range(n))
    return (HEAD.format(what="cross-references") + "# Topics {#topics}\n\n" + targets +
            "# Index {#index}\n\nThe topics are described in " + refs + ".\n")


def clauses(n: int, renamed: bool = False) -> str:
    """N clauses with a paragraph each, anchored by their titles; ``renamed`` gives every clause
    a new title and adds a sentence, as a revision that rewords a whole draft does."""
    parts = [HEAD.format(what="clauses")]
    for i in range(1, n + 1):
        title = f"Revised topic {i}" if renamed else f"Topic {i}"
        extra = " It was revised." if renamed else ""
        parts.append(f"# {title}\n\nThe system shall record event {i}.{extra}\n\n")
    return "".join(parts)


CASES: dict[str, Callable[[int], str]] = {
    "terms": terms, "footnotes": footnotes, "table": table, "xrefs": xrefs, "redline": clauses,
}
# The sizes of issue 15 are the 4x of each case.
BASE = {"terms": 25_000, "footnotes": 12_500, "table": 25_000, "xrefs": 5_000, "redline": 2_000}


def _parse(case: str, n: int, folder: Path):
    from build_tools.parse import parse_file

    path = folder / f"{case}.md"
    path.write_text(CASES[case](n), encoding="utf-8")
    return parse_file(path)


def _export_stage(stage: str, draft, folder: Path) -> Callable[[], object]:
    from build_tools.export.cover import cover_of
    from build_tools.export.docx import build_docx
    from build_tools.export.limits import check_tables
    from build_tools.export.pdf import build_pdf
    from build_tools.export.typst_source import to_typst

    cover = cover_of(draft)
    build = folder / f"build-{stage}"
    build.mkdir()
    if stage == "typst":
        return lambda: to_typst(draft, cover, {}, "continuous", {})
    if stage == "docx":
        return lambda: (check_tables(draft),
                        build_docx(draft, cover, {}, build, folder / "out.docx", None, 0))
    return lambda: (check_tables(draft),
                    build_pdf(draft, cover, {}, build, folder / "out.pdf", "continuous", 0))


STAGES = ("parse", "lint", "site", "typst", "docx", "pdf", "redline")
# What each case is measured with: the PDF (Typst) only where the draft stays under the
# export limits, since its memory is Typst's (bench/README.md).
CASE_STAGES = {
    "terms": ("parse", "lint", "site", "typst", "docx"),
    "footnotes": ("parse", "lint", "site", "typst", "docx"),
    "table": ("parse", "lint", "site", "typst", "docx", "pdf"),
    "xrefs": ("parse", "lint", "site", "typst", "docx", "pdf"),
    "redline": ("parse", "redline"),
}


def measure(case: str, n: int, stages: tuple[str, ...]) -> dict[str, Any]:
    """Each stage's seconds (or the export's refusal), and the process's peak memory after
    parsing and after all stages; pandoc's own peak is ``child_peak_mb``."""
    from build_tools.export.errors import ExportError

    answer: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="clause-scale-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        draft = _parse(case, n, folder)
        answer["parse"] = time.perf_counter() - start
        answer["model_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        for stage in stages:
            if stage == "parse":
                continue
            work = _work(stage, case, n, draft, folder)
            start = time.perf_counter()
            try:
                work()
            except ExportError as exc:
                answer[f"{stage}_refused"] = exc.message.split(";")[0]
            answer[stage] = time.perf_counter() - start
    answer["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    answer["child_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return answer


def _work(stage: str, case: str, n: int, draft, folder: Path) -> Callable[[], object]:
    if stage == "redline":
        from build_tools.parse import parse_text
        from build_tools.site.redline import redline, redline_html

        new = parse_text(clauses(n, renamed=True), folder / "new.md")
        return lambda: redline_html(redline(draft, new, "WD 1", "WD 2"))
    if stage == "lint":
        from build_tools.lint.engine import active_rules, lint_models

        rules = active_rules()
        return lambda: lint_models([draft], rules, folder)
    if stage == "site":
        from build_tools.render.site import PageContext, render_page

        return lambda: render_page(draft, PageContext())
    if stage in ("typst", "docx", "pdf"):
        return _export_stage(stage, draft, folder)
    raise SystemExit(f"unknown stage {stage!r}; choose from {', '.join(STAGES)}")


Figure = Callable[[str, float, str, str], None]


def figures(figure: Figure, skipped: Callable[[str, str], None],
            log: Callable[[str], None], divide: int = 1) -> None:
    """Every case at 1x, 2x and 4x its base size (divided by ``divide`` in a quick run), each
    size in a fresh interpreter; then the 4x-to-1x ratio of each stage's time and of the peak
    memory (linear is 4)."""
    for case, stages in CASE_STAGES.items():
        sizes = [max(10, BASE[case] * k // divide) for k in (1, 2, 4)]
        answers: list[dict[str, Any]] = []
        for n in sizes:
            log(f"scale: {case} at {n}")
            proc = subprocess.run([sys.executable, str(Path(__file__)), "measure", case, str(n),
                                   ",".join(stages)], capture_output=True, text=True)
            if proc.returncode != 0:
                lines = [x for x in proc.stderr.splitlines() if x.strip()]
                skipped(f"scale_{case}_{n}", lines[-1] if lines else f"exit {proc.returncode}")
                break
            answer = json.loads(proc.stdout.strip().splitlines()[-1])
            answers.append(answer)
            for stage in stages:
                how = "1 run, in-process"
                if f"{stage}_refused" in answer:
                    how += f", refused: {answer[f'{stage}_refused']}"
                figure(f"scale_{case}_{n}_{stage}_s", float(answer[stage]), "s", how)
            figure(f"scale_{case}_{n}_peak_rss_mb", float(answer["peak_mb"]), "MB",
                   "1 run, the process after every stage")
        if len(answers) == 3:
            first, last = answers[0], answers[-1]
            for stage in stages:
                if f"{stage}_refused" in last and f"{stage}_refused" not in first:
                    continue  # refused at 4x: the ratio would compare work with a refusal
                low = max(float(first[stage]), 1e-3)
                figure(f"ratio_scale_{case}_{stage}_4x_to_1x (linear 4)",
                       float(last[stage]) / low, "x", "")
            figure(f"ratio_scale_{case}_peak_rss_4x_to_1x (linear ≤ 4)",
                   float(last["peak_mb"]) / float(first["peak_mb"]), "x", "")


def _print_figure(name: str, value: float, unit: str, how: str) -> None:
    label = f"{name} ({how})" if how else name
    print(f"{label}: {value:.3g} {unit}", flush=True)


def main(argv: list[str]) -> int:
    if argv == ["figures"]:
        quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
        figures(_print_figure, lambda name, why: print(f"{name}: skipped ({why})"),
                lambda line: print(f"bench: {line}", file=sys.stderr), 10 if quick else 1)
        return 0
    if len(argv) == 4 and argv[0] == "gen":
        Path(argv[3]).write_text(CASES[argv[1]](int(argv[2])), encoding="utf-8")
        return 0
    if len(argv) == 4 and argv[0] == "measure":
        print(json.dumps(measure(argv[1], int(argv[2]), tuple(argv[3].split(",")))))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
