"""STYLE: house-style words of English drafts (ISO House Style; Directives Part 2, 10.6;
metanorma-iso "dispreferred spelling").

Only the document's own prose is read: code spans, quotations and reproduced clauses are left
out (verbal.own_blocks), and so are the Normative references and the Bibliography, whose items
carry the titles of other documents as their publishers wrote them ("Computers & Security").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from build_tools.i18n import boilerplate as B
from build_tools.i18n.wordre import words
from build_tools.lint.base import (
    ISO,
    Context,
    Example,
    Finding,
    Rule,
    draft_text,
    mentions,
    register,
)
from build_tools.lint.examples import PARTS_EN
from build_tools.lint.rules.verbal import prose_blocks
from build_tools.model import Block, Draft, Phrase

_HOUSE = "ISO House Style (spelling)"
_BODY = PARTS_EN["body"]


def _body(old: str, new: str) -> str:
    assert old in _BODY
    return _BODY.replace(old, new)


def _titles(draft: Draft) -> Iterator[Phrase]:
    """The document's own headings and captions: clause titles, table and figure titles."""
    for clause in draft.walk():
        if clause.title_phrase is not None:
            yield clause.title_phrase
    for block in draft.blocks():
        phrase = getattr(block, "caption_phrase", None) or getattr(block, "title_phrase", None)
        if phrase is not None:
            yield phrase


def _case(word: str, like: str) -> str:
    return word[0].upper() + word[1:] if like[:1].isupper() else word


@register
class Spelling(Rule):
    id = "STYLE-01"
    family = "style"
    severity = "warning"
    summary = "House-style spellings: 'online', 'cybersecurity' (not 'on-line', 'cyber security')"
    source = f"{ISO}, 4.4 and {_HOUSE}"
    languages = ("en",)
    doc = "ISO writes 'online' and 'cybersecurity' as one word (metanorma-iso reports " \
          "'on-line', 'cyber security' and 'cyber-security' as dispreferred spellings). The " \
          "fix writes the preferred word, keeping a capital first letter; it is safe."
    fail = [Example("en", {"body": _body("A platform shall provide an avatar for each user.",
                                         "A platform shall provide on-line help for each user.")},
                    fixed=_body("A platform shall provide an avatar for each user.",
                                "A platform shall provide online help for each user.")),
            Example("en", {"body": _body("A platform shall provide an avatar for each user.",
                                         "A platform shall meet the cyber security requirements "
                                         "of its operator.")},
                    fixed=_body("A platform shall provide an avatar for each user.",
                                "A platform shall meet the cybersecurity requirements of its "
                                "operator."))]
    passing = [Example("en", {"body": _body("A platform shall provide an avatar for each user.",
                                            "A platform shall provide online help and meet the "
                                            "cybersecurity requirements of its operator. The "
                                            "log is read `on-line`.")})]
    _WORDS = re.compile(r"\b(?:(on)-(line)|(cyber)[\s-]+(secur(?:ity|e)))\b", re.I)

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        if not mentions(draft, ("-line", "yber")):
            return
        for block in prose_blocks(draft):
            text = block.prose
            if "-line" not in text and "yber" not in text:
                continue
            for m in self._WORDS.finditer(text):
                parts = [g for g in m.groups() if g]
                word = _case((parts[0] + parts[1]).lower(), m.group(0))
                yield self.finding_at(draft, block, m.start(), m.end(), f"write '{word}', not "
                                      f"'{m.group(0)}'", fix=word, replacement=word)


