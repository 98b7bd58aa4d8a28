"""Clause benchmarks: ``make bench`` (full) or ``BENCH_QUICK=1 make bench`` (corpora ÷ 10).

Stdout carries only section headers (lines starting with '#') and one figure per line::

    name (how measured): value unit
    name: skipped (reason)

Progress and tool output go to stderr. Timings are wall-clock, process start-up included,
medians of 3 runs where one run takes under 20 s, otherwise 1 run; the name says which.
A figure whose feature does not exist yet (a command not registered, an API not there) is
printed as skipped with the reason; nothing here raises past ``main``.

Environment: BENCH_QUICK=1 scales every corpus down 10×; BENCH_BUDGET_S (default 1500)
is the time after which optional heavy steps (the largest publish) are skipped.
See bench/README.md for what each figure means and the goals.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import gen  # noqa: E402
import peers  # noqa: E402

OUT = BENCH / "out"
WORK = OUT / "work"
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
IETF = SHARED_CORPUS / "md-drafts" / "ietf"
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
SCALE = 10 if QUICK else 1
BUDGET_S = float(os.environ.get("BENCH_BUDGET_S", "1500"))
REPEAT_UNDER_S = 20.0
RUN_TIMEOUT_S = 900.0  # one run of anything; a hung command becomes a skipped figure
PEER_TIMEOUT_S = 120.0 if QUICK else 600.0
SEED = 1
STARTED = time.monotonic()

N_LINT = 1000 // SCALE
PUBLISH_SIZES = [max(1, n // SCALE) for n in (10, 100, 200, 500)]
N_COMMENTS = 10000 // SCALE
LONG_WORDS = gen.LONG_WORDS // SCALE

RESULTS: dict[str, float] = {}


# --------------------------------------------------------------------------- output


def header(text: str) -> None:
    print(f"# {text}", flush=True)


def log(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def number(value: float) -> str:
    if isinstance(value, int):
        return str(value)
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def figure(name: str, value: float, unit: str, how: str = "", key: str | None = None) -> None:
    label = f"{name} ({how})" if how else name
    print(f"{label}: {number(value)} {unit}", flush=True)
    RESULTS[key or name] = value


def skipped(name: str, reason: str) -> None:
    reason = " ".join(reason.split())
    print(f"{name}: skipped ({reason[:200]})", flush=True)


def elapsed() -> float:
    return time.monotonic() - STARTED


# --------------------------------------------------------------------------- running


class RunFailed(Exception):
    pass


@dataclass
class Timing:
    seconds: float
    runs: list[float]

    @property
    def how(self) -> str:
        return "median of 3" if len(self.runs) >= 3 else "1 run"


def clause_bin() -> list[str]:
    local = Path(sys.executable).parent / "clause"
    if local.exists():
        return [str(local)]
    found = shutil.which("clause")
    if found:
        return [found]
    raise RunFailed("the clause command is not installed")


def env_with(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # Timed as installed: a pip install compiles the bytecode once, and Python reads it at
    # every start. With PYTHONDONTWRITEBYTECODE set (some machines set it for everything),
    # each `clause` run would compile its ~150 modules again: a fifth of a second that no
    # user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    return env


def compile_bytecode() -> None:
    """Clause's bytecode, as an installation has it (see env_with)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "build_tools")],
                   env=env_with(), check=False, stdout=subprocess.DEVNULL)


LAST_LOG = OUT / "last-run.log"


def last_line() -> str:
    lines = [x for x in LAST_LOG.read_text(encoding="utf-8", errors="replace").splitlines()
             if x.strip()]
    return lines[-1] if lines else "no output"


