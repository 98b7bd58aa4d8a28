"""The published site in a real browser (Debian chromium driven by Playwright).

One published site (the session fixture) is served on 127.0.0.1 by http.server in a thread;
one browser serves every test of this module. Every page visit records console errors and
page errors; the last test checks there were none (CSP violations show up there too).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from site_helpers import ADDED_SENTENCE, PAIR_ROWS, needs_chromium, serve_folder

pytestmark = needs_chromium
PROBLEMS: list[str] = []


@pytest.fixture(scope="module")
def base_url(published) -> Iterator[str]:
    yield from serve_folder(published.site)


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("console", lambda m: PROBLEMS.append(f"{page.url}: console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: PROBLEMS.append(f"{page.url}: page error: {e}"))
    page.on("dialog", lambda d: (PROBLEMS.append(f"{page.url}: dialog {d.message}"), d.dismiss()))
    page.base = base_url  # type: ignore[attr-defined]
    yield page
    context.close()


def test_draft_shows_numbered_clauses_and_terms(page) -> None:
    page.goto(f"{page.base}/v0.2/drafts/widgets/")
    assert page.locator("h2#sec-requirements").inner_text().startswith("4 Requirements")
    assert page.locator("h3#sec-general").inner_text().startswith("4.1 General")
    term = page.locator("h3#term-widget")
    assert term.locator(".term-number").inner_text() == "3.1"
    assert term.locator(".term-preferred").inner_text() == "widget"
    # The number sits on its own line above the term (ISO layout).
    number_box = term.locator(".term-number").bounding_box()
    term_box = term.locator(".term-preferred").bounding_box()
    assert number_box and term_box and term_box["y"] > number_box["y"] + number_box["height"] / 2
    assert page.get_by_text(ADDED_SENTENCE).count() == 1
    assert page.locator("#tab-sizes .table-caption").inner_text() == "Table 1 — Widget sizes"
    assert page.locator("#fig-shape img").evaluate("img => img.naturalWidth") > 0


def test_glossary_lists_terms(page) -> None:
    page.goto(f"{page.base}/v0.2/glossary/")
    assert page.locator("h2#g-widget").count() == 1
    assert page.locator("h2#g-function").count() == 1
    assert page.get_by_text("小部件").count() >= 1
    assert page.locator("h2#g-widget.glossary-differs").count() == 1


def test_version_selector_lists_versions_and_switches(page) -> None:
    page.goto(f"{page.base}/v0.2/")
    selector = page.locator(".md-version")
    selector.wait_for()
    assert "v0.2" in page.locator(".md-version__current").inner_text()
    # The list opens on hover or focus (CSS); focusing the button is what a keyboard user does.
    page.locator(".md-version__current").focus()
    links = page.locator(".md-version__link")
    texts = [t.strip() for t in links.all_inner_texts()]
    assert any("v0.1" in t for t in texts) and any("dev" in t for t in texts)
    page.locator(".md-version__link", has_text="v0.1").click()
    page.wait_for_url(re.compile(r"/v0\.1/"))
    assert "v0.1" in page.locator(".md-version__current").inner_text()


def _search(page, query: str, expect: str):
    """Type ``query`` into Material's search and wait for a result containing ``expect``.
    Material reads the query on key events, so the text (inserted whole, as an input method
    commits Chinese) is followed by a key press. The index loads in a web worker after the
    page; a query typed before it is ready is dropped, so it is typed again until results
    come."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    result = page.locator(".md-search-result__item", has_text=expect).first
    for _ in range(10):
        box.fill("")
        box.focus()
        page.keyboard.insert_text(query)
        page.keyboard.press("End")
        try:
            result.wait_for(timeout=1_500)
            return result
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError; try again
            continue
    raise AssertionError(f"search for {query!r} found nothing with {expect!r}")


def test_search_finds_a_term(page) -> None:
    page.goto(f"{page.base}/v0.2/")
    result = _search(page, "doohickey", "doohickey")
    assert "widget" in result.inner_text()


def test_search_finds_chinese_text(page) -> None:
    page.goto(f"{page.base}/v0.2/")
    result = _search(page, "蓝色", "小部件应为蓝色")
    assert "MVS 9002" in result.inner_text() or "要求" in result.inner_text()


def test_injected_html_runs_no_script(page) -> None:
    page.goto(f"{page.base}/v0.2/drafts/injection/")
    page.locator("h2#scope").wait_for()
    page.hover("h2#scope")
    page.mouse.move(5, 5)
    for target in ("text=block html", "#fig-evil img"):
        if page.locator(target).count():
            page.locator(target).first.hover()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("article script").count() == 0
    assert page.get_by_text("<script>window.__pwned = 1</script>", exact=False).count() >= 1
    assert page.evaluate("() => document.title").startswith("MVS 9666 Injection <script>")


def test_latest_and_root_redirect(page) -> None:
    page.goto(f"{page.base}/")
    page.wait_for_url(re.compile(r"/latest/$"))
    assert "v0.2" in page.locator(".md-version__current").inner_text()


