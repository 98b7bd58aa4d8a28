"""``import_docx``: a Word draft in, a draft in our format out, with its figures, the report of
what could not be mapped, and a lint run on the result.

The steps: pandoc reads the DOCX into its AST (pandoc_ast); python-docx reads the document
properties and the bookmarks pandoc drops (bookmarks); the AST becomes a flat list of units
with tracked changes decided (units); structure recovery finds clauses, term entries, captions
(structure, tables); numbers, anchors and typed cross-references are resolved (crossrefs); the
cover gives the front-matter (cover); the draft is written (draft_writer, markdown), figures
first and the draft last, each atomically, so a failed import leaves nothing half-written.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from build_tools.errors import LocatedError
from build_tools.project import write_atomic
from build_tools.scaffold import slug
from build_tools.wordimport import pandoc_ast as A
from build_tools.wordimport.bookmarks import BookmarkIndex, read_marks
from build_tools.wordimport.cover import Properties, front_matter, render
from build_tools.wordimport.crossrefs import Targets
from build_tools.wordimport.draft_writer import DraftWriter
from build_tools.wordimport.elements import (
    FigureEl,
    Inlines,
    ListEl,
    Para,
    Recovered,
    TableEl,
    Term,
)
from build_tools.wordimport.markdown import InlineWriter
from build_tools.wordimport.report import INFO, UNMAPPED, Report
from build_tools.wordimport.structure import recover
from build_tools.wordimport.units import flatten

if TYPE_CHECKING:
    from build_tools.lint.base import Finding

OFFICE_SUFFIXES = {".doc", ".wps", ".odt", ".rtf", ".dot", ".dotx", ".wpt", ".docm"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg"}
TRACK_CHANGES = ("accept", "reject")


class WordImportError(LocatedError):
    """The file cannot be imported (not a DOCX, unreadable, an output in the way)."""


@dataclass
class ImportResult:
    draft: Path
    language: str
    report: Report
    figures: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # the lint run on the draft


def lint_draft(path: Path) -> list[Finding]:
    """The draft's findings with the rules and settings of the repository it is in."""
    from build_tools import project
    from build_tools.lint import engine

    settings = project.load(path)
    rules = engine.active_rules(settings.select or None, settings.ignore, settings.severity)
    findings, _ = engine.lint_paths([path], rules, settings.root, jobs=1)
    return findings


