"""Lint against its two yardsticks, side by side in one run (issue 10, "Performance").

    python bench/lint_ratio.py [--rounds N] [--only ietf|generated]   (make bench-lint)

On the IETF corpus and on the generated drafts, each round runs, one after the other on the
same files: ``clause lint --no-cache -j1`` (one process), ``clause lint --no-cache`` (the
default: one process per core), markdownlint-cli2, a bare markdown-it-py parse in a fresh
interpreter (``run.bare_markdown()``: the configuration of build_tools/markdown.py without its shortcuts, ``.parse()`` of every
whole file, tokens dropped) and the linter through the library in a fresh interpreter. Rounds
interleave the tools so that a slow spell of the machine hits them alike; each figure is the
median over the rounds. Wall-clock figures include process start-up on both sides; the
in-process figures time only the work after the imports.

Goals: lint ≤ 0.25 × markdownlint-cli2, lint ≤ 1.5 × the bare parse. Every ratio is printed
with its verdict; nothing here asserts. ``make bench`` runs the same step (3 rounds).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import peers  # noqa: E402
import run  # noqa: E402

GOAL_MARKDOWNLINT = 0.25
GOAL_PARSE = 1.5


def _bare_parse(folder: str) -> dict:
    """The yardstick: read and parse every file, nothing else."""
    start = time.perf_counter()
    md = run.bare_markdown()
    imported = time.perf_counter()
    files = run.md_files(Path(folder))
    for path in files:
        md.parse(path.read_bytes().decode("utf-8", errors="replace"))
    done = time.perf_counter()
    return {"files": len(files), "import_s": imported - start, "work_s": done - imported}


def _lib_lint(root: str) -> dict:
    """``clause lint --no-cache -j1`` through the library, timing the work after the imports."""
    start = time.perf_counter()
    from build_tools.lint import engine

    imported = time.perf_counter()
    base = Path(root)
    findings, drafts = engine.lint_paths([base / "drafts"], engine.active_rules(), base, jobs=1)
    done = time.perf_counter()
    return {"files": len(drafts), "findings": len(findings), "import_s": imported - start,
            "work_s": done - imported}


_WORKERS = {"--bare-parse": _bare_parse, "--lib-lint": _lib_lint}


def _python_worker(flag: str, arg: str) -> tuple[float, dict]:
    argv = [sys.executable, str(Path(__file__)), flag, arg]
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=run.REPO, env=run.env_with(), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=run.RUN_TIMEOUT_S)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        tail = [x for x in proc.stderr.splitlines() if x.strip()][-1:] or ["no output"]
        raise run.RunFailed(f"{flag} exited {proc.returncode}: {tail[0]}")
    return wall, json.loads(proc.stdout.strip().splitlines()[-1])


def side_by_side(label: str, root: Path, mlint: peers.Peer | str, rounds: int) -> None:
    files = run.md_files(root / "drafts")
    run.header(f"side by side on {label}: {len(files)} files, "
               f"{run.size_mb(files):.2f} MB, {rounds} interleaved rounds")
    clause = run.clause_bin()
    commands: dict[str, list[str]] = {
        "lint_j1": [*clause, "lint", "--no-cache", "-j1", "drafts"],
        "lint": [*clause, "lint", "--no-cache", "drafts"],
    }
    if isinstance(mlint, peers.Peer):
        commands["markdownlint_cli2"] = mlint.argv("drafts")
    else:
        run.skipped(f"sbs_{label}_markdownlint_cli2_s", mlint)
    times: dict[str, list[float]] = {}
    broken: dict[str, str] = {}
    for r in range(rounds):
        run.log(f"{label}: round {r + 1} of {rounds}")
        for name, argv in commands.items():
            if name in broken:
                continue
            timeout = run.PEER_TIMEOUT_S if name == "markdownlint_cli2" else run.RUN_TIMEOUT_S
            try:
                times.setdefault(name, []).append(run.run_once(argv, root, timeout=timeout))
            except run.RunFailed as exc:
                broken[name] = str(exc)
        for name, flag, arg in (("bare_parse", "--bare-parse", str(root / "drafts")),
                                ("lib_lint", "--lib-lint", str(root))):
            if name in broken:
                continue
            try:
                wall, answer = _python_worker(flag, arg)
            except (run.RunFailed, subprocess.TimeoutExpired, ValueError) as exc:
                broken[name] = str(exc)
                continue
            if name == "bare_parse":
                times.setdefault(name, []).append(wall)
            times.setdefault(f"{name}_in_process", []).append(answer["work_s"])
    how = f"median of {rounds}" if rounds > 1 else "1 run"
    figures: dict[str, float] = {}
    for name in ("lint_j1", "lint", "markdownlint_cli2", "bare_parse", "lib_lint_in_process",
                 "bare_parse_in_process"):
        key = f"sbs_{label}_{name}_s"
        if name in broken or (name.endswith("_in_process") and name[:-11] in broken):
            run.skipped(key, broken.get(name) or broken.get(name[:-11], ""))
        elif times.get(name):
            figures[name] = statistics.median(times[name])
            extra = "" if name.endswith("_in_process") else ", wall-clock with start-up"
            run.figure(key, figures[name], "s", how + extra)
    for top, bottom, goal in (
            ("lint", "markdownlint_cli2", GOAL_MARKDOWNLINT),
            ("lint_j1", "markdownlint_cli2", GOAL_MARKDOWNLINT),
            ("lint_j1", "bare_parse", GOAL_PARSE),
            ("lint", "bare_parse", GOAL_PARSE),
            ("lib_lint_in_process", "bare_parse_in_process", GOAL_PARSE)):
        name = f"ratio_{label}_{top}_to_{bottom}"
        if top not in figures or bottom not in figures:
            run.skipped(f"{name} (goal ≤ {goal})", "not measured")
            continue
        value = figures[top] / figures[bottom]
        verdict = "met" if value <= goal else "NOT met"
        run.figure(f"{name} (goal ≤ {goal}, {verdict})", value, "x", key=name)


def step(mlint: peers.Peer | str, rounds: int = 3, only: str | None = None) -> None:
    """Both corpora; the step ``make bench`` runs after its own lint figures."""
    if only in (None, "ietf"):
        root = run.ietf_repo()
        if root is None:
            run.skipped("sbs_ietf", "the shared corpus (../shared/corpus/md-drafts/ietf) is not "
                        "beside the repository")
        else:
            side_by_side("ietf", root, mlint, rounds)
    if only in (None, "generated"):
        side_by_side(f"{run.N_LINT}_drafts", run.corpus_repo(run.N_LINT), mlint, rounds)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] in _WORKERS:
        print(json.dumps(_WORKERS[argv[0]](argv[1])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=("ietf", "generated"))
    args = parser.parse_args(argv)
    run.OUT.mkdir(parents=True, exist_ok=True)
    run.WORK.mkdir(parents=True, exist_ok=True)
    run.compile_bytecode()
    mode = "quick (BENCH_QUICK=1: corpora ÷ 10)" if run.QUICK else "full"
    run.header(f"lint side by side with markdownlint-cli2 and a bare parse, {mode} run")
    mlint = peers.ensure_markdownlint()
    run.header(f"markdownlint_cli2 {mlint.version}" if isinstance(mlint, peers.Peer)
               else f"markdownlint_cli2 unavailable: {mlint}")
    step(mlint, max(1, args.rounds), args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
