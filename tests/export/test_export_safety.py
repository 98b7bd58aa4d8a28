"""What a user can get wrong: missing or foreign figures, unreadable drafts; nothing partial."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_helpers import en_draft, write

from build_tools.cli import main
from build_tools.export import ExportError, export_drafts


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


def test_missing_figure(repo: Path, tmp_path: Path) -> None:
    path = write(repo, "missing.md", en_draft(figure="figures/nowhere.svg"))
    out = tmp_path / "out"
    with pytest.raises(ExportError) as info:
        export_drafts([path], out)
    line = path.read_text().split("\n").index("![Flow of scene data](figures/nowhere.svg){#fig-flow}") + 1
    assert info.value.line == line
    assert "figures/nowhere.svg" in info.value.message and "not found" in info.value.message
    assert str(info.value).startswith(f"{path}:{line}: ")
    assert leftovers(out) == []


@pytest.mark.parametrize("figure", ["../../etc/passwd", "/etc/passwd", "../../../../etc/hosts.svg"])
def test_figure_outside_the_repository_is_refused(repo: Path, tmp_path: Path, figure: str) -> None:
    path = write(repo, "escape.md", en_draft(figure=figure))
    with pytest.raises(ExportError, match="outside the repository"):
        export_drafts([path], tmp_path / "out")
    assert leftovers(tmp_path / "out") == []


def test_symlink_out_of_the_repository_is_refused(repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.svg"
    secret.write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>secret</text></svg>')
    os.symlink(secret, repo / "drafts" / "figures" / "link.svg")
    path = write(repo, "link.md", en_draft(figure="figures/link.svg"))
    with pytest.raises(ExportError, match="outside the repository"):
        export_drafts([path], tmp_path / "out")


def test_remote_figure_is_refused(repo: Path, tmp_path: Path) -> None:
    path = write(repo, "remote.md", en_draft(figure="https://example.org/x.svg"))
    with pytest.raises(ExportError, match="remote images"):
        export_drafts([path], tmp_path / "out")


def test_unreadable_draft(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"---\nid: X\n---\n\n# Scope\n\n\xff\xfe broken\n")
    with pytest.raises(ExportError) as info:
        export_drafts([bad], tmp_path / "out")
    assert info.value.line == 7 and "UTF-8" in info.value.message
    with pytest.raises(ExportError, match="cannot read"):
        export_drafts([tmp_path / "absent.md"], tmp_path / "out")


def test_bad_line_numbering_value(repo: Path, tmp_path: Path) -> None:
    path = write(repo, "odd.md", en_draft("sideways"))
    with pytest.raises(ExportError, match="line_numbering") as info:
        export_drafts([path], tmp_path / "out")
    assert info.value.line == path.read_text().split("\n").index("  line_numbering: sideways") + 1


def test_a_failed_export_keeps_the_previous_outputs(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    path = write(repo, "mvs-9001.md", en_draft())
    first = export_drafts([path], out, ("pdf",))[0].outputs["pdf"]
    before = first.read_bytes()
    path.write_text(en_draft(figure="figures/gone.svg"))
    with pytest.raises(ExportError):
        export_drafts([path], out, ("pdf",))
    assert first.read_bytes() == before
    assert leftovers(out) == ["mvs-9001.lines.json", "mvs-9001.pdf"]
    assert oct(first.stat().st_mode & 0o777) != oct(0o600)


def test_cli_exit_2_with_file_and_line(repo: Path, tmp_path: Path) -> None:
    path = write(repo, "escape.md", en_draft(figure="../../etc/passwd"))
    result = CliRunner().invoke(main, ["export", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert f"{path}:" in result.output and "outside the repository" in result.output
    assert "Traceback" not in result.output


def test_cli_progress_and_formats(repo: Path, tmp_path: Path) -> None:
    one = write(repo, "a.md", en_draft(None))
    two = write(repo, "b.md", en_draft(None))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", str(one), str(two), "--format", "docx",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().split("\n")
    assert lines == [f"[1/2] MVS 9001 → {out / 'a.docx'}", f"[2/2] MVS 9001 → {out / 'b.docx'}"]
    assert leftovers(out) == ["a.docx", "b.docx"]


def test_same_output_names_are_refused(repo: Path, tmp_path: Path) -> None:
    one = write(repo, "a.md", en_draft(None))
    other = repo / "other"
    other.mkdir()
    two = other / "a.md"
    two.write_text(en_draft(None))
    with pytest.raises(ExportError, match="same files"):
        export_drafts([one, two], tmp_path / "out")
