"""The comments pages of a draft: one per iteration with comment files, from ``comments/``.

    drafts/<stem>.comments.md              the current iteration (linked from the draft page,
                                           whose clause headings link to it filtered by clause)
    drafts/<stem>.comments-<WD1>.md        earlier iterations, newest first

The data comes from `build_tools.comments.site_data` (collated comments and counts). The page is
plain Markdown with raw HTML tables (md_in_html, attr_list, tables: no plugin); sorting and
the member / type / disposition / clause filters are added by ``javascripts/comments.js``
from the rows' data attributes, so the page reads fine without script.

Comment text is untrusted (reviewers' files, imported spreadsheets): every field is
HTML-escaped and stripped of control characters, and the tables are raw HTML blocks, which
Python-Markdown copies through without reading any Markdown in them.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from build_tools.comments import DISPOSITIONS, TYPES, CommentError, clause_sort_key, split_clauses
from build_tools.comments import site_data as comments_site_data
from build_tools.comments.dispositions import LABELS as DISPOSITION_LABELS
from build_tools.comments.stats import TYPE_NAMES
from build_tools.model import Draft
from build_tools.render import escape
from build_tools.render.site import CommentLinks, term_anchor
from build_tools.site.links import relative

COMMENTS_DIR = "comments"
OPEN, UNKNOWN = "open", "unknown"
TYPE_ORDER = (*TYPES, UNKNOWN)
DISPOSITION_ORDER = (*DISPOSITIONS, OPEN)
COLUMNS = ("ID", "Member", "Line", "Clause", "Element", "Type", "Comment", "Proposed change",
           "Disposition", "Observation")
# C0 controls (but tab and line feed) and DEL: not text, and \x02/\x03 are Python-Markdown's
# own placeholder markers. ruamel.yaml also leaves \x07 where a folded scalar was folded.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class CommentPages:
    pages: dict[str, str] = field(default_factory=dict)  # docs-relative .md -> Markdown
    main: str = ""  # the page the draft and home pages link to
    links: CommentLinks | None = None  # for the draft page's header and headings
    total: int = 0  # comments on the main page


def page_url(rel: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page ``rel`` ("a/b.md")."""
    stem = rel[:-3] if rel.endswith(".md") else rel
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ""
    return f"{stem}/" if directory_urls else f"{stem}.html"


def url_between(target: str, source: str) -> str:
    """The href from the page at URL ``source`` to URL ``target`` (both from page_url)."""
    folder = source if source.endswith("/") or not source else posixpath.dirname(source)
    rel = posixpath.relpath(target or ".", folder or ".")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return quote(rel, safe="/._-~")


def plain(value: Any) -> str:
    """A field as safe HTML text: control characters dropped, markup escaped, lines kept."""
    if value is None:
        return ""
    return html.escape(_CONTROL.sub("", str(value)), quote=True).strip().replace("\n", "<br>")


def _attr(value: Any) -> str:
    return html.escape(_CONTROL.sub("", str(value)), quote=True)


def type_key(comment: dict[str, Any]) -> str:
    return comment.get("type") if comment.get("type") in TYPES else UNKNOWN


def disposition_key(comment: dict[str, Any]) -> str:
    value = comment.get("disposition")
    return value if value in DISPOSITIONS else OPEN


def type_label(key: str) -> str:
    return TYPE_NAMES.get(key, key)


def disposition_label(key: str) -> str:
    return DISPOSITION_LABELS.get(key, "Open")


def clauses_of(comment: dict[str, Any]) -> list[str]:
    """The clauses a comment cites ("3.1, 3.2" cites both), each once, in the order given."""
    out: list[str] = []
    for part in split_clauses(_CONTROL.sub("", comment.get("clause") or "")):
        if part and part not in out:
            out.append(part)
    return out


def clause_counts(comments: list[dict[str, Any]]) -> dict[str, int]:
    """Comments per cited clause, in document order. A comment citing two clauses counts for
    each, so these are the numbers beside the headings and of the clause filter."""
    counts: dict[str, int] = {}
    for comment in comments:
        for part in clauses_of(comment):
            counts[part] = counts.get(part, 0) + 1
    return {k: counts[k] for k in sorted(counts, key=clause_sort_key)}


def locator_anchors(draft: Draft) -> dict[str, str]:
    """Casefolded clause locator or term number -> its anchor on the draft page."""
    out: dict[str, str] = {}
    for top in draft.clauses:
        for clause in top.walk():
            if clause.anchor and clause.locator:
                out.setdefault(clause.locator.casefold(), clause.anchor)
            stack = list(clause.terms)
            while stack:
                term = stack.pop()
                out.setdefault(term.number.casefold(), term_anchor(term, draft))
                stack.extend(term.subterms)
    return out


