"""The repository a command works in: its root, ``[tool.clause]``, which files are drafts, the
cache folder, and the one atomic write every package uses.

Every command works outside a repository too: there the root is the folder it was started
from, the settings are the defaults and the cache lives in the user's cache folder. Commands
that need git history (publish, diff, ballot tags) say so themselves (see gitio).
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PYPROJECT = "pyproject.toml"
MKDOCS_YML = "mkdocs.yml"
DEFAULT_PATHS = ("drafts",)
DEFAULT_TAGS = "v*"
FAIL_ON = ("error", "warning")
CACHE_ENV = "CLAUSE_CACHE_DIR"
CACHE_FOLDER = ".clause-cache"


class ConfigError(Exception):
    """``[tool.clause]`` cannot be read or holds a value of the wrong type (exit status 2)."""


# --- the root ------------------------------------------------------------------------------


def _tool_clause(pyproject: Path) -> dict[str, Any] | None:
    """The ``[tool.clause]`` table, or None when the file or the table is absent.

    A pyproject.toml that is not valid TOML raises ConfigError: silently falling back to the
    defaults would lint with rules the working group switched off."""
    try:
        text = pyproject.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{pyproject}: cannot read it: {exc}") from None
    if "clause" not in text:
        return None  # not ours; never fail on another project's broken TOML
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{pyproject}: {exc}") from None
    tool = data.get("tool")
    section = tool.get("clause") if isinstance(tool, dict) else None
    if section is None:
        return None
    if not isinstance(section, dict):
        raise ConfigError(f"{pyproject}: [tool.clause] must be a table")
    return section


def _is_root(folder: Path) -> bool:
    if (folder / MKDOCS_YML).is_file():
        return True
    if (folder / "drafts").is_dir() and (folder / ".git").exists():
        return True
    pyproject = folder / PYPROJECT
    if not pyproject.is_file():
        return False
    try:
        return _tool_clause(pyproject) is not None
    except ConfigError:
        # Broken, but ours: this is the root, and load() reports what is wrong with it.
        return "tool.clause" in pyproject.read_text(encoding="utf-8", errors="replace")


def _start(start: Path | None) -> Path:
    here = (start or Path.cwd()).resolve()
    return here if here.is_dir() or (not here.exists() and not here.suffix) else here.parent


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder, from ``start`` up, that is a Clause repository: it has a
    pyproject.toml with ``[tool.clause]``, a mkdocs.yml, or drafts/ beside .git. None when
    ``start`` is in none."""
    here = _start(start)
    for folder in (here, *here.parents):
        if _is_root(folder):
            return folder
    return None


def root_or_here(start: Path | None = None) -> Path:
    """The repository root, or the folder of ``start`` outside a repository."""
    return find_root(start) or _start(start)


def git_top(start: Path) -> Path | None:
    """The nearest folder, from ``start`` up, holding a ``.git`` (folder or worktree file)."""
    here = _start(start)
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


# --- [tool.clause] -------------------------------------------------------------------------


@dataclass
class Config:
    """``[tool.clause]`` with its defaults. ``in_repository`` is False outside a repository,
    where ``root`` is the folder the command started from."""

    root: Path
    in_repository: bool = False
    paths: list[str] = field(default_factory=lambda: list(DEFAULT_PATHS))
    fail_on: str = "error"
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    tags: str = DEFAULT_TAGS
    raw: dict[str, Any] = field(default_factory=dict)

    @property
    def pyproject(self) -> Path:
        return self.root / PYPROJECT

    def targets(self) -> list[Path]:
        """The configured draft paths under the root."""
        return [self.root / p for p in self.paths]

    def drafts(self) -> list[Path]:
        """The drafts of the configured paths (paths that do not exist are skipped)."""
        return find_drafts(p for p in self.targets() if p.exists())

    def cache_dir(self) -> Path:
        return cache_dir(self.root if self.in_repository else None)


def _strings(section: dict[str, Any], key: str, where: Path) -> list[str] | None:
    value = section.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: [tool.clause] {key} must be a list of strings")
    return list(value)


