from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.comments import (
    check_comment_file,
    check_comment_files,
    check_comment_paths,
    parse_comment_yaml,
)

HEAD = "document: MVS 0001\nstage: WD\niteration: 2\nmember: CN\ncomments:\n"


@dataclass
class Info:
    clause_numbers: set[str] = field(default_factory=set)
    line_map: list[dict[str, Any]] | None = None


INFO = Info(
    clause_numbers={"1", "2", "3", "3.1", "3.2", "3.10", "A", "A.1", "Foreword"},
    line_map=[
        {"line": 1, "page": 1, "clause": "Foreword"},
        {"line": 10, "page": 1, "clause": "3.1"},
        {"line": 11, "page": 1, "clause": "3.1"},
        {"line": 20, "page": 2, "clause": "3.2"},
        {"line": 30, "page": 3, "clause": "A.1"},
    ],
)


def resolve(document: str, stage: str, iteration: int) -> Info | None:
    return INFO if (document, stage, iteration) == ("MVS 0001", "WD", 2) else None


def parse(body: str, name: str = "comments/MVS-0001/WD2/CN.yaml", head: str = HEAD):
    return parse_comment_yaml(head + body, Path(name))


def rules(findings) -> list[tuple[int | None, str]]:  # noqa: ANN001
    return [(f.line, f.rule) for f in findings]


def test_a_clean_file_has_no_findings():
    cf = parse(
        "  - id: CN-001\n    line: 10\n    clause: '3.1'\n    type: te\n    comment: ok\n"
        "    disposition: accepted\n"
        "  - id: CN-002\n    clause: General\n    type: ge\n    comment: ok\n"
        "    disposition: rejected\n    observation: why\n"
        "  - id: CN-003\n    line: 30\n    clause: Annex A\n    type: ed\n    comment: ok\n"
        "  - id: CN-004\n    line: 11\n    clause: 3.1, 3.2\n    type: ed\n    comment: ok\n"
    )
    assert check_comment_file(cf, resolve) == []


def test_schema_rules():
    cf = parse(
        "  - id: CN-001\n"  # 6
        "    clause: '1'\n"
        "    type: TE\n"  # 8
        "    comment: x\n"
        "    disposition: accepted_in_principle\n"  # 10
        "  - id: CN-002\n"  # 11
        "    type: ed\n"
        "    clase: '1'\n"  # 13
        "    line: see above\n"  # 14
        "  - id: CN-001\n"  # 15
        "    clause: '2'\n"
        "    type: ge\n"
        "    comment: y\n"
        "    disposition: noted\n",  # 19
        name="CN.yaml",
        head="document: MVS 0001\nstage: XYZ\niteration: 2\nmember: CN\ncomments:\n",
    )
    findings = check_comment_file(cf)
    assert rules(findings) == [
        (2, "CMT-001"),
        (13, "CMT-008"),
        (8, "CMT-003"),
        (10, "CMT-004"),
        (10, "CMT-005"),
        (11, "CMT-002"),
        (14, "CMT-007"),
        (19, "CMT-005"),
        (15, "CMT-006"),
    ]
    by_rule = {f.rule: f for f in findings}
    assert (
        by_rule["CMT-003"].message
        == "comment CN-001: type 'TE' is not ge, te or ed (did you mean 'te'?)"
    )
    assert "(did you mean 'accepted-in-principle'?)" in by_rule["CMT-004"].message
    assert by_rule["CMT-002"].message == "comment CN-002 has no clause and no comment"
    assert by_rule["CMT-008"].message == "unknown key 'clase' (did you mean 'clause'?)"
    assert by_rule["CMT-006"].message == ("id 'CN-001' is already used at CN.yaml:6")
    assert by_rule["CMT-006"].severity == "error" and by_rule["CMT-008"].severity == "warning"
    assert all(f.path == "CN.yaml" for f in findings)


def test_missing_top_level_keys():
    cf = parse_comment_yaml("document: MVS 0001\nstage: WD\n", Path("x.yaml"))
    assert [(f.rule, f.message) for f in check_comment_file(cf)] == [
        ("CMT-001", "required key 'iteration' is missing"),
        ("CMT-001", "required key 'member' is missing"),
        ("CMT-001", "required key 'comments' is missing"),
    ]


