"""Version order, versions.json, settings from pyproject, recovery of an interrupted swap."""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.site import versions
from build_tools.site.config import find_project
from build_tools.site.publish import _recover


def test_tags_sort_by_version_then_date() -> None:
    times = {"v0.9": 1, "v0.10": 2, "v1.0rc1": 3, "v1.0": 4, "nightly": 9}
    assert versions.newest_first(times) == ["v1.0", "v1.0rc1", "v0.10", "v0.9", "nightly"]


def test_versions_json_is_mikes_format() -> None:
    data = json.loads(versions.versions_json([("dev", "dev", []), ("v0.2", "v0.2", ["latest"])]))
    assert data == [{"version": "dev", "title": "dev", "aliases": []},
                    {"version": "v0.2", "title": "v0.2", "aliases": ["latest"]}]


def test_tag_folder_names_are_one_safe_segment() -> None:
    assert versions.dir_name("release/v1.0") == "release-v1.0"
    assert "/" not in versions.dir_name("../../x")


def test_settings_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.clause]\npaths = ["standards"]\ntags = "release-*"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    project = find_project(tmp_path / "sub")
    assert project.root == tmp_path.resolve()
    assert project.paths == ["standards"] and project.tags == "release-*"


def test_interrupted_swap_is_recovered(tmp_path: Path) -> None:
    old = tmp_path / ".site.old-123"
    (old / "v0.1").mkdir(parents=True)
    (tmp_path / ".site.tmp-456").mkdir()
    _recover(tmp_path / "site", lambda m: None)
    assert (tmp_path / "site" / "v0.1").is_dir()
    assert not old.exists() and not (tmp_path / ".site.tmp-456").exists()
