"""``clause render``: the drafts of one version -> the MkDocs docs folder.

Layout of the folder (draft pages mirror the repository, so relative links between drafts and
to ``figures/`` work unchanged)::

    index.md                       home: every draft, stage, dates, ballot, lint, downloads
    glossary.md, glossary.tbx, glossary.csv
    drafts/<name>.md               one page per draft
    drafts/<name>.pdf, .docx       exports, when built
    drafts/<name>.requirements.md, .requirements.csv
    drafts/<name>.changes.md       redline against the previous version
    drafts/<name>.en-zh.md         the English and the Chinese version side by side (a pair)
    drafts/<name>.comments.md      reviewer comments on the current iteration (comments/),
    drafts/<name>.comments-WD1.md  and on earlier ones
    drafts/<name>.ballot-CD1.md    each ballot: dates, roster, votes, result (comments/…/ballot.yaml)
    drafts/figures/…               images the drafts use
    stylesheets/clause.css
    javascripts/comments.js        sorting and filters of the comments tables
"""

from __future__ import annotations

import posixpath
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from build_tools import gitio
from build_tools.model import Draft
from build_tools.parse import parse_file
from build_tools.project import source_file
from build_tools.render.escape import front_matter, text
from build_tools.render.site import PageContext, page_title, render_page
from build_tools.pairing import pairs
from build_tools.site import (
    ballot_pages,
    comment_pages,
    glossary,
    home,
    images,
    pair_page,
    requirements,
)
from build_tools.site.config import CSS_REL, Project, find_drafts, load_mkdocs_yml
from build_tools.site.downloads import export_all
from build_tools.site.files import FileSet
from build_tools.site.links import relative
from build_tools.site.lintstatus import lint_status
from build_tools.site.redline import redline, redline_html

JS_REL = "javascripts/comments.js"  # listed in mkdocs.yml's extra_javascript
RESERVED = {"index.md", "glossary.md"}


@dataclass
class Previous:
    label: str
    drafts: list[Draft]
    root: Path

    def match(self, draft: Draft, rel: str) -> Draft | None:
        """The same draft in this version: same file, else the same id and language (an id
        is shared by the language versions of one document)."""
        root = self.root.resolve()
        for old in self.drafts:
            if old.path.resolve().relative_to(root).as_posix() == rel:
                return old
        same_id = [old for old in self.drafts
                   if old.id == draft.id and old.language == draft.language]
        return same_id[0] if len(same_id) == 1 else None


@dataclass
class DocsRequest:
    root: Path  # the folder holding this version's files
    drafts: list[Path]
    version: str = "dev"
    previous: Previous | None = None
    exports: bool = False
    jobs: int | None = None  # export processes (default: one per core)
    lint: bool = True
    site_name: str = "Drafts"
    directory_urls: bool = True  # mkdocs.yml's use_directory_urls (raw HTML links need it)
    scratch: Path | None = None  # folder for temporary files (default: the system's)


@dataclass
class DocsResult:
    drafts: list[Draft] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: int = 0
    removed: int = 0
    seconds: float = 0.0


def css() -> str:
    return resources.files("build_tools.render").joinpath("assets/clause.css").read_text("utf-8")


def js() -> str:
    return resources.files("build_tools.render").joinpath("assets/comments.js").read_text("utf-8")


def build_docs(req: DocsRequest, docs_dir: Path,
               log: Callable[[str], None] = lambda m: None) -> DocsResult:
    start = time.monotonic()
    result = DocsResult()
    warn = result.warnings.append
    root = req.root.resolve()
    drafts = [parse_file(p) for p in _readable(req.drafts, root, warn)]
    result.drafts = drafts
    pages: dict[Path, str] = {}
    for draft in drafts:
        rel = draft.path.resolve().relative_to(root).as_posix()
        if rel in RESERVED:
            warn(f"{rel}: a draft cannot be named like a generated page; skipped")
            continue
        pages[draft.path.resolve()] = rel
    by_path = {p: d for d in drafts if (p := d.path.resolve()) in pages}
    # The language versions of one standard share a page that shows them side by side.
    pair_pages = {(en.path.resolve(), zh.path.resolve()): pair_page.page_name(
        pages[en.path.resolve()]) for en, zh in pairs(list(by_path.values()))}
    pair_of = {p: rel for both, rel in pair_pages.items() for p in both}
    sides: dict[Path, pair_page.Side] = {}

    files = FileSet()
    files.text(CSS_REL, css())
    files.text(JS_REL, js())
    statuses = lint_status([d.path for d in by_path.values()], warn) if req.lint else {}
    with tempfile.TemporaryDirectory(prefix="clause-exports-", dir=req.scratch) as tmp:
        exported = (export_all(list(by_path), Path(tmp), warn, log, req.jobs)
                    if req.exports else {})
        rows: list[home.Row] = []
        for path, draft in by_path.items():
            page = pages[path]
            base = page[:-3] if page.endswith(".md") else page
            row = home.Row(draft, page, statuses.get(path, "not checked"))
            ctx = PageContext(other_draft=_resolver(draft, pages, by_path))
            if path in pair_of:
                ctx.pair = relative(pair_of[path], page)
            for fmt, out in sorted(exported.get(path, {}).items(), key=lambda kv: kv[0] != "pdf"):
                target = f"{base}.{fmt}"
                files.copy(target, out)
                ctx.downloads.append((fmt.upper(), posixpath.basename(target)))
                row.links.append((fmt.upper(), target))
            copies, problems = images.draft_images(draft, root)
            result.warnings.extend(problems)
            published = _copy_images(copies, files)
            ctx.image_ok = lambda src, ok=published: src.strip() in ok
            sides[path] = pair_page.Side(draft, page, ctx.image_ok, ctx.other_draft)
            req_page, req_csv = f"{base}.requirements.md", f"{base}.requirements.csv"
            files.text(req_page, requirements.page(draft, req_page, page, req_csv))
            files.data(req_csv, requirements.requirements_csv(draft))
            ctx.requirements = posixpath.basename(req_page)
            row.links.append(("requirements", req_page))
            old = req.previous.match(draft, page) if req.previous else None
            if old is not None and req.previous is not None:
                changes = f"{base}.changes.md"
                red = redline(old, draft, req.previous.label, req.version)
                files.text(changes, _changes_page(draft, red.old_label, redline_html(red),
                                                  changes, page))
                ctx.changes = (req.previous.label, posixpath.basename(changes))
                row.links.append((f"changes since {req.previous.label}", changes))
            comments = comment_pages.build(root, draft, page, req.directory_urls, warn)
            if comments is not None:
                for rel, body in comments.pages.items():
                    files.text(rel, body)
                ctx.comments = comments.links
                row.links.append((f"comments ({comments.total})", comments.main))
            ballots = ballot_pages.build(root, draft, page, req.directory_urls,
                                         comments.pages if comments else {}, warn)
            for rel, body in ballots.pages.items():
                files.text(rel, body)
            ctx.ballot = ballots.header
            row.ballots = ballots.ballots
            if path in pair_of:
                row.links.append(("English | 中文", pair_of[path]))
            files.text(page, render_page(draft, ctx))
            rows.append(row)
        for (en, zh), rel in pair_pages.items():
            files.text(rel, pair_page.page(sides[en], sides[zh], rel))
        concepts = glossary.collect([(d, pages[p]) for p, d in by_path.items()])
        files.text("glossary.md", glossary.page(concepts))
        files.data("glossary.tbx", glossary.tbx(concepts))
        files.data("glossary.csv", glossary.glossary_csv(concepts))
        rows.sort(key=lambda r: (r.draft.id, r.page))
        files.text("index.md", home.page(rows, req.version, req.site_name))
        result.written, result.removed = files.sync(docs_dir)
    result.seconds = time.monotonic() - start
    log(f"{req.version}: rendered {len(by_path)} drafts into {docs_dir} "
        f"({result.written} files written, {result.removed} removed, {result.seconds:.1f} s)")
    return result


