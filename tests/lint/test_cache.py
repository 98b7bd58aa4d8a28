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
    assert list(cache.rglob("*.entry")), "the cold run fills the cache"
    assert _lint([str(drafts)], cache) == cold
    target = drafts / "d001.md"
    target.write_text(target.read_text().replace("shall provide an avatar", "could provide an avatar"))
    warm = _lint([str(drafts)], cache)
    assert any(f["rule"] == "VERB-05" and f["file"].endswith("d001.md") for f in warm)
    assert not any(f["file"].endswith("d001.md") for f in cold)


def test_a_parallel_run_fills_the_cache_for_the_next(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    # The worker processes write the entries of the drafts they lint.
    drafts = tmp_path / "drafts"
    _corpus(drafts, 20)
    cache = tmp_path / "cache"
    cold = _lint(["-j", "2", str(drafts)], cache)
    assert len(list(cache.rglob("*.entry"))) == 20
    assert len([f for f in cold if f["rule"] == "VERB-05"]) == 4

    def no_parse(path):  # noqa: ANN001, ANN202
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr("build_tools.lint.engine.parse_file", no_parse)
    assert _lint(["-j", "2", str(drafts)], cache) == cold


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


# --- the cache is not a way around the linter (issue 15, class 6) ---------------------------


def _dirty_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    drafts = root / "drafts"
    drafts.mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.clause]\npaths = ["drafts"]\n', encoding="utf-8")
    text = assemble("en").replace("shall provide an avatar", "must provide an avatar")
    (drafts / "d.md").write_text(text, encoding="utf-8")
    return root


def _forged_entries(root: Path) -> list[Path]:
    """What a pull request can commit: entries saying "clean", under every name a cache of
    this tool could look for (schema 2's plain SHA-256 key, and files of the new layout)."""
    import hashlib

    from build_tools import __version__
    from build_tools.lint import summary
    from build_tools.parse import parse_file

    draft = root.resolve() / "drafts" / "d.md"
    rules = [r.id for r in active_rules()]
    config = json.dumps([sorted(rules), [], str(root.resolve())])
    written = []
    for path in (draft, Path("drafts/d.md")):
        h = hashlib.sha256()
        for part in ("2", __version__, config, str(path)):
            h.update(part.encode())
            h.update(b"\0")
        h.update(draft.read_bytes())
        key = h.hexdigest()
        entry = {"key": key, "findings": [], "summary": summary.to_dict(parse_file(draft))}
        for suffix, data in ((".json", json.dumps(entry)),
                             (".entry", "0" * 64 + "\n" + json.dumps(entry))):
            target = root / ".clause-cache" / "lint" / key[:2] / f"{key}{suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(data, encoding="utf-8")
            written.append(target)
    return written


def test_a_committed_cache_entry_does_not_silence_the_linter(tmp_path: Path,
                                                             monkeypatch) -> None:  # noqa: ANN001
    root = _dirty_repo(tmp_path)
    _forged_entries(root)
    monkeypatch.delenv("CLAUSE_CACHE_DIR")  # the repository's own .clause-cache/
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["lint", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert [f["rule"] for f in json.loads(result.output)] == ["VERB-05"]


def test_entries_from_another_machine_or_edited_are_ignored(tmp_path: Path,
                                                           monkeypatch) -> None:  # noqa: ANN001
    root = _dirty_repo(tmp_path)
    cache = tmp_path / "cache"
    first = _lint([str(root / "drafts")], cache)
    assert [f["rule"] for f in first] == ["VERB-05"]
    entries = list(cache.rglob("*.entry"))
    assert len(entries) == 1
    # Edited by hand: the findings removed, the MAC line kept.
    mac, _, payload = entries[0].read_bytes().partition(b"\n")
    edited = json.loads(payload)
    edited["findings"] = []
    entries[0].write_bytes(mac + b"\n" + json.dumps(edited).encode())
    assert _lint([str(root / "drafts")], cache) == first
    # Another machine (another secret) never finds this machine's entries.
    monkeypatch.setenv("CLAUSE_STATE_DIR", str(tmp_path / "other-machine"))
    assert _lint([str(root / "drafts")], cache) == first
    assert len(list(cache.rglob("*.entry"))) == 2


def test_no_secret_no_cache(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from build_tools.lint import cache as lint_cache

    root = _dirty_repo(tmp_path)
    # A secret the repository could ship (the state folder inside it) is never used.
    monkeypatch.setenv("CLAUSE_STATE_DIR", str(root / ".state"))
    monkeypatch.setenv("CLAUSE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(root)
    for _ in range(2):
        result = CliRunner().invoke(main, ["lint", "--format", "json"])
        assert result.exit_code == 1 and "VERB-05" in result.output
    assert lint_cache.machine_secret(root) is None
    assert not (root / ".state").exists()
    assert not list((tmp_path / "cache").rglob("*.entry"))
