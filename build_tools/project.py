"""The repository a command works in: its root, ``[tool.clause]``, which files are drafts, the
cache folder, and the one atomic write every package uses.

Every command works outside a repository too: there the root is the folder it was started
from, the settings are the defaults and the cache lives in the user's cache folder. Commands
that need git history (publish, diff, ballot tags) say so themselves (see gitio).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; sweep_temps then goes by age alone
    fcntl = None  # type: ignore[assignment]

PYPROJECT = "pyproject.toml"
MKDOCS_YML = "mkdocs.yml"
DEFAULT_PATHS = ("drafts",)
DEFAULT_TAGS = "v*"
DEFAULT_COMMITTEE = "committee.yaml"
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
    # The folder of a file is its link's folder: a draft symlinked to /etc/passwd is in
    # drafts/, not in /etc.
    here = Path(os.path.abspath(start or Path.cwd()))
    if not (here.is_dir() or (not here.exists() and not here.suffix)):
        here = here.parent
    return here.resolve()


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
    committee: str = DEFAULT_COMMITTEE
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

    def committee_file(self) -> Path:
        """The roster of the working group (``committee`` in [tool.clause])."""
        return self.root / self.committee


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
    committee = section.get("committee", config.committee)
    if not isinstance(committee, str) or not committee.strip() or Path(committee).is_absolute() \
            or ".." in Path(committee).parts:
        raise ConfigError(f"{where}: [tool.clause] committee must be a path inside the "
                          "repository, such as 'committee.yaml'")
    config.committee = committee.strip()
    return config


def today() -> dt.date:
    """The date written into records, tables and front-matter: SOURCE_DATE_EPOCH's (UTC), else
    today, so that a build or a test can fix it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


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


# --- paths from files ----------------------------------------------------------------------
#
# A working group's repository takes drafts, figures and comment files from many organisations,
# so what they hold is checked before it becomes a path: a value read from a file (a member
# code, a stage, a figure path) and a file that is a symlink. This is the one check; every
# reader of drafts, figures and comment files goes through it.

# C0/C1 controls, line and paragraph separators, bidirectional overrides (a name that reads
# differently from what it is).
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MAX_SEGMENT = 120


class UnsafePath(ValueError):
    """A value read from a file that cannot become (part of) a path; the message says why."""


class OutsideRepository(OSError):
    """A draft, figure or comment file that is a symlink leading out of the repository or into
    .git, or that is not a regular file. An OSError, so every reader reports it as a file it
    cannot read, with its own file name and line."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(errno.EACCES, message, str(path))

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}"


def unsafe_character(value: str) -> str | None:
    """The first control, line-separator or bidi-override character of ``value``, as the
    escape a user can search for (``\\x00``), or None."""
    found = _UNSAFE_CHARS.search(value)
    return None if found is None else repr(found.group())[1:-1]


def path_segment(value: object, what: str) -> str:
    """``value`` as one file or folder name, for a value read from a file (a member code, a
    stage); UnsafePath naming ``what`` when it would leave its folder, hide the file (a leading
    "."), or holds a character a file name must not."""
    text = "" if value is None else str(value)
    problem = None
    if not text.strip():
        problem = "is empty"
    elif (char := unsafe_character(text)) is not None:
        problem = f"holds the control character {char}"
    elif "/" in text or "\\" in text:
        problem = "holds a path separator ('/' or '\\')"
    elif text.startswith("."):
        problem = "starts with '.'"
    elif text != text.strip():
        problem = "starts or ends with a blank"
    elif len(text) > MAX_SEGMENT:
        problem = f"is longer than {MAX_SEGMENT} characters"
    if problem is not None:
        raise UnsafePath(f"{what} {text[:60]!r} {problem}, so it cannot name a file")
    return text


def reference_path(src: str) -> str:
    """A relative path written in a draft (a figure), percent-decoded as a browser reads it;
    UnsafePath for a NUL or another control character (``%00``, ``%0A``) in it."""
    decoded = unquote(src.strip())
    char = unsafe_character(decoded)
    if char is not None:
        raise UnsafePath(f"holds the control character {char}")
    return decoded


def repository_of(path: Path) -> Path:
    """The folder a file read from ``path`` must lie inside: the git work tree around it, else
    the Clause project, else its own folder. Found from the path as written, so that a
    symlinked folder inside the repository does not move the boundary."""
    folder = Path(os.path.abspath(path)).parent
    project_root: Path | None = None
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
        if project_root is None and _is_root(candidate):
            project_root = candidate
    return project_root or folder


_FOLDERS: dict[str, str] | None = None  # folder -> its real path, inside folders_looked_up_once


@contextmanager
def folders_looked_up_once() -> Iterator[None]:
    """Within: each folder's real path is looked up once, not once for every file in it (a
    lookup stats every folder from the root, a tenth of a millisecond; a lint of a thousand
    drafts made two thousand). For one command's pass over many files: the next pass looks
    again, as a folder may have become a symlink in between."""
    global _FOLDERS
    before = _FOLDERS
    _FOLDERS = {} if before is None else before
    try:
        yield
    finally:
        _FOLDERS = before


def realpath(path: str | Path) -> str:
    """``os.path.realpath(path)``; inside folders_looked_up_once, with its folder's part
    looked up once per folder, so that only the last part is looked at again."""
    folders = _FOLDERS
    if folders is None:
        return os.path.realpath(path)
    # Joined, not abspath's lexical clean-up: "a/../b" is resolved as realpath does, a
    # symlink "a" first.
    folder, name = os.path.split(os.path.join(os.getcwd(), path))
    if not name or name in (".", ".."):
        return os.path.realpath(path)
    real_folder = folders.get(folder)
    if real_folder is None:
        real_folder = folders[folder] = os.path.realpath(folder)
    real = os.path.join(real_folder, name)
    return os.path.realpath(real) if os.path.islink(real) else real


def _check_inside(path: Path, real: Path, root: Path, link: bool) -> None:
    base = Path(realpath(root))
    how = f"is a symlink to {real}," if link else "lies"
    if not real.is_relative_to(base):
        raise OutsideRepository(path, f"{how} outside the repository; only files inside it "
                                "are read")
    if ".git" in real.relative_to(base).parts:
        raise OutsideRepository(path, f"{how} in .git; only files of the working tree are read")


def _regular(path: Path, real: Path) -> Path:
    mode = real.stat().st_mode  # FileNotFoundError for a missing file or a dangling link
    if not stat.S_ISREG(mode):
        raise OutsideRepository(path, "is not a regular file (a folder, device or pipe); only "
                                "files are read")
    return real


def source_file(path: str | Path, root: Path | None = None) -> Path:
    """The real file behind ``path`` (a draft, figure or comment file). A symlink is followed
    only to a regular file inside ``root`` (default: repository_of) and outside .git;
    otherwise OutsideRepository says why. FileNotFoundError when there is no such file."""
    path = Path(path)
    absolute = os.path.abspath(path)
    real = Path(realpath(absolute))
    if str(real) != absolute:  # a symlink somewhere on the way: where does it lead?
        _check_inside(path, real, root if root is not None else repository_of(path), True)
    return _regular(path, real)


def referenced_file(folder: Path, src: str, root: Path) -> Path:
    """The real file that ``src``, a relative path written in a file of ``folder`` (a figure
    of a draft), stands for: reference_path's check, then it must lie inside ``root`` and
    outside .git, symlinks resolved, before anything there is opened."""
    path = Path(folder) / reference_path(src)
    real = Path(realpath(path))
    _check_inside(path, real, root, real != Path(os.path.abspath(path)))
    return _regular(path, real)


def read_source(path: str | Path, root: Path | None = None) -> bytes:
    """The bytes of a draft, figure or comment file, after source_file's check."""
    return source_file(path, root).read_bytes()


