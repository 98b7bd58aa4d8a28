"""Small working-group repositories in tmp_path for the comment, ballot and stage commands."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from build_tools.cli import main
from build_tools.lint.examples import assemble

STEM = "mvs-9001-example"
DRAFT_ID = "MVS 9001"
GIT_ID = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
# Six participating members and one observer, as a working group's committee.yaml lists them.
ROSTER = """\
committee: MIIT Metaverse Standardization Working Group, WG 1
members:
  - id: CN-CESI
    name: China Electronics Standardization Institute
    status: P
  - id: CN-HUAWEI
    name: Huawei Technologies Co., Ltd.
    status: P
  - id: CN-TENCENT
    name: Tencent Holdings Ltd.
    status: P
  - id: CN-ANT
    name: Ant Group Co., Ltd.
    status: P
  - id: CN-BAIDU
    name: Baidu, Inc.
    status: P
  - id: CN-SENSETIME
    name: SenseTime Group Inc.
    status: P
  - id: CN-BUPT
    name: {en: Beijing University of Posts and Telecommunications, zh: 北京邮电大学}
    status: O
"""
P_MEMBERS = ["CN-CESI", "CN-HUAWEI", "CN-TENCENT", "CN-ANT", "CN-BAIDU", "CN-SENSETIME"]


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *GIT_ID, *args], cwd=root, capture_output=True, text=True,
                          check=True)
    return done.stdout


def commit_all(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


def isolate_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No global or system git configuration; an identity for the commits the tool makes."""
    config = tmp_path / "gitconfig"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Secretariat")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "secretariat@example.org")


def make_repo(tmp_path: Path, text: str | None = None, *, use_git: bool = True,
              name: str = f"{STEM}.md", roster: str | None = None) -> Path:
    """A repository with pyproject.toml ([tool.clause]), drafts/<name>, comments/ and, when
    ``roster`` is given, committee.yaml."""
    root = tmp_path / "repo"
    (root / "drafts").mkdir(parents=True)
    (root / "comments").mkdir()
    (root / "pyproject.toml").write_text("[tool.clause]\npaths = [\"drafts\"]\n",
                                         encoding="utf-8")
    (root / "drafts" / name).write_text(text or assemble("en"), encoding="utf-8")
    if roster is not None:
        (root / "committee.yaml").write_text(roster, encoding="utf-8")
    if use_git:
        (root / ".gitignore").write_text("build/\nsite/\n", encoding="utf-8")
        git(root, "init", "-q", "-b", "main")
        commit_all(root, "draft")
    return root


def comment_file(root: Path, member: str, entries: str, *, stage: str = "WD",
                 iteration: int = 1, stem: str = STEM, document: str = DRAFT_ID) -> Path:
    """comments/<stem>/<stage><iteration>/<member>.yaml with ``entries`` (YAML list items)."""
    path = root / "comments" / stem / f"{stage}{iteration}" / f"{member}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"document: {document}\nstage: {stage}\niteration: {iteration}\nmember: {member}\n"
        f"comments:\n{entries}",
        encoding="utf-8",
    )
    return path


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def log(root: Path) -> list[str]:
    """The subjects of the commits, newest first."""
    return git(root, "log", "--format=%s").splitlines()


def changed_in(root: Path, rev: str = "HEAD") -> list[str]:
    """The files a commit changed."""
    return git(root, "show", "--name-only", "--format=", rev).split()


def run(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch | None = None) -> Result:
    """``clause ARGS`` with the repository as working folder."""
    if monkeypatch is not None:
        monkeypatch.chdir(root)
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def exported_line_map(draft: Path, out: Path) -> list[dict]:
    """Export the draft's ballot PDF and return its line map; skip when export cannot run."""
    from build_tools.export import export_drafts
    from build_tools.export.linemap import read_line_map

    try:
        result = export_drafts([draft], out, formats=("pdf",), ballot=True)[0]
    except Exception as exc:  # noqa: BLE001 - Typst or fonts missing: the test cannot run here
        pytest.skip(f"the PDF export is not available here: {exc}")
    return read_line_map(result.outputs["lines"])


def lines_of(line_map: list[dict], clause: str) -> list[int]:
    return [entry["line"] for entry in line_map if entry["clause"] == clause]
