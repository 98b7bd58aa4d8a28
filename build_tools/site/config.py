"""Where things are: the project root, ``[tool.clause]`` settings, the drafts, mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from build_tools import project

DEFAULT_DOCS_DIR = "build/docs"


class ConfigError(Exception):
    """A configuration the user has to fix (exit status 2)."""


@dataclass
class Project:
    root: Path
    paths: list[str] = field(default_factory=lambda: list(project.DEFAULT_PATHS))
    tags: str = project.DEFAULT_TAGS
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

    def render_dir(self) -> Path:
        """docs_dir, checked as the folder ``clause render`` fills and clears: not the
        repository, drafts/ or comments/, and holding only files an earlier render wrote."""
        docs = self.docs_dir()
        value = load_mkdocs_yml(self.mkdocs_yml).get("docs_dir")
        what = (f"docs_dir {value!r} of mkdocs.yml" if value else
                "mkdocs.yml has no docs_dir, so MkDocs' default: the folder")
        try:
            return project.check_output_folder(docs, self.root, [*self.paths, "comments"],
                                               what, _rendered_before)
        except project.UnsafePath as exc:
            raise ConfigError(str(exc)) from None

    def drafts(self, base: Path | None = None) -> list[Path]:
        return find_drafts(base or self.root, self.paths)


CSS_REL = "stylesheets/clause.css"
# Files every render writes (site.docs): a folder holding them was rendered before.
RENDER_SIGNATURE = ("index.md", "glossary.md", CSS_REL)


def _rendered_before(folder: Path) -> bool:
    return all((folder / rel).is_file() for rel in RENDER_SIGNATURE)


class _LenientLoader(yaml.SafeLoader):
    """Safe loader that reads mkdocs.yml's ``!!python/name:`` and ``!ENV`` tags as null."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_mkdocs_yml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader)  # noqa: S506
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ConfigError(f"{where}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML ({type(exc).__name__})") from None
    return data if isinstance(data, dict) else {}


def find_project(start: Path | None = None) -> Project:
    """The project around ``start`` (project.load: the root and ``[tool.clause]``)."""
    try:
        config = project.load(start)
    except project.ConfigError as exc:
        raise ConfigError(str(exc)) from None
    return Project(root=config.root, paths=config.paths, tags=config.tags)


def find_drafts(base: Path, paths: list[str]) -> list[Path]:
    """The drafts of the configured ``paths`` under ``base`` (project.find_drafts; paths that
    do not exist are skipped)."""
    return project.find_drafts(p for p in (base / entry for entry in paths) if p.exists())
