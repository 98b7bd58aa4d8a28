"""Drafts are exported in parallel worker processes (issue 15, item 9), and that changes
nothing a user reads: results and progress come in the order given, a draft that fails is
reported with its file and line while the others are exported, and a worker that dies costs
only the draft it was on."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from click.testing import CliRunner
from export_helpers import en_draft, write

from build_tools.cli import main
from build_tools.export.exporter import export_each


def _workers() -> list[int]:
    """Export workers that are children of this process."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = next((line.split()[1] for line in status.splitlines()
                       if line.startswith("PPid:")), "")
        if parent == str(os.getpid()) and b"build_tools.export.workers" in cmdline:
            found.append(int(entry.name))
    return found


def _long(rows: int) -> str:
    table = "".join(f"| P{i} | value {i} |\n" for i in range(rows))
    return en_draft(None).replace(
        "# Scope", f"# Scope\n\nTable: Values {{#tab-long}}\n\n| Name | Value |\n|---|---|\n"
        f"{table}\n# Scope", 1)


def test_a_failing_draft_is_reported_and_the_others_exported_in_order(
    repo: Path, tmp_path: Path
) -> None:
    names = ["a.md", "b.md", "c.md", "d.md"]
    paths = [write(repo, n, en_draft(None, figure="../../etc/passwd" if n == "b.md"
                                     else "figures/flow.svg")) for n in names]
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", *map(str, paths), "--format", "docx",
                                       "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    line = paths[1].read_text().split("\n").index("![Flow of scene data](../../etc/passwd)"
                                                  "{#fig-flow}") + 1
    assert lines[:3] == [f"[1/4] MVS 9001 → {out / 'a.docx'}",
                         f"[3/4] MVS 9001 → {out / 'c.docx'}",
                         f"[4/4] MVS 9001 → {out / 'd.docx'}"]
    assert len(lines) == 4 and lines[3].startswith(f"{paths[1]}:{line}: ")
    assert "outside the repository" in lines[3]
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "c.docx", "d.docx"]


def test_two_workers_share_the_drafts_and_a_killed_one_costs_one_draft(
    repo: Path, tmp_path: Path
) -> None:
    paths = [write(repo, f"d{i}.md", _long(1500)) for i in range(4)]
    seen: list[int] = []
    killed: list[int] = []

    def watch() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not killed:
            workers = _workers()
            seen.append(len(workers))
            if len(workers) >= 2:
                time.sleep(0.5)  # both busy with their first draft
                os.kill(workers[0], signal.SIGKILL)
                killed.append(workers[0])
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    outcomes = export_each(paths, tmp_path / "out", formats=("pdf",), jobs=2)
    watcher.join()
    assert max(seen) == 2 and killed
    assert [o.path for o in outcomes] == paths
    crashed = [o for o in outcomes if o.crash]
    assert len(crashed) == 1 and "export process died" in (crashed[0].crash or "")
    exported = [o for o in outcomes if o.result]
    assert len(exported) == 3
    assert all(o.result and o.result.outputs["pdf"].is_file() for o in exported)
    assert not (tmp_path / "out" / f"{crashed[0].path.stem}.pdf").exists()
    assert _workers() == []
