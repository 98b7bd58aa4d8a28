"""``clause publish`` is atomic: killed mid-way it leaves the previous site/ as it was, and two
publishes at once serialise on the lock (or, with --no-wait, one fails clearly).

Each publish runs as ``python -m build_tools publish`` in a session of its own, so SIGKILL to
the process group also kills its ``mkdocs build`` children, as a CI runner's cancel would.
Every scenario changes ``site_name`` in mkdocs.yml first: that changes the tool fingerprint,
so every version is rebuilt, and a site mixing two publishes would show two names.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from wg_repo import GIT_ENV, working_group_repo
from wg_repo import git as _git

STEMS = ("mvs-0001-terminology", "mvs-0001-terminology-zh", "mvs-0002-reference-architecture")
pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")




@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The working group's drafts and comments with tags v0.1 and v0.2, published once."""
    root = working_group_repo(tmp_path / "repo", "drafts")
    draft = root / "drafts" / "mvs-0002-reference-architecture.md"
    draft.write_text(draft.read_text(encoding="utf-8") + "\nA sentence added in v0.2.\n",
                     encoding="utf-8")
    _git(root, "commit", "-q", "-am", "v0.2")
    _git(root, "tag", "v0.2")
    done = _publish(root)
    assert done.returncode == 0, done.stderr
    return root


def _command(*extra: str) -> list[str]:
    return [sys.executable, "-m", "build_tools", "publish", "--out", "site", "--no-exports",
            *extra]


def _env() -> dict[str, str]:
    return {**os.environ, **GIT_ENV}


def _publish(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(*extra), cwd=root, env=_env(), capture_output=True,
                          text=True, timeout=600)


def _start(root: Path, log: Path, *extra: str) -> subprocess.Popen[bytes]:
    with open(log, "wb") as handle:
        return subprocess.Popen(_command(*extra), cwd=root, env=_env(),
                                stdout=subprocess.DEVNULL, stderr=handle,
                                start_new_session=True)


def _rename_site(root: Path, name: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = [f"site_name: {name}" if ln.startswith("site_name:") else ln
             for ln in text.splitlines()]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def listing(site: Path) -> dict[str, str]:
    """Every entry under ``site``: the SHA-256 of each file, "dir" or the link target."""
    out: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_dir():
            out[rel] = "dir"
        else:
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def leftovers(root: Path) -> list[str]:
    """What publishes left beside site/ (the lock file stays: it is reused, never replaced)."""
    return sorted(p.name for p in root.iterdir()
                  if p.name.startswith(".site.") and p.name != ".site.lock")


def assert_complete(root: Path, site_name: str) -> None:
    """site/ is one whole publish: versions.json names exactly the folders, each folder is a
    whole MkDocs build of that name, latest/ is the newest tag, nothing half-written."""
    site = root / "site"
    entries = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    versions = {e["version"] for e in entries}
    aliases = {a for e in entries for a in e["aliases"]}
    assert versions == {"v0.1", "v0.2", "dev"} and aliases == {"latest"}
    folders = {p.name for p in site.iterdir() if p.is_dir()}
    assert folders == versions | aliases
    assert "url=latest/" in (site / "index.html").read_text(encoding="utf-8")
    for version in versions | aliases:
        folder = site / version
        assert (folder / ".clause-stamp.json").is_file(), version
        json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        for stem in STEMS:
            page = (folder / "drafts" / stem / "index.html").read_text(encoding="utf-8")
            assert page.rstrip().endswith("</html>"), f"{version}/{stem} is cut short"
            assert site_name in page, f"{version}/{stem}: from another publish"
    latest = listing(site / "latest")
    assert latest == listing(site / "v0.2")
    assert not [p for p in site.rglob("*") if p.name.endswith(".tmp")]


def _alive(group: int) -> list[str]:
    """Processes of the group that still run (zombies waiting for a parent do not count)."""
    alive: list[str] = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            alive.append(stat.parent.name)
    return alive


def _wait_for(condition: Callable[[], bool], proc: subprocess.Popen[bytes], log: Path,
              what: str) -> None:
    deadline = time.monotonic() + 300
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"the publish ended (exit {proc.returncode}) before {what}:\n"
                        + log.read_text(encoding="utf-8", errors="replace"))
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.005)


