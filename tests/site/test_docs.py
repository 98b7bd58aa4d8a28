"""``clause render``: the docs folder, plain ``mkdocs build`` on it, exports, lint status, serve."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from site_helpers import make_project, run_cli

import build_tools.lint
from build_tools.export import exporter
from build_tools.export.exporter import ExportResult, Outcome
from build_tools.site.serve import Watcher


def test_render_then_plain_mkdocs_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_git=False)
    result = run_cli(project, "render", "--no-lint")
    assert result.exit_code == 0, result.stderr
    docs = project / "build" / "docs"
    for name in ("index.md", "glossary.md", "glossary.tbx", "glossary.csv",
                 "drafts/widgets.md", "drafts/widgets-zh.md", "drafts/widgets.requirements.md",
                 "drafts/gadgets.en-zh.md",
                 "drafts/figures/shape.svg", "stylesheets/clause.css"):
        assert (docs / name).is_file(), name
    assert "etc" not in {p.name for p in docs.rglob("*")}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"],
                           cwd=project, env=env, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr, build.stderr
    assert (project / "build" / "site" / "drafts" / "widgets" / "index.html").is_file()
    # Rendering again writes nothing (mkdocs serve then has nothing to rebuild).
    again = run_cli(project, "render", "--no-lint")
    assert "(0 files written, 0 removed" in again.stderr


def test_exports_are_linked_and_failures_do_not_stop_the_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p", with_git=False)

    def fake_export(paths, out_dir, formats=("pdf", "docx"), ballot=None, progress=None,
                    jobs=None):
        outcomes = []
        for path in paths:
            if path.name == "injection.md":  # the fault: Typst itself fails on this draft
                outcomes.append(Outcome(path, crash="RuntimeError: typst exploded"))
                continue
            outputs = {}
            for fmt in formats:
                outputs[fmt] = Path(out_dir) / f"{path.stem}.{fmt}"
                outputs[fmt].write_bytes(b"%PDF-fake" if fmt == "pdf" else b"PK-fake")
            outcomes.append(Outcome(path, ExportResult(path, outputs)))
        return outcomes

    monkeypatch.setattr(exporter, "export_each", fake_export)
    result = run_cli(project, "render", "--exports", "--no-lint")
    assert result.exit_code == 0, result.stderr
    assert "injection.md: PDF/DOCX export failed (RuntimeError: typst exploded)" in result.stderr
    docs = project / "build" / "docs"
    assert (docs / "drafts" / "widgets.pdf").read_bytes() == b"%PDF-fake"
    page = (docs / "drafts" / "widgets.md").read_text(encoding="utf-8")
    assert "[PDF](widgets.pdf)" in page and "[DOCX](widgets.docx)" in page
    assert "[PDF]" not in (docs / "drafts" / "injection.md").read_text(encoding="utf-8")
    assert "[PDF](drafts/widgets.pdf)" in (docs / "index.md").read_text(encoding="utf-8")


def test_lint_status_on_home_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p", with_git=False)

    def broken(paths):
        raise ValueError("linter bug")

    monkeypatch.setattr(build_tools.lint, "lint_drafts", broken)
    result = run_cli(project, "render")
    assert "lint failed (ValueError: linter bug)" in result.stderr
    home = (project / "build" / "docs" / "index.md").read_text(encoding="utf-8")
    assert home.count("not checked") == 5


def test_watcher_sees_changes(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    draft = tmp_path / "drafts" / "a.md"
    draft.write_text("one", encoding="utf-8")
    seen: list[int] = []
    watcher = Watcher([tmp_path / "drafts", tmp_path / "comments"], lambda: seen.append(1), 0.05)
    watcher.start()
    try:
        time.sleep(0.2)
        assert seen == []
        draft.write_text("two, longer", encoding="utf-8")
        deadline = time.monotonic() + 5
        while not seen and time.monotonic() < deadline:
            time.sleep(0.05)
        assert seen
    finally:
        watcher.stop.set()
        watcher.join(timeout=2)
