"""The lint engine: find drafts, parse each once, run the rules, apply suppressions."""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from build_tools.lint import rules as _rules  # noqa: F401  (registers the rules)
from build_tools.lint import summary
from build_tools.lint.base import REGISTRY, Context, Finding, Rule
from build_tools.lint.cache import LintCache
from build_tools.model import Draft
from build_tools.parse import parse_file
from build_tools.project import find_drafts, folders_looked_up_once, read_source, root_or_here

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
_PARALLEL_FROM = 16  # below this, starting processes costs more than it saves


class UsageError(Exception):
    pass


def discover(paths: Iterable[Path]) -> list[Path]:
    """The drafts the paths stand for (project.find_drafts); a missing path is a usage error."""
    paths = list(paths)
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    return find_drafts(paths)


def _matches(rule_id: str, patterns: list[str]) -> bool:
    return any(rule_id == p or rule_id.startswith(p.rstrip("*").rstrip("-") + "-") or
               (p.endswith("*") and rule_id.startswith(p[:-1])) for p in patterns)


def active_rules(select: list[str] | None = None, ignore: list[str] | None = None,
                 severity: dict[str, str] | None = None) -> list[Rule]:
    select = select or []
    ignore = ignore or []
    severity = severity or {}
    known = set(REGISTRY)
    for p in [*select, *ignore, *severity]:
        if not any(_matches(r, [p]) for r in known):
            raise UsageError(f"unknown rule or family '{p}' (see 'clause rules')")
    out = []
    for rule_id, cls in sorted(REGISTRY.items()):
        if select and not _matches(rule_id, select):
            continue
        if ignore and _matches(rule_id, ignore):
            continue
        out.append(cls(severity.get(rule_id)))
    return out


def _suppressed(draft: Draft, finding: Finding) -> bool:
    """A suppression comment covers the block that follows it."""
    for line, rules in draft.suppressions.items():
        if finding.rule in rules and line <= finding.line <= draft.suppression_ends.get(line, line):
            return True
    return False


def _single(draft: Draft, rules: list[Rule], ctx: Context, live: bool) -> list[Finding]:
    """Findings of the per-draft rules; ``live`` picks the rules that look at other files."""
    out: list[Finding] = []
    with_problems = {p.rule for p in draft.problems}
    fatal = draft.fatal
    suppressing = bool(draft.suppressions)  # most drafts suppress nothing: no filter then
    lang, rules_set = draft.language, draft.rules
    for rule in rules:
        if rule.cross_draft or rule.live != live:
            continue
        if with_problems and rule.id in with_problems:
            out.extend(f for f in rule.problems(draft) if not _suppressed(draft, f))
        if fatal:
            if rule.needs_model:
                continue
        elif rule.by_language:
            if lang not in rule.languages or rules_set not in rule.rules_sets:
                continue
        elif not rule.applies(draft):
            continue
        if suppressing:
            out.extend(f for f in rule.check(draft, ctx) if not _suppressed(draft, f))
        else:
            out.extend(rule.check(draft, ctx))
    return out


def lint_models(drafts: list[Draft], rules: list[Rule], root: Path | None = None) -> list[Finding]:
    """Lint parsed drafts (no cache): every rule, then the cross-draft rules."""
    ctx = Context(root=root, drafts=drafts)
    findings: list[Finding] = []
    for draft in drafts:
        findings.extend(_single(draft, rules, ctx, live=False))
        findings.extend(_single(draft, rules, ctx, live=True))
    findings.extend(_cross(drafts, rules, ctx))
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.rule))
    return findings


def _cross(drafts: list[Draft], rules: list[Rule], ctx: Context) -> list[Finding]:
    readable = [d for d in drafts if not d.fatal]
    return [f for rule in rules if rule.cross_draft for f in rule.check_all(readable, ctx)]


# --- the cached, parallel path -----------------------------------------------------------

_WORKER: dict[str, object] = {}


def _init_worker(spec: list[tuple[str, str]], root: str | None,
                 cache: LintCache | None = None) -> None:
    _WORKER["rules"] = [REGISTRY[rid](level) for rid, level in spec]
    _WORKER["root"] = Path(root) if root else None
    _WORKER["cache"] = cache


def _work(path: str) -> tuple[list[dict], dict]:
    rules = _WORKER["rules"]
    root = _WORKER["root"]
    draft = parse_file(Path(path))
    found = _single(draft, rules, Context(root=root), live=False)  # type: ignore[arg-type]
    out = [f.as_dict(internal=True) for f in found], summary.to_dict(draft)
    draft.release()
    return out


