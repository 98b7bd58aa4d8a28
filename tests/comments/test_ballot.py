"""``clause ballot open``, ``vote``, ``status`` and ``close``: the record and its commits."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from workflow_repo import (
    DRAFT_ID,
    P_MEMBERS,
    ROSTER,
    STEM,
    changed_in,
    comment_file,
    commit_all,
    exported_line_map,
    git,
    head,
    isolate_git,
    log,
    make_repo,
    run,
)

from build_tools.comments import read_comment_file
from build_tools.comments.read_docx import read_docx
from build_tools.export.errors import ExportError
from build_tools.lint.examples import PARTS_EN, assemble
from build_tools.workflow.record import read_record

TEXT = assemble("en")
FOLDER = Path("build") / "ballots" / f"{STEM}-WD1"
RECORD = Path("comments") / STEM / "WD1" / "ballot.yaml"
LINES = RECORD.with_name("ballot.lines.json")
JAN_15, APR_1 = "1800000000", "1806537600"  # 2027-01-15, 2027-04-01 (SOURCE_DATE_EPOCH)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    isolate_git(monkeypatch, tmp_path)
    root = make_repo(tmp_path, TEXT, roster=ROSTER)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_15)
    return root


@pytest.fixture
def exports(repo: Path, tmp_path: Path) -> None:
    exported_line_map(repo / "drafts" / f"{STEM}.md", tmp_path / "probe")  # skips without Typst


@pytest.fixture
def opened(repo: Path, exports: None) -> Path:
    result = run(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert result.exit_code == 0, result.output
    return repo


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_open_commits_the_record_and_its_line_map(repo: Path, exports: None) -> None:
    draft = repo / "drafts" / f"{STEM}.md"
    balloted = head(repo)
    result = run(repo, "ballot", "open", f"drafts/{STEM}.md", "--closes", "2027-03-31")
    assert result.exit_code == 0, result.output
    folder = repo / FOLDER
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{STEM}.pdf", f"{STEM}.lines.json", f"{STEM}.docx", f"{STEM}-comments.docx",
         f"{STEM}-comments.yaml", "manifest.json"])
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        assert entry["sha256"] == _sha(folder / entry["name"]), entry["name"]

    # One commit, named after the ballot, holding the record and the line map, and nothing
    # else: the draft is balloted as committed and not touched.
    assert log(repo)[0] == "Ballot MVS 9001 WD 1 opened: closes 2027-03-31, rule consensus"
    assert sorted(changed_in(repo)) == [LINES.as_posix(), RECORD.as_posix()]
    assert draft.read_text(encoding="utf-8") == TEXT
    assert git(repo, "status", "--porcelain") == ""
    record = read_record(repo / RECORD)
    assert record is not None
    assert (record.draft, record.file, record.stage, record.iteration) == (
        DRAFT_ID, f"drafts/{STEM}.md", "WD", 1)
    assert (record.commit, record.text_sha256) == (balloted, _sha(draft))
    assert (str(record.opens), str(record.closes), record.rule) == (
        "2027-01-15", "2027-03-31", "consensus")
    assert [m.id for m in record.roster] == [*P_MEMBERS, "CN-BUPT"]
    assert [m.status for m in record.roster] == ["P"] * 6 + ["O"]
    assert record.pdf_sha256 == _sha(folder / f"{STEM}.pdf")
    assert (repo / LINES).read_bytes() == (folder / f"{STEM}.lines.json").read_bytes()
    assert record.lines_sha256 == _sha(repo / LINES)
    assert record.votes == {} and record.is_open


def test_package_template_and_yaml_are_filled_in(opened: Path) -> None:
    meta = read_docx(opened / FOLDER / f"{STEM}-comments.docx").meta
    assert meta == {"document": f"{DRAFT_ID} WD 1", "project": "Metaverse — Example vocabulary",
                    "date": "2027-01-15"}
    blank = read_comment_file(opened / FOLDER / f"{STEM}-comments.yaml")
    assert (blank.document, blank.stage, blank.iteration, blank.comments) == (
        DRAFT_ID, "WD", 1, [])


def test_comments_are_checked_against_the_balloted_text_not_later_edits(
    opened: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line_map = json.loads((opened / LINES).read_text(encoding="utf-8"))
    in_interfaces = max(e["line"] for e in line_map if e["clause"] == "4.2")
    # During the ballot the editor renames 4.2 and adds 4.3; the text and lines balloted stay.
    draft = opened / "drafts" / f"{STEM}.md"
    draft.write_text(TEXT.replace("## Interfaces", "## Security\n\nA platform shall encrypt "
                                  "data.\n\n## Ports"), encoding="utf-8")
    commit_all(opened, "edits during the ballot")

    def no_export(*_args: object) -> None:
        raise AssertionError("the committed line map must be used")

    monkeypatch.setattr("build_tools.workflow.balloted.export_line_map", no_export)
    comment_file(opened, "CN-CESI",
                 f'  - line: {in_interfaces}\n    clause: "4.2"\n    type: te\n    comment: ok\n'
                 '  - clause: "4.3"\n    type: te\n    comment: only in the later text\n')
    result = run(opened, "comments", "check", "--format", "json")
    findings = json.loads(result.stdout)
    assert [(f["rule"], f["line"]) for f in findings] == [("CMT-010", 10)], findings
    assert "'4.3' does not exist in MVS 9001 WD 1" in findings[0]["message"]


def test_the_line_map_is_rebuilt_from_the_recorded_commit_when_missing(opened: Path) -> None:
    """Deleted from the repository, the line map is made again from the text at the recorded
    commit and accepted only because its SHA-256 is the recorded one."""
    recorded = (opened / LINES).read_bytes()
    git(opened, "rm", "-q", LINES.as_posix())
    commit_all(opened, "lose the line map")
    (opened / "drafts" / f"{STEM}.md").write_text(TEXT.replace("## Interfaces", "## Ports"),
                                                  encoding="utf-8")
    commit_all(opened, "later text")
    last = max(e["line"] for e in json.loads(recorded))
    comment_file(opened, "CN-CESI", f'  - line: {last + 1}\n    clause: "4.2"\n    type: te\n'
                                    "    comment: beyond the end\n")
    findings = json.loads(run(opened, "comments", "check", "--format", "json").stdout)
    assert [f["rule"] for f in findings] == ["CMT-011"], findings
    assert f"lines 1 to {last}" in findings[0]["message"]


def test_open_refusals(repo: Path, exports: None) -> None:
    draft = repo / "drafts" / f"{STEM}.md"
    backwards = run(repo, "ballot", "open", STEM, "--closes", "2027-01-01")
    assert backwards.exit_code == 2 and "closes (2027-01-01) before it opens" in backwards.output
    not_a_date = run(repo, "ballot", "open", STEM, "--closes", "March")
    assert not_a_date.exit_code == 2 and "is not a date" in not_a_date.output

    draft.write_text(TEXT + "\nAn edit not committed.\n", encoding="utf-8")
    dirty = run(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert dirty.exit_code == 2 and "the draft is not committed as it stands" in dirty.output
    draft.write_text(TEXT, encoding="utf-8")

    assert run(repo, "ballot", "open", STEM, "--closes", "2027-03-31").exit_code == 0
    again = run(repo, "ballot", "open", STEM, "--closes", "2027-04-30")
    assert again.exit_code == 2 and "already recorded (opened 2027-01-15" in again.output
    forced = run(repo, "ballot", "open", STEM, "--closes", "2027-04-30", "--force")
    assert forced.exit_code == 0, forced.output
    assert str(read_record(repo / RECORD).closes) == "2027-04-30"
    assert log(repo)[:2] == ["Ballot MVS 9001 WD 1 opened: closes 2027-04-30, rule consensus",
                             "Ballot MVS 9001 WD 1 opened: closes 2027-03-31, rule consensus"]


def test_open_needs_a_sound_roster(repo: Path) -> None:
    (repo / "committee.yaml").unlink()
    commit_all(repo, "no roster")
    missing = run(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert missing.exit_code == 2 and "committee.yaml: no roster" in missing.output
    (repo / "committee.yaml").write_text(ROSTER.replace("status: O", "status: X"),
                                         encoding="utf-8")
    broken = run(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert broken.exit_code == 2
    assert "committee.yaml:23: member 7: status 'X' is not P or O" in broken.output
    assert not (repo / RECORD).exists()


def test_a_control_character_in_the_title_is_refused_with_its_line(repo: Path) -> None:
    front = PARTS_EN["front"].replace("en: Metaverse — Example vocabulary",
                                      'en: "Metaverse \\x1f Example vocabulary"')
    (repo / "drafts" / f"{STEM}.md").write_text(assemble("en", {"front": front}),
                                                encoding="utf-8")
    before = commit_all(repo, "a title with U+001F")
    result = run(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert result.exit_code == 2
    assert (f"drafts/{STEM}.md:4: title.en contains the control character U+001F; remove it"
            in result.output)
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert head(repo) == before and not (repo / RECORD).exists()


def test_failed_export_leaves_nothing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(paths: list[Path], *_args: object, **_kwargs: object) -> None:
        raise ExportError(paths[0], 42, "figure 'figures/x.svg' not found")

    monkeypatch.setattr("build_tools.export.exporter.export_drafts", failing)
    before = head(repo)
    result = run(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert result.exit_code == 2
    assert f"{STEM}.md:42: figure 'figures/x.svg' not found" in result.output
    assert head(repo) == before and not (repo / RECORD).exists()
    assert git(repo, "status", "--porcelain") == ""


def _hook(repo: Path, body: str) -> Path:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    hook.chmod(0o755)
    return hook


def test_a_failed_commit_puts_back_what_the_open_wrote(repo: Path, exports: None) -> None:
    hook = _hook(repo, "echo 'refused by the pre-commit hook' >&2; exit 1")
    before = head(repo)
    result = run(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert result.exit_code == 2 and "refused by the pre-commit hook" in result.output
    assert head(repo) == before
    assert not (repo / RECORD).exists() and not (repo / LINES).exists()
    hook.unlink()
    assert run(repo, "ballot", "open", STEM, "--closes", "2027-03-31").exit_code == 0


def _clause(repo: Path, *args: str) -> subprocess.Popen[str]:
    """``clause ARGS`` as a process of its own, so that it can be killed."""
    code = "import sys; from build_tools.cli import main; sys.exit(main())"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=repo, env=os.environ.copy(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_an_open_killed_before_its_commit_is_repaired_without_force(
    repo: Path, exports: None
) -> None:
    """SIGKILL after the record and line map are written, while git commits them (a hook kills
    the clause process, git then gives up): the next open replaces them, no --force."""
    hook = _hook(repo, 'kill -9 "$(cut -d" " -f4 /proc/$PPID/stat)"; exit 1')
    before = head(repo)
    killed = _clause(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    killed.communicate(timeout=120)
    assert killed.returncode == -signal.SIGKILL
    assert (repo / RECORD).exists() and head(repo) == before  # written, never committed
    hook.unlink()
    result = run(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert result.exit_code == 0, result.output
    assert "an earlier open of this ballot was interrupted" in result.output
    assert log(repo)[0].startswith("Ballot MVS 9001 WD 1 opened") and head(repo) != before
    assert git(repo, "status", "--porcelain") == ""


def test_an_open_killed_during_the_export_is_opened_again_without_force(
    repo: Path, exports: None
) -> None:
    body = "\n\n".join(f"A platform shall keep log {n} of every session." for n in range(400))
    (repo / "drafts" / f"{STEM}.md").write_text(
        assemble("en", {"body": PARTS_EN["body"] + "\n\n## Logs\n\n" + body}), encoding="utf-8")
    before = commit_all(repo, "a longer draft")
    killed = _clause(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    deadline = time.monotonic() + 60
    while not (repo / FOLDER).exists() and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL, "the open finished before it could be killed"
    assert head(repo) == before and not (repo / RECORD).exists()
    result = run(repo, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert result.exit_code == 0, result.output
    assert (repo / FOLDER / "manifest.json").is_file()
    assert git(repo, "status", "--porcelain") == ""


def test_outside_git_the_record_is_written_and_not_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_repo(tmp_path, TEXT, use_git=False, roster=ROSTER)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", JAN_15)
    exported_line_map(root / "drafts" / f"{STEM}.md", tmp_path / "probe")
    result = run(root, "ballot", "open", STEM, "--closes", "2027-03-31")
    assert result.exit_code == 0, result.output
    assert "is not a git repository: written, not committed" in result.stderr
    record = read_record(root / RECORD)
    assert record is not None and record.commit is None
    assert record.text_sha256 == _sha(root / "drafts" / f"{STEM}.md")
    vote = run(root, "ballot", "vote", STEM, "--member", "CN-CESI", "--vote", "approve")
    assert vote.exit_code == 0 and "written, not committed" in vote.stderr


def test_votes(opened: Path) -> None:
    def vote(member: str, value: str, *more: str):
        return run(opened, "ballot", "vote", STEM, "--member", member, "--vote", value, *more)

    agreed = vote("CN-CESI", "同意")
    assert agreed.exit_code == 0, agreed.output
    assert "MVS 9001 WD 1: CN-CESI approve; 1 of 6 P-members have voted" in agreed.stdout
    assert log(opened)[0] == "Ballot MVS 9001 WD 1: CN-CESI votes approve"
    assert changed_in(opened) == [RECORD.as_posix()]
    assert vote("CN-HUAWEI", "弃权").exit_code == 0
    assert vote("CN-BUPT", "Approve with comments").exit_code == 0  # an observer may vote

    same = vote("CN-CESI", "approve")
    assert same.exit_code == 0 and "already recorded" in same.stdout
    assert log(opened)[0] == "Ballot MVS 9001 WD 1: CN-BUPT votes approve-with-comments"
    changed = vote("CN-CESI", "不同意")
    assert changed.exit_code == 0 and "(was approve)" in changed.stdout
    assert "CN-CESI disapproves without comments" in changed.stderr
    assert log(opened)[0] == "Ballot MVS 9001 WD 1: CN-CESI votes disapprove (was approve)"

    stranger = vote("CN-cesi2", "approve")
    assert stranger.exit_code == 2 and "CN-cesi2 is not on the roster" in stranger.output
    nonsense = vote("CN-ANT", "maybe")
    assert nonsense.exit_code == 2 and "'maybe' is not a vote" in nonsense.output
    early = vote("CN-ANT", "approve", "--date", "2027-01-01")
    assert early.exit_code == 2 and "opens on 2027-01-15" in early.output
    late = vote("CN-ANT", "approve", "--date", "2027-04-01")
    assert late.exit_code == 2 and "closed for votes on 2027-03-31" in late.output
    record = read_record(opened / RECORD)
    assert {m: v.vote for m, v in record.votes.items()} == {
        "CN-CESI": "disapprove", "CN-HUAWEI": "abstain", "CN-BUPT": "approve-with-comments"}


def test_status_json_is_the_documented_shape(opened: Path) -> None:
    run(opened, "ballot", "vote", STEM, "--member", "CN-CESI", "--vote", "approve")
    run(opened, "ballot", "vote", STEM, "--member", "CN-TENCENT", "--vote", "abstain")
    result = run(opened, "ballot", "status", STEM, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "draft": "MVS 9001", "stage": "WD", "iteration": 1, "open": True,
        "opens": "2027-01-15", "closes": "2027-03-31", "rule": "consensus",
        "votes": {"CN-CESI": "approve", "CN-TENCENT": "abstain"},
        "missing": ["CN-HUAWEI", "CN-ANT", "CN-BAIDU", "CN-SENSETIME"],
        "counts": {"approve": 1, "disapprove": 0, "abstain": 1},
        "result": "pending", "reason": "open until 2027-03-31; 2 of 6 P-members have voted"}
    text = run(opened, "ballot", "status", STEM).stdout
    assert "not voted: CN-HUAWEI, CN-ANT, CN-BAIDU, CN-SENSETIME" in text
    assert "result: pending" in text


def test_close_refused_early_then_closes_and_reports(
    opened: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(opened, "ballot", "vote", STEM, "--member", "CN-CESI", "--vote", "approve")
    comment_file(opened, "CN-CESI", '  - clause: "3.1"\n    type: te\n    comment: a\n'
                                     "    disposition: accepted\n")
    refused = run(opened, "ballot", "close", STEM)
    assert refused.exit_code == 2 and "closes on 2027-03-31; to close it before, give --early " \
                                      "--reason TEXT" in refused.output
    no_reason = run(opened, "ballot", "close", STEM, "--early")
    assert no_reason.exit_code == 2 and "--early needs --reason" in no_reason.output

    monkeypatch.setenv("SOURCE_DATE_EPOCH", APR_1)
    closed = run(opened, "ballot", "close", STEM)
    assert closed.exit_code == 0, closed.output
    assert "Ballot on MVS 9001 WD 1: approved: every comment (1) has a disposition" in closed.stdout
    assert log(opened)[0] == "Ballot MVS 9001 WD 1 closed: approved"
    record = read_record(opened / RECORD)
    assert (str(record.closed), record.result, record.counts) == (
        "2027-04-01", "approved", {"approve": 1, "disapprove": 0, "abstain": 0})
    report = (opened / FOLDER / f"{STEM}-disposition.md").read_text(encoding="utf-8")
    assert "## Votes" in report
    assert "| CN-CESI | China Electronics Standardization Institute | P | approve | 2027-01-15 |" \
        in report
    assert "| CN-HUAWEI | Huawei Technologies Co., Ltd. | P | (no vote) |  |" in report
    assert "Not voted: CN-HUAWEI, CN-TENCENT, CN-ANT, CN-BAIDU, CN-SENSETIME." in report
    assert (opened / FOLDER / f"{STEM}-disposition.docx").is_file()

    again = run(opened, "ballot", "close", STEM, "--format", "xlsx")
    assert again.exit_code == 0 and "the disposition report is written again" in again.output
    assert log(opened)[0] == "Ballot MVS 9001 WD 1 closed: approved"  # no second commit
    assert (opened / FOLDER / f"{STEM}-disposition.xlsx").is_file()
    late_vote = run(opened, "ballot", "vote", STEM, "--member", "CN-ANT", "--vote", "approve",
                    "--date", "2027-03-30")
    assert late_vote.exit_code == 2 and "closed on 2027-04-01" in late_vote.output


def test_early_close_records_its_reason(opened: Path) -> None:
    result = run(opened, "ballot", "close", STEM, "--early", "--reason", "every member has voted")
    assert result.exit_code == 0, result.output
    record = read_record(opened / RECORD)
    assert (str(record.closed), record.early) == ("2027-01-15", "every member has voted")
    status = run(opened, "ballot", "status", STEM).stdout
    assert "closed on 2027-01-15 early (every member has voted)" in status


def test_without_a_ballot_close_and_status_say_so(repo: Path) -> None:
    for args in (["close", STEM], ["status", STEM], ["vote", STEM, "--member", "CN-CESI",
                                                       "--vote", "approve"]):
        result = run(repo, "ballot", *args)
        assert result.exit_code == 2
        assert "no ballot is recorded on MVS 9001 WD 1: open one with clause ballot open" \
            in result.output
