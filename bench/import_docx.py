"""How long ``clause import`` takes on a ~100-page DOCX: ``make bench-import``.

The long draft of the export tests (tests/export/longdraft.py, English and Chinese) is exported
to DOCX by Clause, then imported back with the command line, lint included. Figures are
printed one per line, as bench/run.py prints them; BENCH_QUICK=1 makes the drafts 10 pages.

    import_100_pages_en_s (median of 3, clause import with lint): 3.1 s
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "tests" / "export"))
sys.path.insert(0, str(REPO))

from longdraft import write_long_draft  # noqa: E402

from build_tools.export import export_drafts  # noqa: E402
from build_tools.parse import parse_file  # noqa: E402

WORK = BENCH / "out" / "import"
PAGES = 10 if os.environ.get("BENCH_QUICK", "") not in ("", "0") else 100


def clause() -> list[str]:
    local = Path(sys.executable).parent / "clause"
    return [str(local)] if local.exists() else [sys.executable, "-m", "build_tools"]


def main() -> int:
    shutil.rmtree(WORK, ignore_errors=True)
    print(f"# clause import of the long draft exported to DOCX ({PAGES} pages); wall-clock "
          "with process start-up, median of 3")
    for lang in ("en", "zh"):
        draft = write_long_draft(WORK / lang / "drafts", PAGES, lang)
        docx = export_drafts([draft], WORK / lang / "out", formats=("docx",))[0].outputs["docx"]
        print(f"# {lang}: {docx.stat().st_size / 1e3:.0f} KB DOCX, "
              f"{len(parse_file(draft).requirements)} requirements", flush=True)
        times = []
        for run in range(3):
            out = WORK / lang / "back" / "drafts" / f"run{run}.md"
            start = time.perf_counter()
            done = subprocess.run([*clause(), "import", str(docx), "--out", str(out)],
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                print(f"import_{PAGES}_pages_{lang}_s: skipped ({done.stderr.strip()[-200:]})")
                break
        else:
            print(f"import_{PAGES}_pages_{lang}_s (median of 3, clause import with lint): "
                  f"{statistics.median(times):.2f} s")
            tree = len(list(parse_file(out).walk()))
            print(f"import_{PAGES}_pages_{lang}_clauses: {tree} clauses")
    return 0


if __name__ == "__main__":
    sys.exit(main())
