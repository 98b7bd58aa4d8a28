"""FM: the front-matter contract of FORMAT.md."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict

from build_tools.i18n import stages
from build_tools.i18n.gb import ICS_RE
from build_tools.lint.base import FMT, ISO, Context, Example, Rule, register
from build_tools.lint.examples import PARTS_EN
from build_tools.model import Draft
from build_tools.project import unsafe_character

KNOWN = {
    "id", "title", "language", "rules", "doctype", "stage", "iteration", "date", "committee",
    "editors", "ics", "keywords", "supersedes", "ballot", "gb",
}
REQUIRED = ("id", "title", "language", "stage", "iteration", "date", "committee", "editors")
DOCTYPES = ("standard", "technical-specification", "technical-report", "guide")
BALLOT_KEYS = {"opens", "closes", "line_numbering"}
EDITOR_KEYS = {"name", "organization", "email"}


def _front(replace: str, by: str) -> dict[str, str]:
    return {"front": PARTS_EN["front"].replace(replace, by)}


@register
class Syntax(Rule):
    id = "FM-01"
    family = "front-matter"
    summary = "Front-matter is a closed YAML mapping without tags or aliases"
    source = FMT
    needs_model = False
    doc = ("The draft starts with YAML front-matter between two '---' lines. It must parse, be a "
           "mapping, and use no YAML tags (such as !!python/object) or aliases: nothing in a "
           "draft can make the tools construct an object.")
    fail = [Example("en", _front("stage: WD", "stage: [WD"))]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        # What the parser could not take (syntax, tags, an empty block) comes from
        # Rule.problems; this only adds the missing block.
        if not draft.has_front_matter and not any(p.rule == "FILE-01" for p in draft.problems):
            yield self.finding(draft, 1, "the draft has no front-matter: start it with '---', "
                               "the keys of FORMAT.md, and '---'")


@register
class Required(Rule):
    id = "FM-02"
    family = "front-matter"
    summary = "Required front-matter keys are present"
    source = FMT
    doc = f"Every draft has the keys {', '.join(REQUIRED)}."
    fail = [Example("en", _front("committee: MIIT Metaverse Standardization Working Group, WG 1\n", ""))]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        if not draft.has_front_matter or draft.fatal:
            return
        for key in REQUIRED:
            if key not in draft.meta or draft.meta[key] in (None, "", []):
                yield self.finding(draft, max(draft.meta_end, 1),
                                   f"required front-matter key '{key}' is missing")


@register
class Types(Rule):
    id = "FM-03"
    family = "front-matter"
    summary = "Front-matter values have the right type and an allowed value"
    source = FMT
    doc = ("language is en or zh; rules iso or gb; doctype one of " + ", ".join(DOCTYPES) +
           "; stage an abbreviation (WD, CD, DIS …) or a harmonized code such as 30.20; iteration "
           "an integer ≥ 1; date an ISO 8601 date; editors a list of {name, organization, email}; "
           "ballot.line_numbering continuous, per-page or none. Text values (id, title, "
           "committee, editors, keywords …) are one line without control characters: a line "
           "break or a \\x1f in a title is invisible in the editor, splits the title on the "
           "cover and cannot be written into a DOCX.")
    fail = [Example("en", _front("iteration: 1", "iteration: two")),
            Example("en", _front("stage: WD", "stage: Draft"))]
    passing = [Example("en", _front("stage: WD", 'stage: "30.20"'))]

    def check(self, draft: Draft, ctx: Context):
        if not draft.has_front_matter or draft.fatal:
            return
        m = draft.meta
        ln = draft.meta_lines

        def bad(key: str, message: str):
            return self.finding(draft, ln.get(key, 1), message)

        if "language" in m and m["language"] not in ("en", "zh"):
            yield bad("language", f"language must be en or zh, not {m['language']!r}")
        if "rules" in m and m["rules"] not in ("iso", "gb"):
            yield bad("rules", f"rules must be iso or gb, not {m['rules']!r}")
        if "doctype" in m and m["doctype"] not in DOCTYPES:
            yield bad("doctype", f"doctype must be one of {', '.join(DOCTYPES)}, not {m['doctype']!r}")
        if "stage" in m and not stages.is_valid(m["stage"]):
            yield bad("stage", f"stage {m['stage']!r} is neither a stage abbreviation "
                      f"({', '.join(stages.ORDER)}) nor a harmonized stage code such as \"30.20\"")
        if "iteration" in m and (not isinstance(m["iteration"], int) or isinstance(m["iteration"], bool)
                                 or m["iteration"] < 1):
            yield bad("iteration", f"iteration must be a whole number ≥ 1, not {m['iteration']!r}")
        if "date" in m and not isinstance(m["date"], dt.date):
            yield bad("date", f"date must be an ISO 8601 date (2026-11-28), not {m['date']!r}")
        if "id" in m and not isinstance(m["id"], str | int):
            yield bad("id", "id must be a string such as 'MVS 0001'")
        title = m.get("title")
        if "title" in m and not (isinstance(title, str) or (
                isinstance(title, dict) and title and all(isinstance(v, str) for v in title.values()))):
            yield bad("title", "title must be a string or a mapping of language to title")
        if "committee" in m and not isinstance(m["committee"], str):
            yield bad("committee", "committee must be a string")
        editors = m.get("editors")
        if "editors" in m:
            if not isinstance(editors, list) or not editors:
                yield bad("editors", "editors must be a list with at least one {name, organization}")
            else:
                for i, ed in enumerate(editors):
                    key = f"editors[{i}]"
                    if not isinstance(ed, dict) or not isinstance(ed.get("name"), str):
                        yield bad(key, f"editor {i + 1} must be a mapping with a name")
                    elif set(ed) - EDITOR_KEYS:
                        extra = ", ".join(sorted(set(ed) - EDITOR_KEYS))
                        yield bad(key, f"editor {i + 1} has unknown keys: {extra}")
        for key in ("ics", "keywords"):
            if key in m and not (isinstance(m[key], list) and all(isinstance(x, str) for x in m[key])):
                yield bad(key, f"{key} must be a list of strings")
        for key, value in _texts(m):
            char = unsafe_character(value)
            if char is not None:
                yield bad(key if key in ln else key.split("[")[0].split(".")[0],
                          f"{key} holds the control character {char}; remove it (titles and "
                          "names are one line of text)")
        ballot = m.get("ballot")
        if "ballot" in m:
            if not isinstance(ballot, dict):
                yield bad("ballot", "ballot must be a mapping with opens, closes, line_numbering")
            else:
                for key in ("opens", "closes"):
                    if key in ballot and not isinstance(ballot[key], dt.date):
                        yield bad(f"ballot.{key}", f"ballot.{key} must be an ISO 8601 date")
                if (isinstance(ballot.get("opens"), dt.date) and isinstance(ballot.get("closes"), dt.date)
                        and ballot["closes"] < ballot["opens"]):
                    yield bad("ballot.closes", "the ballot closes before it opens")
                ln_mode = ballot.get("line_numbering", "continuous")
                if ln_mode not in ("continuous", "per-page", "none"):
                    yield bad("ballot.line_numbering",
                              "ballot.line_numbering must be continuous, per-page or none")


_TEXT_KEYS = ("id", "title", "committee", "supersedes", "editors", "keywords", "ics")


def _texts(meta: dict) -> list[tuple[str, str]]:
    """(key as in meta_lines, text) for the front-matter's text values."""
    out: list[tuple[str, str]] = []
    for key in _TEXT_KEYS:
        value = meta.get(key)
        if isinstance(value, str):
            out.append((key, value))
        elif isinstance(value, dict):
            out.extend((f"{key}.{k}", v) for k, v in value.items() if isinstance(v, str))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    out.append((f"{key}[{i}]", item))
                elif isinstance(item, dict):
                    out.extend((f"{key}[{i}]", v) for v in item.values() if isinstance(v, str))
    return out


