"""Lint settings: defaults, ``[tool.clause]`` in pyproject.toml, then command-line options."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Settings:
    root: Path
    paths: list[str] = field(default_factory=lambda: ["drafts"])
    fail_on: str = "error"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    tags: str = "v*"
    in_repository: bool = False
    raw: dict[str, object] = field(default_factory=dict)


def find_root(start: Path) -> Path | None:
    """The nearest folder holding pyproject.toml with [tool.clause], or a drafts/ folder."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
            if "clause" in data.get("tool", {}):
                return folder
        if (folder / "drafts").is_dir() and (folder / ".git").exists():
            return folder
    return None


class ConfigError(Exception):
    pass


def load(start: Path | None = None) -> Settings:
    start = (start or Path.cwd()).resolve()
    if not start.is_dir():
        start = start.parent
    root = find_root(start)
    if root is None:
        return Settings(root=start.resolve())
    settings = Settings(root=root, in_repository=True)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{pyproject}: {exc}") from None
        cfg = data.get("tool", {}).get("clause", {})
        settings.raw = cfg
        settings.paths = list(cfg.get("paths", settings.paths))
        settings.fail_on = str(cfg.get("fail-on", settings.fail_on))
        settings.select = list(cfg.get("select", []))
        settings.ignore = list(cfg.get("ignore", []))
        settings.severity = dict(cfg.get("severity", {}))
        settings.tags = str(cfg.get("tags", settings.tags))
    return settings
