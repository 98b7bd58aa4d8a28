"""``clause publish``: one site per release tag, plus the working tree as ``dev``.

    site/
      versions.json        mike's format; "latest" on the newest tag
      index.html           redirect to latest/ (dev/ while there is no tag)
      latest/              the newest tag's build, hard-linked
      v0.1/ v0.2/ … dev/   one MkDocs build each, with a stamp file

Tag files (the drafts and ``comments/``) are read with ``git archive`` into a temporary folder;
the user's working tree is never touched. A tag whose commit, tool and settings are unchanged
is reused, not rebuilt. Everything is built in a staging folder beside ``site/`` (the build's
scratch files next to it) and swapped in under an exclusive lock, in one atomic exchange where
the system has one (Linux ``renameat2``), else with two renames; so an interrupted or failed
publish, even one killed with SIGKILL, leaves the previous site complete. The next publish
removes what a killed one left beside ``site/``.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import stat
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools import gitio
from build_tools.model import Draft
from build_tools.parse import parse_file
from build_tools.project import UnsafePath, check_output_folder
from build_tools.site import csp, mkdocs_run, versions
from build_tools.site.comment_pages import COMMENTS_DIR
from build_tools.site.config import Project, find_drafts, load_mkdocs_yml
from build_tools.site.docs import DocsRequest, Previous, build_docs, directory_urls

Log = Callable[[str], None]
_PARALLEL = max(1, min(4, os.cpu_count() or 1))


class PublishError(Exception):
    pass


@dataclass
class PublishOptions:
    out: Path
    tags: str
    exports: bool = True
    wait: bool = True
    jobs: int | None = None  # export processes (default: one per core)


@dataclass
class VersionReport:
    name: str
    title: str
    action: str  # "built" | "reused"
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Source:
    """The files of one version: the working tree, or a tag extracted on first use."""

    name: str
    title: str
    tag: str | None
    commit: str | None
    project: Project
    repo: Path | None
    work: Path
    _root: Path | None = None
    _drafts: list[Draft] | None = None
    refused: list[str] = field(default_factory=list)  # committed symlinks not read

    def root(self) -> Path:
        if self._root is None:
            if self.commit is None:
                self._root = self.project.root
            else:
                assert self.repo is not None
                prefix = self.project.root.resolve().relative_to(self.repo)
                dest = self.work / "src" / self.name
                # comments/ too: a tag's comments pages show the comments of that tag.
                paths = [(prefix / p).as_posix() for p in [*self.project.paths, COMMENTS_DIR]]
                gitio.extract(self.repo, self.commit, paths, dest, self.refused)
                self._root = dest / prefix
        return self._root

    def draft_paths(self) -> list[Path]:
        return find_drafts(self.root(), self.project.paths)

    def input_files(self) -> list[Path]:
        """Every file a build of this version reads: drafts, their figures, comments."""
        root = self.root()
        found: set[Path] = set(self.draft_paths())
        for entry in [*self.project.paths, COMMENTS_DIR]:
            target = root / entry
            if target.is_dir():
                found.update(p for p in target.rglob("*") if p.is_file())
            elif target.is_file():
                found.add(target)
        return sorted(found)

    def drafts(self) -> list[Draft]:
        if self._drafts is None:
            self._drafts = [parse_file(p) for p in self.draft_paths()]
        return self._drafts


def _open_lock(path: Path) -> int:
    """The lock file, opened without following a symlink: a ``.site.lock`` planted as a link
    to another file would otherwise have that file truncated."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise PublishError(f"the lock file {path} is a symlink; remove it (publish never "
                               "writes through a link)") from None
        raise PublishError(f"cannot open the lock file {path}: {exc.strerror}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise PublishError(f"the lock file {path} is not a regular file; remove it")
    return fd


@contextmanager
def _locked(path: Path, wait: bool, log: Log) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with os.fdopen(_open_lock(path), "r+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise PublishError(f"another publish is running (lock {path}); try again when "
                                   "it has finished") from None
            log(f"another publish is running (lock {path}); waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _recover(out: Path, log: Log) -> None:
    """Finish a swap that was interrupted between its two renames; drop stale staging and
    scratch folders (a killed publish cannot remove its own; the lock says none is running)."""
    parent = out.parent
    olds = sorted(parent.glob(f".{out.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not out.exists() and olds:
        os.rename(olds[-1], out)
        log(f"restored {out} from an interrupted publish")
        olds = olds[:-1]
    for stale in [*olds, *parent.glob(f".{out.name}.tmp-*")]:
        shutil.rmtree(stale, ignore_errors=True)


def _published_before(folder: Path) -> bool:
    """A folder an earlier publish wrote: it always writes these two."""
    return (folder / "versions.json").is_file() and (folder / ".nojekyll").is_file()


def publish(project: Project, opts: PublishOptions, log: Log) -> list[VersionReport]:
    try:
        out = check_output_folder(opts.out, project.root, [*project.paths, COMMENTS_DIR],
                                  "--out", _published_before)
    except UnsafePath as exc:
        raise PublishError(str(exc)) from None
    with _locked(out.parent / f".{out.name}.lock", opts.wait, log):
        _recover(out, log)
        staging = out.parent / f".{out.name}.tmp-{os.getpid()}"
        # Beside site/, not in /tmp: on the same file system, and found by _recover.
        work = out.parent / f".{out.name}.tmp-{os.getpid()}.work"
        try:
            for folder in (staging, work):
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
            reports = _publish_into(project, opts, out, staging, work, log)
            _swap(staging, out)
        finally:
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(staging, ignore_errors=True)
    return reports


def _swap(staging: Path, out: Path) -> None:
    if out.exists() and _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now the previous site
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        os.rename(out, old)
    os.rename(staging, out)
    shutil.rmtree(old, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step, so that ``b`` never stops existing (Linux 3.15+,
    glibc 2.28+). False where the system or the file system cannot; the caller then renames."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _sources(project: Project, opts: PublishOptions, work: Path, log: Log) -> list[_Source]:
    """Tags oldest first, then dev (each one's previous is the one before it)."""
    repo = gitio.repo_root(project.root)
    dev = _Source(versions.DEV, versions.DEV, None, None, project, repo, work)
    if repo is None:
        log(f"{project.root} is not a git repository: publishing the working tree as "
            f"{versions.DEV}/ only (no tagged versions, no redlines)")
        return [dev]
    times: dict[str, int] = {}
    commits: dict[str, str] = {}
    for tag in gitio.list_tags(repo, opts.tags):
        try:
            commits[tag] = gitio.commit_of(repo, f"refs/tags/{tag}")
            times[tag] = gitio.commit_time(repo, commits[tag])
        except gitio.GitError as exc:
            log(f"tag {tag!r} does not name a commit ({exc}); skipped")
    sources: list[_Source] = []
    names: set[str] = set()
    for tag in reversed(versions.newest_first(times)):
        name = versions.dir_name(tag)
        if name in versions.RESERVED or name in names:
            log(f"tag {tag!r}: its folder name {name!r} is taken; skipped")
            continue
        names.add(name)
        sources.append(_Source(name, tag, tag, commits[tag], project, repo, work))
    log(f"{len(sources)} tags match {opts.tags!r}"
        + (f": {', '.join(s.tag or '' for s in sources)}" if sources else ""))
    return [*sources, dev]


@dataclass
class _Pending:
    """A version whose MkDocs build runs in the background."""

    source: _Source
    proc: subprocess.Popen[str]
    report: VersionReport
    site_dir: Path
    stamp: dict[str, Any]
    start: float


def _publish_into(project: Project, opts: PublishOptions, out: Path, staging: Path,
                  work: Path, log: Log) -> list[VersionReport]:
    fingerprint = versions.tool_fingerprint(project.mkdocs_yml)
    site_name = str(load_mkdocs_yml(project.mkdocs_yml).get("site_name") or "Drafts")
    sources = _sources(project, opts, work, log)
    reports: list[VersionReport] = []
    pending: list[_Pending] = []
    previous: _Source | None = None
    try:
        for source in sources:
            stamp: dict[str, Any] = {
                "tool": fingerprint, "exports": opts.exports,
                "commit": source.commit, "previous": previous.commit if previous else None,
            }
            if source.commit is None:
                stamp["inputs"] = versions.tree_hash(source.input_files(), source.root())
            existing = out / source.name
            if versions.read_stamp(existing) == stamp:
                versions.link_tree(existing, staging / source.name)
                log(f"{source.title}: reused (unchanged since the last publish)")
                reports.append(VersionReport(source.name, source.title, "reused"))
            else:
                # Rendering is Python in this process, MkDocs another process: the build of
                # one version runs while the next one renders (two cores on the usual runner).
                while len(pending) >= _PARALLEL:
                    _finish(pending.pop(0), log)
                job = _start(source, previous, stamp, staging, work, project, opts, site_name,
                             log)
                pending.append(job)
                reports.append(job.report)
            previous = source
        while pending:
            _finish(pending.pop(0), log)
    finally:
        for job in pending:
            job.proc.kill()
            job.proc.wait()
    _write_index(sources, staging, log)
    return reports


def _start(source: _Source, previous: _Source | None, stamp: dict[str, Any], staging: Path,
           work: Path, project: Project, opts: PublishOptions, site_name: str,
           log: Log) -> _Pending:
    start = time.monotonic()
    log(f"{source.title}: building" + (f" (commit {source.commit[:10]})" if source.commit else
                                       " (working tree)"))
    report = VersionReport(source.name, source.title, "built")
    prev = Previous(previous.title, previous.drafts(), previous.root()) if previous else None
    docs = work / "docs" / source.name
    result = build_docs(
        DocsRequest(source.root(), source.draft_paths(), version=source.title, previous=prev,
                    exports=opts.exports, jobs=opts.jobs, site_name=site_name,
                    directory_urls=directory_urls(project.mkdocs_yml), scratch=work),
        docs, log)
    report.warnings.extend([*source.refused, *result.warnings])
    site_dir = staging / source.name
    config = mkdocs_run.write_config(project.mkdocs_yml, docs, site_dir,
                                     work / f"mkdocs-{source.name}.yml")
    return _Pending(source, mkdocs_run.start(config), report, site_dir, stamp, start)


def _finish(job: _Pending, log: Log) -> None:
    report = job.report
    try:
        report.warnings.extend(mkdocs_run.finish(job.proc))
    except mkdocs_run.BuildError as exc:
        raise PublishError(f"{job.source.title}: {exc}") from exc
    blocked = csp.apply(job.site_dir)
    if blocked:
        report.warnings.append(f"{len(blocked)} pages have inline scripts the CSP blocks "
                               f"(first: {blocked[0]}); Material's templates may have changed")
    versions.write_stamp(job.site_dir, job.stamp)
    for warning in report.warnings:
        log(f"{job.source.title}: warning: {warning}")
    report.seconds = time.monotonic() - job.start
    log(f"{job.source.title}: built in {report.seconds:.1f} s")


def _write_index(sources: list[_Source], staging: Path, log: Log) -> None:
    tags = [s for s in sources if s.tag is not None]
    newest = tags[-1] if tags else None
    entries: list[tuple[str, str, list[str]]] = [(versions.DEV, "dev (working tree)", [])]
    for source in reversed(tags):
        aliases = [versions.LATEST] if source is newest else []
        entries.append((source.name, source.title, aliases))
    (staging / "versions.json").write_text(versions.versions_json(entries), encoding="utf-8")
    if newest is not None:
        versions.link_tree(staging / newest.name, staging / versions.LATEST)
        target = f"{versions.LATEST}/"
    else:
        target = f"{versions.DEV}/"
    (staging / "index.html").write_text(versions.redirect_page(target), encoding="utf-8")
    (staging / ".nojekyll").write_text("", encoding="utf-8")
    (staging / csp.HEADERS_FILE).write_text(csp.headers_file(), encoding="utf-8")
    log(f"versions.json: {', '.join(e[0] for e in entries)}"
        + (f"; latest = {newest.title}" if newest else "; no release yet, / opens dev/"))