# --- output folders ------------------------------------------------------------------------


def check_output_folder(folder: Path, root: Path, protected: Iterable[str], what: str,
                        ours: Callable[[Path], bool]) -> Path:
    """The resolved ``folder`` a command fills and clears (a docs folder, a site), or
    UnsafePath when it is the repository or holds it, lies in one of the ``protected`` folders
    of the repository (drafts/, comments/, .git …), or is a folder with files that ``ours``
    does not recognise as an earlier output of the same command."""
    out = folder.resolve()
    top = root.resolve()
    if out == top or top.is_relative_to(out):
        raise UnsafePath(f"{what} {folder} would hold the repository {top}; choose a generated "
                         "folder such as site/ or build/docs")
    for name in {".git", *protected}:
        guarded = (top / name).resolve()
        if out == guarded or out.is_relative_to(guarded):
            raise UnsafePath(f"{what} {folder} lies in {name}/ of the repository; choose a "
                             "generated folder such as site/ or build/docs")
    if out.is_dir() and any(out.iterdir()) and not ours(out):
        raise UnsafePath(f"{what} {folder} holds files that Clause did not write, and they would "
                         "be deleted; choose another folder, or empty it first")
    return out


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
    never sees half a file; a failure (of ``write`` too) leaves the old file as it was. While
    it writes, the temporary file is locked, so ``sweep_temps`` can tell it from the leftover
    of a writer that was killed."""
    target = _target(path)
    temp = temp_beside(target)
    try:
        with open(temp, "rb") as held:
            if fcntl is not None:
                fcntl.flock(held, fcntl.LOCK_EX)
            write(temp)
            install(temp, target, durable)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


_UNLOCKED_TEMP_AGE = 3600.0  # seconds; without locks, a younger temporary file may be in use


def sweep_temps(path: str | Path) -> list[Path]:
    """Remove the temporary files that a killed writer left beside ``path`` (a ``--fix`` stopped
    between writing and renaming): ``.<name>.*.tmp`` files that no live writer holds locked.
    Returns the files removed."""
    target = _target(path)
    folder = target.parent
    prefix = f".{target.name}."
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(folder) if n.startswith(prefix) and n.endswith(".tmp")]
    except OSError:
        return removed
    for name in names:
        stale = folder / name
        try:
            with open(stale, "rb") as handle:
                if fcntl is not None:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                elif time.time() - os.fstat(handle.fileno()).st_mtime < _UNLOCKED_TEMP_AGE:
                    continue
                if os.path.samestat(os.fstat(handle.fileno()), os.lstat(stale)):
                    stale.unlink()
                    removed.append(stale)
        except (BlockingIOError, FileNotFoundError, IsADirectoryError, PermissionError):
            continue  # a writer holds it, or it went away meanwhile
    return removed


def write_atomic(path: str | Path, content: str | bytes, durable: bool = True) -> Path:
    """Write text (UTF-8, newlines as given) or bytes atomically; see atomic_write."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return atomic_write(path, lambda temp: temp.write_bytes(data), durable)
