"""The peer linters the benchmark runs side by side with ``clause lint``.

- markdownlint-cli2 (npm), pinned in bench/package.json to a release line that supports Node 20
  (0.24 and later declare ``engines: node >=22``); installed into bench/node_modules when missing.
- pymarkdownlnt (PyPI), pip-installed into the running virtualenv when missing.

Both run with their default rules; both exit non-zero when they find something, which is
expected here (the exit code is not a failure of the benchmark). ``ensure_*`` return a
``Peer`` or the reason it is not available; nothing here prints to stdout.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PYMARKDOWN_VERSION = "0.9.41"


@dataclass
class Peer:
    name: str  # figure-name prefix: markdownlint_cli2, pymarkdownlnt
    version: str
    argv_prefix: list[str]

    def argv(self, folder: str) -> list[str]:
        """Command that lints every .md file under ``folder`` (relative to the run's cwd)."""
        if self.name == "markdownlint_cli2":
            return [*self.argv_prefix, f"{folder}/**/*.md"]
        return [*self.argv_prefix, "scan", "-r", folder]


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _pinned_markdownlint() -> str:
    data = json.loads((BENCH / "package.json").read_text(encoding="utf-8"))
    return str(data["devDependencies"]["markdownlint-cli2"])


def ensure_markdownlint() -> Peer | str:
    """markdownlint-cli2 from bench/node_modules, installed with npm when missing."""
    binary = BENCH / "node_modules" / ".bin" / "markdownlint-cli2"
    node = shutil.which("node")
    if node is None:
        return "node is not installed"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            return "npm is not installed"
        _log(f"installing markdownlint-cli2 {_pinned_markdownlint()} into bench/node_modules")
        proc = subprocess.run([npm, "install", "--no-package-lock", "--no-audit", "--no-fund",
                               "--loglevel=error"], cwd=BENCH, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        if proc.returncode != 0 or not binary.exists():
            tail = (proc.stderr or "").strip().splitlines()[-1:] or ["no output"]
            return f"npm install failed: {tail[0][:120]}"
    version = "?"
    package = BENCH / "node_modules" / "markdownlint-cli2" / "package.json"
    try:
        version = json.loads(package.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        pass
    return Peer("markdownlint_cli2", version, [node, str(binary)])


def ensure_pymarkdown() -> Peer | str:
    """pymarkdownlnt in this virtualenv, pip-installed when missing."""
    if importlib.util.find_spec("pymarkdown") is None:
        _log(f"installing pymarkdownlnt {PYMARKDOWN_VERSION} into the virtualenv")
        proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q",
                               f"pymarkdownlnt=={PYMARKDOWN_VERSION}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        importlib.invalidate_caches()
        if proc.returncode != 0 or importlib.util.find_spec("pymarkdown") is None:
            tail = (proc.stderr or "").strip().splitlines()[-1:] or ["no output"]
            return f"pip install failed: {tail[0][:120]}"
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("pymarkdownlnt")
    except PackageNotFoundError:
        found = "?"
    # Front matter is off by default in pymarkdown; ECOSYSTEM.md enabled it, and so do we.
    return Peer("pymarkdownlnt", found, [sys.executable, "-m", "pymarkdown", "--set",
                                         "extensions.front-matter.enabled=$!True"])