def detect_language(ast: dict, props: Properties) -> str:
    if props.language.lower().startswith("zh"):
        return "zh"
    text = "\n".join(A.block_text(b) for b in ast.get("blocks", [])[:400])
    cjk = len(re.findall(r"[\u3400-\u9fff]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk * 3 > latin else "en"


def _properties(doc: object) -> Properties:
    core = doc.core_properties  # type: ignore[attr-defined]
    return Properties(title=core.title or "", subject=core.subject or "",
                      author=core.author or "", keywords=core.keywords or "",
                      language=core.language or "", created=core.created)


def _as_docx(source: Path, work: Path) -> Path:
    """The DOCX to read: ``source`` itself, or a conversion by LibreOffice of a .doc, .wps …"""
    if source.suffix.lower() in OFFICE_SUFFIXES:
        from build_tools.office import OfficeError, convert

        try:
            return convert([source], "docx", work / "converted")[0]
        except OfficeError as exc:
            raise WordImportError(source, None, f"cannot convert it to DOCX: {exc}") from None
    try:
        with zipfile.ZipFile(source) as archive:
            if "word/document.xml" not in archive.namelist():
                raise WordImportError(source, None, "not a Word document (no word/document.xml)")
    except zipfile.BadZipFile:
        raise WordImportError(source, None, "not a DOCX file (save it from Word or WPS as "
                              ".docx, or give a .doc/.wps/.odt file to convert)") from None
    return source


def _all_inlines(doc: Recovered) -> Iterator[Inlines]:
    """Every run of inline content, for the pass that finds what is referred to."""

    def from_blocks(blocks: list[dict]) -> Iterator[Inlines]:
        for block in blocks:
            if block["t"] in ("Para", "Plain"):
                yield block["c"]
            elif block["t"] == "BulletList":
                for item in block["c"]:
                    yield from from_blocks(item)
            elif block["t"] == "OrderedList":
                for item in block["c"][1]:
                    yield from from_blocks(item)

    for section in doc.walk():
        items = list(section.items)
        for item in section.items:
            if isinstance(item, Term):
                items.extend(b for t in (item, *item.subterms) for b in t.blocks)
        for item in items:
            if isinstance(item, Para) and item.kind != "source":
                yield item.inlines
            elif isinstance(item, TableEl):
                for row in [item.header, *item.rows]:
                    yield from row
                for note in item.notes:
                    yield note.inlines
            elif isinstance(item, ListEl):
                yield from from_blocks([item.node])


def _scan(doc: Recovered, targets: Targets) -> set[str]:
    """Mark the targets of typed references; return the bookmark names links point at."""
    links: set[str] = set()

    def walk(inlines: Inlines) -> list[dict]:
        outside: list[dict] = []
        for node in inlines:
            if node["t"] == "Link":
                url = node["c"][2][0]
                if url.startswith("#"):
                    links.add(url[1:])
            elif node["t"] == "Note":
                for block in node["c"]:
                    if block["t"] in ("Para", "Plain"):
                        targets.mark_referenced(A.plain(walk(block["c"])))
            else:
                outside.append(node)
        return outside

    for inlines in _all_inlines(doc):
        targets.mark_referenced(A.plain(walk(inlines)))
    return links


class Figures:
    """Pictures from pandoc's media folder, copied beside the draft under stable names:
    ``figures/<draft>-<caption words>.<ext>`` (the figure number when there is no caption)."""

    def __init__(self, media: Path, folder: Path, stem: str, report: Report) -> None:
        self.media = media.resolve()
        self.folder = folder
        self.stem = stem
        self.report = report
        self.files: dict[Path, bytes] = {}
        self.names: dict[str, str] = {}
        self.by_source: dict[str, str] = {}

    def name_for(self, src: str, wanted: str) -> str:
        """The path of the copy of ``src`` relative to the draft, or "" if it is unusable."""
        if src in self.by_source:
            return self.by_source[src]
        path = Path(src)
        path = path if path.is_absolute() else self.media / path
        if not path.resolve().is_relative_to(self.media) or not path.is_file():
            return ""
        suffix = path.suffix.lower()
        data = path.read_bytes()
        base = f"{self.stem}-{_short_slug(wanted) or 'figure'}"
        name, k = base, 2
        while f"{name}{suffix}" in self.names and self.names[f"{name}{suffix}"] != \
                hashlib.sha256(data).hexdigest():
            name, k = f"{base}-{k}", k + 1
        file_name = f"{name}{suffix}"
        self.names[file_name] = hashlib.sha256(data).hexdigest()
        self.files[self.folder / file_name] = data
        relative = f"{self.folder.name}/{file_name}"
        self.by_source[src] = relative
        if suffix not in IMAGE_SUFFIXES:
            self.report.add(UNMAPPED, f"{file_name} is a {suffix[1:].upper()} picture: Clause "
                            "exports SVG, PNG, JPEG and GIF; replace it with one of those")
        return relative


def _locate(report: Report, doc: Recovered) -> None:
    """The clause of each entry that has a paragraph number but no clause yet."""
    starts = sorted((s.n, s.shown) for s in doc.walk())
    for entry in report.entries:
        if entry.paragraph and not entry.clause:
            entry.clause = next((shown for n, shown in reversed(starts) if n <= entry.paragraph),
                                "")


def _short_slug(text: str, size: int = 32) -> str:
    """The first words of ``text`` as a file-name slug of at most about ``size`` characters."""
    words: list[str] = []
    for word in slug(text).split("-"):
        if words and len("-".join([*words, word])) > size:
            break
        words.append(word)
    return "-".join(words)[:size].strip("-")


def _default_out(fm_id: str, lang: str, source: Path, placeholder: bool) -> Path:
    stem = slug(source.stem) if placeholder else slug(fm_id)
    return Path("drafts") / f"{stem}{'-zh' if lang == 'zh' else ''}.md"


def import_docx(source: Path, out: Path | None = None, lang: str | None = None,
                draft_id: str | None = None, track_changes: str = "accept",
                force: bool = False, progress: Callable[[str], None] | None = None,
                lint: bool = True) -> ImportResult:
    """Import ``source`` (DOCX, or .doc/.wps/.odt/.rtf through LibreOffice) as a draft, then
    lint it (unless ``lint`` is False)."""
    from docx import Document

    say = progress or (lambda message: None)
    source = Path(source)
    if not source.is_file():
        raise WordImportError(source, None, "no such file")
    if track_changes not in TRACK_CHANGES:
        raise ValueError(f"track_changes is one of {TRACK_CHANGES}")
    with tempfile.TemporaryDirectory(prefix="clause-import-") as tmp:
        work = Path(tmp)
        docx = _as_docx(source, work)
        say(f"reading {source.name} with pandoc")
        try:
            ast = A.read_ast(docx, work / "media")
            word = Document(str(docx))
        except A.PandocError as exc:
            raise WordImportError(source, None, f"pandoc cannot read it: {exc}") from None
        except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on bad input
            raise WordImportError(source, None, f"cannot read it: {exc}") from None
        props = _properties(word)
        lang = lang or detect_language(ast, props)
        report = Report(source.name, track_changes=track_changes)
        units = flatten(ast, report, BookmarkIndex(read_marks(word)), track_changes)
        say(f"recovering the structure of {len(units)} paragraphs, tables and figures")
        doc, cover = recover(units, lang, report)
        _locate(report, doc)
        fm = front_matter(cover, props, lang, draft_id, source.stem)
        for unit in cover:
            if unit.n not in fm.used and unit.text:
                report.add(INFO, "cover text not imported (the front-matter holds the id, "
                           "title, stage, date and committee)", unit.n, "", unit.text)
        if not doc.sections:
            report.add(UNMAPPED, "no headings found: use Word's heading styles (Heading 1 …) "
                       "or type clause numbers (\"5.2 Interfaces\")")
        out = out or _default_out(str(fm.values["id"]), lang, source, "id" in fm.placeholders)
        if out.exists() and not force:
            raise WordImportError(out, None, "exists (use --force to overwrite)")
        targets = Targets(doc, lang)
        for section, shown in targets.mismatches:
            report.add(UNMAPPED, f"typed number {section.typed}, but Clause numbers it {shown} "
                       "(typed references to it still point here)", section.n, shown)
        targets.assign(_scan(doc, targets))
        figures = Figures(work / "media", out.parent / "figures", out.stem, report)
        for figure in doc.items_of(FigureEl):
            src = figure.image["c"][2][0] if figure.image else ""
            figure.src = figures.name_for(src, A.plain(figure.caption) or f"figure {figure.label}")
            if not figure.src:
                report.add(UNMAPPED, "a figure whose picture is not in the DOCX (a linked file?): "
                           "kept as its caption; add the picture under figures/", figure.n)
            if not figure.caption:
                report.add(UNMAPPED, "a figure without a caption (\"Figure 1 — Title\" below it)",
                           figure.n)
        losses: dict[str, int] = {}

        def image_src(node: dict) -> str:
            return figures.name_for(node["c"][2][0], "image")

        def warn(what: str) -> None:
            losses[what] = losses.get(what, 0) + 1

        inline = InlineWriter(targets, image_src, warn)
        body = DraftWriter(doc, inline, lang).body()
        for what, count in sorted(losses.items()):
            report.add(UNMAPPED, f"{what}: {count} place(s), kept as plain text")
        for table in doc.items_of(TableEl):
            if not table.caption:
                report.add(UNMAPPED, "a table without a caption (\"Table 1 — Title\" above it)",
                           table.n)
        text = render(fm, lang) + "\n" + body
        for path, data in figures.files.items():
            if path.exists() and path.read_bytes() != data and not force:
                raise WordImportError(path, None, "exists with other content (use --force)")
        for path, data in figures.files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, text)
    result = ImportResult(out, lang, report, sorted(figures.files))
    if lint:
        say(f"linting {out}")
        result.findings = lint_draft(out)
    return result
