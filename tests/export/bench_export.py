"""Export timings: ``clause export`` (ballot PDF, DOCX) against a bare pandoc -> typst -> pdf.

    .venv/bin/python tests/export/bench_export.py [DRAFT.md ...] [--pages 100] [--runs 5]

Without drafts it times drafts/mvs-0002-reference-architecture.md (when present) and generated
English and Chinese drafts of --pages pages (tests/export/longdraft.py).

Every pipeline runs in a fresh process, as a user runs it: the typst binding memoizes layout
within a process, so a second compile of the same document there takes a third of the time
and in-process repeats would flatter both sides. Rounds are interleaved (ours, bare, ours …)
so that load from other processes falls on all alike; figures are medians.

bare: the draft's Markdown without front-matter (pandoc's Typst template breaks on a keywords
list) -> ``pandoc -f markdown -t typst -s -V papersize=a4`` -> ``typst.compile`` in a Python
process. Where pandoc cannot take the draft's own Markdown (a Chinese "表：" caption is no
pandoc caption, so its cross-reference label is missing and typst fails), the bare input is
the pandoc Markdown of render/pandoc.py instead, and the table says so.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypandoc
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent))
from longdraft import write_long_draft  # noqa: E402

from build_tools.parse import parse_file  # noqa: E402
from build_tools.render.pandoc import PANDOC_FROM, image_key, to_pandoc  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CLAUSE = [PYTHON, "-c", "from build_tools.cli import main; main()"]
TYPST = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root=sys.argv[3])"


CPU: list[float] = []  # CPU seconds (user + system) of the last timed() child


def timed(args: list[str], **kwargs: object) -> float:
    """Wall seconds of a child process; its CPU seconds go to CPU[-1] (less sensitive than
    wall time to other processes on a shared machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, **kwargs)  # type: ignore[call-overload]
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def bare_input(draft: Path, generated: bool) -> tuple[str, str]:
    if generated:
        parsed = parse_file(draft)
        return to_pandoc(parsed, {image_key(f.src): f.src for f in parsed.figures}), PANDOC_FROM
    text = draft.read_text(encoding="utf-8")
    return (text.split("\n---\n", 1)[1] if text.startswith("---\n") else text), "markdown"


def bare(draft: Path, out: Path, source: Path, fmt: str) -> float:
    """pandoc to Typst, then typst to PDF; the .typ sits beside the draft so that figures/…
    resolve from there, as they do for pandoc."""
    typ = draft.parent / f".{draft.stem}.bare.typ"
    try:
        first = timed([pypandoc.get_pandoc_path(), str(source), "-f", fmt, "-t", "typst", "-s",
                       "-V", "papersize=a4", "-o", str(typ)], cwd=draft.parent)
        second = timed([PYTHON, "-c", TYPST, str(typ), str(out / f"{draft.stem}.bare.pdf"),
                        str(draft.parent)])
        CPU[-2:] = [CPU[-2] + CPU[-1]]
    finally:
        typ.unlink(missing_ok=True)
    return first + second


def bench(draft: Path, runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        source = out / "bare.md"
        generated = False
        for generated in (False, True):
            text, fmt = bare_input(draft, generated)
            source.write_text(text, encoding="utf-8")
            try:
                bare(draft, out, source, fmt)
                break
            except subprocess.CalledProcessError:
                continue
        export = [*CLAUSE, "export", str(draft), "--ballot", "--out", str(out)]
        times: dict[str, list[float]] = {"pdf": [], "docx": [], "both": [], "bare": [],
                                         "pdf_cpu": [], "bare_cpu": []}
        for _ in range(runs):
            times["pdf"].append(timed([*export, "--format", "pdf"], cwd=REPO))
            times["pdf_cpu"].append(CPU[-1])
            times["bare"].append(bare(draft, out, source, fmt))
            times["bare_cpu"].append(CPU[-1])
            times["docx"].append(timed([*export, "--format", "docx"], cwd=REPO))
            times["both"].append(timed(export, cwd=REPO))
        pages = len(PdfReader(out / f"{draft.stem}.pdf").pages)
        bare_pages = len(PdfReader(out / f"{draft.stem}.bare.pdf").pages)
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"pages": pages, "bare_pages": bare_pages, **med, "ratio": med["pdf"] / med["bare"],
            "cpu_ratio": med["pdf_cpu"] / med["bare_cpu"], "generated": generated}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("drafts", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    drafts = [d.resolve() for d in args.drafts]
    with tempfile.TemporaryDirectory() as tmp:
        if not drafts:
            real = REPO / "drafts" / "mvs-0002-reference-architecture.md"
            if real.exists():
                drafts.append(real)
            (Path(tmp) / ".git").mkdir()  # the generated drafts' repository root
            drafts.append(write_long_draft(Path(tmp), args.pages, "en"))
            drafts.append(write_long_draft(Path(tmp), args.pages, "zh"))
        print(f"{'draft':38} {'pages ours/bare':>15} {'pdf+lines':>9} {'docx':>6} "
              f"{'both':>6} {'bare':>6} {'ratio':>6} {'cpu: pdf':>8} {'bare':>6} {'ratio':>6}"
              f"   (seconds, median of {args.runs})")
        for draft in drafts:
            r = bench(draft, args.runs)
            note = "  bare input: render/pandoc.py" if r["generated"] else ""
            print(f"{draft.name:38} {r['pages']:>7}/{r['bare_pages']:<7} {r['pdf']:>9.2f} "
                  f"{r['docx']:>6.2f} {r['both']:>6.2f} {r['bare']:>6.2f} {r['ratio']:>6.2f} "
                  f"{r['pdf_cpu']:>8.2f} {r['bare_cpu']:>6.2f} {r['cpu_ratio']:>6.2f}{note}")


if __name__ == "__main__":
    main()