def build(root: Path, draft: Draft, draft_page: str, directory_urls: bool,
          warn: Callable[[str], None]) -> CommentPages | None:
    """The comments pages of ``draft`` (page ``draft_page``), or None when it has no comment
    files. Problems (unreadable files, files of another ballot) are shown on the page and
    reported as warnings; they never stop the site."""
    folder = root / COMMENTS_DIR / draft.path.stem
    if not folder.is_dir():
        return None
    try:
        data = comments_site_data(root, draft.path)
    except (CommentError, OSError, ValueError) as exc:
        warn(f"{draft_page}: comments not published ({exc})")
        return None
    iterations = [it for it in data["iterations"]
                  if it["current"] or it["comments"] or it["problems"]]
    if not any(it["comments"] or it["problems"] for it in iterations):
        return None
    base = draft_page[:-3] if draft_page.endswith(".md") else draft_page
    rels = [f"{base}.comments.md" if it["current"]
            else f"{base}.comments-{posixpath.basename(it['folder'])}.md" for it in iterations]
    anchors = locator_anchors(draft)
    result = CommentPages(main=rels[0])
    for it, rel in zip(iterations, rels, strict=True):
        for problem in it["problems"]:
            where = problem["file"] + (f":{problem['line']}" if problem.get("line") else "")
            warn(f"{where}: {problem['message']} (comments page of {draft.id} {it['label']})")
        others = [(o["label"], r) for o, r in zip(iterations, rels, strict=True) if r != rel]
        result.pages[rel] = page(draft, it, rel, draft_page, others,
                                 anchors if it["current"] else {}, directory_urls)
    main = iterations[0]
    result.total = len(main["comments"])
    draft_url = page_url(draft_page, directory_urls)
    counts = clause_counts(main["comments"]) if main["current"] else {}
    result.links = CommentLinks(
        page=relative(rels[0], draft_page),
        href=url_between(page_url(rels[0], directory_urls), draft_url),
        total=result.total,
        counts={k.casefold(): n for k, n in counts.items()},
    )
    return result


def page(draft: Draft, it: dict[str, Any], rel: str, draft_page: str,
         others: list[tuple[str, str]], anchors: dict[str, str], directory_urls: bool) -> str:
    """One iteration's page: summary, counts, then the table of comments."""
    comments: list[dict[str, Any]] = it["comments"]
    label = str(it["label"])
    members = it["members"]
    title = f"{draft.id} — comments on {label}"
    draft_link = relative(draft_page, rel)
    current = " (the current iteration)" if it["current"] else ""
    n, m = len(comments), len(members)
    out = [escape.front_matter(title, hide=("navigation", "toc")),
           f"# Comments on {escape.text(draft.id)}, {escape.text(label)} "
           '{ id="comments-title" }', "",
           f"{n} comment{'' if n == 1 else 's'} from {m} member{'' if m == 1 else 's'} on "
           f"[{escape.text(f'{draft.id} {draft.title_in()}')}]({draft_link}), "
           f"{escape.text(label)}{current}.", ""]
    if others:
        links = ", ".join(f"[{escape.text(lab)}]({relative(r, rel)})" for lab, r in others)
        out += [f"Other iterations: {links}.", ""]
    if it["problems"]:
        out.append(_problems(it["problems"]))
    if not comments:
        return "\n".join(out) + "\n"
    draft_url = url_between(page_url(draft_page, directory_urls), page_url(rel, directory_urls))
    out += [_counts(it, comments), "", _table(comments, anchors, draft_url), ""]
    return "\n".join(out)


def _problems(problems: list[dict[str, Any]]) -> str:
    items = "".join(
        f"<li><code>{plain(p['file'])}{':' + plain(p['line']) if p.get('line') else ''}</code> "
        f"{plain(p['message'])}</li>" for p in problems)
    return (f'<div class="comments-problems"><p class="comments-problems-title">'
            f"{len(problems)} comment files could not be read and are not shown:</p>"
            f"<ul>{items}</ul></div>\n")


