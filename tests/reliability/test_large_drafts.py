"""Large legitimate drafts (issue 15, item 5): linear work, or a refusal at a documented limit.

Each case runs in a fresh process with a time and memory limit set here; the real figures at
1x, 2x and 4x are in ``make bench`` (bench/scale.py, whose generators these are).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from measured import clause, run_measured

from build_tools.export.limits import MAX_SOURCE_CHARS, MAX_TABLE_ROWS

REPO = Path(__file__).resolve().parents[2]


def _scale():
    spec = importlib.util.spec_from_file_location("bench_scale", REPO / "bench" / "scale.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCALE = _scale()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "drafts").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.clause]\npaths = ["drafts"]\n', encoding="utf-8")
    return root


def test_redline_of_6000_renamed_clauses_takes_linear_time(tmp_path: Path) -> None:
    # Matching by title compared every new clause with every old one: about 25 s here.
    run = run_measured([sys.executable, str(REPO / "bench" / "scale.py"), "measure", "redline",
                        "6000", "parse,redline"], cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["redline"] < 8, figures
    assert run.peak_mb < 400, run.peak_mb


def test_export_refuses_tables_beyond_the_limit_before_typst_runs(repo: Path) -> None:
    draft = repo / "drafts" / "codes.md"
    draft.write_text(SCALE.table(MAX_TABLE_ROWS + 500), encoding="utf-8")
    line = draft.read_text(encoding="utf-8").split("\n").index("Table: Parameters "
                                                              "{#tab-params}") + 1
    run = run_measured(clause("export", str(draft), "--out", str(repo / "out")), cwd=repo,
                       timeout=300)
    assert run.returncode == 2, run.stderr[-2000:]
    message = run.stderr.strip().splitlines()[-1]
    assert message.startswith(f"{draft}:{line}: ")
    assert f"more than {MAX_TABLE_ROWS:,} rows" in message
    assert not (repo / "out" / "codes.pdf").exists()
    assert run.seconds < 60 and run.peak_mb < 400, (run.seconds, run.peak_mb)


def test_export_refuses_a_draft_beyond_the_source_limit(repo: Path) -> None:
    draft = repo / "drafts" / "vocabulary.md"
    draft.write_text(SCALE.terms(6000), encoding="utf-8")
    run = run_measured(clause("export", str(draft), "--format", "pdf", "--out",
                              str(repo / "out")), cwd=repo, timeout=300)
    assert run.returncode == 2, run.stderr[-2000:]
    message = run.stderr.strip().splitlines()[-1]
    assert message.startswith(f"{draft}:1: the draft is too long to export")
    assert f"the limit is {MAX_SOURCE_CHARS:,}" in message
    assert run.seconds < 60 and run.peak_mb < 500, (run.seconds, run.peak_mb)


def test_publish_keeps_the_page_of_a_draft_too_large_to_export(repo: Path, tmp_path: Path) -> None:
    from wg_repo import git

    (repo / "drafts" / "codes.md").write_text(SCALE.table(MAX_TABLE_ROWS + 1), encoding="utf-8")
    (repo / "drafts" / "small.md").write_text(SCALE.clauses(3), encoding="utf-8")
    (repo / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    git(repo, "-c", "init.defaultBranch=main", "init", "-q")
    out = tmp_path / "site"
    run = run_measured(clause("publish", "--out", str(out)), cwd=repo, timeout=600,
                       cap_memory=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert f"{repo / 'drafts' / 'codes.md'}:" in run.stderr
    assert "published without PDF/DOCX" in run.stderr
    assert (out / "dev" / "drafts" / "codes" / "index.html").is_file()
    downloads = sorted(p.name for p in (out / "dev" / "drafts").iterdir() if p.is_file())
    assert "small.pdf" in downloads and "codes.pdf" not in downloads
