from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools import project
from build_tools.comments import (
    Comment,
    CommentError,
    CommentFile,
    assign_ids,
    merge_comments,
    parse_comment_yaml,
    read_comment_file,
    write_comment_file,
)

EXAMPLE = """\
# Comments of CESI on MVS 0001 WD 2
document: MVS 0001
stage: WD
iteration: 2
member: CN-CESI                    # MB/NC
comments:
  - id: CN-CESI-001
    line: 112
    clause: "3.4"
    element: Note 1 to entry
    type: te
    comment: The definition omits persistence.
    proposed_change: Add "persistent" before "integrative".
    # filled in by the secretariat at resolution:
    disposition: accepted
    observation: Accepted; see WD 3.
  - clause: 3.10                   # unquoted on purpose
    type: ed
    comment: |
      Two
      lines.
"""


def write(tmp_path: Path, text: str, name: str = "CN-CESI.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_read_keeps_values_and_lines(tmp_path: Path):
    cf = read_comment_file(write(tmp_path, EXAMPLE))

    assert (cf.document, cf.stage, cf.iteration, cf.member) == ("MVS 0001", "WD", 2, "CN-CESI")
    assert cf.key_lines == {"document": 2, "stage": 3, "iteration": 4, "member": 5, "comments": 6}
    first, second = cf.comments
    assert (first.id, first.line, first.clause, first.disposition) == (
        "CN-CESI-001",
        112,
        "3.4",
        "accepted",
    )
    assert first.yaml_line == 7 and first.field_lines["observation"] == 16
    assert second.clause == "3.10"  # as written, not the float 3.1
    assert second.comment == "Two\nlines."
    assert second.id is None and second.member is None
    assert cf.problems == [] and cf.unknown_keys == []


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("document: !!python/object/apply:os.system ['id']\n", 1, "tag"),
        ("document: x\ncomments: !include other.yaml\n", 2, "tag"),
        ("document: x\ndocument: y\n", 2, "duplicate key 'document'"),
        ("document: [x\n", 2, "invalid YAML"),
        ("- a\n- b\n", 1, "must be a mapping"),
        ("", 1, "empty file"),
    ],
)
def test_bad_yaml_is_a_comment_error(tmp_path: Path, text: str, line: int, message: str):
    path = write(tmp_path, text)
    with pytest.raises(CommentError, match=message) as info:
        read_comment_file(path)
    assert (info.value.path, info.value.line) == (str(path), line)
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_non_utf8_is_a_comment_error(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes("document: 元宇宙\n".encode("gb18030"))
    with pytest.raises(CommentError, match="not UTF-8"):
        read_comment_file(path)


def test_schema_problems_are_kept_for_the_checker():
    cf = parse_comment_yaml(
        "document: MVS 0001\nstage: 30.20\niteration: two\nmember: [CN]\nextra_key: 1\n"
        "comments:\n  - just text\n  - clause: 1\n    tpye: te\n"
    )
    assert cf.iteration is None and cf.member is None
    assert (3, "iteration must be an integer, not 'two'") in cf.problems
    assert (2, "stage 30.20 is written as a number; quote it") in cf.problems
    assert (4, "member must be text, not a list") in cf.problems
    assert (7, "a comment entry must be a mapping (id:, clause: ...)") in cf.problems
    assert cf.unknown_keys == [("extra_key", 5), ("tpye", 9)]
    assert len(cf.comments) == 1


def test_write_keeps_comments_and_order(tmp_path: Path):
    path = write(tmp_path, EXAMPLE)
    cf = read_comment_file(path)
    cf.comments[1].disposition = "rejected"
    cf.comments[1].observation = "Out of scope."

    write_comment_file(cf)

    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Comments of CESI on MVS 0001 WD 2\n")
    assert "member: CN-CESI                    # MB/NC" in text
    assert "# filled in by the secretariat at resolution:" in text
    assert "  - id: CN-CESI-002\n    clause: '3.10'" in text
    assert text.index("disposition: rejected") > text.index("Two")
    again = read_comment_file(path)
    assert [c.key() for c in again.comments] == [c.key() for c in cf.comments]


def test_write_new_file_generates_ids(tmp_path: Path):
    cf = CommentFile("MVS 0001", "WD", 2, "DE")
    cf.comments = [
        Comment(clause="1", type="ed", comment="a"),
        Comment(id="DE-007", clause="2", type="te", comment="b"),
        Comment(clause="3", type="te", comment="multi\nline"),
    ]
    path = write_comment_file(cf, tmp_path / "comments" / "DE.yaml")
    assert [c.id for c in read_comment_file(path).comments] == ["DE-008", "DE-007", "DE-009"]
    assert "comment: |-\n      multi\n      line" in path.read_text(encoding="utf-8")


def test_assign_ids_continues_after_the_highest():
    comments = [Comment(id="CN-002"), Comment(), Comment(id="CN-010"), Comment()]
    assign_ids(comments, "CN", taken={"CN-011"})
    assert [c.id for c in comments] == ["CN-002", "CN-012", "CN-010", "CN-013"]
    with pytest.raises(CommentError, match="without a member"):
        assign_ids([Comment()], None)


def test_merge_updates_and_appends_without_losing_anything(tmp_path: Path):
    path = write(tmp_path, EXAMPLE)
    imported = [
        # the same comment as entry 2, now with the secretariat's observation
        Comment(
            clause="3.10",
            type="ed",
            comment="Two\nlines.",
            disposition="noted",
            observation="Later.",
        ),
        Comment(id="CN-CESI-001", observation="Accepted; see WD 3 and 4."),
        Comment(clause="5", type="te", comment="New."),
        Comment(id="CN-CESI-001", comment="Other text with a clashing id", clause="6"),
    ]

    result = merge_comments(
        path, imported[:3], document="MVS 0001", stage="WD", iteration=2, member="CN-CESI"
    )

    assert result.updated == ["CN-CESI-002", "CN-CESI-001"]
    assert result.added == ["CN-CESI-003"]
    text = path.read_text(encoding="utf-8")
    assert "# filled in by the secretariat at resolution:" in text
    cf = read_comment_file(path)
    assert [c.id for c in cf.comments] == ["CN-CESI-001", "CN-CESI-002", "CN-CESI-003"]
    assert cf.comments[0].observation == "Accepted; see WD 3 and 4."
    assert cf.comments[0].comment == "The definition omits persistence."
    assert (cf.comments[1].disposition, cf.comments[1].observation) == ("noted", "Later.")

    again = merge_comments(
        path, imported[:3], document="MVS 0001", stage="WD", iteration=2, member="CN-CESI"
    )
    assert again.added == [] and again.updated == []
    assert len(read_comment_file(path).comments) == 3


def test_merge_creates_the_file_and_refuses_another_iteration(tmp_path: Path):
    path = tmp_path / "MVS-0001" / "WD2" / "JP.yaml"
    result = merge_comments(
        path,
        [Comment(clause="1", type="ed", comment="a")],
        document="MVS 0001",
        stage="WD",
        iteration=2,
        member="JP",
    )
    assert result.added == ["JP-001"]
    with pytest.raises(CommentError, match="iteration 2") as info:
        merge_comments(path, [], document="MVS 0001", stage="WD", iteration=3, member="JP")
    assert info.value.line == 3


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path: Path):
    path = write(tmp_path, "old\n", "f.txt")
    os.chmod(path, 0o640)

    def fail(temp: Path) -> None:
        temp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        project.atomic_write(path, fail)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]
    project.write_atomic(path, "new\n")
    assert path.read_text() == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640
