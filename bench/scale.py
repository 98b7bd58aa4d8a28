"""Large legitimate drafts (issue 15, item 5): generators, and the work measured on each.

    python bench/scale.py gen CASE N FILE      write the CASE draft of size N to FILE
    python bench/scale.py measure CASE N STAGE  generate in memory, run STAGE, print JSON

CASE is one of `CASES`: ``terms`` (N term entries), ``footnotes`` (N footnotes), ``table``
(one table of N rows), ``xrefs`` (one paragraph holding N cross-references) and ``redline``
(N clauses, every one renamed in the next version). STAGE is one of `STAGES`: parse, lint,
site (the MkDocs page), typst (the Typst source), docx (pandoc's input and the DOCX), pdf
(Typst source and compile), redline (redline of the two versions). ``measure`` prints the
seconds of the stage alone and the peak resident memory of the process.

Every draft is valid and meaningful at any size, so a stage that grows faster than its input
shows up as a ratio: `bench/run.py` measures each stage at 1×, 2× and 4× and prints the time
and memory ratios of 4× to 1× (linear is 4).
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

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
                     f"property of {link} that is kept for measurement {i}\n\n"
                     f"Note 1 to entry: The value {i} is counted once.\n\n")
    return "".join(parts)


def footnotes(n: int) -> str:
    """N footnotes: ten paragraphs of references, then the N definitions."""
    parts = [HEAD.format(what="footnotes"), "# Requirements {#requirements}\n\n"]
    per = max(1, n // 10)
    for start in range(1, n + 1, per):
        refs = " ".join(f"Value {i} is measured.[^f{i}]" for i in range(start, min(n, start + per
                                                                                  - 1) + 1))
        parts.append(refs + "\n\n")
    parts += [f"[^f{i}]: Measured with method {i}.\n" for i in range(1, n + 1)]
    return "".join(parts)


def table(n: int) -> str:
    """One table of N rows and four columns, with a caption and a reference to it."""
    rows = "".join(f"| P{i} | value {i} | {i % 97} ms | see note {i % 7} |\n"
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


def _stage(stage: str, case: str, n: int, folder: Path) -> Callable[[], object]:
    """The work of ``stage`` as a function; what it needs is prepared outside the timing."""
    if stage == "parse":
        return lambda: _parse(case, n, folder)
    if stage == "redline":
        from build_tools.parse import parse_text
        from build_tools.site.redline import redline, redline_html

        old = parse_text(clauses(n), folder / "old.md")
        new = parse_text(clauses(n, renamed=True), folder / "new.md")
        return lambda: redline_html(redline(old, new, "WD 1", "WD 2"))
    draft = _parse(case, n, folder)
    if stage == "lint":
        from build_tools.lint.engine import active_rules, lint_models

        rules = active_rules()
        return lambda: lint_models([draft], rules, folder)
    if stage == "site":
        from build_tools.render.site import PageContext, render_page

        return lambda: render_page(draft, PageContext())
    from build_tools.export.cover import cover_of

    cover = cover_of(draft)
    if stage == "typst":
        from build_tools.export.typst_source import to_typst

        return lambda: to_typst(draft, cover, {}, "continuous", {})
    if stage in ("docx", "pdf"):
        from build_tools.export.docx import build_docx
        from build_tools.export.pdf import build_pdf

        build = folder / "build"
        build.mkdir()
        if stage == "docx":
            return lambda: build_docx(draft, cover, {}, build, folder / "out.docx", None, 0)
        return lambda: build_pdf(draft, cover, {}, build, folder / "out.pdf", "continuous", 0)
    raise SystemExit(f"unknown stage {stage!r}; choose from {', '.join(STAGES)}")


STAGES = ("parse", "lint", "site", "typst", "docx", "pdf", "redline")


def measure(case: str, n: int, stage: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="clause-scale-") as tmp:
        work = _stage(stage, case, n, Path(tmp))
        start = time.perf_counter()
        work()
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak}


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "gen":
        Path(argv[3]).write_text(CASES[argv[1]](int(argv[2])), encoding="utf-8")
        return 0
    if len(argv) == 4 and argv[0] == "measure":
        print(json.dumps(measure(argv[1], int(argv[2]), argv[3])))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
