"""Hostile drafts: each gets a clear finding naming the file, exit 1 or 2, no traceback, the
input unchanged, and bounded time and memory (generous caps; figures live in bench/)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_tools.lint.examples import assemble

HEAD = ("---\nid: X\ntitle: T\nlanguage: en\nstage: WD\niteration: 1\ndate: 2026-01-01\n"
        "committee: C\neditors: [{name: A}]\n---\n")


def _cases(tmp: Path) -> dict[str, bytes]:
    clean = assemble("en")
    return {
        "invalid-utf8": b"---\nid: X\n---\n\xff\xfe\xfa\n",
        "utf16-bom": clean.encode("utf-16"),
        "bom-crlf": b"\xef\xbb\xbf" + clean.replace("\n", "\r\n").encode(),
        "binary": bytes(range(256)) * 64,
        "empty": b"",
        "unclosed": b"---\nid: X\ntitle: T\n# Scope\n",
        "yaml-error": b"---\nid: X\ntitle: [unclosed\n---\n# Scope\n",
        "front-matter-list": b"---\n- id\n- title\n---\n# Scope\n",
        "duplicate-keys": clean.replace("stage: WD", "stage: WD\nstage: CD").encode(),
        "wrong-types": clean.replace("iteration: 1", "iteration: [1]").replace(
            "language: en", "language: 7").encode(),
        "python-tag": b"---\nid: !!python/object/apply:os.system ['touch /tmp/pwned']\n---\n",
        "alias-bomb": ("---\n" + "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10))
            + "---\n").encode(),
        "5mb-line": (HEAD + "# Scope\n\n" + "metaverse " * 520_000 + "\n").encode(),
        "20000-headings": (HEAD + "".join(f"# Clause {i}\n\ntext\n\n" for i in range(20_000))).encode(),
        "5000-quotes": (HEAD + "# Scope\n\n" + "> " * 5000 + "deep\n").encode(),
        "self-reference": (HEAD + "# Terms and definitions\n\n## loop {#term-loop}\n\n"
                           "[](#term-loop) of [loop](#term-loop)\n").encode(),
        "outside-images": (HEAD + "# Scope\n\n![a](../../etc/passwd){#fig-a}\n\n"
                           "![b](/etc/passwd){#fig-b}\n\n![c](link.svg){#fig-c}\n").encode(),
        "script-html": (HEAD + "# Scope\n\n<script>alert(1)</script>\n\n"
                        "<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n").encode(),
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, data in _cases(folder).items():
        (folder / f"{name}.md").write_bytes(data)
    (folder / "link.svg").symlink_to("/etc/passwd")
    return folder


CASE_NAMES = sorted(_cases(Path(".")))


def _max_rss_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


@pytest.mark.parametrize("name", CASE_NAMES)
def test_hostile_draft(hostile: Path, name: str) -> None:
    path = hostile / f"{name}.md"
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    env = {**os.environ, "CLAUSE_CACHE_DIR": str(hostile / ".cache")}
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "build_tools", "lint", "--format", "json",
                           str(path)], capture_output=True, text=True, timeout=60, env=env,
                          cwd=hostile)
    elapsed = time.monotonic() - start
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert elapsed < 30, f"{name} took {elapsed:.1f} s"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not Path("/tmp/pwned").exists()
    if name == "bom-crlf":
        assert proc.returncode == 0, proc.stdout
        return
    assert proc.returncode in (1, 2), proc.stdout[-1000:]
    findings = json.loads(proc.stdout)
    assert findings and all(f["file"] == str(path) for f in findings)
    assert all(f["line"] >= 1 for f in findings)
    if name == "outside-images":
        assert len([f for f in findings if f["rule"] == "XREF-06"]) == 3
    if name in ("python-tag", "alias-bomb"):
        assert any(f["rule"] == "FM-01" for f in findings)


def test_memory_stays_bounded_on_the_worst_case(hostile: Path) -> None:
    env = {**os.environ, "CLAUSE_CACHE_DIR": str(hostile / ".cache")}
    subprocess.run([sys.executable, "-m", "build_tools", "lint", "--no-cache", "-j1",
                    str(hostile / "20000-headings.md"), str(hostile / "5mb-line.md")],
                   capture_output=True, timeout=120, env=env)
    assert _max_rss_kb() < 1_000_000  # 1 GB cap; bench/ records the real figure