def test_ids_unique_across_files_of_one_iteration():
    cn = parse("  - id: X-1\n    clause: '1'\n    type: te\n    comment: a\n")
    de = parse(
        "  - id: X-1\n    clause: '1'\n    type: te\n    comment: a\n",
        name="comments/MVS-0001/WD2/DE.yaml",
        head=HEAD.replace("member: CN", "member: DE"),
    )
    other_iteration = parse(
        "  - id: X-1\n    clause: '1'\n    type: te\n    comment: a\n",
        name="comments/MVS-0001/WD3/CN.yaml",
        head=HEAD.replace("iteration: 2", "iteration: 3"),
    )
    findings = check_comment_files([cn, de, other_iteration])
    assert [(f.path, f.rule) for f in findings] == [("comments/MVS-0001/WD2/DE.yaml", "CMT-006")]
    assert findings[0].message == "id 'X-1' is already used at comments/MVS-0001/WD2/CN.yaml:6"


def test_file_location_must_match_content():
    cf = parse(
        "  - id: CN-1\n    clause: '1'\n    type: te\n    comment: a\n",
        name="comments/MVS-0001/CD1/DE.yaml",
    )
    assert [(f.line, f.rule) for f in check_comment_file(cf)] == [(2, "CMT-009"), (4, "CMT-009")]


def test_clauses_and_lines_against_the_draft():
    cf = parse(
        "  - id: CN-001\n    clause: '3.9'\n    type: te\n    comment: a\n"  # 6
        "  - id: CN-002\n    line: 999\n    clause: '3.1'\n    type: te\n    comment: a\n"  # 10
        "  - id: CN-003\n    line: 20\n    clause: '3.1'\n    type: te\n    comment: a\n"  # 15
        "  - id: CN-004\n    line: 10\n    clause: '3'\n    type: te\n    comment: a\n"  # 20
        "  - id: CN-005\n    line: 1\n    clause: Foreword\n    type: ed\n    comment: a\n"
    )
    findings = check_comment_file(cf, resolve)
    assert rules(findings) == [(7, "CMT-010"), (11, "CMT-011"), (16, "CMT-012")]
    messages = [f.message for f in findings]
    assert messages[0] == "comment CN-001: clause '3.9' does not exist in MVS 0001 WD 2"
    assert messages[1] == (
        "comment CN-002: line 999 is not in the line map of MVS 0001 WD 2 (lines 1 to 30)"
    )
    assert messages[2] == (
        "comment CN-003: line 20 lies in clause 3.2, but the comment names clause 3.1"
    )
    assert findings[2].severity == "warning"


def test_unknown_draft_and_missing_line_map():
    cf = parse(
        "  - id: CN-1\n    line: 5000\n    clause: '1'\n    type: te\n    comment: a\n",
        head=HEAD.replace("iteration: 2", "iteration: 7"),
        name="comments/MVS-0001/WD7/CN.yaml",
    )
    [finding] = check_comment_file(cf, resolve)
    assert (finding.rule, finding.line, finding.message) == (
        "CMT-013",
        1,
        "cannot find MVS 0001 WD 7: clauses and lines are not checked",
    )

    no_map = parse("  - id: CN-1\n    line: 5000\n    clause: '1'\n    type: te\n    comment: a\n")
    assert check_comment_file(no_map, lambda d, s, i: Info({"1"}, None)) == []


def test_check_paths_reports_unreadable_files(tmp_path: Path):
    good = tmp_path / "WD2" / "CN.yaml"
    good.parent.mkdir()
    good.write_text(HEAD + "  - id: CN-1\n    clause: '1'\n    type: te\n    comment: a\n")
    bad = tmp_path / "WD2" / "DE.yaml"
    bad.write_text("document: [\n")

    files, findings = check_comment_paths([good, bad], resolve)

    assert [f.path for f in files] == [good]
    assert [(f.path, f.line, f.rule) for f in findings] == [(str(bad), 2, "CMT-001")]
    assert findings[0].message.startswith("invalid YAML")


def test_missing_type_is_a_warning():
    cf = parse("  - id: CN-1\n    clause: '1'\n    comment: from a GB table\n")
    [finding] = check_comment_file(cf)
    assert (finding.line, finding.rule, finding.severity, finding.message) == (
        6,
        "CMT-014",
        "warning",
        "comment CN-1 has no type (ge, te or ed)",
    )
