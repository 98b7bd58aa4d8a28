"""LIST: lead-ins, item punctuation and depth of lists (Directives Part 2, Clause 21; ISO House
Style, lists; the checks of metanorma-iso's validate_list.rb).

A list is read the way metanorma-iso reads it. Its lead-in is the paragraph right before it
(for a sublist, the item it hangs from). After a colon, a list whose first item starts lower
case is one sentence broken up: items start lower case and end with ";", the last with ".";
otherwise, and after a full stop, items are sentences: upper case first, "." last. What is not
prose is left alone: a list whose items are all one or two words (terms, names, references),
the lists of Normative references, Terms and definitions, Symbols and the Bibliography, and the
first word of an item when it is code, a cross-reference, a number, an identifier or an acronym
("HTTP", "ISO/IEC 27001", "x509").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_tools.lint.base import ISO, Context, Example, Finding, Rule, register
from build_tools.lint.examples import PARTS_EN
from build_tools.model import (
    BIBLIOGRAPHY,
    NORMATIVE_REFERENCES,
    SYMBOLS,
    TERMS,
    Block,
    Draft,
    ListBlock,
    ListItem,
)

_SKIP = (NORMATIVE_REFERENCES, TERMS, SYMBOLS, BIBLIOGRAPHY)
_SOURCE = f"{ISO}, Clause 21 and ISO House Style (lists)"
# "; and" / "; or" close an item of a broken-up sentence in much real text; they still end it.
_SEMI = re.compile(r";(?:\s+(?:and|or))?$")
_WORD = re.compile(r"\S+")
_ATTRS = re.compile(r"^\{[^{}]*\}$")
_CITED = re.compile(r"[.?!]\s*\([^()]*\)$")  # "Parsing refined. (See 4.2)" ends a sentence
_CONJ = re.compile(r"([,;.:]?)(\s+(?:and|or))$")
_LABEL = re.compile(r"^\s*[^:.;\s][^:.;]{0,50}:\s+\S")

_REQ = PARTS_EN["body"].split("## Interfaces")[0]
_INTERFACES = "## Interfaces" + PARTS_EN["body"].split("## Interfaces")[1]


def _body(general: str) -> str:
    return _REQ.replace("A platform shall provide an avatar for each user.", general) + \
        _INTERFACES


_BROKEN = """A platform shall provide, for each user:

- an avatar that other users can see;
- a sign-in with the credentials of the user's organization;
- a store for the user's assets."""
_SENTENCES = """The following rules apply to avatars.

- An avatar belongs to exactly one user.
- HTTP URIs identify avatars across platforms.
- A platform removes the avatar when the user's account is closed."""


def _lists(draft: Draft) -> Iterator[tuple[ListBlock, Block | None]]:
    """Each checked list with the block right before it in its clause (None: first there)."""
    for clause in draft.walk():
        if clause.top.kind in _SKIP:
            continue
        before: Block | None = None
        for block in clause.blocks:
            if isinstance(block, ListBlock) and block.items and _prose_list(block):
                yield block, before
            before = block


def _prose_list(block: ListBlock) -> bool:
    """metanorma-iso leaves alone a list whose items all have at most two words."""
    return any(len(_WORD.findall(item.text)) > 2 for item in block.items)


def _lead(block: Block | None) -> str | None:
    """The lead-in's text; None when the block before is no sentence: not a paragraph, or a
    label without a letter ("-12" in a change log), or only an attribute list ("{: …}")."""
    if block is None or block.kind != "paragraph":
        return None
    text = block.prose.rstrip()
    if not any(c.isalpha() for c in text) or _ATTRS.match(text):
        return None
    return text


def _first_kind(item: ListItem) -> str:
    """'lower', 'upper' or 'any' (code, a cross-reference, a number, an acronym, no letter)."""
    phrase = item.phrase
    if phrase is not None:
        for node in phrase.nodes:
            if node.kind in ("code", "xref", "link", "image", "html"):
                return "any"
            if node.kind in ("emph", "strong", "strike") and node.children:
                if any(c.kind in ("code", "xref", "link") for c in node.children[:1]):
                    return "any"
            if (node.text or node.children) and node.kind != "attrs":
                break
    m = _WORD.search(item.text)
    if not m:
        return "any"
    word = m.group(0).strip("*_([\"'“‘")
    if not word or not word[0].isalpha():
        return "any"
    letters = [c for c in word if c.isalpha()]
    if any(c.isdigit() for c in word) or "/" in word or \
            (len(letters) > 1 and all(c.isupper() for c in letters)) or \
            any(c.isupper() for c in word[1:]):
        return "any"  # HTTP, ISO/IEC, x509, iPhone, WebXR: names keep their case
    return "upper" if word[0].isupper() else "lower"


class _Group:
    """Items of one level under one lead-in, with, for each, whether a sublist follows it."""

    def __init__(self, lead: str | None, items: list[tuple[ListItem, bool]], last: bool,
                 lead_at: tuple[Block, int] | None = None) -> None:
        self.lead = lead
        self.items = items
        self.last = last  # the group's last item ends the whole list
        self.lead_at = lead_at


