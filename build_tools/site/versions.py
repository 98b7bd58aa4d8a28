"""Versions of the site: tag order, mike's versions.json, stamps for reuse, redirect pages."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from importlib import metadata
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

import build_tools
from build_tools import __version__
from build_tools.project import read_source

DEV = "dev"
LATEST = "latest"
STAMP = ".clause-stamp.json"
RESERVED = {DEV, LATEST, "versions.json", "index.html"}
_TOOL_SUFFIXES = {".py", ".css", ".js", ".typ", ".lua", ".yaml", ".json", ".md", ".docx"}
# The parts of the package a site build depends on (ballots and the CLI do not; comments do,
# since the comments pages are read with them).
_TOOL_PARTS = ("__init__.py", "model.py", "parse.py", "frontmatter.py", "i18n", "render",
               "site", "lint", "export", "comments")


def dir_name(tag: str) -> str:
    """The folder of a tag: one path segment, safe on every static host."""
    return re.sub(r"[^\w.+\-]", "-", tag).strip(".") or "tag"


def sort_key(tag: str, commit_time: int) -> tuple[int, Version | None, int]:
    """Release tags by version (``v0.10`` after ``v0.9``), others by date, below them."""
    try:
        return (1, Version(tag.lstrip("vV")), commit_time)
    except InvalidVersion:
        return (0, None, commit_time)


def newest_first(tags: dict[str, int]) -> list[str]:
    """``tags``: tag -> commit time. Newest first."""
    def key(tag: str) -> tuple[int, Version, int]:
        rank, version, when = sort_key(tag, tags[tag])
        return (rank, version or Version("0"), when)

    return sorted(tags, key=key, reverse=True)


def versions_json(entries: list[tuple[str, str, list[str]]]) -> str:
    """mike's format: ``[{"version": …, "title": …, "aliases": [...]}, …]``."""
    data = [{"version": v, "title": t, "aliases": a} for v, t, a in entries]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def redirect_page(target: str) -> str:
    """A page that sends the reader to ``target`` (relative), without any script."""
    href = json.dumps(target)[1:-1].replace('"', "&quot;")
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; "
        "img-src 'self' data:\">\n"
        # An empty icon: without it the browser asks for /favicon.ico, which is not there.
        "<link rel=\"icon\" href=\"data:,\">\n"
        f"<title>Redirecting</title>\n<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n"
        f"<link rel=\"canonical\" href=\"{href}\">\n</head>\n"
        f"<body><p><a href=\"{href}\">Go to the latest version</a></p></body>\n</html>\n"
    )


def tool_fingerprint(mkdocs_yml: Path) -> str:
    """What the output of a build depends on besides the drafts: the code that renders,
    lints and exports, its version, mkdocs.yml and the MkDocs/Material versions. A change in
    any of them rebuilds every version; an installed release changes only on upgrade."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(build_tools.__file__).parent
    paths = [p for part in _TOOL_PARTS
             for p in ([package / part] if (package / part).is_file()
                       else sorted((package / part).rglob("*")))]
    for path in paths:
        if path.suffix in _TOOL_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    if mkdocs_yml.is_file():
        digest.update(mkdocs_yml.read_bytes())
    for dist in ("mkdocs", "mkdocs-material"):
        try:
            digest.update(metadata.version(dist).encode())
        except metadata.PackageNotFoundError:
            pass
    return digest.hexdigest()[:20]


def tree_hash(files: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        try:
            digest.update(read_source(path, root))
        except OSError as exc:  # refused (a symlink out of the tree, a pipe) or gone
            digest.update(str(exc).encode())
    return digest.hexdigest()[:20]


def read_stamp(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_stamp(folder: Path, stamp: dict[str, Any]) -> None:
    (folder / STAMP).write_text(json.dumps(stamp, indent=2, sort_keys=True) + "\n",
                                encoding="utf-8")


def link_tree(src: Path, dst: Path) -> None:
    """Copy a built version cheaply: hard links (same bytes, same mtimes), copies where the
    file system refuses links. Output files are never modified in place, so sharing is safe."""
    for folder, _dirs, names in os.walk(src):
        rel = Path(folder).relative_to(src)
        (dst / rel).mkdir(parents=True, exist_ok=True)
        for name in names:
            source, target = Path(folder) / name, dst / rel / name
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