def _readable(paths: list[Path], root: Path, warn: Callable[[str], None]) -> list[Path]:
    """The drafts that are files of this version: a symlink out of it (or into .git) gets no
    page, only a warning (project.source_file)."""
    out: list[Path] = []
    for path in paths:
        try:
            source_file(path, root)
        except FileNotFoundError:
            warn(f"{path.name}: not found (a dangling symlink?); not published")
            continue
        except OSError as exc:
            warn(f"{path.name}: {exc.strerror}; not published")
            continue
        out.append(path)
    return out


def _copy_images(copies: list[images.ImageCopy], files: FileSet) -> set[str]:
    published: set[str] = set()
    for copy in copies:
        files.data(copy.rel, copy.data)
        published.add(copy.src)
    return published


def _resolver(draft: Draft, pages: dict[Path, str],
              by_path: dict[Path, Draft]) -> Callable[[str], Draft | None]:
    """``other.md`` written in ``draft`` -> that draft's model, when it is one of ours."""
    folder = draft.path.resolve().parent

    def resolve(href: str) -> Draft | None:
        return by_path.get((folder / href).resolve())

    return resolve


def _changes_page(draft: Draft, old_label: str, body: str, page_rel: str, draft_page: str) -> str:
    title = f"{draft.id} — changes since {old_label}"
    href = relative(draft_page, page_rel)
    return "\n".join([
        front_matter(title),
        f"# Changes in {text(draft.id)} since {text(old_label)} {{ id=\"changes-title\" }}", "",
        f"Clause by clause, the words inserted and deleted since {text(old_label)} in "
        f"[{text(page_title(draft))}]({href}).", "",
        body, ""])


def render_project(project: Project, *, since: str | None = None, exports: bool = False,
                   lint: bool = True, log: Callable[[str], None] = lambda m: None) -> DocsResult:
    """``clause render``: the working tree into mkdocs.yml's docs_dir.

    ``since`` names a git revision to write redlines against (needs git).
    """
    docs_dir = project.render_dir()
    site_name = str(load_mkdocs_yml(project.mkdocs_yml).get("site_name") or "Drafts")
    with tempfile.TemporaryDirectory(prefix="clause-render-") as tmp:
        refused: list[str] = []
        previous = _previous(project, since, Path(tmp), refused) if since else None
        request = DocsRequest(project.root, project.drafts(), version="dev", previous=previous,
                              exports=exports, lint=lint, site_name=site_name,
                              directory_urls=directory_urls(project.mkdocs_yml))
        result = build_docs(request, docs_dir, log)
        result.warnings[:0] = refused
        return result


def directory_urls(mkdocs_yml: Path) -> bool:
    return load_mkdocs_yml(mkdocs_yml).get("use_directory_urls", True) is not False


def _previous(project: Project, rev: str, tmp: Path, refused: list[str]) -> Previous:
    repo = gitio.repo_root(project.root)
    if repo is None:
        raise gitio.GitError(f"--since needs git, and {project.root} is not a git repository")
    commit = gitio.commit_of(repo, rev)
    prefix = project.root.resolve().relative_to(repo)
    gitio.extract(repo, commit, [(prefix / p).as_posix() for p in project.paths], tmp, refused)
    root = tmp / prefix
    return Previous(rev, [parse_file(p) for p in find_drafts(root, project.paths)], root)