def _count_table(caption: str, head: str, rows: list[tuple[str, str, int]]) -> str:
    """rows: (filter fragment or "", label HTML, count)."""
    body = "".join(
        f'<tr><td>{_link(frag, text)}</td><td class="count">{n}</td></tr>'
        for frag, text, n in rows)
    return (f'<table class="comment-count-table"><caption>{caption}</caption>'
            f'<thead><tr><th scope="col">{head}</th><th scope="col">Comments</th></tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _link(fragment: str, label: str) -> str:
    return f'<a href="#{_attr(fragment)}">{label}</a>' if fragment else label


def _fragment(key: str, value: str) -> str:
    return f"{key}={quote(value, safe='')}"


def _counts(it: dict[str, Any], comments: list[dict[str, Any]]) -> str:
    """Four small tables; each row links to the table filtered by it (see comments.js)."""
    counts = it["counts"]
    clauses = [(_fragment("clause", c), plain(c), n) for c, n in clause_counts(comments).items()]
    uncited = sum(1 for c in comments if not clauses_of(c))
    if uncited:
        clauses.append(("", "<em>no clause</em>", uncited))
    members = [(_fragment("member", k) if k else "", plain(k) or "<em>no member</em>", n)
               for k, n in counts["by_member"].items()]
    types = [(_fragment("type", k) if n else "", plain(type_label(k)), n)
             for k, n in counts["by_type"].items() if n or k != UNKNOWN]
    dispositions = [(_fragment("disposition", k) if n else "", plain(disposition_label(k)), n)
                    for k, n in counts["by_disposition"].items()]
    tables = [_count_table("By clause", "Clause", clauses),
              _count_table("By member", "Member", members),
              _count_table("By type", "Type", types),
              _count_table("By disposition", "Disposition", dispositions)]
    return (f'<div class="comment-counts" data-total="{int(counts["total"])}">'
            + "".join(tables) + "</div>\n")


def _table(comments: list[dict[str, Any]], anchors: dict[str, str], draft_url: str) -> str:
    clause_rank = {c: i for i, c in enumerate(
        sorted({c.get("clause") or "" for c in comments}, key=clause_sort_key))}
    head = "".join(f'<th scope="col">{name}</th>' for name in COLUMNS)
    rows: list[str] = []
    for comment in comments:
        kind, disposition = type_key(comment), disposition_key(comment)
        parts = clauses_of(comment)
        member = _CONTROL.sub("", comment.get("member") or "")
        line = comment.get("line")
        line_shown = comment.get("line_text") or (line if line is not None else "")
        attrs = (f' data-member="{_attr(member)}" data-type="{kind}" '
                 f'data-type-label="{_attr(type_label(kind))}" data-disposition="{disposition}" '
                 f'data-disposition-label="{_attr(disposition_label(disposition))}" '
                 f'data-clauses="{_attr(json.dumps(parts, ensure_ascii=False))}"')
        cells = [
            f'<td class="comment-ident">{plain(comment.get("id"))}</td>',
            f"<td>{plain(member)}</td>",
            f'<td data-sort="{int(line) if isinstance(line, int) else ""}">'
            f"{plain(line_shown)}</td>",
            f'<td data-sort="{clause_rank[comment.get("clause") or ""]}">'
            f"{_clause_cell(comment, parts, anchors, draft_url)}</td>",
            f"<td>{plain(comment.get('element'))}</td>",
            f'<td data-sort="{TYPE_ORDER.index(kind)}" title="{_attr(type_label(kind))}">'
            f"{plain(comment.get('type')) if kind == UNKNOWN else kind}</td>",
            f'<td class="comment-text">{plain(comment.get("comment"))}</td>',
            f'<td class="comment-text">{plain(comment.get("proposed_change"))}</td>',
            f'<td data-sort="{DISPOSITION_ORDER.index(disposition)}">'
            f'<span class="disposition disposition-{disposition}">'
            f"{plain(disposition_label(disposition))}</span></td>",
            f'<td class="comment-text">{plain(comment.get("observation"))}</td>',
        ]
        rows.append(f"<tr{attrs}>{''.join(cells)}</tr>")
    # One line per row and no blank line inside: the whole table stays one raw HTML block.
    return "\n".join([
        '<div class="comments-table-wrap">',
        '<table class="comments-table" id="comments-table" data-comments-table>',
        f"<thead><tr>{head}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>", "</div>"])


def _clause_cell(comment: dict[str, Any], parts: list[str], anchors: dict[str, str],
                 draft_url: str) -> str:
    """The clause as written; linked to the draft page when it names one clause of it."""
    shown = plain(comment.get("clause"))
    if len(parts) == 1 and (anchor := anchors.get(parts[0].casefold())):
        return f'<a href="{_attr(draft_url)}#{_attr(quote(anchor, safe=""))}">{shown}</a>'
    return shown
