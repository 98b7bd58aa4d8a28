"""The glossary of every term in every draft: a site page, TBX (ISO 30042) and CSV.

Entries are grouped by concept: the English term (an English draft's preferred term, or a
Chinese draft's ``en:`` equivalent), else the preferred term itself. A concept whose drafts
give different definitions in the same language is marked, so the working group can align them.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from build_tools import __version__
from build_tools.model import Draft, TermEntry
from build_tools.render import escape
from build_tools.render.escape import attr
from build_tools.render.layout import nodes_of
from build_tools.render.plain import plain_text
from build_tools.render.site import HTML_LANG, term_anchor
from build_tools.render.site_inline import InlineContext, one_line
from build_tools.site.links import relative

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Entry:
    draft: Draft
    page: str  # docs-relative path of the draft's page
    term: TermEntry
    shared_id: bool = False  # language versions of one document share its id

    @property
    def lang(self) -> str:
        return self.draft.language

    @property
    def preferred(self) -> str:
        return plain_text(self.term.preferred_phrase, self.lang) or self.term.preferred

    @property
    def definition(self) -> str:
        return plain_text(self.term.definition, self.lang)

    def attributes(self, key: str) -> list[str]:
        """The entry's admitted terms, deprecated terms, symbol or English equivalent."""
        values = (plain_text(p, self.lang) for k, p in self.term.attribute_phrases if k == key)
        return [v for v in values if v]

    @property
    def en(self) -> str:
        """The English equivalent of a Chinese draft's term (``en:``)."""
        return next(iter(self.attributes("en")[-1:]), "")

    @property
    def where(self) -> str:
        lang = f" ({self.draft.language})" if self.shared_id else ""
        return f"{self.draft.id}{lang}, {self.term.number}"


@dataclass
class Concept:
    key: str
    entries: list[Entry] = field(default_factory=list)

    def definitions(self, lang: str) -> list[tuple[str, list[Entry]]]:
        """Distinct definitions in ``lang`` (compared without case, spacing, final stop)."""
        groups: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.lang == lang and entry.definition:
                groups.setdefault(_norm_definition(entry.definition), []).append(entry)
        return [(entries[0].definition, entries) for entries in groups.values()]

    @property
    def languages(self) -> list[str]:
        return sorted({e.lang for e in self.entries}, key=lambda x: (x != "en", x))

    @property
    def differing(self) -> bool:
        return any(len(self.definitions(lang)) > 1 for lang in self.languages)

    def terms(self, lang: str) -> list[str]:
        """Preferred terms in ``lang``: the entries' own, or the English equivalents."""
        out: list[str] = []
        for entry in self.entries:
            if entry.lang == lang:
                value = entry.preferred
            elif lang == "en" and entry.en:
                value = entry.en
            else:
                continue
            if value and value not in out:
                out.append(value)
        return out

    @property
    def title(self) -> str:
        en = self.terms("en")
        return en[0] if en else self.entries[0].preferred


def _norm_definition(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".。 ")


def collect(drafts: list[tuple[Draft, str]]) -> list[Concept]:
    concepts: dict[str, Concept] = {}
    ids = [d.id for d, _ in drafts]
    for draft, page in drafts:
        for term in draft.terms:
            entry = Entry(draft, page, term, ids.count(draft.id) > 1)
            english = entry.preferred if draft.language == "en" else entry.en
            key = " ".join((english or entry.preferred).casefold().split())
            if key:
                concepts.setdefault(key, Concept(key)).entries.append(entry)
    return sorted(concepts.values(), key=lambda c: (not c.key[:1].isascii(), c.key))


# --- the page -----------------------------------------------------------------------------


