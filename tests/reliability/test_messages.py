"""Issue 15, class 8 (the small ones): one-line titles, control characters in front-matter, and
messages that never show an empty file name, a placeholder or another tool's internals."""

from __future__ import annotations

import errno
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_repo import PNG, clause, draft_text

from build_tools.cli import main
from build_tools.errors import tool_message
from build_tools.workflow import comment_commands


@pytest.mark.parametrize("option, value", [("--title", "Line one\n# Injected clause"),
                                           ("--title", "Meta\x1fverse"), ("--id", "MVS\n1")])
def test_new_refuses_a_title_or_id_that_is_not_one_line(tmp_path: Path, option: str,
                                                        value: str) -> None:
    args = {"--id": "MVS 1", "--title": "Metaverse", option: value}
    result = CliRunner().invoke(main, ["new", "--out", str(tmp_path / "d.md"),
                                       *[x for kv in args.items() for x in kv]])
    assert result.exit_code == 2
    assert f"Invalid value for {option}: holds the control character" in result.output
    assert not (tmp_path / "d.md").exists()


def _control_draft(tmp_path: Path) -> tuple[Path, str]:
    text = draft_text(9200).replace("  en: Metaverse — Example vocabulary",
                                    '  en: "Metaverse\\x1f — Example\\x07 vocabulary"').replace(
        "committee: MIIT", 'committee: "\\x0bMIIT')
    text = text.replace("Standardization Working Group, WG 1", 'Standardization Working Group"')
    path = tmp_path / "drafts" / "d.md"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path, text


def test_control_characters_in_front_matter_are_findings_at_their_line(tmp_path: Path) -> None:
    path, text = _control_draft(tmp_path)
    done = clause(tmp_path, "lint", "--no-cache", "--select", "FM", "drafts/d.md")
    lines = text.splitlines()
    title = next(i for i, ln in enumerate(lines, 1) if "Metaverse\\x1f" in ln)
    committee = next(i for i, ln in enumerate(lines, 1) if ln.startswith("committee:"))
    assert f"drafts/d.md:{title}:1: error FM-03 title.en holds the control character \\x1f" \
        in done.stdout
    assert f"drafts/d.md:{committee}:1: error FM-03 committee holds the control character " \
           "\\x0b" in done.stdout


def test_export_writes_a_title_with_control_characters(tmp_path: Path) -> None:
    path, _ = _control_draft(tmp_path)
    done = clause(tmp_path, "export", "drafts/d.md", "--out", "out")
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "out" / "d.docx") as docx:
        core = docx.read("docProps/core.xml").decode()
        body = docx.read("word/document.xml").decode()
    assert "<dc:title>Metaverse — Example vocabulary</dc:title>" in core
    assert "MIIT Metaverse" in body and "\x1f" not in body + core
    assert (tmp_path / "out" / "d.pdf").stat().st_size > 1000


def test_a_damaged_figure_is_named_with_its_line_not_by_typst(tmp_path: Path) -> None:
    body = "\n\n## Figures\n\nSee [](#fig-bad).\n\n![Bad](figures/bad.png){#fig-bad}\n"
    text = draft_text(9201, body)
    (tmp_path / "drafts" / "figures").mkdir(parents=True)
    (tmp_path / "drafts" / "d.md").write_text(text, encoding="utf-8")
    (tmp_path / "drafts" / "figures" / "bad.png").write_bytes(PNG[:8] + b"garbage" * 8)
    done = clause(tmp_path, "export", "drafts/d.md", "--out", "out", "--format", "pdf")
    assert done.returncode == 2
    line = text.splitlines().index("![Bad](figures/bad.png){#fig-bad}") + 1
    assert done.stderr.strip() == (f"drafts/d.md:{line}: figure 'figures/bad.png' is a damaged "
                                   "PNG file (its header is cut or garbled); export it again "
                                   "from the drawing tool")


def test_an_option_error_has_no_placeholder_file_name(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.md").write_text(draft_text(9202), encoding="utf-8")
    done = clause(tmp_path, "stage", "drafts/d.md", "--to", "Finished")
    assert done.returncode == 2
    assert done.stderr.startswith("clause stage: --to 'Finished' is not a stage"), done.stderr
    assert "<input>" not in done.stderr


def test_an_os_error_without_a_file_has_no_empty_name(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(comment_commands, "repo_root", full)
    result = CliRunner().invoke(main, ["comments", "check"])
    assert result.exit_code == 2
    assert result.output.strip() == "clause comments check: No space left on device"


def test_a_broken_mkdocs_yml_is_named_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nnav:\n  - a: [\n", encoding="utf-8")
    done = clause(tmp_path, "render")
    assert done.returncode == 2
    assert f"{tmp_path / 'mkdocs.yml'}:4: invalid YAML:" in done.stderr
    assert "<unicode string>" not in done.stderr and "\n  in " not in done.stderr


@pytest.mark.parametrize("output, message", [
    ("failed to decode image (Format error decoding Png: ChunkType { type: age-, critical: "
     "false } chunk appeared before IHDR chunk)", "failed to decode image"),
    ("pandoc: Could not find data file templates/x\nCallStack (from HasCallStack):\n  error, "
     "called at src/Text/Pandoc/Class.hs:12:3 in pandoc-3.1", "pandoc: Could not find data file "
     "templates/x"),
    ("INFO - Building\nTraceback (most recent call last):\n  File \"x.py\", line 3, in <module>"
     "\n    main()\n    ^^^^^^\nKeyError: 'nav'\n", "KeyError: 'nav'"),
    ("INFO - Cleaning\nERROR - Config value 'theme': Unrecognised theme name: 'materia'.\n"
     "Aborted with 1 configuration errors!", "ERROR - Config value 'theme': Unrecognised theme "
     "name: 'materia'."),
    ("", "failed without a message"),
])
def test_another_tools_failure_becomes_one_line(output: str, message: str) -> None:
    assert tool_message(output) == message