def _groups(block: ListBlock, lead: str | None) -> Iterator[_Group]:
    items = block.items
    return _level(items, 0, len(items), lead, True)


def _level(items: list[ListItem], start: int, stop: int, lead_text: str | None,
           is_last: bool) -> Iterator[_Group]:
    """The group of items[start:stop] at one depth, then the groups nested in its items. A
    module-level function, not a closure that calls itself: such a closure is a reference
    cycle, and the lint worker collects no garbage while it works on a draft (engine)."""
    members: list[tuple[ListItem, bool]] = []
    subs: list[tuple[int, int, str]] = []
    i = start
    while i < stop:
        item = items[i]
        j = i + 1
        while j < stop and items[j].depth > item.depth:
            j += 1
        members.append((item, j > i + 1))
        if j > i + 1:
            subs.append((i + 1, j, item.text.rstrip()))
        i = j
    yield _Group(lead_text, members, is_last)
    for a, b, parent in subs:
        yield from _level(items, a, b, parent, is_last and b == stop)


def _end(item: ListItem) -> tuple[str, int]:
    text = item.text.rstrip()
    return text, len(text)


class _ListRule(Rule):
    family = "lists"
    severity = "warning"
    source = _SOURCE
    languages = ("en",)  # the case of letters and these stops are rules of Latin script