@register
class IcsCodes(Rule):
    id = "FM-07"
    family = "front-matter"
    summary = "ICS codes are well formed"
    source = "ICS (International Classification for Standards); GB/T 1.1—2020, 8.1"
    doc = ("Each code of `ics` is a field of two digits, optionally a group of three and a "
           "sub-group of two: \"35\", \"35.240\", \"35.240.99\". The cover prints them.")
    fail = [Example("en", _front("editors:", 'ics: ["35.240.9"]\neditors:'))]
    passing = [Example("en", _front("editors:", 'ics: ["35.240.99", "01.040.35"]\neditors:'))]

    def check(self, draft: Draft, ctx: Context):
        codes = draft.meta.get("ics")
        if not isinstance(codes, list):
            return
        for i, code in enumerate(codes):
            if isinstance(code, str) and not ICS_RE.fullmatch(code.strip()):
                line = draft.meta_lines.get(f"ics[{i}]", draft.meta_lines.get("ics", 1))
                yield self.finding(draft, line, f"ICS code '{code}' is not of the form "
                                   "35.240.99 (field, group, sub-group)")


@register
class Unknown(Rule):
    id = "FM-04"
    family = "front-matter"
    severity = "warning"
    summary = "Unknown front-matter keys (with the nearest known key)"
    source = FMT
    doc = "A key that FORMAT.md does not define is probably a typo; the message names the closest key."
    fail = [Example("en", _front("iteration: 1", "iteration: 1\nitteration_note: second draft"))]
    passing = [Example("en", {})]

    def check(self, draft: Draft, ctx: Context):
        if draft.fatal:
            return
        for key in draft.meta:
            if key in KNOWN:
                continue
            near = difflib.get_close_matches(key, sorted(KNOWN), n=1, cutoff=0.6)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            yield self.finding(draft, draft.meta_lines.get(key, 1),
                               f"unknown front-matter key '{key}'{hint}",
                               fix=near[0] if near else None)
        ballot = draft.meta.get("ballot")
        if isinstance(ballot, dict):
            for key in set(ballot) - BALLOT_KEYS:
                near = difflib.get_close_matches(key, sorted(BALLOT_KEYS), n=1, cutoff=0.6)
                hint = f"; did you mean '{near[0]}'?" if near else ""
                yield self.finding(draft, draft.meta_lines.get(f"ballot.{key}", 1),
                                   f"unknown ballot key '{key}'{hint}")


