"""The ballot pages (drafts/<name>.ballot-CD2/), the open ballots of the home page and the
ballot link of the draft page, from the record comments/widgets/CD2/ballot.yaml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from site_helpers import make_project, to_html

from build_tools.site.config import find_drafts
from build_tools.site.docs import DocsRequest, build_docs


@pytest.fixture
def docs(rendered) -> Path:
    assert not [w for w in rendered.warnings if "ballot" in w], rendered.warnings
    return rendered.docs


def _html(docs: Path, rel: str) -> str:
    return to_html((docs / rel).read_text(encoding="utf-8"))


def _cells(html: str, member: str) -> list[str]:
    row = re.search(rf"<tr[^>]*><td>{member}</td>(.*?)</tr>", html)
    assert row, member
    return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))]


def test_the_ballot_page_shows_dates_roster_votes_and_who_has_not_voted(docs: Path) -> None:
    html = _html(docs, "drafts/widgets.ballot-CD2.md")
    assert "Ballot on MVS 9001, CD 2" in html
    for fact in ("<dt>Opens</dt><dd>2026-12-01</dd>", "<dt>Closes</dt><dd>2027-01-31</dd>",
                 "<dt>Not voted</dt><dd>MEMBER-C, MEMBER-D</dd>"):
        assert fact in html
    assert 'class="ballot-result ballot-result-pending">pending' in html
    assert "consensus: no vote threshold" in html and "ISO/IEC Directives, Part 1, 2.5.6" in html
    assert _cells(html, "MEMBER-A") == ["Member A Standards Body", "P", "approve-with-comments",
                                        "2026-12-10", "5"]
    assert _cells(html, "MEMBER-B") == ["Member B Laboratories", "P", "disapprove",
                                        "2026-12-12", "3"]
    assert _cells(html, "MEMBER-D")[2:] == ["no vote", "", "0"]
    assert re.search(r'<tr class="ballot-missing"><td>MEMBER-C</td>', html)
    assert not re.search(r'<tr class="ballot-missing"><td>OBSERVER</td>', html)  # O: no duty


def test_the_comments_of_each_member_link_to_the_filtered_comments_page(docs: Path) -> None:
    html = _html(docs, "drafts/widgets.ballot-CD2.md")
    assert '<a href="../widgets.comments/#member=MEMBER-A">5</a>' in html
    assert 'href="widgets.comments.md">the comments on CD 2</a>' in html  # MkDocs makes the URL
    assert "9 comments, 7 with a disposition" in html  # EVIL, not on the roster, counts too


def test_record_text_is_escaped(docs: Path) -> None:
    html = _html(docs, "drafts/widgets.ballot-CD2.md")
    assert "<img" not in html and "onerror=&quot;window.__pwned=30&quot;" in html


def test_home_lists_open_ballots_and_the_draft_page_links_its_ballot(docs: Path) -> None:
    home = _html(docs, "index.md")
    section = home.split("Open ballots", 1)[1].split("</table>", 1)[0]
    assert re.search(r"<td>MVS 9001</td>\s*<td><a href=\"drafts/widgets.ballot-CD2.md\">CD 2</a>"
                     r"</td>\s*<td>2026-12-01</td>\s*<td>2027-01-31</td>\s*<td>2 of 4</td>",
                     section), section
    assert "MVS 9002" not in section
    draft = _html(docs, "drafts/widgets.md")
    assert ('<dd><a href="../widgets.ballot-CD2/">CD 2: open until 2027-01-31</a></dd>'
            in draft)


def test_a_broken_record_is_a_warning_not_a_failed_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_git=False)
    record = project / "comments" / "widgets" / "CD2" / "ballot.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("approve-with-comments",
                                                                 "perhaps"), encoding="utf-8")
    result = build_docs(DocsRequest(project, find_drafts(project, ["drafts"]), lint=False),
                        project / "out")
    (warning,) = [w for w in result.warnings if "ballot" in w]
    assert f"{record}:21: ballot record: the vote of MEMBER-A is 'perhaps'" in warning
    assert "the ballot page is not published" in warning
    assert not (project / "out" / "drafts" / "widgets.ballot-CD2.md").exists()
    assert (project / "out" / "drafts" / "widgets.md").is_file()
