"""Fault injection: whatever breaks inside a command, the user gets one sentence, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.errors import LocatedError
from build_tools.lint import engine
from build_tools.lint.examples import assemble


def _draft(tmp_path: Path) -> Path:
    path = tmp_path / "d.md"
    path.write_text(assemble("en"), encoding="utf-8")
    return path


def test_an_internal_error_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(engine, "lint_paths", broken)
    result = CliRunner().invoke(main, ["lint", str(_draft(tmp_path))])
    assert result.exit_code == 2
    assert "internal error: RuntimeError: disk on fire" in result.output
    assert "Traceback" not in result.output


def test_a_located_error_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _draft(tmp_path)

    def refused(*args: object, **kwargs: object) -> None:
        raise LocatedError(path, 7, "figure lies outside the repository")

    monkeypatch.setattr(engine, "lint_paths", refused)
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 2
    assert f"{path}:7: figure lies outside the repository" in result.output