@register
class DuplicateKey(Rule):
    id = "FM-05"
    family = "front-matter"
    summary = "No key appears twice in the front-matter"
    source = FMT
    doc = "YAML keeps only the last of two equal keys, silently; a duplicate is always a mistake."
    fail = [Example("en", _front("stage: WD", "stage: WD\nstage: CD"))]
    passing = [Example("en", {})]
    # Reported from the parse problems (Rule.problems).


@register
class DuplicateId(Rule):
    id = "FM-06"
    family = "front-matter"
    summary = "Each draft id is unique in the repository (per language)"
    source = FMT
    cross_draft = True
    doc = ("Two drafts with the same id and language would publish to the same page and take each "
           "other's comments. The English and Chinese versions of one standard share an id.")

    def check_all(self, drafts: list[Draft], ctx: Context):
        seen: dict[tuple[str, str], list[Draft]] = defaultdict(list)
        for d in drafts:
            if d.has_front_matter and "id" in d.meta:
                seen[(d.id, d.language)].append(d)
        for (ident, _), group in seen.items():
            if len(group) < 2:
                continue
            for d in group:
                others = ", ".join(str(o.path) for o in group if o is not d)
                yield self.finding(d, d.meta_lines.get("id", 1),
                                   f"id '{ident}' is also used by {others}")


@register
class TitleDoctype(Rule):
    id = "TITLE-01"
    family = "front-matter"
    severity = "warning"
    summary = "The title does not name the document type"
    source = f"{ISO}, 11.5.2"
    source_gb = "GB/T 1.1—2020, 8.2"
    doc = ("A title is intro — main — complementary element; words such as 'Standard', "
           "'Technical Specification' or 标准/规范 belong to the document type, not the title.")
    fail = [Example("en", _front("Metaverse — Example vocabulary",
                                 "Metaverse — Technical specification for avatars"))]
    passing = [Example("en", {})]
    _WORDS = ("standard", "technical specification", "technical report", "specification")

    def check(self, draft: Draft, ctx: Context):
        for lang, title in draft.titles.items():
            low = title.lower()
            if lang == "zh":
                if title.endswith(("标准", "规范")):
                    yield self.finding(draft, draft.meta_lines.get("title", 1),
                                       f"title '{title}' names the document type")
            elif any(w in low for w in self._WORDS):
                yield self.finding(draft, draft.meta_lines.get("title", 1),
                                   f"title '{title}' names the document type")