def _staged_files(root: Path, pid: int) -> list[Path]:
    staging = root / f".site.tmp-{pid}"
    return [p for p in staging.rglob("*") if p.is_file()] if staging.is_dir() else []


MOMENTS = {
    # mkdocs is writing the first version into the staging folder
    "first files staged": lambda root, pid: bool(_staged_files(root, pid)),
    # one version is complete (its stamp written), the others are not
    "one version staged": lambda root, pid: any(
        p.name == ".clause-stamp.json" for p in _staged_files(root, pid)),
}


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_sigkill_mid_publish_keeps_the_previous_site(repo: Path, tmp_path: Path,
                                                     moment: str) -> None:
    before = listing(repo / "site")
    assert before and leftovers(repo) == []
    _rename_site(repo, "Renamed WG drafts")
    log = tmp_path / "killed.log"
    proc = _start(repo, log)
    _wait_for(lambda: MOMENTS[moment](repo, proc.pid), proc, log, moment)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while _alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _alive(proc.pid) == [], "mkdocs children outlived the kill"

    # site/ is byte for byte the previous complete site; the debris is beside it, not in it.
    assert listing(repo / "site") == before
    assert_complete(repo, "MIIT Metaverse WG drafts")
    assert leftovers(repo), "the kill left nothing behind: it came too late to test anything"

    # The next publish removes the debris and builds the whole new site.
    done = _publish(repo)
    assert done.returncode == 0, done.stderr
    assert leftovers(repo) == []
    assert_complete(repo, "Renamed WG drafts")


def test_concurrent_publishes_serialise_on_the_lock(repo: Path, tmp_path: Path) -> None:
    _rename_site(repo, "Serialised WG drafts")
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    procs = [_start(repo, log) for log in logs]
    codes = [p.wait(timeout=600) for p in procs]
    stderr = [log.read_text(encoding="utf-8") for log in logs]
    assert codes == [0, 0], stderr
    # The one that came second waited for the first, then found everything built.
    assert sum("waiting for it to finish" in s for s in stderr) == 1, stderr
    assert leftovers(repo) == []
    assert_complete(repo, "Serialised WG drafts")


def test_concurrent_publish_with_no_wait_fails_clearly(repo: Path, tmp_path: Path) -> None:
    _rename_site(repo, "Unwaited WG drafts")
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    procs = [_start(repo, log, "--no-wait") for log in logs]
    codes = [p.wait(timeout=600) for p in procs]
    stderr = [log.read_text(encoding="utf-8") for log in logs]
    # Either they did not overlap (both 0) or one refused at once, saying why, with exit 1.
    assert 0 in codes, stderr
    for code, text in zip(codes, stderr, strict=True):
        assert code in (0, 1), text
        if code == 1:
            assert "another publish is running" in text and "try again" in text, text
            assert "Traceback" not in text
    assert leftovers(repo) == []
    assert_complete(repo, "Unwaited WG drafts")


@pytest.mark.parametrize("exchange", [True, False])
def test_swap_replaces_the_site_in_one_step(tmp_path: Path, exchange: bool,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """With renameat2 the old site is swapped out in one step; without it (other systems),
    two renames, and _recover finishes a swap killed between them."""
    from build_tools.site import publish

    if not exchange:
        monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    out, staging = tmp_path / "site", tmp_path / ".site.tmp-1"
    out.mkdir()
    (out / "old.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "new.html").write_text("new", encoding="utf-8")
    publish._swap(staging, out)
    assert [p.name for p in out.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]

    # Killed between the two renames: site/ is missing, the previous one is .site.old-<pid>.
    os.rename(out, tmp_path / ".site.old-7")
    (tmp_path / ".site.tmp-8").mkdir()
    messages: list[str] = []
    publish._recover(out, messages.append)
    assert [p.name for p in out.iterdir()] == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert messages and "restored" in messages[0]
