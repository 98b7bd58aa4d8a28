"""End to end: a git repository with tags v0.1 and v0.2 -> ``clause publish`` -> site/."""

from __future__ import annotations

import fcntl
import json
import re
from pathlib import Path

from site_helpers import ADDED_SENTENCE, make_project, run_cli

from build_tools.site.versions import STAMP


def _page(site: Path, version: str, name: str = "widgets") -> str:
    return (site / version / "drafts" / name / "index.html").read_text(encoding="utf-8")


def test_each_tag_has_its_own_text(published) -> None:
    assert ADDED_SENTENCE in _page(published.site, "v0.2")
    assert ADDED_SENTENCE not in _page(published.site, "v0.1")
    assert ADDED_SENTENCE in _page(published.site, "dev")
    assert "4.1 General" in _page(published.site, "v0.1")


def test_redline_shows_the_added_sentence(published) -> None:
    changes = (published.site / "v0.2" / "drafts" / "widgets.changes" / "index.html").read_text(
        encoding="utf-8")
    assert re.search(r"<ins>[^<]*" + re.escape(ADDED_SENTENCE) + r"[^<]*</ins>", changes)
    assert "Changes since v0.1" in _page(published.site, "v0.2")
    assert not (published.site / "v0.1" / "drafts" / "widgets.changes").exists()


def test_versions_json_and_latest(published) -> None:
    data = json.loads((published.site / "versions.json").read_text(encoding="utf-8"))
    by_version = {v["version"]: v for v in data}
    assert set(by_version) == {"v0.1", "v0.2", "dev"}
    assert by_version["v0.2"]["aliases"] == ["latest"]
    assert by_version["v0.1"]["aliases"] == [] and by_version["v0.1"]["title"] == "v0.1"
    index = (published.site / "index.html").read_text(encoding="utf-8")
    assert 'url=latest/' in index
    assert ADDED_SENTENCE in (published.site / "latest" / "drafts" / "widgets" /
                              "index.html").read_text(encoding="utf-8")


def test_pages_have_csp_and_generated_pages(published) -> None:
    home = (published.site / "v0.2" / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' in home
    assert "MVS 9001" in home and "MVS 9002" in home and "CD 2: open until 2027-01-31" in home
    glossary = (published.site / "v0.2" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "widget" in glossary and "小部件" in glossary
    for name in ("glossary.tbx", "glossary.csv", "drafts/widgets.requirements.csv",
                 "drafts/figures/shape.svg"):
        assert (published.site / "v0.2" / name).is_file(), name
    svg = (published.site / "v0.2" / "drafts" / "figures" / "evil.svg").read_text("utf-8")
    assert "script" not in svg and "onload" not in svg
    assert "fonts.googleapis" not in home


def test_second_publish_reuses_every_build(published) -> None:
    stamps = {v: (published.site / v / STAMP).stat() for v in ("v0.1", "v0.2", "dev")}
    result = run_cli(published.repo, "publish", "--no-exports")
    assert result.exit_code == 0, result.stderr
    for version in ("v0.1", "v0.2", "dev"):
        assert f"{version}: reused" in result.stderr
        after = (published.site / version / STAMP).stat()
        assert (after.st_ino, after.st_mtime_ns) == (stamps[version].st_ino,
                                                     stamps[version].st_mtime_ns)
    assert "(0 built, 3 reused)" in result.stderr
    assert not list(published.site.parent.glob(".site.tmp-*"))


def test_diff_command(published, tmp_path: Path) -> None:
    result = run_cli(published.repo, "diff", "v0.1", "v0.2", "widgets.md",
                     "--html", str(tmp_path / "r.html"))
    assert result.exit_code == 0, result.stderr
    assert "{+" + ADDED_SENTENCE in result.output
    assert "== 4.1 General  [modified]" in result.output
    assert "MVS 9002" not in result.output  # only the draft asked for
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert re.search(r"<ins>[^<]*" + re.escape(ADDED_SENTENCE), html)


def test_publish_without_git_builds_dev_only(tmp_path: Path) -> None:
    project = make_project(tmp_path / "plain", with_git=False)
    result = run_cli(project, "publish", "--no-exports")
    assert result.exit_code == 0, result.stderr
    assert "not a git repository" in result.stderr
    data = json.loads((project / "site" / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in data] == ["dev"]
    assert "url=dev/" in (project / "site" / "index.html").read_text(encoding="utf-8")

    # A failed publish leaves the previous site complete and no staging folder behind.
    before = sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "name: material", "name: no-such-theme"), encoding="utf-8")
    (project / "drafts" / "widgets.md").write_text("---\nid: changed\n---\n# x\n", "utf-8")
    failed = run_cli(project, "publish", "--no-exports")
    assert failed.exit_code == 1 and "mkdocs build failed" in failed.stderr
    after = sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*"))
    assert after == before
    assert not list(project.glob(".site.*-*"))

    # diff needs git, and says so.
    result = run_cli(project, "diff", "v1", "v2")
    assert result.exit_code == 2 and "not in a git repository" in result.stderr


def test_concurrent_publish_fails_clearly_with_no_wait(tmp_path: Path) -> None:
    project = make_project(tmp_path / "locked", with_git=False)
    with open(project / ".site.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        result = run_cli(project, "publish", "--no-exports", "--no-wait")
    assert result.exit_code == 1
    assert "another publish is running" in result.stderr
    assert not (project / "site").exists()
