"""Small git helpers: every call goes through the ``git`` program, every failure is a `GitError`.

Ground floor: this module imports nothing of ours, so what a "matching version" of a file is
(e.g. a draft at WD 2) is the caller's predicate, not something parsed here.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path

_TIMEOUT = 120  # seconds; a hung git (credential prompt, lock) must not hang the CLI


class GitError(Exception):
    """git is missing, the folder is not a repository, or a git command failed."""


def _git(args: list[str], cwd: Path, *, text: bool = True) -> subprocess.CompletedProcess:
    if shutil.which("git") is None:
        raise GitError("git is not installed (needed to read draft history and to tag)")
    env_args = ["git", "-c", "core.quotepath=off", *args]
    try:
        return subprocess.run(
            env_args, cwd=cwd, capture_output=True, text=text, timeout=_TIMEOUT, check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git {args[0]} failed in {cwd}: {exc}") from None


def _checked(args: list[str], cwd: Path, *, text: bool = True) -> subprocess.CompletedProcess:
    done = _git(args, cwd, text=text)
    if done.returncode != 0:
        err = done.stderr if text else done.stderr.decode("utf-8", "replace")
        raise GitError(f"git {' '.join(args)}: {err.strip() or 'failed'}")
    return done


def _folder(path: Path) -> Path:
    path = Path(path)
    return path if path.is_dir() else path.parent


def is_repository(path: Path) -> bool:
    """True when ``path`` (a file or folder) lies inside a git work tree; False without git."""
    folder = _folder(path)
    if not folder.exists():
        return False
    try:
        done = _git(["rev-parse", "--is-inside-work-tree"], folder)
    except GitError:
        return False
    return done.returncode == 0 and done.stdout.strip() == "true"


def toplevel(path: Path) -> Path:
    """The top folder of the work tree holding ``path``; GitError "not a git repository"."""
    folder = _folder(path)
    done = _git(["rev-parse", "--show-toplevel"], folder) if folder.exists() else None
    if done is None or done.returncode != 0:
        raise GitError(f"not a git repository: {folder}")
    return Path(done.stdout.strip())


def relative(path: Path) -> tuple[Path, str]:
    """(top folder, path relative to it in git's form) for a file inside a work tree."""
    top = toplevel(path)
    resolved = Path(path).resolve()
    try:
        return top, resolved.relative_to(top.resolve()).as_posix()
    except ValueError:
        raise GitError(f"{path} is outside the git repository {top}") from None


def show_file(root: Path, commit: str, relpath: str) -> bytes:
    """The bytes of ``relpath`` (relative to the top folder) at ``commit``."""
    done = _checked(["show", f"{commit}:{relpath}"], Path(root), text=False)
    return done.stdout


def file_history(path: Path) -> Iterator[tuple[str, str]]:
    """(commit, path at that commit) for each commit that changed the file, newest first.

    ``--follow`` tracks renames, so a draft renamed since still finds its older iterations.
    """
    top, rel = relative(path)
    done = _checked(["log", "--follow", "--format=%x00%H", "--name-only", "--", rel], top)
    for chunk in done.stdout.split("\x00")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        if len(lines) >= 2:
            yield lines[0].strip(), lines[-1].strip()


def file_versions(path: Path) -> list[tuple[str, int, str]]:
    """(commit, commit time, text) of every version of the file, oldest first: one ``git log``
    and one ``git cat-file --batch`` however long the history (a version that is not UTF-8
    text is left out)."""
    top, _ = relative(path)
    rel = relative(path)[1]
    done = _checked(["log", "--follow", "--format=%x00%H %ct", "--name-only", "--", rel], top)
    entries: list[tuple[str, int, str]] = []
    for chunk in done.stdout.split("\x00")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        if len(lines) >= 2:
            commit, when = lines[0].split()
            entries.append((commit, int(when), lines[-1].strip()))
    entries.reverse()
    if not entries:
        return []
    request = "".join(f"{commit}:{name}\n" for commit, _, name in entries).encode("utf-8")
    try:
        batch = subprocess.run(["git", "-c", "core.quotepath=off", "cat-file", "--batch"],
                               cwd=top, input=request, capture_output=True, timeout=_TIMEOUT,
                               check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git cat-file failed in {top}: {exc}") from None
    data, at, out = batch.stdout, 0, []
    for commit, when, _ in entries:
        end = data.find(b"\n", at)
        if end < 0:
            break
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # "missing": the file was deleted at that commit
        size = int(header[2])
        blob, at = data[at:at + size], at + size + 1
        try:
            out.append((commit, when, blob.decode("utf-8-sig")))
        except UnicodeDecodeError:
            continue
    return out


def find_commit(
    path: Path, predicate: Callable[[str], bool], *, oldest: bool = False
) -> tuple[str, str] | None:
    """(commit, text) of the newest (or oldest) version of the file whose text satisfies
    ``predicate``, walking ``git log -- <file>``; None when no version does."""
    top, _ = relative(path)
    found: tuple[str, str] | None = None
    for commit, name in file_history(path):
        try:
            text = show_file(top, commit, name).decode("utf-8-sig")
        except (GitError, UnicodeDecodeError):
            continue  # deleted at that commit, or not text: not a version we can use
        if predicate(text):
            found = (commit, text)
            if not oldest:
                return found
    return found


def list_tags(root: Path, pattern: str | None = None) -> list[str]:
    """Tag names (optionally matching a glob such as "mvs-*"), sorted by name."""
    args = ["tag", "--list"] + ([pattern] if pattern else [])
    return sorted(t for t in _checked(args, toplevel(root)).stdout.splitlines() if t.strip())


def tag_exists(root: Path, name: str) -> bool:
    return name in list_tags(root, name)


def commit_files(root: Path, paths: list[Path], message: str) -> str:
    """Commit exactly ``paths`` (other staged changes stay staged, uncommitted); the new hash."""
    top = toplevel(root)
    rels = [relative(p)[1] for p in paths]
    _checked(["add", "--", *rels], top)
    _checked(["commit", "--quiet", "--only", "-m", message, "--", *rels], top)
    return _checked(["rev-parse", "HEAD"], top).stdout.strip()


def head_commit(root: Path) -> str:
    """The commit HEAD names; GitError when the repository has no commit yet."""
    done = _git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], toplevel(root))
    if done.returncode != 0:
        raise GitError(f"the git repository at {toplevel(root)} has no commit yet")
    return done.stdout.strip()