def _visible_cells(page, column: int) -> list[str]:
    """The texts of one column (0-based) in the rows the filters show, top to bottom."""
    return page.locator("table.comments-table tbody tr:visible").evaluate_all(
        f"rows => rows.map(r => r.cells[{column}].textContent.trim())")


def test_comments_page_filters_and_sorts(page) -> None:
    page.goto(f"{page.base}/v0.2/drafts/widgets.comments/")
    rows = page.locator("table.comments-table tbody tr:visible")
    assert rows.count() == 9
    assert "Showing 9 of 9 comments" in page.locator(".comments-shown").inner_text()
    member = page.locator('select[data-filter="member"]')
    assert member.locator("option").all_inner_texts()[:3] == ["All", "MEMBER-A", "MEMBER-B"]
    member.select_option("MEMBER-B")
    assert set(_visible_cells(page, 1)) == {"MEMBER-B"} and rows.count() == 3
    page.locator('select[data-filter="type"]').select_option("te")
    assert _visible_cells(page, 0) == ["MEMBER-B-003", "MEMBER-B-001"]
    assert re.search(r"#member=MEMBER-B&type=te$", page.url)
    page.locator('select[data-filter="disposition"]').select_option("rejected")
    assert _visible_cells(page, 0) == ["MEMBER-B-001"]
    page.get_by_role("button", name="Show all").click()
    assert rows.count() == 9
    # Sort by line: numbers in order, comments without a line last, either way.
    line = page.locator("table.comments-table thead th", has_text="Line")
    line.locator("button").click()
    assert line.get_attribute("aria-sort") == "ascending"
    assert _visible_cells(page, 2)[:3] == ["30", "47", "48"]
    assert _visible_cells(page, 2)[3:] == [""] * 6
    line.locator("button").click()
    assert line.get_attribute("aria-sort") == "descending"
    assert _visible_cells(page, 2)[:3] == ["48", "47", "30"]
    page.locator("table.comments-table thead th", has_text="ID").locator("button").click()
    ids = _visible_cells(page, 0)
    assert ids == sorted(ids)
    # The counts above the table are filter links.
    page.locator(".comment-count-table a", has_text="Technical").click()
    # The link changes the address; the page filters when it hears of it (wait for that).
    expect(page.locator('select[data-filter="type"]')).to_have_value("te")
    expect(rows).to_have_count(5)
    assert set(_visible_cells(page, 5)) == {"te"}


def test_badge_opens_comments_filtered_by_clause(page) -> None:
    page.goto(f"{page.base}/v0.2/drafts/widgets/")
    badge = page.locator("h3#sec-general a.comment-count")
    assert badge.get_attribute("data-label") == "2 comments"
    assert page.locator("h2#sec-requirements a.comment-count").count() == 0
    # Shown beside the heading's text, on the same line.
    text_box = page.locator("h3#sec-general").bounding_box()
    badge_box = badge.bounding_box()
    assert text_box and badge_box and badge_box["height"] < text_box["height"]
    badge.click()
    page.wait_for_url(re.compile(r"/widgets\.comments/#clause=4\.1$"))
    assert page.locator('select[data-filter="clause"]').input_value() == "4.1"
    assert _visible_cells(page, 0) == ["MEMBER-B-001", "MEMBER-A-002"]
    page.goto(f"{page.base}/dev/drafts/widgets/")
    page.locator("h3#term-widget a.comment-count").click()
    page.wait_for_url(re.compile(r"/dev/drafts/widgets\.comments/#clause=3\.1$"))
    assert _visible_cells(page, 0) == ["MEMBER-A-001", "MEMBER-A-005"]


def test_comment_markup_shows_as_text(page) -> None:
    page.goto(f"{page.base}/v0.2/drafts/widgets.comments/")
    table = page.locator("table.comments-table")
    table.wait_for()
    for cell in page.locator("table.comments-table td").all():
        cell.hover()
    for text in ("<script>window.__pwned = 20</script>", '<img src=x onerror="window.__pwned=21">',
                 "</td></tr></table><script>window.__pwned=24</script>"):
        assert page.get_by_text(text, exact=False).count() >= 1, text
    assert page.locator("article script, article img, article iframe").count() == 0
    assert table.locator("b, i").count() == 0
    assert table.locator("tbody tr").count() == 9
    options = page.locator('select[data-filter="member"] option').all_inner_texts()
    assert 'X<img src=x onerror="window.__pwned=26">' in options
    page.locator('select[data-filter="member"]').select_option(
        'X<img src=x onerror="window.__pwned=26">')
    assert _visible_cells(page, 0) == ["EVIL-001"]
    assert page.evaluate("() => window.__pwned") is None


