"""``clause comments import``: a filled ISO template becomes the member's YAML file."""

from __future__ import annotations

from pathlib import Path

import pytest
from workflow_repo import DRAFT_ID, STEM, make_repo, run

from build_tools.comments import Comment, read_comment_file, write_docx
from build_tools.lint.examples import assemble

ROWS = [
    Comment(member="CN-CESI", line=19, clause="3.1", element="Definition", type="te",
            comment="The definition omits that an avatar can represent an agent.",
            proposed_change='Add "or of an autonomous agent" after "user".',
            disposition="accepted-in-principle", observation="Reworded in WD 2."),
    Comment(member="CN-CESI", clause="General", type="ge",
            comment="Add terms for digital identity.", proposed_change="Add 3.3 digital identity."),
    Comment(member="CN-CESI", line=27, clause="4.1", element="Paragraph 1", type="ed",
            comment="Write 'each user' in the plural.", proposed_change="all users",
            disposition="rejected", observation="Singular is the Directives' style."),
]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = make_repo(tmp_path, use_git=False)
    monkeypatch.chdir(root)
    return root


def _template(path: Path, rows: list[Comment]) -> Path:
    # The ISO template as Clause writes it: the body table of the official file, 8 columns.
    return write_docx(rows, path, document=f"{DRAFT_ID} WD 1", project="Example vocabulary")


def test_iso_template_docx_maps_every_column(repo: Path, tmp_path: Path) -> None:
    source = _template(tmp_path / "cesi.docx", ROWS)
    result = run(repo, "comments", "import", str(source), "--draft", DRAFT_ID)
    assert result.exit_code == 0, result.output
    target = repo / "comments" / STEM / "WD1" / "CN-CESI.yaml"
    assert target.is_file(), result.output
    cf = read_comment_file(target)
    assert (cf.document, cf.stage, cf.iteration, cf.member) == (DRAFT_ID, "WD", 1, "CN-CESI")
    assert len(cf.comments) == 3
    first = cf.comments[0]
    assert (first.line, first.clause, first.element, first.type) == (19, "3.1", "Definition", "te")
    assert first.comment == ROWS[0].comment
    assert first.proposed_change == ROWS[0].proposed_change
    assert (first.disposition, first.observation) == ("accepted-in-principle", "Reworded in WD 2.")
    assert cf.comments[2].disposition == "rejected"
    assert all(c.id and c.id.startswith("CN-CESI-") for c in cf.comments)
    assert "3 added" in result.output


def test_reimport_merges_instead_of_duplicating(repo: Path, tmp_path: Path) -> None:
    source = _template(tmp_path / "cesi.docx", ROWS)
    assert run(repo, "comments", "import", str(source), "--draft", DRAFT_ID).exit_code == 0
    again = run(repo, "comments", "import", str(source), "--draft", DRAFT_ID)
    assert again.exit_code == 0, again.output
    assert "0 added" in again.output
    target = repo / "comments" / STEM / "WD1" / "CN-CESI.yaml"
    assert len(read_comment_file(target).comments) == 3


def test_unmapped_rows_are_printed_with_their_row_and_exit_1(repo: Path, tmp_path: Path) -> None:
    rows = [*ROWS, Comment(member="CN-CESI", clause="4.2", type="xx",
                           comment="Unclear type.")]
    source = _template(tmp_path / "cesi.docx", rows)
    result = run(repo, "comments", "import", str(source), "--draft", DRAFT_ID)
    assert result.exit_code == 1, result.output
    assert "row 4" in result.output


def test_explicit_stage_iteration_member_and_out(repo: Path, tmp_path: Path) -> None:
    source = _template(tmp_path / "cesi.docx", ROWS[:1])
    out = tmp_path / "elsewhere" / "x.yaml"
    result = run(repo, "comments", "import", str(source), "--draft", DRAFT_ID, "--stage", "CD",
                 "--iteration", "2", "--member", "CN-SAC", "--out", str(out))
    assert result.exit_code == 0, result.output
    cf = read_comment_file(out)
    assert (cf.stage, cf.iteration, cf.member) == ("CD", 2, "CN-SAC")


def test_lang_chooses_the_chinese_version(repo: Path, tmp_path: Path) -> None:
    (repo / "drafts" / f"{STEM}-zh.md").write_text(assemble("zh"), encoding="utf-8")
    source = _template(tmp_path / "cesi.docx", ROWS[:1])
    result = run(repo, "comments", "import", str(source), "--draft", DRAFT_ID, "--lang", "zh")
    assert result.exit_code == 0, result.output
    assert (repo / "comments" / f"{STEM}-zh" / "WD1" / "CN-CESI.yaml").is_file()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--draft", "MVS 0404"], "no draft with id 'MVS 0404'"),
        (["--draft", DRAFT_ID, "--lang", "zh"], "has no 'zh' version"),
    ],
)
def test_bad_draft_is_a_clear_error(repo: Path, tmp_path: Path, args: list[str],
                                    expected: str) -> None:
    source = _template(tmp_path / "cesi.docx", ROWS[:1])
    result = run(repo, "comments", "import", str(source), *args)
    assert result.exit_code == 2
    assert expected in result.output
    assert "Traceback" not in result.output


def test_unreadable_file_exits_2_with_file_and_message(repo: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = run(repo, "comments", "import", str(broken), "--draft", DRAFT_ID)
    assert result.exit_code == 2
    assert str(broken) in result.output
    assert "Traceback" not in result.output
    missing = run(repo, "comments", "import", str(tmp_path / "nope.xlsx"), "--draft", DRAFT_ID)
    assert missing.exit_code == 2
    assert "no such file" in missing.output
