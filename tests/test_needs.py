"""Tests that need ../shared or a program skip on a developer's machine without it, and fail
in CI."""

from __future__ import annotations

from pathlib import Path

import pytest
from needs import need_shared


def test_missing_shared_file_skips_outside_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not at"):
        need_shared(tmp_path / "absent", "the corpus")


def test_missing_shared_file_fails_in_ci(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must provide it"):
        need_shared(tmp_path / "absent", "the corpus")


def test_present_shared_file_is_returned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert need_shared(tmp_path, "a folder") == tmp_path
