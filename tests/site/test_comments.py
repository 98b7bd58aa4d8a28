"""The comments pages (drafts/<name>.comments/) and the comment counts beside the headings."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from site_helpers import LATE_COMMENT, make_project, run_cli, to_html

from build_tools.site import comment_pages
from build_tools.site.docs import JS_REL, DocsRequest, build_docs
from build_tools.site.versions import STAMP

INJECTED = ("<script>window.__pwned = 20</script>", '<img src=x onerror="window.__pwned=21">',
            "</td></tr></table><script>window.__pwned=24</script>")


@pytest.fixture
def docs(rendered) -> Path:
    assert not [w for w in rendered.warnings if "comment" in w], rendered.warnings
    return rendered.docs


def _read(docs: Path, rel: str) -> str:
    return (docs / rel).read_text(encoding="utf-8")


class _Tags(HTMLParser):
    """Every element and attribute of an HTML fragment, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _rows(html: str) -> list[str]:
    return re.findall(r"<tr data-member=.*?</tr>", html)


def test_pages_per_iteration_and_links(docs: Path) -> None:
    current = _read(docs, "drafts/widgets.comments.md")
    earlier = _read(docs, "drafts/widgets.comments-CD1.md")
    assert "# Comments on MVS 9001, CD 2" in current and "(the current iteration)" in current
    assert "[CD 1](widgets.comments-CD1.md)" in current
    assert "[CD 2](widgets.comments.md)" in earlier and "current iteration" not in earlier
    assert len(_rows(to_html(current))) == 9  # MEMBER-A 5, MEMBER-B 3, EVIL 1
    assert len(_rows(to_html(earlier))) == 1
    # Drafts without comment files get no page; the draft and home pages link to the page.
    assert not (docs / "drafts" / "widgets-zh.comments.md").exists()
    assert '<a href="widgets.comments.md">Comments (9)</a>' in to_html(
        _read(docs, "drafts/widgets.md"))
    assert '<a href="drafts/widgets.comments.md">comments (9)</a>' in to_html(
        _read(docs, "index.md"))
    assert (docs / JS_REL).is_file()


def test_counts_per_clause_member_type_disposition(docs: Path) -> None:
    html = to_html(_read(docs, "drafts/widgets.comments.md"))

    def table(caption: str) -> dict[str, int]:
        body = re.search(rf"<caption>{caption}</caption>.*?</table>", html, re.S).group(0)
        rows = re.findall(r"<tr><td>(.*?)</td><td class=\"count\">(\d+)</td></tr>", body)
        return {re.sub(r"<[^>]+>", "", k): int(n) for k, n in rows}

    clauses = table("By clause")
    # Document order; "4.2, A" counts for 4.2 and for A.
    assert list(clauses)[:7] == ["General", "Foreword", "3.1", "3.2", "4.1", "4.2", "A"]
    assert clauses["3.1"] == 2 and clauses["4.1"] == 2 and clauses["4.2"] == 1
    assert clauses["A"] == 1
    assert table("By member") == {"MEMBER-A": 5, "MEMBER-B": 3,
                                  'X&lt;img src=x onerror=&quot;window.__pwned=26&quot;&gt;': 1}
    assert table("By type") == {"General": 1, "Technical": 5, "Editorial": 3}
    assert table("By disposition") == {"Accepted": 2, "Accepted in principle": 1,
                                       "Partially accepted": 1, "Noted": 1, "Rejected": 2,
                                       "Open": 2}
    assert '<a href="#clause=3.1">3.1</a>' in html
    assert '<a href="#type=te">Technical</a>' in html


def test_table_rows_carry_filter_data_and_sort_keys(docs: Path) -> None:
    html = to_html(_read(docs, "drafts/widgets.comments.md"))
    headers = re.findall(r'<th scope="col">([^<]*)</th>', html.split("data-comments-table")[1])
    assert headers == ["ID", "Member", "Line", "Clause", "Element", "Type", "Comment",
                       "Proposed change", "Disposition", "Observation"]
    row = next(r for r in _rows(html) if "MEMBER-A-004" in r)
    assert 'data-member="MEMBER-A"' in row and 'data-type="te"' in row
    assert 'data-disposition="partially-accepted"' in row
    assert 'data-clauses="[&quot;4.2&quot;, &quot;A&quot;]"' in row
    open_row = next(r for r in _rows(html) if "MEMBER-A-003" in r)
    assert 'data-disposition="open"' in open_row
    line_row = next(r for r in _rows(html) if "MEMBER-A-001" in r)
    assert '<td data-sort="30">30</td>' in line_row
    # A clause of the draft links to it on the draft page.
    assert '<a href="../widgets/#term-widget">3.1</a>' in line_row
    # Folded YAML text: no fold markers (\x07) or other control characters reach the page.
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", html)
    assert "a phone is a small device" in line_row


def test_comment_text_is_escaped(docs: Path) -> None:
    md = _read(docs, "drafts/widgets.comments.md")
    html = to_html(md)
    for raw in INJECTED:
        assert raw not in html
    assert "&lt;script&gt;window.__pwned = 20&lt;/script&gt;" in html
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;" in html
    tags = _tags(html)
    names = {tag for tag, _ in tags}
    assert not names & {"script", "img", "b", "i", "iframe"}, names
    handlers = [(tag, a) for tag, attrs in tags for a in attrs if a.startswith("on")]
    assert handlers == []
    hrefs = [attrs.get("href") or "" for tag, attrs in tags if tag == "a"]
    assert not any(h.lower().startswith("javascript") for h in hrefs)
    # The table survives the observation that tries to close it: every row is still inside.
    assert html.count("<table") == html.count("</table>") == 5
    assert len(_rows(html)) == 9


