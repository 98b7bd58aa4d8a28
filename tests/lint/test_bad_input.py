"""Input that is not a draft: findings naming the file and line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_tools.cli import main
from build_tools.lint.examples import assemble

CASES = {
    "invalid-utf8": (b"---\nid: X\n---\n# Scope\n\ncaf\xe9\n", "FILE-01", 6),
    "utf16": ("---\nid: X\n---\n".encode("utf-16"), "FILE-01", 1),
    "binary": (b"\x89PNG\r\n\x1a\n\0\0\0", "FILE-01", 3),
    "empty": (b"", "FILE-01", 1),
    "unclosed": (b"---\nid: X\n# Scope\n", "FM-01", 1),
    "yaml-syntax": (b"---\nid: [X\n---\n# Scope\n", "FM-01", 3),
    "list": (b"---\n- a\n- b\n---\n# Scope\n", "FM-01", 2),
    "python-tag": (b"---\nid: !!python/object/apply:os.system ['echo hi']\n---\n", "FM-01", 2),
    "alias-bomb": (b"---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n", "FM-01", 2),
    "duplicate": (b"---\nid: X\nid: Y\n---\n# Scope\n", "FM-05", 3),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_a_finding_with_a_line(tmp_path: Path, name: str) -> None:
    data, rule, line = CASES[name]
    path = tmp_path / f"{name}.md"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(path)])
    assert result.exit_code in (1, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    findings = json.loads(result.output)
    hit = [f for f in findings if f["rule"] == rule]
    assert hit, findings
    assert hit[0]["line"] == line
    assert hit[0]["file"] == str(path)
    assert path.read_bytes() == data  # lint never changes its input


def test_crlf_and_bom_lint_like_lf(tmp_path: Path) -> None:
    text = assemble("en").replace("shall provide an avatar", "must provide an avatar")
    lf = tmp_path / "lf.md"
    crlf = tmp_path / "crlf.md"
    lf.write_text(text, encoding="utf-8")
    crlf.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    out = [json.loads(CliRunner().invoke(main, ["lint", "--format", "json", str(p)]).output)
           for p in (lf, crlf)]
    strip = [[(f["line"], f["rule"]) for f in o] for o in out]
    assert strip[0] == strip[1] and strip[0]


def test_ietf_corpus_lints_without_exception(corpus: Path) -> None:
    folder = corpus / "md-drafts" / "ietf"
    result = CliRunner().invoke(main, ["lint", "--format", "json", str(folder)])
    assert result.exit_code in (0, 1), result.output[-2000:]
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert json.loads(result.output)


def test_impossible_date_is_a_schema_finding(tmp_path: Path) -> None:
    text = assemble("en").replace("date: 2026-11-28", "date: 2026-13-45")
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    findings = json.loads(CliRunner().invoke(main, ["lint", "--format", "json", str(path)]).output)
    hit = [f for f in findings if f["rule"] == "FM-03"]
    assert hit and text.split("\n")[hit[0]["line"] - 1].startswith("date:")


def test_heading_deeper_than_six_levels(tmp_path: Path) -> None:
    text = assemble("en").replace("## General\n", "## General\n\n####### Too deep\n")
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    findings = json.loads(CliRunner().invoke(main, ["lint", "--format", "json", str(path)]).output)
    assert any(f["rule"] == "NUM-01" and "######" in f["message"] for f in findings)


def test_figures_beside_a_draft_outside_any_repository(tmp_path: Path) -> None:
    from build_tools.lint.examples import PARTS_EN

    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.svg").symlink_to("/etc/passwd")
    body = (PARTS_EN["body"] + "\n\nSee [](#fig-a) and [](#fig-b).\n\n"
            "![Architecture](figures/a.svg){#fig-a}\n\n![Leak](secret.svg){#fig-b}\n\n"
            "![Passwd](../../../../../../etc/passwd){#fig-c}\n\nSee [](#fig-c).")
    path = tmp_path / "d.md"
    path.write_text(assemble("en", {"body": body}), encoding="utf-8")
    findings = json.loads(CliRunner().invoke(main, ["lint", "--format", "json", str(path)]).output)
    outside = [f for f in findings if f["rule"] == "XREF-06"]
    assert len(outside) == 2 and all("outside the repository" in f["message"] for f in outside)