@register
class Ampersand(Rule):
    id = "STYLE-02"
    family = "style"
    severity = "warning"
    summary = "No '&' for 'and' in running text and titles"
    source = f"{ISO}, 4.4 and ISO House Style (ampersand)"
    languages = ("en",)
    doc = "Write 'and'. Left alone: '&' inside a word ('AT&T', 'R&D'), between two capitalized " \
          "words in running text (a name such as 'Standard & Poor's' or the title of a cited " \
          "journal), code, quotations and the reference lists. In the document's own headings " \
          "and captions every ' & ' is reported. The fix (unsafe: it may be a name after all) " \
          "writes 'and'."
    fail = [Example("en", {"body": _body("A platform shall provide an avatar for each user.",
                                         "A platform shall provide an avatar & a store for each "
                                         "user.")},
                    fixed=_body("A platform shall provide an avatar for each user.",
                                "A platform shall provide an avatar and a store for each user.")),
            Example("en", {"body": _body("## Interfaces", "## Interfaces & services")},
                    fixed=_body("## Interfaces", "## Interfaces and services"))]
    passing = [Example("en", {"body": _body("A platform shall provide an avatar for each user.",
                                            "A platform shall provide an avatar for each user, "
                                            "as AT&T and Standard & Poor's do; the query "
                                            "separator is `&`.")})]
    _TEXT = re.compile(r"(\S*)\s+&\s+(\S*)")
    _TITLE = re.compile(r"\s&\s")

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for block in prose_blocks(draft) if "&" in draft_text(draft) else ():
            if "&" not in block.prose:
                continue
            for m in self._TEXT.finditer(block.prose):
                before, after = m.group(1), m.group(2)
                if before[:1].isupper() and (after[:1].isupper() or not after):
                    continue  # a name or a title: "Standard & Poor's", "Computers & Security"
                at = block.prose.index("&", m.end(1))
                yield self.finding_at(draft, block, at, at + 1, "write 'and', not '&'",
                                      fix="and", replacement="and", safe=False)
        for phrase in _titles(draft):
            if "&" not in phrase.prose:
                continue
            for m in self._TITLE.finditer(phrase.prose):
                at = m.start() + 1
                yield self.finding_at(draft, phrase, at, at + 1, "write 'and', not '&', in a "
                                      "title", fix="and", replacement="and", safe=False)


# REF-06 reports these in running text; here they count only in titles.
_REF06 = B.SELF_NAME_EN
_OTHER = words(r"this (?:whole|entire|complete) (?:International )?(?:standard|specification|"
               r"Technical Specification|Technical Report)",
               r"the present (?:International )?(?:standard|specification|document)",
               r"this part of (?:ISO/IEC|ISO|IEC|GB/T|GB)\s*\d[\d.]*", end="")
# Every match holds one of these (the pattern's spaces are single spaces, as here).
_OTHER_KEYS = ("this whole", "this entire", "this complete", "the present", "this part of")


@register
class DocumentName(Rule):
    id = "STYLE-03"
    family = "style"
    severity = "warning"
    summary = "The document is 'this document' in titles too, and not 'this part of ISO …' " \
              "or 'the present document'"
    source = f"{ISO}, 10.6"
    languages = ("en",)
    doc = "A document refers to itself as 'this document' (10.6): not 'this whole " \
          "specification', 'the present standard' or 'this part of ISO 12345' in running " \
          "text, and in headings and captions not 'this standard' or 'this specification' " \
          "either. (REF-06 reports 'this standard', 'this specification' and 'this " \
          "International Standard' in running text; a name is reported once.) The fix " \
          "(unsafe: the sentence may need rewording) writes 'this document'."
    fail = [Example("en", {"scope": "This part of ISO/IEC 2382 defines terms used in metaverse "
                                    "standards."}, fixed="This document defines terms used in "
                                                         "metaverse standards."),
            Example("en", {"body": _body("## Interfaces", "## Interfaces used in this "
                                                          "specification")},
                    fixed=_body("## Interfaces", "## Interfaces used in this document"))]
    passing = [Example("en", {"scope": "This document defines terms used in metaverse "
                                       "standards, as this part of the series does for "
                                       "avatars."})]

    def _name(self, draft: Draft, where: Block | Phrase, text: str, pattern: re.Pattern,
              ) -> Iterator[Finding]:
        for m in pattern.finditer(text):
            instead = "This document" if m.group(0)[:1].isupper() else "this document"
            yield self.finding_at(draft, where, m.start(), m.end(), f"'{m.group(0)}': write "
                                  "'this document'", fix=instead, replacement=instead,
                                  safe=False)

    def check(self, draft: Draft, ctx: Context) -> Iterator[Finding]:
        for block in prose_blocks(draft) if mentions(draft, _OTHER_KEYS) else ():
            low = block.prose.lower()
            if any(key in low for key in _OTHER_KEYS):
                yield from self._name(draft, block, B.strip_exempt(block.prose), _OTHER)
        for phrase in _titles(draft):
            text = phrase.prose
            yield from self._name(draft, phrase, text, _OTHER)
            yield from self._name(draft, phrase, text, _REF06)