def is_committed(path: Path) -> bool:
    """True when the file is tracked and has no change against HEAD (staged or not)."""
    top, rel = relative(path)
    if not _checked(["ls-files", "--", rel], top).stdout.strip():
        return False
    return not _checked(["status", "--porcelain", "--", rel], top).stdout.strip()


def create_tag(root: Path, name: str, message: str, commit: str = "HEAD") -> None:
    """An annotated tag ``name`` on ``commit``; GitError when it exists or the name is invalid."""
    top = toplevel(root)
    if _git(["check-ref-format", f"refs/tags/{name}"], top).returncode != 0:
        raise GitError(f"{name!r} is not a valid tag name")
    if tag_exists(top, name):
        raise GitError(f"tag {name} already exists")
    _checked(["tag", "-a", name, "-m", message, commit], top)


# --- reading other revisions (the site: versions and redlines) ------------------------------


def repo_root(path: Path) -> Path | None:
    """The top of the work tree containing ``path``, or None outside a repository."""
    try:
        return toplevel(path).resolve()
    except GitError:
        return None


def commit_of(root: Path, rev: str) -> str:
    """The commit a revision names; GitError "unknown revision" otherwise."""
    if rev.startswith("-"):
        raise GitError(f"not a revision: {rev}")
    done = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], Path(root))
    if done.returncode != 0:
        raise GitError(f"unknown revision {rev!r}")
    return done.stdout.strip()


def commit_time(root: Path, rev: str) -> int:
    return int(_checked(["log", "-1", "--format=%ct", rev, "--"], Path(root)).stdout.strip() or 0)


def files_at(root: Path, commit: str, paths: list[str]) -> list[str]:
    """Repository-relative paths of the files under ``paths`` at ``commit``."""
    if not paths:
        return []
    out = _checked(["ls-tree", "-r", "-z", "--name-only", commit, "--", *paths], Path(root)).stdout
    return [p for p in out.split("\0") if p]


def extract(root: Path, commit: str, paths: list[str], dest: Path,
            refused: list[str] | None = None) -> int:
    """Write the files under ``paths`` at ``commit`` into ``dest``; returns how many.

    Read with ``git archive``: the user's working tree and index are never touched. A committed
    symlink becomes a copy of its target when that is a file among the extracted ones, as the
    working tree would read it; any other link (absolute, out of ``dest``, to a folder or to
    nothing) is left out, and ``refused`` gets one sentence per link saying why.
    """
    present = [p for p in paths if files_at(root, commit, [p])]
    if not present:
        return 0
    data = _checked(["archive", "--format=tar", commit, "--", *present], Path(root),
                    text=False).stdout
    dest.mkdir(parents=True, exist_ok=True)
    notes = refused if refused is not None else []
    base = dest.resolve()

    def checked(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
        try:
            # The "data" filter refuses absolute paths, links out of dest and device files.
            return tarfile.data_filter(member, path)
        except tarfile.FilterError as exc:
            notes.append(f"{member.name} at {commit[:10]}: {_filter_reason(exc)}; not read")
            return None

    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        members = tar.getmembers()
        tar.extractall(dest, members=members, filter=checked)
    for member in members:
        if member.issym() or member.islnk():
            _dereference(dest / member.name, base, f"{member.name} at {commit[:10]}", notes)
    return sum(1 for m in members if m.isfile())


def _filter_reason(exc: tarfile.FilterError) -> str:
    if isinstance(exc, tarfile.AbsoluteLinkError | tarfile.LinkOutsideDestinationError):
        return f"a symlink to {exc.tarinfo.linkname}, outside the repository"
    return str(exc)


def _dereference(link: Path, base: Path, name: str, notes: list[str]) -> None:
    """Replace an extracted link by a copy of the file it names inside ``base``, else drop it."""
    if not link.is_symlink():
        return  # a hard link, or a link the filter left out
    written = os.readlink(link)
    target = link.resolve()
    if target.is_relative_to(base) and target.is_file():
        data = target.read_bytes()
        link.unlink()
        link.write_bytes(data)
        return
    link.unlink()
    notes.append(f"{name}: a symlink to {written}, which is not a file of this version; not "
                 "read")