def test_badges_beside_clause_and_term_headings(docs: Path) -> None:
    md = _read(docs, "drafts/widgets.md")

    def badge(heading_id: str) -> str | None:
        line = next(ln for ln in md.splitlines() if f'id="{heading_id}"' in ln)
        found = re.search(r'<a class="comment-count" href="([^"]+)" data-label="([^"]+)"', line)
        return f"{found.group(1)} {found.group(2)}" if found else None

    assert badge("term-widget") == "../widgets.comments/#clause=3.1 2 comments"
    assert badge("term-function") == "../widgets.comments/#clause=3.2 1 comment"
    assert badge("sec-general") == "../widgets.comments/#clause=4.1 2 comments"
    assert badge("foreword") == "../widgets.comments/#clause=Foreword 1 comment"
    assert badge("annex-tests") == "../widgets.comments/#clause=A 1 comment"
    # Clause 4 has a comment on CD 1 only: the badges count the current iteration.
    assert badge("sec-requirements") is None and badge("scope") is None
    # The badge has no text of its own, so the outline and search keep the clause title.
    html = to_html(md)
    heading = re.search(r'<h3 id="sec-general">(.*?)</h3>', html).group(1)
    heading = re.sub(r'<a class="headerlink".*?</a>', "", heading)
    assert re.sub(r"<[^>]+>", "", heading).strip() == "4.1 General"
    assert "data-search-exclude" in heading


def test_badge_links_without_directory_urls(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_git=False)
    out = tmp_path / "out"
    build_docs(DocsRequest(project, [project / "drafts" / "widgets.md"], lint=False,
                           directory_urls=False), out)
    assert 'href="widgets.comments.html#clause=3.1"' in _read(out, "drafts/widgets.md")
    assert 'href="widgets.html#term-widget"' in _read(out, "drafts/widgets.comments.md")


def test_unreadable_comment_file_is_reported_not_fatal(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_git=False)
    (project / "comments" / "widgets" / "CD2" / "BROKEN.yaml").write_text(
        "document: [unclosed\n", encoding="utf-8")
    (project / "comments" / "widgets" / "CD2" / "OTHER.yaml").write_text(
        "document: MVS 1\nstage: CD\niteration: 2\nmember: O\ncomments: []\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build_docs(DocsRequest(project, [project / "drafts" / "widgets.md"], lint=False),
                        out)
    assert any("BROKEN.yaml" in w and "invalid YAML" in w for w in result.warnings)
    page = _read(out, "drafts/widgets.comments.md")
    assert "comments-problems" in page and "BROKEN.yaml" in page and "OTHER.yaml" in page
    assert len(_rows(to_html(page))) == 9


def test_url_helpers() -> None:
    assert comment_pages.page_url("drafts/a.md") == "drafts/a/"
    assert comment_pages.page_url("drafts/a.md", directory_urls=False) == "drafts/a.html"
    assert comment_pages.page_url("index.md") == ""
    assert comment_pages.url_between("drafts/a.comments/", "drafts/a/") == "../a.comments/"
    assert comment_pages.url_between("drafts/a.comments.html", "drafts/a.html") == \
        "a.comments.html"
    assert comment_pages.plain("a\x07 b\n<c>") == "a b<br>&lt;c&gt;"


def test_publish_reads_comments_of_each_tag(published) -> None:
    def page(version: str) -> str:
        return (published.site / version / "drafts" / "widgets.comments" / "index.html"
                ).read_text(encoding="utf-8")

    # MEMBER-C's file is in the working tree only: dev shows it, the tags read their own tree.
    assert LATE_COMMENT in page("dev") and LATE_COMMENT not in page("v0.2")
    assert len(_rows(page("v0.2"))) == 9 and len(_rows(page("dev"))) == 10
    assert (published.site / "v0.1" / "drafts" / "widgets.comments-CD1" / "index.html").is_file()
    draft = (published.site / "v0.2" / "drafts" / "widgets" / "index.html").read_text("utf-8")
    assert 'href="../widgets.comments/#clause=3.1"' in draft
    assert '<script src="../../javascripts/comments.js"></script>' in page("v0.2")
    assert (published.site / "v0.2" / "javascripts" / "comments.js").is_file()
    # Kept out of the navigation, like the requirements pages.
    assert "widgets.comments/" not in re.sub(r"<article.*?</article>", "", draft, flags=re.S)


def test_changed_comment_file_rebuilds_dev(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_git=False)
    assert run_cli(project, "publish", "--no-exports").exit_code == 0
    again = run_cli(project, "publish", "--no-exports")
    assert "dev: reused" in again.stderr
    stamp = (project / "site" / "dev" / STAMP).read_text(encoding="utf-8")
    target = project / "comments" / "widgets" / "CD2" / "MEMBER-B.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace(
        "The committee's full name is missing.", "The committee is not named."), "utf-8")
    changed = run_cli(project, "publish", "--no-exports")
    assert changed.exit_code == 0, changed.stderr
    assert "dev: building" in changed.stderr and "dev: reused" not in changed.stderr
    assert (project / "site" / "dev" / STAMP).read_text(encoding="utf-8") != stamp
    page = (project / "site" / "dev" / "drafts" / "widgets.comments" / "index.html")
    assert "The committee is not named." in page.read_text(encoding="utf-8")