def test_home_lists_the_open_ballot_and_its_page_shows_the_votes(page) -> None:
    page.goto(f"{page.base}/dev/")
    heading = page.locator("h2#open-ballots")
    assert heading.is_visible()
    ballot_row = page.locator("table", has=page.locator("th", has_text="Closes")).locator(
        "tbody tr")
    assert ballot_row.count() == 1
    assert ballot_row.locator("td").all_inner_texts() == [
        "MVS 9001", "CD 2", "2026-12-01", "2027-01-31", "2 of 4"]
    ballot_row.get_by_role("link", name="CD 2").click()
    page.wait_for_url(re.compile(r"/dev/drafts/widgets\.ballot-CD2/$"))
    assert page.locator("h1#ballot-title").inner_text().startswith("Ballot on MVS 9001, CD 2")
    facts = dict(zip(page.locator("dl.ballot-facts dt").all_inner_texts(),
                     page.locator("dl.ballot-facts dd").all_inner_texts(), strict=True))
    assert (facts["Opens"], facts["Closes"], facts["Not voted"]) == (
        "2026-12-01", "2027-01-31", "MEMBER-C, MEMBER-D")
    assert facts["Result"].startswith("pending")
    roster = page.locator("table#ballot-roster tbody tr")
    assert roster.count() == 5
    missing = page.locator("table#ballot-roster tr.ballot-missing td:first-child")
    assert missing.all_inner_texts() == ["MEMBER-C", "MEMBER-D"]
    # Shaded, so that who has not voted stands out.
    shade = page.locator("table#ballot-roster tr.ballot-missing td").first.evaluate(
        "td => getComputedStyle(td).backgroundColor")
    plain = page.locator("table#ballot-roster tbody tr:first-child td").first.evaluate(
        "td => getComputedStyle(td).backgroundColor")
    assert shade != plain
    # The observer's name is text, not markup.
    assert page.get_by_text('<img src=x onerror="window.__pwned=30">Observer').count() == 1
    assert page.evaluate("() => window.__pwned") is None
    # A member's comment count opens the comments page filtered by that member.
    page.locator("table#ballot-roster a", has_text="3").click()
    page.wait_for_url(re.compile(r"/dev/drafts/widgets\.comments/#member=MEMBER-B$"))
    assert set(_visible_cells(page, 1)) == {"MEMBER-B"}


def test_the_draft_page_links_its_ballot(page) -> None:
    page.goto(f"{page.base}/dev/drafts/widgets/")
    link = page.locator("dl.draft-meta a", has_text="CD 2: open until 2027-01-31")
    link.click()
    page.wait_for_url(re.compile(r"/dev/drafts/widgets\.ballot-CD2/$"))


def _column_headings(page, lang: str) -> list[str]:
    """The first heading of each cell of one column of the pair page, top to bottom, the
    permalink aside; "(missing)" for a cell marked as missing."""
    return page.locator(f".pair-row:not(.pair-head) > .pair-cell[lang='{lang}']").evaluate_all(
        """cells => cells.map(cell => {
             if (cell.classList.contains('pair-missing')) return '(missing)';
             const h = cell.querySelector('h2, h3, h4').cloneNode(true);
             h.querySelectorAll('.headerlink').forEach(a => a.remove());
             return h.textContent.replace(/[ \\n\\t]+/g, ' ').trim();
           })""")


def test_pair_page_shows_both_versions_side_by_side(page) -> None:
    # Reached from the English draft's page, then from the Chinese one's.
    page.goto(f"{page.base}/v0.2/drafts/gadgets/")
    page.get_by_role("link", name="English | 中文 side by side").click()
    page.wait_for_url(re.compile(r"/v0\.2/drafts/gadgets\.en-zh/$"))
    page.goto(f"{page.base}/v0.2/drafts/gadgets-zh/")
    page.get_by_role("link", name="中英文对照").click()
    page.wait_for_url(re.compile(r"/v0\.2/drafts/gadgets\.en-zh/$"))
    assert page.locator("h1#pair-title").inner_text().startswith("MVS 9003 — English | 中文")
    assert _column_headings(page, "en") == [en for en, _ in PAIR_ROWS]
    assert _column_headings(page, "zh-CN") == [zh for _, zh in PAIR_ROWS]
    # Two columns: each Chinese cell to the right of its English cell, beside it.
    rows = page.locator(".pair-row:not(.pair-head)")
    for n in range(rows.count()):
        en = rows.nth(n).locator(".pair-cell[lang='en']").bounding_box()
        zh = rows.nth(n).locator(".pair-cell[lang='zh-CN']").bounding_box()
        assert en and zh and zh["x"] >= en["x"] + en["width"]
        assert zh["y"] < en["y"] + en["height"] and en["y"] < zh["y"] + zh["height"]
    missing = page.locator(".pair-missing").all_inner_texts()
    assert missing == ["Not in the English version",
                       "Not in the Chinese version（中文版无此条）"]
    # The page is in the navigation beside the drafts, and a cross-reference in the Chinese
    # column leads to its target in that column.
    assert page.locator(".md-nav__link", has_text="MVS 9003 — English | 中文").count() >= 1
    page.locator(".pair-cell[lang='zh-CN'] a", has_text="链轮").first.click()
    page.wait_for_url(re.compile(r"#zh-term-sprocket$"))


def test_no_console_errors() -> None:
    assert PROBLEMS == []
