"""``--fix`` never changes meaning (issue 15, item 7).

A fix is made only where its rule is sure; where it is not (a number that may be part of a
name), the finding stays, without a fix. And a ``--fix`` killed midway leaves nothing behind
once the next run has started.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from build_tools.cli import main
from build_tools.lint.examples import PARTS_EN, assemble

SENTENCE = "A platform shall provide an avatar for each user."

# Each item reads the same after the fix as before it, and only the real quantity changes.
UNCHANGED = [
    "since the 1990s",
    "since the '90s",
    "on a 4K display",
    "in the [60fps mode](https://example.com/modes/60fps)",
    "in the \"60fps\" profile",
    "in the Ultra 60fps Edition",
    "on 60fps-capable headsets",
    "with Class 2A batteries",
    "from 10s of vendors",
    "with `timeout=20ms`",
    "at <https://example.com/wait?t=20ms>",
    "at https://example.com/wait?t=30ms",
]


def _run(*args: str):
    return CliRunner().invoke(main, ["lint", "--no-cache", *args])


def test_fix_keeps_names_codes_addresses_and_decades(tmp_path: Path) -> None:
    paragraph = ("A platform shall render each frame within 20ms " + ", ".join(UNCHANGED) +
                 ".")
    path = tmp_path / "draft.md"
    path.write_text(assemble("en", {"body": PARTS_EN["body"].replace(SENTENCE, paragraph)}),
                    encoding="utf-8")
    _run("--fix", "--unsafe-fixes", str(path))
    after = path.read_text(encoding="utf-8")
    assert "within 20 ms " in after  # the one sure quantity is fixed
    for item in UNCHANGED:
        assert item in after, item


def test_unsure_numbers_are_findings_without_a_fix(tmp_path: Path) -> None:
    paragraph = ("A platform shall offer the Ultra 60fps Edition, a [60fps mode](#sec-"
                 "requirements) and 60fps-capable rendering.")
    path = tmp_path / "draft.md"
    path.write_text(assemble("en", {"body": PARTS_EN["body"].replace(SENTENCE, paragraph)}),
                    encoding="utf-8")
    result = _run("--format", "json", "--select", "UNIT", str(path))
    found = [f for f in json.loads(result.stdout) if f["rule"] == "UNIT-01"]
    assert len(found) == 3
    assert all("fix" not in f and "unless it is part of a name" in f["message"] for f in found)


def test_definition_ending_with_an_abbreviation_keeps_its_full_stop(tmp_path: Path) -> None:
    terms = PARTS_EN["terms"] + ("\n\n## glTF {#term-gltf}\n\nfile format for three-dimensional "
                                 "scenes maintained by The Khronos Group Inc.\n\n## avatar "
                                 "anchor {#term-anchor}\n\npoint at which an "
                                 "[](#term-avatar) is attached to a scene.")
    path = tmp_path / "draft.md"
    path.write_text(assemble("en", {"terms": terms}), encoding="utf-8")
    result = _run("--fix", "--format", "json", str(path))
    after = path.read_text(encoding="utf-8")
    assert "maintained by The Khronos Group Inc.\n" in after
    assert "is attached to a scene\n" in after  # a real full stop is still removed
    assert [f for f in json.loads(result.stdout) if f["rule"] == "TERM-02"] == []


# A --fix that stops for good between writing its temporary file and renaming it over the draft.
_HANG = """
import sys, time
from build_tools import project
def install(temp, target, durable=True):
    print("written", flush=True)
    time.sleep(600)
project.install = install
from build_tools.cli import main
sys.argv = ["clause", "lint", "--no-cache", "--fix", sys.argv[1]]
main()
"""


def test_killed_fix_leaves_no_temporary_file_after_the_next_run(tmp_path: Path) -> None:
    text = assemble("en", {"body": PARTS_EN["body"].replace(SENTENCE, "A platform shall "
                                                            "answer within 20ms.")})
    path = tmp_path / "draft.md"
    path.write_text(text, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", _HANG, str(path)], stdout=subprocess.PIPE,
                            text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(
                                Path(__file__).resolve().parents[2])})
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "written"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    leftovers = sorted(p.name for p in tmp_path.glob(".draft.md.*.tmp"))
    assert len(leftovers) == 1  # what the killed run left
    assert path.read_text(encoding="utf-8") == text  # and the draft is as it was

    result = _run("--fix", str(path))
    assert sorted(tmp_path.glob(".draft.md.*.tmp")) == []
    assert f"{leftovers[0]}: removed, left by an interrupted --fix" in result.stderr
    assert "within 20 ms." in path.read_text(encoding="utf-8")


def test_a_temporary_file_being_written_is_not_swept(tmp_path: Path) -> None:
    """Two --fix runs at once: the first one's temporary file, still locked, is left alone."""
    import fcntl

    path = tmp_path / "draft.md"
    path.write_text("x", encoding="utf-8")
    busy = tmp_path / ".draft.md.abc123.tmp"
    busy.write_text("half", encoding="utf-8")
    from build_tools.project import sweep_temps

    with open(busy, "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        assert sweep_temps(path) == []
        assert busy.exists()
    started = time.monotonic()
    assert sweep_temps(path) == [busy] and not busy.exists()
    assert time.monotonic() - started < 5