def _ids(concepts: list[Concept]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for concept in concepts:
        base = "g-" + (re.sub(r"[^\w]+", "-", concept.key).strip("-") or "term")
        ident, k = base, 2
        while ident in seen:
            ident, k = f"{base}-{k}", k + 1
        seen.add(ident)
        out.append(ident)
    return out


def page(concepts: list[Concept], page_rel: str = "glossary.md") -> str:
    n_drafts = len({id(e.draft) for c in concepts for e in c.entries})
    out = [escape.front_matter("Glossary"), "# Glossary", "",
           f"{len(concepts)} concepts defined in {n_drafts} drafts. Download the glossary as "
           "[TBX](glossary.tbx) (ISO 30042 TermBase eXchange) or [CSV](glossary.csv).", ""]
    differing = sum(1 for c in concepts if c.differing)
    if differing:
        out += [f'<p class="glossary-warning">{differing} concepts have differing definitions '
                "in different drafts; they are marked below.</p>", ""]
    for concept, ident in zip(concepts, _ids(concepts), strict=True):
        out.append(_concept(concept, ident, page_rel))
    return "\n".join(out) + "\n"


def _concept(concept: Concept, ident: str, page_rel: str) -> str:
    css = " .glossary-differs" if concept.differing else ""
    heading = escape.text(concept.title)
    others = [t for lang in concept.languages for t in concept.terms(lang) if t != concept.title]
    lines = [f"## {heading} {{ id=\"{ident}\"{css} }}", ""]
    if others:
        lines.append(f'<p class="glossary-equivalents">{" · ".join(attr(t) for t in others)}</p>')
    if concept.differing:
        lines.append('<p class="glossary-flag">Differing definitions</p>')
    lines.append("")
    for lang in concept.languages:
        for _, entries in concept.definitions(lang):
            first = entries[0]
            prefix = relative(first.page, page_rel)
            # Links go to the draft's page, not the glossary; images stay on that page.
            text = InlineContext(first.draft, link_for=lambda a, p=prefix: f"{p}#{a}",
                                 link_prefix=_dir_prefix(prefix), image_ok=lambda src: False)
            assert first.term.definition is not None
            fmt_def = one_line(nodes_of(first.term.definition.phrase), text)
            sources = ", ".join(
                f"[{escape.text(e.where)}]({relative(e.page, page_rel)}#{term_anchor(e.term, e.draft)})"
                for e in entries)
            lines.append(f'<div class="glossary-definition" lang="{HTML_LANG.get(lang, lang)}" '
                         f'markdown="1">\n<p markdown="1">{fmt_def}</p>\n'
                         f'<p class="glossary-sources" markdown="1">{sources}</p>\n</div>\n')
    without = [e for e in concept.entries if not e.definition]
    if without:
        refs = ", ".join(f"[{escape.text(e.where)}]({relative(e.page, page_rel)}"
                         f"#{term_anchor(e.term, e.draft)})" for e in without)
        lines.append(f'<p class="glossary-sources" markdown="1">Without definition: {refs}</p>\n')
    return "\n".join(lines)


def _dir_prefix(page_href: str) -> str:
    folder = page_href.rsplit("/", 1)[0] + "/" if "/" in page_href else ""
    return folder


# --- TBX and CSV --------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _XML_BAD.sub("", text)


def tbx(concepts: list[Concept]) -> bytes:
    """TBX-Basic: martif/text/body/termEntry/langSet/tig/term, definitions in descripGrp."""
    martif = ET.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title").text = "Clause glossary"
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = (
        f"Generated by Clause {__version__} from the working group's drafts")
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p",
                  {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for n, concept in enumerate(concepts, 1):
        entry_el = ET.SubElement(body, "termEntry", {"id": f"c{n}"})
        for lang in _tbx_languages(concept):
            lang_set = ET.SubElement(entry_el, "langSet", {XML_LANG: lang})
            for definition, entries in concept.definitions(lang):
                grp = ET.SubElement(lang_set, "descripGrp")
                ET.SubElement(grp, "descrip", {"type": "definition"}).text = _clean(definition)
                ET.SubElement(grp, "admin", {"type": "source"}).text = _clean(
                    "; ".join(e.where for e in entries))
            for term, status in _tbx_terms(concept, lang):
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = _clean(term)
                ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
    ET.indent(martif)
    return ET.tostring(martif, encoding="utf-8", xml_declaration=True) + b"\n"


def _tbx_languages(concept: Concept) -> list[str]:
    langs = set(concept.languages)
    if any(e.en for e in concept.entries):
        langs.add("en")
    return sorted(langs, key=lambda x: (x != "en", x))


def _tbx_terms(concept: Concept, lang: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(term: str, status: str) -> None:
        term = term.strip()
        if term and term not in seen:
            seen.add(term)
            out.append((term, status))

    for term in concept.terms(lang):
        add(term, "preferredTerm-admn-sts")
    for entry in concept.entries:
        if entry.lang != lang:
            continue
        for admitted in entry.attributes("admitted"):
            add(admitted, "admittedTerm-admn-sts")
        for deprecated in entry.attributes("deprecated"):
            add(deprecated, "deprecatedTerm-admn-sts")
    return out


CSV_FIELDS = ["term", "language", "english_equivalent", "admitted", "deprecated", "symbol",
              "definition", "source", "draft", "number", "differing_definitions"]


def csv_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_bytes(rows: list[dict[str, str]], fields: list[str]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_safe(str(row.get(k, ""))) for k in fields})
    # With a BOM, spreadsheet programs read the Chinese text as UTF-8.
    return buf.getvalue().encode("utf-8-sig")


def glossary_csv(concepts: list[Concept]) -> bytes:
    rows = []
    for concept in concepts:
        for e in concept.entries:
            t = e.term
            rows.append({
                "term": e.preferred, "language": e.lang, "english_equivalent": e.en,
                "admitted": "; ".join(e.attributes("admitted")),
                "deprecated": "; ".join(e.attributes("deprecated")),
                "symbol": next(iter(e.attributes("symbol")[-1:]), ""),
                "definition": e.definition, "source": plain_text(t.source, e.lang),
                "draft": e.draft.id, "number": t.number,
                "differing_definitions": "yes" if concept.differing else "",
            })
    return csv_bytes(rows, CSV_FIELDS)
