"""Running MkDocs as a separate process, the way a user would (``python -m mkdocs``).

A version is built from a small config that INHERITs the project's mkdocs.yml and only
points ``docs_dir``/``site_dir`` elsewhere, so every version is built with the same settings
that plain ``mkdocs build`` uses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from build_tools.errors import tool_message


class BuildError(Exception):
    pass


def env() -> dict[str, str]:
    # Material 9.8 prints an end-of-life notice on every run; it would drown the warnings.
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *args]


def write_config(base: Path, docs_dir: Path, site_dir: Path, dest: Path) -> Path:
    """A config file inheriting ``base`` with other docs and site folders (JSON is YAML)."""
    dest.write_text(
        f"INHERIT: {json.dumps(str(base.resolve()))}\n"
        f"docs_dir: {json.dumps(str(docs_dir.resolve()))}\n"
        f"site_dir: {json.dumps(str(site_dir.resolve()))}\n",
        encoding="utf-8",
    )
    return dest


def start(config: Path) -> subprocess.Popen[str]:
    """Start ``mkdocs build`` in the background (publish renders the next version meanwhile)."""
    return subprocess.Popen(command("build", "--clean", "-f", str(config)), env=env(),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish(proc: subprocess.Popen[str]) -> list[str]:
    """Wait for a build; returns its warnings, raises BuildError with its output on failure."""
    output, _ = proc.communicate()
    lines = output.splitlines()
    if proc.returncode != 0:
        raise BuildError(f"mkdocs build failed (exit {proc.returncode}): "
                         f"{tool_message(output)}")
    return [ln for ln in lines if ln.startswith(("WARNING", "ERROR"))]


def build(config: Path) -> list[str]:
    return finish(start(config))
