"""The lint cache and the parallel path give the same findings as a plain run."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from build_tools.cli import main
from build_tools.lint.engine import active_rules, lint_paths
from build_tools.lint.examples import PARTS_EN, assemble


def _corpus(folder: Path, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = assemble("en", {"front": PARTS_EN["front"].replace("MVS 9001", f"MVS {9100 + i}")})
        if i % 5 == 0:
            text = text.replace("shall provide an avatar", "must provide an avatar")
        (folder / f"d{i:03}.md").write_text(text, encoding="utf-8")


def _lint(args: list[str], cache: Path) -> list[dict]:
    result = CliRunner(env={"CLAUSE_CACHE_DIR": str(cache)}).invoke(
        main, ["lint", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_warm_run_matches_cold_and_sees_edits(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    _corpus(drafts, 6)
    cache = tmp_path / "cache"
    cold = _lint([str(drafts)], cache)
    assert list(cache.rglob("*.json")), "the cold run fills the cache"
    assert _lint([str(drafts)], cache) == cold
    target = drafts / "d001.md"
    target.write_text(target.read_text().replace("shall provide an avatar", "could provide an avatar"))
    warm = _lint([str(drafts)], cache)
    assert any(f["rule"] == "VERB-05" and f["file"].endswith("d001.md") for f in warm)
    assert not any(f["file"].endswith("d001.md") for f in cold)


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    _corpus(drafts, 2)
    cache = tmp_path / "cache"
    _lint(["--no-cache", str(drafts)], cache)
    assert not cache.exists()


def test_deleted_figure_is_noticed_despite_the_cache(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    (drafts / "figures").mkdir(parents=True)
    svg = drafts / "figures" / "a.svg"
    svg.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    body = PARTS_EN["body"] + "\n\nSee [](#fig-a).\n\n![Architecture](figures/a.svg){#fig-a}"
    (drafts / "d.md").write_text(assemble("en", {"body": body}), encoding="utf-8")
    cache = tmp_path / "cache"
    assert not _lint([str(drafts)], cache)
    svg.unlink()
    assert [f["rule"] for f in _lint([str(drafts)], cache)] == ["XREF-06"]


def test_parallel_and_serial_agree(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    _corpus(drafts, 20)
    rules = active_rules()
    serial, _ = lint_paths([drafts], rules, tmp_path, jobs=1)
    parallel, _ = lint_paths([drafts], rules, tmp_path, jobs=2)
    assert serial == parallel
    assert len([f for f in serial if f.rule == "VERB-05"]) == 4
