"""Imports into one member's file never lose each other's comments (issue 15, item 3).

Real processes, started together: each reads the member's YAML, merges its rows and replaces
the file. They are serialised by a lock beside the file, which the kernel releases when its
holder dies and which is never a symbolic link followed to somewhere else."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from workflow_repo import DRAFT_ID, STEM, make_repo

from build_tools.comments import read_comment_file
from build_tools.locks import lock_path

HEADER = ["MB/NC", "Line number", "Clause/ Subclause", "Paragraph/ Figure/ Table/",
          "Type of comment", "Comments", "Proposed change", "Observations of the secretariat"]


def _sheet(path: Path, sheet: int, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in range(rows):
            writer.writerow(["CN-CESI", "", "4.1", "", "ed", f"sheet {sheet}, comment {row}",
                             "Reword.", ""])
    return path


def _start(root: Path, sheet: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "build_tools", "comments", "import",
                             str(sheet), "--draft", DRAFT_ID], cwd=root, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path, use_git=False)


def _target(root: Path) -> Path:
    return root / "comments" / STEM / "WD1" / "CN-CESI.yaml"


def test_four_parallel_imports_keep_all_their_comments(repo: Path, tmp_path: Path) -> None:
    sheets = [_sheet(tmp_path / f"member-{i}.csv", i, 60) for i in range(4)]
    procs = [_start(repo, sheet) for sheet in sheets]
    outputs = [proc.communicate(timeout=180) for proc in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert "60 added" in out
    comments = read_comment_file(_target(repo)).comments
    texts = sorted(c.comment or "" for c in comments)
    assert texts == sorted(f"sheet {i}, comment {r}" for i in range(4) for r in range(60))
    assert len({c.id for c in comments}) == 240
    assert not lock_path(_target(repo)).exists()


def test_an_import_waits_for_the_lock_and_a_killed_holder_releases_it(
    repo: Path, tmp_path: Path
) -> None:
    target = _target(repo)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom build_tools.locks import exclusive\n"
         f"with exclusive({str(target)!r}):\n    print('held', flush=True)\n    time.sleep(600)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        waiting = _start(repo, _sheet(tmp_path / "late.csv", 9, 5))
        assert waiting.stderr is not None
        assert "waiting for it to finish" in waiting.stderr.readline()
        time.sleep(0.5)
        assert waiting.poll() is None and not target.exists()
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    out, _ = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, out
    assert len(read_comment_file(target).comments) == 5
    assert not lock_path(target).exists()


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(
    repo: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    target = _target(repo)
    target.parent.mkdir(parents=True)
    lock_path(target).symlink_to(victim)
    proc = _start(repo, _sheet(tmp_path / "s.csv", 0, 3))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "symbolic link" in err and "Traceback" not in err
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert not target.exists()