@register
class LeadIn(_ListRule):
    id = "LIST-01"
    severity = "info"  # editors argue about it: cplusplus/draft#6999 answers ISO/CS's request
    summary = "A list's lead-in ends with a colon or a full stop"
    doc = "The paragraph right before a list introduces it: a sentence ending with a full stop, " \
          "or a proposition ending with a colon that the items complete (metanorma-iso: \"All " \
          "lists must be preceded by colon or full stop\"). A list first in its clause, and " \
          "lists of one- or two-word items, are not checked. A note, not a warning: ISO/CS " \
          "asks for the colon, while some committees hold that a lead-in completed by its " \
          "items takes none (WG 21, cplusplus/draft#6999)."
    fail = [Example("en", {"body": _body(_BROKEN.replace("for each user:", "for each user"))})]
    passing = [Example("en", {"body": _body(_BROKEN)}),
               Example("en", {"body": _body(_SENTENCES)})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for _block, before in _lists(draft):
            lead = _lead(before)
            if lead is not None and not lead.endswith((":", ".")):
                assert before is not None
                n = len(lead)
                yield self.finding_at(draft, before, n - 1, n, "the lead-in of the list below "
                                      f"ends with '{lead[-1]}': end it with ':' when the items "
                                      "complete it, or with '.' when they are sentences")


def _checked(draft: Draft) -> Iterator[tuple[_Group, str]]:
    """Each group to check with its form: 'broken' (one sentence) or 'sentences'."""
    for block, before in _lists(draft):
        for group in _groups(block, _lead(before)):
            lead = group.lead
            if lead is not None and not lead.endswith((":", ".")):
                # LIST-01 reports such a lead-in, or a parent item runs on into its sublist:
                # either way the form cannot be told.
                continue
            if lead is None or _fields(group):
                continue
            first = _first_kind(group.items[0][0])
            if lead.endswith("."):
                yield group, "sentences"
            elif first == "upper":
                yield group, "sentences"
            elif first == "lower":
                yield group, "broken"
            # an agnostic first item after a colon: the form cannot be told


def _fields(group: _Group) -> bool:
    """Items that are "label: value" lines (a registration template, the terminology databases
    of the Terms boilerplate) are a record, not sentences: ISO writes them unpunctuated."""
    labelled = sum(1 for item, _ in group.items if _LABEL.match(item.text))
    return labelled * 2 >= len(group.items)


@register
class BrokenSentence(_ListRule):
    id = "LIST-02"
    summary = "Items completing a lead-in that ends with ':' start lower case and end with ';' " \
              "(the last with '.')"
    doc = "When the lead-in ends with a colon and the first item starts lower case, the items " \
          "are parts of one sentence: each starts lower case and ends with a semicolon (\"; and\" " \
          "and \"; or\" are accepted), the last with a full stop. An item followed by a sublist " \
          "introduces it and may end otherwise; the last item of a sublist may end with ';' or " \
          "'.'. Items starting with a name, an acronym, code or a reference keep their case. " \
          "The fix puts the right stop in place of a wrong one (or after the last character)."
    fail = [Example("en", {"body": _body(_BROKEN.replace("can see;", "can see,"))},
                    fixed=_body(_BROKEN)),
            Example("en", {"body": _body(_BROKEN.replace("assets.", "assets"))},
                    fixed=_body(_BROKEN)),
            Example("en", {"body": _body(_BROKEN.replace("- a sign-in", "- A sign-in"))})]
    passing = [Example("en", {"body": _body(_BROKEN)}),
               Example("en", {"body": _body(_BROKEN.replace("- a sign-in with the credentials",
                                                            "- HTTP sign-in with the credentials")
                                            .replace("organization;", "organization; and"))})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for group, form in _checked(draft):
            if form != "broken":
                continue
            for k, (item, has_sub) in enumerate(group.items):
                if item.phrase is None:
                    continue
                if _first_kind(item) == "upper":
                    lead = len(item.text) - len(item.text.lstrip())
                    yield self.finding_at(draft, item.phrase, lead, lead + 1,
                                          "this item continues the lead-in's sentence: start it "
                                          "lower case")
                if has_sub:
                    continue
                last = k == len(group.items) - 1
                text, n = _end(item)
                if not text:
                    continue
                if last and group.last:
                    if not text.endswith("."):
                        yield self._stop(draft, item, text, n, ".", "the last item of a broken-up "
                                         "sentence ends with '.'")
                elif last:
                    if not (text.endswith(".") or _SEMI.search(text)):
                        yield self._stop(draft, item, text, n, ";", "an item of a broken-up "
                                         "sentence ends with ';'")
                elif not _SEMI.search(text):
                    yield self._stop(draft, item, text, n, ";", "an item of a broken-up sentence "
                                     "ends with ';'")

    def _stop(self, draft: Draft, item: ListItem, text: str, n: int, stop: str,
              message: str) -> Finding:
        assert item.phrase is not None
        return self.finding_at(draft, item.phrase, n - 1, n, message, fix=stop,
                               **_stop_edit(text, stop))


def _stop_edit(text: str, stop: str, safe: bool = True) -> dict:
    """The edit putting ``stop`` at the end of an item: in place of a wrong stop, before a
    final "and"/"or" (", and" becomes "; and"), or after the last character."""
    n = len(text)
    conj = _CONJ.search(text)
    if conj:
        if stop != ";":
            return {}  # "…, and" as the last item: the fix is a rewording
        a = conj.start(1)
        return {"replacement": stop, "safe": safe, "edit_range": (a, conj.end(1))}
    wrong = text[-1] in ",;.:"
    return {"replacement": stop, "safe": safe, "edit_range": (n - 1, n) if wrong else (n, n)}


@register
class ItemSentences(_ListRule):
    id = "LIST-03"
    summary = "Items after a lead-in sentence are sentences: upper case first, '.' last"
    doc = "When the lead-in is a sentence (ends with '.'), or ends with ':' and the first item " \
          "starts upper case, each item is a sentence: it starts upper case and ends with a full " \
          "stop (an item that introduces a sublist may end with ':'). Items starting with a " \
          "number, an acronym, code or a reference are not checked for case. The fix adds the " \
          "missing full stop."
    fail = [Example("en", {"body": _body(_SENTENCES.replace("one user.", "one user"))},
                    fixed=_body(_SENTENCES)),
            Example("en", {"body": _body(_SENTENCES.replace("- A platform removes",
                                                            "- a platform removes"))})]
    passing = [Example("en", {"body": _body(_SENTENCES)})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for group, form in _checked(draft):
            if form != "sentences":
                continue
            after_colon = group.lead is not None and group.lead.endswith(":")
            for item, has_sub in group.items:
                if item.phrase is None:
                    continue
                if _first_kind(item) == "lower":
                    lead = len(item.text) - len(item.text.lstrip())
                    yield self.finding_at(draft, item.phrase, lead, lead + 1,
                                          "this item is a sentence: start it upper case")
                text, n = _end(item)
                if not text or text.endswith((".", "?", "!")) or _CITED.search(text) or \
                        (has_sub and text.endswith(":")):
                    continue
                if after_colon:
                    message = "items after a colon that start upper case are sentences and end " \
                              "with '.'; if the item completes the lead-in, start it lower case " \
                              "and end it with ';'"
                else:
                    message = "this item is a sentence: end it with '.'"
                # After a colon the author may have meant a broken-up sentence: unsafe.
                yield self.finding_at(draft, item.phrase, n - 1, n, message, fix=".",
                                      **_stop_edit(text, ".", safe=not after_colon))


@register
class Depth(_ListRule):
    id = "LIST-04"
    summary = "Lists are at most four levels deep"
    doc = "A list nested more than four levels deep cannot be followed; split it or turn the " \
          "deepest levels into text or a table (metanorma-iso: \"List more than four levels " \
          "deep\")."
    fail = [Example("en", {"body": _body(
        "A platform provides these services:\n\n"
        "- rendering of scenes:\n  - lighting:\n    - shadows:\n      - soft shadows:\n"
        "        - contact-hardening shadows.")})]
    passing = [Example("en", {"body": _body(
        "A platform provides these services:\n\n"
        "- rendering of scenes:\n  - lighting:\n    - shadows:\n      - soft shadows.")})]

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for block in draft.blocks():
            if isinstance(block, ListBlock) and block.max_depth > 4:
                item = next(i for i in block.items if i.depth > 4)
                if item.phrase is not None:
                    yield self.finding_at(draft, item.phrase, 0, 0, f"this item is at level "
                                          f"{item.depth} of a list; four levels are the most")
                else:
                    yield self.finding_at_line(draft, item.line, f"this item is at level "
                                               f"{item.depth} of a list; four levels are the most")