def run_once(argv: list[str], cwd: Path, env: dict[str, str] | None = None,
             ok: tuple[int, ...] = (0, 1), timeout: float = RUN_TIMEOUT_S) -> float:
    """Wall time of one run; RunFailed with the last line of its output if the exit is not ok."""
    with open(LAST_LOG, "wb") as sink:
        start = time.perf_counter()
        try:
            proc = subprocess.run(argv, cwd=cwd, env=env or env_with(), stdin=subprocess.DEVNULL,
                                  stdout=sink, stderr=subprocess.STDOUT, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise RunFailed(f"did not finish within {timeout:.0f} s (timeout)") from None
        seconds = time.perf_counter() - start
    if proc.returncode not in ok:
        raise RunFailed(f"{Path(argv[0]).name} {' '.join(argv[1:3])} exited "
                        f"{proc.returncode}: {last_line()}")
    return seconds


def timed(argv: list[str], cwd: Path, env: dict[str, str] | None = None,
          prepare: Callable[[], None] | None = None, ok: tuple[int, ...] = (0, 1),
          timeout: float = RUN_TIMEOUT_S) -> Timing:
    """One run; two more when it took under 20 s; the median."""
    runs = []
    for i in range(3):
        if prepare:
            prepare()
        runs.append(run_once(argv, cwd, env, ok, timeout))
        if i == 0 and runs[0] >= REPEAT_UNDER_S:
            break
    return Timing(statistics.median(runs), runs)


def worker(*args: str) -> dict:
    """Run ``run.py --worker ...`` in a fresh interpreter and return its JSON answer."""
    proc = subprocess.run([sys.executable, str(Path(__file__)), "--worker", *args], cwd=REPO,
                          env=env_with(), stdin=subprocess.DEVNULL, capture_output=True,
                          text=True)
    if proc.returncode != 0:
        lines = [x for x in (proc.stderr or "").splitlines() if x.strip()]
        raise RunFailed(lines[-1] if lines else f"worker {args[0]} exited {proc.returncode}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def has_command(*words: str) -> bool:
    proc = subprocess.run([*clause_bin(), *words, "--help"], cwd=REPO, capture_output=True,
                          text=True, env=env_with())
    return proc.returncode == 0


def command_help(*words: str) -> str:
    proc = subprocess.run([*clause_bin(), *words, "--help"], cwd=REPO, capture_output=True,
                          text=True, env=env_with())
    return proc.stdout if proc.returncode == 0 else ""


# --------------------------------------------------------------------------- corpora


def _stamp(*parts: object) -> str:
    h = hashlib.sha256((BENCH / "gen.py").read_bytes())
    for part in parts:
        h.update(str(part).encode())
    return h.hexdigest()


def _project(root: Path) -> None:
    """Make ``root`` a Clause project: [tool.clause] so the linter takes it as the root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text('[tool.clause]\npaths = ["drafts"]\nfail-on = "error"\n',
                                         encoding="utf-8")
    mkdocs = REPO / "mkdocs.yml"
    if mkdocs.is_file():
        shutil.copy2(mkdocs, root / "mkdocs.yml")


def corpus_repo(n: int) -> Path:
    """A project folder with the first ``n`` drafts of the seed-1 corpus (reused when current)."""
    root = WORK / f"corpus-{n}"
    stamp = root / ".bench-stamp"
    if stamp.is_file() and stamp.read_text() == _stamp("corpus", n, SEED):
        return root
    shutil.rmtree(root, ignore_errors=True)
    _project(root)
    gen.corpus(root / "drafts", n, SEED)
    stamp.write_text(_stamp("corpus", n, SEED))
    return root


def git_repo(root: Path) -> None:
    shutil.rmtree(root / ".git", ignore_errors=True)
    env = env_with(GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org",
                   GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.org")
    for argv in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                 ["git", "commit", "-q", "-m", "Drafts for the benchmark"]):
        subprocess.run(argv, cwd=root, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def ietf_repo() -> Path | None:
    """The real IETF drafts copied into a project folder (same files for every tool).

    Only what clause lint takes as a draft is copied; in quick mode every tenth file.
    """
    if not IETF.is_dir():
        return None
    root = WORK / "ietf"
    drafts = root / "drafts"
    shutil.rmtree(root, ignore_errors=True)
    _project(root)
    for src in md_files(IETF)[::SCALE]:
        rel = src.relative_to(IETF)
        dst = drafts / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    return root


def md_files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.rglob("*.md")) if not p.name.startswith("_")
            and not any(x.startswith(".") for x in p.relative_to(folder).parts)]


def size_mb(files: list[Path]) -> float:
    return sum(p.stat().st_size for p in files) / 1e6


# --------------------------------------------------------------------------- lint


def lint_figures(label: str, root: Path, mlint: peers.Peer | str, pymd: peers.Peer | str) -> None:
    files = md_files(root / "drafts")
    mb = size_mb(files)
    figure(f"{label}_files", len(files), "files")
    figure(f"{label}_size", mb, "MB")
    figure(f"{label}_chars", sum(len(p.read_text(encoding="utf-8", errors="replace"))
                                 for p in files) / 1e6, "M characters")
    cache = OUT / "cache" / label

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    tools: list[tuple[str, list[str] | None, str]] = []
    try:
        tools.append(("clause_lint", [*clause_bin(), "lint", "drafts"], ""))
    except RunFailed as exc:
        tools.append(("clause_lint", None, str(exc)))
    for peer in (mlint, pymd):
        if isinstance(peer, peers.Peer):
            tools.append((peer.name, peer.argv("drafts"), ""))
        else:
            name = "markdownlint_cli2" if peer is mlint else "pymarkdownlnt"
            tools.append((name, None, peer))
    for name, argv, reason in tools:
        key = f"lint_{label}_s" if name == "clause_lint" else f"{name}_{label}_s"
        if argv is None:
            skipped(key, reason)
            continue
        log(f"{name} on {label} ({len(files)} files)")
        try:
            t = timed(argv, root, env_with(CLAUSE_CACHE_DIR=str(cache)),
                      prepare=cold if name == "clause_lint" else None,
                      timeout=RUN_TIMEOUT_S if name == "clause_lint" else PEER_TIMEOUT_S)
        except RunFailed as exc:
            skipped(key, str(exc))
            continue
        if name == "clause_lint":
            header(f"clause lint on {label}: {last_line()}")
        how = f"{t.how}, cold cache" if name == "clause_lint" else t.how
        figure(key, t.seconds, "s", how)
        figure(key.removesuffix("_s") + "_mb_per_s", mb / t.seconds, "MB/s", how)
    try:
        answer = worker("parse", str(root / "drafts"))
        figure(f"parse_{label}_s", answer["median"], "s", "median of 3, in-process")
        figure(f"parse_{label}_mb_per_s", mb / answer["median"], "MB/s",
               "median of 3, in-process")
    except RunFailed as exc:
        skipped(f"parse_{label}_s", str(exc))


def relint_figures(label: str, root: Path) -> None:
    cache = OUT / "cache" / f"{label}-relint"
    shutil.rmtree(cache, ignore_errors=True)
    env = env_with(CLAUSE_CACHE_DIR=str(cache))
    argv = [*clause_bin(), "lint", "drafts"]
    target = md_files(root / "drafts")[len(md_files(root / "drafts")) // 2]
    original = target.read_text(encoding="utf-8")
    edits = iter(range(2025, 2000, -1))

    def edit() -> None:
        # A real edit that keeps the draft valid: the year of its date, new for every run
        # (a content seen before would be a cache hit).
        text = original.replace("\ndate: 2026-", f"\ndate: {next(edits)}-", 1)
        assert text != original
        target.write_text(text, encoding="utf-8")

    try:
        log(f"re-lint on {label}: warming the cache")
        run_once(argv, root, env)
        t = timed(argv, root, env, prepare=edit)
        figure(f"relint_{label}_one_changed_s", t.seconds, "s", t.how)
        target.write_text(original, encoding="utf-8")
        run_once(argv, root, env)
        t = timed(argv, root, env)
        figure(f"relint_{label}_unchanged_s", t.seconds, "s", t.how)
    except RunFailed as exc:
        skipped(f"relint_{label}_one_changed_s", str(exc))
    finally:
        target.write_text(original, encoding="utf-8")


def memory_figure(label: str, root: Path) -> None:
    cache = OUT / "cache" / f"{label}-memory"
    shutil.rmtree(cache, ignore_errors=True)
    try:
        answer = worker("rss", str(root), str(cache), *clause_bin(), "lint", "drafts")
    except RunFailed as exc:
        skipped(f"lint_{label}_peak_rss_mb", str(exc))
        return
    figure(f"lint_{label}_peak_rss_mb", answer["maxrss_kb"] / 1024, "MB",
           "1 run, cold cache, largest process")


HOSTILE_HEAD = ("---\nid: X\ntitle: T\nlanguage: en\nstage: WD\niteration: 1\n"
                "date: 2026-01-01\ncommittee: C\neditors: [{name: A}]\n---\n")


def hostile_figures() -> None:
    """The worst cases of the hostile-input suite (tests/reliability), time and memory each."""
    folder = WORK / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    cases = {
        "5mb_line": HOSTILE_HEAD + "# Scope\n\n" + "metaverse " * 520_000 + "\n",
        "20000_headings": HOSTILE_HEAD + "".join(f"# Clause {i}\n\ntext\n\n"
                                                 for i in range(20_000)),
        "5000_nested_quotes": HOSTILE_HEAD + "# Scope\n\n" + "> " * 5000 + "deep\n",
        "alias_bomb": "---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]\n" for i in range(1, 10))
            + "---\n",
    }
    for name, text in cases.items():
        path = folder / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        cache = OUT / "cache" / f"hostile-{name}"
        shutil.rmtree(cache, ignore_errors=True)
        start = time.perf_counter()
        answer = worker("rss", str(folder), str(cache), *clause_bin(), "lint", "-j1", path.name)
        figure(f"hostile_{name}_lint_s", time.perf_counter() - start, "s", "1 run")
        figure(f"hostile_{name}_peak_rss_mb", answer["maxrss_kb"] / 1024, "MB", "1 run")


# --------------------------------------------------------------------------- publish


def publish_figures() -> None:
    if not has_command("publish"):
        for n in PUBLISH_SIZES:
            skipped(f"publish_{n}_drafts_cold_s", "clause publish is not a command yet")
        return
    options = command_help("publish")
    measured: list[tuple[int, float]] = []
    for n in PUBLISH_SIZES:
        name = f"publish_{n}_drafts"
        if measured:
            one = _extrapolate(measured, n)
            estimate = one * (1 if one >= REPEAT_UNDER_S else 3) * 1.3  # cold, then warm
            if elapsed() + estimate > BUDGET_S:
                skipped(f"{name}_cold_s", f"estimated {estimate:.0f} s would pass the "
                        f"{BUDGET_S:.0f} s budget (set BENCH_BUDGET_S to allow it)")
                continue
        root = WORK / f"publish-{n}"
        shutil.rmtree(root, ignore_errors=True)
        _project(root)
        source = corpus_repo(max(PUBLISH_SIZES))
        (root / "drafts" / "figures").mkdir(parents=True)
        for svg in (source / "drafts" / "figures").iterdir():
            shutil.copyfile(svg, root / "drafts" / "figures" / svg.name)
        for path in md_files(source / "drafts")[:n]:
            shutil.copyfile(path, root / "drafts" / path.name)
        git_repo(root)
        site = WORK / f"publish-{n}-site"
        cache = OUT / "cache" / f"publish-{n}"
        env = env_with(CLAUSE_CACHE_DIR=str(cache))
        argv = [*clause_bin(), "publish", "--out", str(site)]
        if "--quiet" in options:
            argv.append("--quiet")

        def cold(root: Path = root, site: Path = site, cache: Path = cache) -> None:
            for folder in (site, cache, root / ".clause-cache", root / "build"):
                shutil.rmtree(folder, ignore_errors=True)

        log(f"publish {n} drafts")
        try:
            t = timed(argv, root, env, prepare=cold, ok=(0,))
            figure(f"{name}_cold_s", t.seconds, "s", t.how)
            warm = timed(argv, root, env, ok=(0,))
            figure(f"{name}_warm_s", warm.seconds, "s", warm.how)
            measured.append((n, t.seconds))
            if n in PUBLISH_SIZES[1:3] and "--jobs" in options:
                # The same cold publish with one export process: what the parallel exports save.
                log(f"publish {n} drafts, one export process")
                cold()
                one = run_once([*argv, "--jobs", "1"], root, env, ok=(0,))
                figure(f"{name}_cold_jobs1_s", one, "s", f"1 run, --jobs 1 of {os.cpu_count()}")
        except RunFailed as exc:
            skipped(f"{name}_cold_s", str(exc))
            return


def _extrapolate(measured: list[tuple[int, float]], n: int) -> float:
    """Time for ``n`` from the last two sizes measured, with their observed growth exponent."""
    import math

    (n2, t2) = measured[-1]
    exponent = 1.0
    if len(measured) >= 2:
        n1, t1 = measured[-2]
        if n2 > n1 and t1 > 0 and t2 > 0:
            exponent = max(1.0, math.log(t2 / t1) / math.log(n2 / n1))
    return t2 * (n / n2) ** exponent


# --------------------------------------------------------------------------- export


def export_figures() -> None:
    root = WORK / "export"
    shutil.rmtree(root, ignore_errors=True)
    _project(root)
    draft = gen.long_draft(root / "drafts" / "long.md", SEED, "en", LONG_WORDS)
    git_repo(root)
    words = len(draft.read_text(encoding="utf-8").split())
    header(f"long draft: {words} words, {draft.stat().st_size / 1e3:.0f} KB")
    figure("long_draft_words", words, "words")
    try:
        t = timed([sys.executable, str(Path(__file__)), "--worker", "bare-typst", str(draft)],
                  REPO, ok=(0,))
        figure("bare_pandoc_typst_pdf_s", t.seconds, "s", t.how)
        figure("long_draft_pages", _pages(draft.parent / "_bare.pdf"), "pages", "bare Typst PDF")
    except RunFailed as exc:
        skipped("bare_pandoc_typst_pdf_s", str(exc))
    if not has_command("export"):
        for fmt in ("pdf", "docx", "pdf_docx"):
            skipped(f"export_long_draft_{fmt}_s", "clause export is not a command yet")
        return
    options = command_help("export")
    out = WORK / "export-out"
    base = [*clause_bin(), "export", "drafts/long.md"]
    if "--ballot" in options:
        base.append("--ballot")
    if "--out" in options:
        base += ["--out", str(out)]
    for key, formats in (("pdf", ["pdf"]), ("docx", ["docx"]), ("pdf_docx", ["pdf", "docx"])):
        argv = base + [x for f in formats for x in ("--format", f)]
        log(f"export {key}")

        def clean() -> None:
            shutil.rmtree(out, ignore_errors=True)

        try:
            t = timed(argv, root, prepare=clean, ok=(0,))
        except RunFailed as exc:
            skipped(f"export_long_draft_{key}_s", str(exc))
            continue
        figure(f"export_long_draft_{key}_s", t.seconds, "s",
               t.how + (", ballot" if "--ballot" in base else ""))
        if key == "pdf":
            pdfs = sorted(out.rglob("*.pdf")) if out.is_dir() else sorted(root.rglob("long*.pdf"))
            if pdfs:
                figure("export_long_draft_pages", _pages(pdfs[0]), "pages", "ballot PDF")


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


# --------------------------------------------------------------------------- comments


def collate_figures() -> None:
    name = f"collate_{N_COMMENTS}_comments"
    try:
        import build_tools.comments as comments_api
    except ImportError as exc:
        skipped(f"{name}_s", f"build_tools.comments cannot be imported: {exc}")
        return
    if not callable(getattr(comments_api, "collate", None)):
        skipped(f"{name}_s", "build_tools.comments has no collate API yet")
        return
    root = WORK / "comments"
    shutil.rmtree(root, ignore_errors=True)
    _project(root)
    draft = gen.long_draft(root / "drafts" / "long.md", SEED, "en", LONG_WORDS)
    gen.comments(root / "comments", draft, N_COMMENTS, SEED)
    runs: list[dict] = []
    try:
        for i in range(3):
            runs.append(worker("collate", str(root), str(draft)))
            if i == 0 and runs[0]["total"] >= REPEAT_UNDER_S:
                break
    except RunFailed as exc:
        skipped(f"{name}_s", str(exc))
        return
    how = "median of 3, in-process" if len(runs) >= 3 else "1 run, in-process"
    header(f"{runs[0]['comments']} comments in {runs[0]['files']} YAML files on one draft")
    for key, label in (("read", "read_s"), ("collate", "s"), ("docx", "docx_s"),
                       ("xlsx", "xlsx_s"), ("csv", "csv_s"), ("total", "total_s")):
        values = [r[key] for r in runs if r.get(key) is not None]
        if values:
            figure(f"{name}_{label}", statistics.median(values), "s", how)
        else:
            skipped(f"{name}_{label}", runs[0].get(f"{key}_skipped", "not available"))


# --------------------------------------------------------------------------- scale


def scale_figures() -> None:
    import scale

    scale.figures(lambda name, value, unit, how: figure(name, value, unit, how), skipped, log,
                  SCALE)


# --------------------------------------------------------------------------- goals


def ratio(name: str, top: str, bottom: str, goal: str, test: Callable[[float], bool]) -> None:
    if top not in RESULTS or bottom not in RESULTS or not RESULTS[bottom]:
        missing = top if top not in RESULTS else bottom
        skipped(f"{name} (goal {goal})", f"{missing} was not measured")
        return
    value = RESULTS[top] / RESULTS[bottom]
    verdict = "met" if test(value) else "NOT met"
    figure(f"{name} (goal {goal}, {verdict})", value, "x", key=name)


def absolute(name: str, key: str, goal: str, test: Callable[[float], bool], unit: str) -> None:
    if QUICK:
        skipped(f"goal_{name} (goal {goal})", "absolute goals apply to the full run only")
        return
    if key not in RESULTS:
        skipped(f"{name} (goal {goal})", f"{key} was not measured")
        return
    verdict = "met" if test(RESULTS[key]) else "NOT met"
    figure(f"goal_{name} (goal {goal}, {verdict})", RESULTS[key], unit, key=f"goal_{name}")


def goals() -> None:
    n = N_LINT
    lint = f"lint_{n}_drafts_s"
    ratio(f"ratio_lint_{n}_to_markdownlint_cli2", lint, f"markdownlint_cli2_{n}_drafts_s",
          "≤ 0.33", lambda v: v <= 0.33)
    ratio(f"ratio_lint_{n}_to_bare_parse", lint, f"parse_{n}_drafts_s", "≤ 1.5",
          lambda v: v <= 1.5)
    absolute(f"lint_{n}_drafts_s", lint, "≤ 5 s", lambda v: v <= 5, "s")
    small, mid, big = PUBLISH_SIZES[1], PUBLISH_SIZES[2], PUBLISH_SIZES[3]
    for kind in ("cold", "warm"):
        ratio(f"ratio_publish_{mid}_to_{small}_{kind}", f"publish_{mid}_drafts_{kind}_s",
              f"publish_{small}_drafts_{kind}_s", "≤ 2.2, linear", lambda v: v <= 2.2)
    for size in (small, big):
        ratio(f"ratio_publish_{size}_warm_to_cold", f"publish_{size}_drafts_warm_s",
              f"publish_{size}_drafts_cold_s", "< 0.10", lambda v: v < 0.10)
    for size in (small, mid):
        if QUICK:  # at 10 and 20 drafts start-up weighs as much as the exports
            skipped(f"speedup_publish_{size}_cold_parallel_exports (goal ≥ 1.4 on 2 cores)",
                    "judged in the full run only")
            continue
        ratio(f"speedup_publish_{size}_cold_parallel_exports",
              f"publish_{size}_drafts_cold_jobs1_s", f"publish_{size}_drafts_cold_s",
              "≥ 1.4 on 2 cores", lambda v: v >= 1.4)
    ratio("ratio_export_pdf_to_bare_typst", "export_long_draft_pdf_s", "bare_pandoc_typst_pdf_s",
          "≤ 1.3", lambda v: v <= 1.3)
    absolute("export_long_draft_pdf_s", "export_long_draft_pdf_s", "≤ 6 s", lambda v: v <= 6, "s")
    absolute("export_long_draft_docx_s", "export_long_draft_docx_s", "≤ 2 s", lambda v: v <= 2,
             "s")


# --------------------------------------------------------------------------- workers
# Run in a fresh interpreter; each prints one JSON line.


def bare_markdown():  # type: ignore[no-untyped-def]  # markdown_it is imported in the worker
    """The yardstick parser: markdown-it-py with the configuration of build_tools/markdown.py
    (commonmark, html, table, strikethrough, footnote) and none of its shortcuts. Built here,
    not imported from build_tools, so the yardstick loads nothing of ours."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    md.use(footnote_plugin)
    return md


def _worker_parse(folder: str) -> dict:
    import gc

    md = bare_markdown()
    bodies = []
    for path in md_files(Path(folder)):
        text = path.read_bytes().decode("utf-8", errors="replace")
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            text = text[end + 5:] if end > 0 else text
        bodies.append(text)
    runs = []
    for _ in range(3):
        gc.collect()
        start = time.perf_counter()
        for body in bodies:
            md.parse(body)  # tokens are dropped at once, as ECOSYSTEM.md measured
        runs.append(time.perf_counter() - start)
    return {"median": statistics.median(runs), "runs": runs, "files": len(bodies)}


def _worker_rss(root: str, cache: str, *argv: str) -> dict:
    env = env_with(CLAUSE_CACHE_DIR=cache)
    proc = subprocess.run(list(argv), cwd=root, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{argv[0]} exited {proc.returncode}")
    return {"maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}


def _worker_bare_typst(markdown: str) -> dict:
    import pypandoc
    import typst

    source = Path(markdown)
    text = source.read_text(encoding="utf-8")
    # pandoc 3.9's Typst template writes keywords unquoted (ECOSYSTEM.md 6.1): drop them.
    head, sep, body = text[4:].partition("\n---\n")
    head = "\n".join(x for x in head.splitlines() if not x.startswith("keywords:"))
    stripped = source.parent / "_bare.md"
    stripped.write_text(f"---\n{head}{sep}{body}", encoding="utf-8")
    typ = source.parent / "_bare.typ"
    pdf = source.parent / "_bare.pdf"
    subprocess.run([pypandoc.get_pandoc_path(), str(stripped), "-s", "-t", "typst",
                    "-V", "papersize=a4", "-o", str(typ)], check=True, cwd=source.parent,
                   stderr=subprocess.DEVNULL)
    typst.compile(str(typ), output=str(pdf))
    return {"pdf": str(pdf)}


def _worker_collate(root: str, draft: str) -> dict:
    import build_tools.comments as api
    from build_tools.parse import parse_file

    model = parse_file(Path(draft))
    files = sorted((Path(root) / "comments").rglob("*.yaml"))
    out = Path(root) / "collated"
    out.mkdir(exist_ok=True)
    answer: dict = {"files": len(files)}
    t0 = time.perf_counter()
    parsed = [api.read_comment_file(f) for f in files]
    t1 = time.perf_counter()
    stage = str(model.meta.get("stage"))
    iteration = int(model.meta.get("iteration", 1))
    collated = api.collate(parsed, model.id, stage, iteration)
    t2 = time.perf_counter()
    answer.update(comments=len(collated), read=t1 - t0, collate=t2 - t1)
    total = t2 - t0
    for key, fn, kwargs in (
            ("docx", getattr(api, "write_docx", None), {"document": model.id}),
            ("xlsx", getattr(api, "write_xlsx", None), {"document": model.id}),
            ("csv", getattr(api, "write_csv", None), {})):
        if fn is None:
            answer[f"{key}_skipped"] = f"build_tools.comments has no write_{key}"
            continue
        start = time.perf_counter()
        fn(collated, out / f"collated.{key}", **kwargs)
        answer[key] = time.perf_counter() - start
        total += answer[key]
    answer["total"] = total
    return answer


WORKERS: dict[str, Callable[..., dict]] = {
    "parse": _worker_parse, "rss": _worker_rss, "bare-typst": _worker_bare_typst,
    "collate": _worker_collate,
}


# --------------------------------------------------------------------------- main


def _guard(label: str, step: Callable[[], None]) -> None:
    try:
        step()
    except Exception as exc:  # noqa: BLE001  (one broken step must not stop the others)
        log(f"{label} failed:\n{traceback.format_exc()}")
        skipped(label, f"benchmark step failed: {type(exc).__name__}: {exc}")


def _side_by_side(mlint: peers.Peer | str) -> None:
    import lint_ratio  # it imports this module: loaded only when the step runs

    lint_ratio.step(mlint)


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--worker":
        print(json.dumps(WORKERS[sys.argv[2]](*sys.argv[3:])))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    compile_bytecode()
    mode = "quick (BENCH_QUICK=1: corpora ÷ 10)" if QUICK else "full"
    header(f"Clause benchmarks, {mode} run")
    header(f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
           f"{platform.system()} {platform.machine()}")
    try:
        version = subprocess.run([*clause_bin(), "--version"], capture_output=True, text=True,
                                 check=False).stdout.strip()
    except RunFailed:
        version = "clause not installed"
    header(f"{version}; timings are wall-clock with process start-up; medians of 3 under 20 s")

    header("peers")
    mlint = peers.ensure_markdownlint()
    pymd = peers.ensure_pymarkdown()
    for peer, label in ((mlint, "markdownlint_cli2"), (pymd, "pymarkdownlnt")):
        if isinstance(peer, peers.Peer):
            header(f"{label} {peer.version}")
        else:
            header(f"{label} unavailable: {peer}")

    header("lint: real IETF Internet-Drafts (kramdown-rfc Markdown, not our format)")
    header("kramdown-rfc's '--- abstract' closes the front-matter; the whole body is linted")
    root = ietf_repo()
    if root is None:
        skipped("lint_ietf_s", "the shared corpus (../shared/corpus/md-drafts/ietf) is not "
                "beside the repository")
    else:
        _guard("lint_ietf", lambda: lint_figures("ietf", root, mlint, pymd))

    label = f"{N_LINT}_drafts"
    header(f"lint: generated corpus of {N_LINT} drafts (seed {SEED}, ~80 % en / 20 % zh)")
    corpus = corpus_repo(N_LINT)
    _guard(f"lint_{label}", lambda: lint_figures(label, corpus, mlint, pymd))
    header(f"re-lint after one file of {N_LINT} changes (warm cache)")
    _guard(f"relint_{label}", lambda: relint_figures(label, corpus))
    header(f"peak memory linting {N_LINT} drafts")
    _guard(f"lint_{label}_peak_rss_mb", lambda: memory_figure(label, corpus))

    header("lint side by side: clause lint, markdownlint-cli2 and a bare markdown-it-py parse")
    _guard("side_by_side", lambda: _side_by_side(mlint))

    header("hostile input: the worst cases of tests/reliability (goal: each under 30 s)")
    _guard("hostile", hostile_figures)

    header(f"publish: {', '.join(map(str, PUBLISH_SIZES))} drafts, cold then warm")
    _guard("publish", publish_figures)
    header(f"export: one ~{100 // SCALE}-page draft (PDF ballot and DOCX) and bare pandoc → Typst")
    _guard("export", export_figures)
    header(f"comments: collation of {N_COMMENTS} generated comments")
    _guard("collate", collate_figures)
    header("scale: large drafts at 1x, 2x, 4x (issue 15; linear work is a ratio of 4)")
    _guard("scale", scale_figures)

    header("goals (ECOSYSTEM.md section 8 and the benchmark issue)")
    _guard("goals", goals)
    header(f"total benchmark time {elapsed():.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