@contextmanager
def _collect_after() -> Iterator[None]:
    """No garbage collection while drafts are linted, one after: the collector walks every
    object made since its last run, and while a draft is linted that is its whole model, alive
    until the draft is done, so each run found nothing and cost 6 % of a worker's time. A
    released model (Draft.release) is freed by reference counting; the one collection after
    frees whatever cycles the work left, at most a few drafts' worth."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
        gc.collect(0)


def _work_batch(jobs: list[tuple[str, str | None]]) -> list[tuple[list[dict], dict]]:
    """Lint each (path, cache key) of a task and write its cache entry. In a worker process:
    in the parent, a thousand writes were a second of a cold lint of 1 000 drafts during which
    nothing else went on. A lint in one process calls it too, a draft at a time."""
    cache: LintCache | None = _WORKER.get("cache")  # type: ignore[assignment]
    outs = []
    with _collect_after():
        for path, key in jobs:
            out = _work(path)
            if cache is not None and key:
                cache.put(key, {"findings": out[0], "summary": out[1]})
            outs.append(out)
    return outs


def _batches(todo: list, sizes: list[int], jobs: int) -> list[list]:
    """The jobs (largest first) grouped into tasks: one file per task costs the parent a few
    tenths of a millisecond of pickling and queueing, CPU the workers want. A task holds up
    to 8 files and at most a sixteenth of a process's share of the bytes, so a large file
    goes alone and the small ones at the end still even out the load."""
    budget = sum(sizes) / (jobs * 16)
    out: list[list] = []
    batch: list = []
    held = 0
    for job, size in zip(todo, sizes, strict=True):
        if batch and (len(batch) == 8 or held + size > budget):
            out.append(batch)
            batch, held = [], 0
        batch.append(job)
        held += size
    if batch:
        out.append(batch)
    return out


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def batch_gc() -> None:
    """Garbage collection tuned for a process that parses many drafts and keeps little: what
    was loaded at start-up is frozen out of every collection, and collections come ten times
    less often (a draft's model makes tens of thousands of objects; at the default threshold
    the collector ran every 700 of them). For commands, not for a library caller."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _finding(d: dict) -> Finding:
    return Finding.from_dict(d)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """batch_gc's threshold for the length of one batch, then the caller's again."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 10_000), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def lint_paths(paths: list[Path], rules: list[Rule] | None = None, root: Path | None = None,
               progress: Callable[[int, int], None] | None = None,
               cache: LintCache | None = None, jobs: int | None = None,
               files: list[Path] | None = None) -> tuple[list[Finding], list[Draft]]:
    """Lint files: each parsed at most once (none when the cache holds it), in parallel.
    ``files``: what ``discover(paths)`` gave, when the caller has already asked."""
    with _fewer_collections(), folders_looked_up_once():
        return _lint_paths(paths, rules, root, progress, cache, jobs, files)


def _lint_paths(paths: list[Path], rules: list[Rule] | None, root: Path | None,
                progress: Callable[[int, int], None] | None, cache: LintCache | None,
                jobs: int | None, files: list[Path] | None) -> tuple[list[Finding], list[Draft]]:
    files = discover(paths) if files is None else files
    rules = rules if rules is not None else active_rules()
    spec = [(r.id, r.level) for r in rules]
    # Each result becomes findings and a slim draft as it comes in, while the workers go on.
    found: dict[int, list[Finding]] = {}
    slim: dict[int, Draft] = {}

    def take(i: int, out: tuple[list[dict], dict]) -> None:
        found[i] = [_finding(d) for d in out[0]]
        slim[i] = summary.from_dict(out[1])

    todo: list[tuple[int, Path, str | None]] = []
    for i, path in enumerate(files):
        key = None
        if cache is not None:
            try:
                key = cache.key(path, read_source(path))
            except OSError:
                key = None
            entry = cache.get(key) if key else None
            if entry is not None:
                take(i, (entry["findings"], entry["summary"]))
                continue
        todo.append((i, path, key))
    done = len(slim)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if len(todo) >= _PARALLEL_FROM and jobs > 1:
        ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else None
        # Largest files first: a 400 KB RFC handed out last would leave the other processes
        # idle while it is linted.
        sized = sorted(((_size(job[1]), job) for job in todo), key=lambda x: -x[0])
        todo = [job for _, job in sized]
        batches = _batches(todo, [size for size, _ in sized], jobs)
        with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                                 initargs=(spec, str(root) if root else None, cache)) as pool:
            outputs = pool.map(_work_batch, [[(str(p), key) for _, p, key in b] for b in batches])
            for batch, outs in zip(batches, outputs, strict=True):
                for (i, _, _), out in zip(batch, outs, strict=True):
                    take(i, out)
                done += len(batch)
                if progress:
                    progress(done, len(files))
    else:
        _init_worker(spec, str(root) if root else None, cache)
        for i, path, key in todo:
            take(i, _work_batch([(str(path), key)])[0])  # one draft at a time, for progress
            done += 1
            if progress:
                progress(done, len(files))
    drafts = [slim[i] for i in range(len(files))]
    findings = [f for i in range(len(files)) for f in found[i]]
    ctx = Context(root=root, drafts=drafts)
    for draft in drafts:
        findings.extend(_single(draft, rules, ctx, live=True))
    findings.extend(_cross(drafts, rules, ctx))
    findings.sort(key=lambda f: (f.file, f.line, f.column, f.rule))
    return findings, drafts


def lint_drafts(paths: list[Path]) -> list[Finding]:
    """Lint with the default rules: the entry point other views (the site) use."""
    root = root_or_here(paths[0]) if paths else None
    findings, _ = lint_paths(paths, root=root)
    return findings


def exit_code(findings: list[Finding], fail_on: str) -> int:
    level = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= level for f in findings) else 0
