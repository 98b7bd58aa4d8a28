"""Where things are: the project root, ``[tool.clause]`` settings, the drafts, mkdocs.yml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_PATHS = ["drafts"]
DEFAULT_TAGS = "v*"
DEFAULT_DOCS_DIR = "build/docs"


class ConfigError(Exception):
    """A configuration the user has to fix (exit status 2)."""


@dataclass
class Project:
    root: Path
    paths: list[str] = field(default_factory=lambda: list(DEFAULT_PATHS))
    tags: str = DEFAULT_TAGS
    watch: list[str] = field(default_factory=lambda: ["comments"])

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def docs_dir(self) -> Path:
        """The folder ``clause render`` writes: mkdocs.yml's ``docs_dir``."""
        if not self.mkdocs_yml.is_file():
            raise ConfigError(f"no mkdocs.yml in {self.root}: the site needs one (see the "
                              "repository's mkdocs.yml)")
        value = load_mkdocs_yml(self.mkdocs_yml).get("docs_dir") or "docs"
        docs = (self.root / str(value)).resolve()
        if docs == self.root.resolve() or self.root.resolve().is_relative_to(docs):
            raise ConfigError(f"docs_dir {value!r} would overwrite the project; use a generated "
                              "folder such as build/docs")
        return docs

    def drafts(self, base: Path | None = None) -> list[Path]:
        return find_drafts(base or self.root, self.paths)


class _LenientLoader(yaml.SafeLoader):
    """Safe loader that reads mkdocs.yml's ``!!python/name:`` and ``!ENV`` tags as null."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_mkdocs_yml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    return data if isinstance(data, dict) else {}


def find_project(start: Path | None = None) -> Project:
    """The nearest folder, from ``start`` up, holding mkdocs.yml or a pyproject.toml with
    ``[tool.clause]``; ``start`` itself when there is none."""
    start = (start or Path.cwd()).resolve()
    root = start
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() or _has_tool_clause(folder / "pyproject.toml"):
            root = folder
            break
    project = Project(root=root)
    settings = _tool_clause(root / "pyproject.toml")
    if isinstance(settings.get("paths"), list) and settings["paths"]:
        project.paths = [str(p) for p in settings["paths"]]
    if isinstance(settings.get("tags"), str) and settings["tags"].strip():
        project.tags = settings["tags"].strip()
    return project


def _has_tool_clause(pyproject: Path) -> bool:
    return bool(_tool_clause(pyproject)) or (
        pyproject.is_file() and "[tool.clause]" in pyproject.read_text(encoding="utf-8"))


def _tool_clause(pyproject: Path) -> dict[str, Any]:
    if not pyproject.is_file():
        return {}
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    section = data.get("tool", {}).get("clause", {})
    return section if isinstance(section, dict) else {}


_SKIP_PART = re.compile(r"^[._]")


def find_drafts(base: Path, paths: list[str]) -> list[Path]:
    """Draft files under ``base``: ``*.md`` in the configured paths; names starting with "_"
    (partials, templates) and hidden folders are not drafts."""
    found: set[Path] = set()
    for entry in paths:
        target = base / entry
        if target.is_file() and target.suffix == ".md":
            found.add(target)
        elif target.is_dir():
            for path in target.rglob("*.md"):
                rel = path.relative_to(target)
                if not any(_SKIP_PART.match(part) for part in rel.parts) and path.is_file():
                    found.add(path)
    return sorted(found)
