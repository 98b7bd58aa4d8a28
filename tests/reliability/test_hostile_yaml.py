"""YAML nested deep enough to crash a composer (issue 15, item 4).

libyaml's composer recurses in C: a comment file or front-matter nested some tens of
thousands of levels used to kill the interpreter (SIGSEGV) and with it lint, check and
publish for the whole repository; a thousand levels raised RecursionError. The text is now
measured before it is composed: each such file is one error with its file and line, in
bounded time and memory, and the rest of the repository is linted, checked and published.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_files import (
    front_matter_nested,
    yaml_block_nested,
    yaml_flow_nested,
    yaml_indented_nested,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from measured import clause, run_measured
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent
from wg_repo import REPO, working_group_repo

from build_tools import frontmatter
from build_tools.comments import read_comment_file
from build_tools.comments.errors import CommentError
from build_tools.yaml_depth import MAX_DEPTH, too_deep

DEEP_COMMENTS = {
    "ZZ-FLOW-1000": (yaml_flow_nested, 1_000),
    "ZZ-FLOW-50000": (yaml_flow_nested, 50_000),
    "ZZ-BLOCK-50000": (yaml_block_nested, 50_000),
    "ZZ-INDENT-1000": (yaml_indented_nested, 1_000),
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = working_group_repo(tmp_path_factory.mktemp("deep") / "repo")
    folder = root / "comments" / "mvs-0001-terminology" / "WD2"
    assert folder.is_dir()
    for member, (generate, depth) in DEEP_COMMENTS.items():
        generate(folder / f"{member}.yaml", depth)
    (root / "drafts" / "deep-front-matter.md").write_text(front_matter_nested(30_000),
                                                          encoding="utf-8")
    return root


def _limits(run, seconds: float = 10, megabytes: float = 200) -> None:
    assert run.returncode >= 0, f"killed by signal {-run.returncode}: {run.stderr[-1000:]}"
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert run.seconds < seconds, f"{run.seconds:.1f} s"
    assert run.peak_mb < megabytes, f"{run.peak_mb:.0f} MB"


def test_lint_reports_the_deep_front_matter_and_lints_the_other_drafts(repo: Path) -> None:
    run = run_measured(clause("lint", "drafts", "--no-cache", "--format", "json"), cwd=repo,
                       timeout=120)
    _limits(run)
    assert run.returncode == 1
    findings = json.loads(run.stdout)
    deep = [f for f in findings if f["file"].endswith("deep-front-matter.md")]
    assert [(f["rule"], f["line"]) for f in deep] == [("FM-01", 8)]
    assert f"more than {MAX_DEPTH} levels" in deep[0]["message"]
    assert all(f["severity"] != "error" for f in findings if f not in deep)


def test_comments_check_reports_each_deep_file_and_checks_the_others(repo: Path) -> None:
    run = run_measured(clause("comments", "check", "--no-lines", "--format", "json"), cwd=repo,
                       timeout=120)
    _limits(run)
    findings = json.loads(run.stdout)
    unreadable = {Path(f["file"]).stem: f for f in findings if f["rule"] == "CMT-001"}
    assert set(unreadable) == set(DEEP_COMMENTS)
    assert unreadable["ZZ-FLOW-50000"]["line"] == 11
    assert unreadable["ZZ-BLOCK-50000"]["line"] == 12
    assert all(f"more than {MAX_DEPTH} levels" in f["message"] for f in unreadable.values())


def test_publish_still_publishes_the_repository(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run = run_measured(clause("publish", "--out", str(out), "--no-exports"), cwd=repo,
                       timeout=300, cap_memory=False)
    _limits(run, seconds=120, megabytes=400)
    assert run.returncode == 0, run.stderr[-2000:]
    assert (out / "dev" / "drafts" / "mvs-0001-terminology" / "index.html").is_file()
    assert "ZZ-FLOW-50000.yaml:11" in run.stderr


def test_the_depth_limit_leaves_every_real_file_alone() -> None:
    texts = [p.read_text(encoding="utf-8") for p in (REPO / "comments").rglob("*.yaml")]
    drafts = [frontmatter.split(p.read_text(encoding="utf-8"))[0]
              for p in (REPO / "drafts").glob("*.md")]
    corpus = REPO.parent / "shared" / "corpus" / "md-drafts"
    if corpus.is_dir():
        drafts += [frontmatter.split(p.read_text(encoding="utf-8", errors="replace"))[0]
                   for p in sorted(corpus.rglob("*.md"))]
    texts += [t for t in drafts if t]
    assert len(texts) > 5
    assert [too_deep(t, 12) for t in texts] == [None] * len(texts)


def test_nesting_at_the_limit_is_read_and_beyond_it_refused(tmp_path: Path) -> None:
    # Flow brackets are counted exactly: extra, its key, the entry, the list and the mapping.
    inside = yaml_flow_nested(tmp_path / "inside.yaml", MAX_DEPTH - 4)
    assert read_comment_file(inside).comments[0].extra
    beyond = yaml_flow_nested(tmp_path / "beyond.yaml", MAX_DEPTH)
    with pytest.raises(CommentError, match=f"more than {MAX_DEPTH} levels") as caught:
        read_comment_file(beyond)
    assert caught.value.line == 11


def test_block_scalar_text_is_not_counted() -> None:
    text = "comments:\n  - comment: |\n      " + "[" * 500 + "\n      - - - - - - -\n    x: 1\n"
    assert too_deep(text, 10) is None
    assert too_deep(text.replace("|", "x"), 10) is not None


def test_line_separators_libyaml_knows_are_lines_too() -> None:
    text = "k:" + "".join("\u2028" + " " * i + "- " for i in range(0, 400, 2)) + "x"
    assert too_deep(text) == 1


_PIECES = st.sampled_from([
    "- ", "? ", ": ", "[", "]", "{", "}", "|", ">", "|-", "\n", " ", "  ", "    ", "a", "k: ",
    "# c", '"', "'", ",", "\u2028", "\r", "\t", "&a ", "*a", "!!str ", "-", ":", "---", "x:\n",
    "|2", "\n  ", "\n    ", "\x85",
])
_YAML = YAML(typ="safe", pure=True)


def _depth_reached(text: str) -> int:
    """The deepest level a composer reaches before the text ends or turns out invalid."""
    depth = deepest = 0
    try:
        for event in _YAML.parse(text):
            if isinstance(event, CollectionStartEvent):
                depth += 1
                deepest = max(deepest, depth)
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        pass
    return deepest


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=120).map("".join))
def test_the_measure_is_never_below_half_the_real_depth(text: str) -> None:
    # So text the measure lets through (<= MAX_DEPTH) nests at most 2 * MAX_DEPTH levels:
    # far below what the composers and the node walkers can take.
    real = _depth_reached(text)
    assert too_deep(text, (real - 1) // 2) is not None or real == 0


def test_deep_front_matter_of_a_draft_is_one_finding_in_the_parser() -> None:
    from build_tools.parse import parse_text

    draft = parse_text(front_matter_nested(30_000), Path("deep.md"))
    assert [(p.rule, p.line) for p in draft.problems] == [("FM-01", 8)]
    assert draft.clauses and draft.clauses[0].title == "Scope"
