"""Generators of hostile working-group repositories (issue 15, paths and figures): what a member
or an outside pull request could commit. Everything is made in the test's folder; the files
"outside the repository" hold SECRET, which must never reach any output."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

from build_tools.lint.examples import PARTS_EN, assemble

REPO = Path(__file__).resolve().parents[2]
SECRET = "CLAUSE-TEST-SECRET-7f3a91"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


def png(width: int = 2, height: int = 2) -> bytes:
    """A valid grey PNG (Typst, pandoc and browsers decode it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


PNG = png()
# Runs when opened directly (not through <img>): the probe of the browser tests.
SCRIPT_SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" '
              b'onload="window.__pwned=1"><script>window.__pwned=2</script>'
              b'<rect width="40" height="40" fill="red"/></svg>')


def clause(cwd: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """The real command, as CI runs it (a process of its own), with a time limit."""
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=timeout, env={**os.environ})


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True, env={**os.environ, **GIT_ENV}).stdout


def draft_text(number: int, body: str = "", stage: str = "WD") -> str:
    """A lint-clean English draft, id MVS <number>, with ``body`` after its requirements."""
    front = PARTS_EN["front"].replace("MVS 9001", f"MVS {number}").replace(
        "stage: WD", f"stage: {stage}")
    return assemble("en", {"front": front, "body": PARTS_EN["body"] + body})


def outside_files(base: Path) -> Path:
    """Files beside the repository (as /etc/passwd or a CI token would be): SECRET in each."""
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"---\nid: {SECRET}\n---\n# {SECRET}\n", encoding="utf-8")
    (outside / "secret.png").write_bytes(PNG + SECRET.encode())
    (outside / "secret.yaml").write_text(
        f"document: {SECRET}\nstage: WD\niteration: 1\nmember: X\ncomments: []\n",
        encoding="utf-8")
    return outside


def symlinked_repo(base: Path) -> Path:
    """A git repository tagged v0.1 whose drafts/ and comments/ hold symlinks leading out of
    it and into .git (whose config holds SECRET, as CI's token would be), committed and in the
    working tree: two drafts, a figure and a comment file; beside them a clean draft and a
    draft whose figure is such a link."""
    outside = outside_files(base)
    root = base / "repo"
    (root / "drafts" / "figures").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "pyproject.toml").write_text('[tool.clause]\npaths = ["drafts"]\n', encoding="utf-8")
    (root / "drafts" / "figures" / "ok.png").write_bytes(PNG)
    body = "\n\n## Figures\n\nSee [](#fig-ok).\n\n![Fine](figures/ok.png){#fig-ok}\n"
    (root / "drafts" / "clean.md").write_text(draft_text(9100, body), encoding="utf-8")
    body = "\n\n## Figures\n\nSee [](#fig-leak).\n\n![Leak](figures/leak.png){#fig-leak}\n"
    (root / "drafts" / "figures.md").write_text(draft_text(9105, body), encoding="utf-8")
    (root / "drafts" / "leak-abs.md").symlink_to(outside / "secret.md")
    (root / "drafts" / "leak-git.md").symlink_to("../.git/config")
    (root / "drafts" / "figures" / "leak.png").symlink_to(outside / "secret.png")
    member = root / "comments" / "clean" / "WD1"
    member.mkdir(parents=True)
    (member / "LEAK.yaml").symlink_to(outside / "secret.yaml")
    git(root, "-c", "init.defaultBranch=main", "init", "-q")
    git(root, "config", "http.https://github.com/.extraheader", f"AUTHORIZATION: basic {SECRET}")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "drafts")
    git(root, "tag", "v0.1")
    return root


def all_output_text(folder: Path) -> str:
    """Every file under ``folder`` as text a reader would see: PDF text, DOCX XML, the rest
    as bytes decoded leniently."""
    import zipfile

    from pypdf import PdfReader

    parts: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.suffix == ".pdf":
            parts.extend(page.extract_text() or "" for page in PdfReader(path).pages)
        elif path.suffix == ".docx":
            with zipfile.ZipFile(path) as docx:
                parts.extend(docx.read(n).decode("utf-8", "replace") for n in docx.namelist())
        else:
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)