def load(start: Path | None = None) -> Config:
    """The settings of the repository around ``start`` (default: the working folder)."""
    root = find_root(start)
    if root is None:
        return Config(root=_start(start))
    config = Config(root=root, in_repository=True)
    section = _tool_clause(root / PYPROJECT) or {}
    where = root / PYPROJECT
    config.raw = section
    config.paths = _strings(section, "paths", where) or config.paths
    config.select = _strings(section, "select", where) or []
    config.ignore = _strings(section, "ignore", where) or []
    fail_on = section.get("fail-on", config.fail_on)
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{where}: [tool.clause] fail-on must be error or warning, "
                          f"not {fail_on!r}")
    config.fail_on = fail_on
    severity = section.get("severity", {})
    if not isinstance(severity, dict) or not all(
            isinstance(v, str) and v in ("info", "warning", "error") for v in severity.values()):
        raise ConfigError(f"{where}: [tool.clause] severity maps rule ids to info, warning or "
                          "error")
    config.severity = dict(severity)
    tags = section.get("tags", config.tags)
    if not isinstance(tags, str) or not tags.strip():
        raise ConfigError(f"{where}: [tool.clause] tags must be a glob such as 'v*'")
    config.tags = tags.strip()
    return config


# --- drafts --------------------------------------------------------------------------------


# The 编制说明 an editor writes beside a draft: drafts/<stem>.report.md (see ``report_of``).
REPORT_SUFFIX = ".report.md"


def _hidden(part: str) -> bool:
    return part.startswith((".", "_"))


def _not_draft(parts: tuple[str, ...]) -> bool:
    return any(_hidden(part) for part in parts) or (bool(parts) and parts[-1].endswith(REPORT_SUFFIX))


def report_of(draft: Path) -> Path:
    """The companion file of a draft that ``clause report`` reads: drafts/<stem>.report.md."""
    return draft.with_name(draft.stem + REPORT_SUFFIX)


def find_drafts(paths: Iterable[Path]) -> list[Path]:
    """The drafts that ``paths`` stand for: a folder stands for every ``*.md`` below it except
    names starting with "_" (partials, templates) or "." at any depth and the companion
    reports ``*.report.md`` (see ``report_of``, never a draft, even named as a file); any
    other path is taken
    as given, so that the caller reports a missing file in its own words. Sorted, no twice."""
    found: set[Path] = set()
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            if not path.name.endswith(REPORT_SUFFIX):  # a report named on the command line
                found.add(path)
            continue
        for candidate in path.rglob("*.md"):
            rel = candidate.relative_to(path).parts
            if not _not_draft(rel) and candidate.is_file():
                found.add(candidate)
    return sorted(found)


def is_draft(path: Path, folder: Path) -> bool:
    """Whether ``path`` is one of the drafts of ``folder`` (see find_drafts)."""
    try:
        rel = path.relative_to(folder).parts
    except ValueError:
        return False
    return path.suffix == ".md" and not _not_draft(rel)


# --- the cache folder ----------------------------------------------------------------------


def cache_dir(root: Path | None = None) -> Path:
    """$CLAUSE_CACHE_DIR; else ``.clause-cache`` in the repository ``root``; else the user's
    cache folder (outside a repository nothing is written beside the files)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    if root is not None:
        return root / CACHE_FOLDER
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "clause"


# --- the atomic write ----------------------------------------------------------------------


def _new_file_mode() -> int:
    # The mode open() would give: mkstemp's 0600 would hide a new draft from the group.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def temp_beside(path: Path) -> Path:
    """A new empty temporary file in ``path``'s folder (so the rename stays on one file system).
    Hand it to ``install`` or delete it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(name)


def install(temp: Path, path: Path, durable: bool = True) -> None:
    """Rename ``temp`` over ``path``: with the existing file's mode, else a normal new file's.
    ``durable`` flushes the data to disk first, so a crash leaves the old or the new file."""
    if durable:
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    os.chmod(temp, mode)
    os.replace(temp, path)


def _target(path: str | Path) -> Path:
    path = Path(path)
    # Replacing a symlink would cut the link; the file it points to is the one being written.
    return path.resolve() if path.is_symlink() else path


def atomic_write(path: str | Path, write: Callable[[Path], None], durable: bool = True) -> Path:
    """Call ``write(temp)`` for a temporary file beside ``path``, then put it in place. A reader
    never sees half a file; a failure (of ``write`` too) leaves the old file as it was."""
    target = _target(path)
    temp = temp_beside(target)
    try:
        write(temp)
        install(temp, target, durable)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


def write_atomic(path: str | Path, content: str | bytes, durable: bool = True) -> Path:
    """Write text (UTF-8, newlines as given) or bytes atomically; see atomic_write."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return atomic_write(path, lambda temp: temp.write_bytes(data), durable)
