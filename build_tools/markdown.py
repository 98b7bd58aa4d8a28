"""The one markdown-it configuration of Clause, and the shortcuts that make it fast.

Every draft is parsed by ``MARKDOWN`` (CommonMark, tables, strikethrough, footnotes; raw HTML
kept; every link target kept, so views can drop unsafe ones). Parsing is most of a lint, so
the configuration takes shortcuts where markdown-it's answer is known in advance, each one
giving exactly the tokens markdown-it would give (tests/model/test_inline_fast_path.py compares
every field of every token, on generated text and on the corpus):

- inline content without markup is marked ``plain`` and gets no children (the builder reads its
  content); content whose only markup is links to anchors and code spans, or one emphasis
  (a reference's title), gets its tokens directly;
- the block state finds its line markers with ``str.split``;
- each chain of block rules tries only the rules that can start with a line's first
  character, "lheading" and "table" only when the next lines allow them;
- block tokens are made field by field; "normalize" and "text_join" run only where they have
  work; table rows are split by ``str.split`` and plain link targets are not re-encoded.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore, normalize, text_join
from markdown_it.token import Token
from markdown_it.utils import EnvType
from mdit_py_plugins.footnote import footnote_plugin


class _Quiet:
    """A logger that does nothing: markdown-it's block rules call LOGGER.debug on every line
    they try, which is about a tenth of a parse even with debug logging off."""

    def debug(self, *args: object, **kwargs: object) -> None:
        pass


def _silence_block_rules() -> None:
    import pkgutil

    import markdown_it.rules_block as rules

    for info in pkgutil.iter_modules(rules.__path__):
        module = importlib.import_module(f"{rules.__name__}.{info.name}")
        if hasattr(module, "LOGGER"):
            module.LOGGER = _Quiet()


# A character that can start inline markup in our configuration (escape, code, emphasis,
# strike, link, image, footnote, autolink, HTML, entity), or white space at a line break, which
# makes a hard break or is dropped. Content without any is text and soft breaks only. (Two
# patterns: a lone character class is scanned several times faster than an alternation.)
_MARKUP_CHAR_RE = re.compile(r"[\\`*~\[\]!<&^]")
_BREAK_SPACE_RE = re.compile(r"[ \t]\n|\n[ \t]")
# Underscores between two ASCII letters or digits ("snake_case", "TLS_AES_128") can neither
# open nor close emphasis (CommonMark, 6.2): they are text.
_INTRAWORD_UNDERSCORES = re.compile(r"(?<=[A-Za-z0-9])_+(?=[A-Za-z0-9])")


def is_plain(content: str) -> bool:
    """True when markdown-it's inline parser would give only text and soft breaks."""
    if _MARKUP_CHAR_RE.search(content) is not None:
        return False
    if "_" in content and "_" in _INTRAWORD_UNDERSCORES.sub("", content):
        return False
    return "\n" not in content or _BREAK_SPACE_RE.search(content) is None


def plain_children(content: str) -> list[Token]:
    """The tokens markdown-it's inline parser gives for plain content (``is_plain``): one text
    token per line, soft breaks between."""
    if "\n" not in content:
        return [Token("text", "", 0, content=content)] if content else []
    children: list[Token] = []
    for n, line in enumerate(content.split("\n")):
        if n:
            children.append(Token("softbreak", "br", 0))
        if line:
            children.append(Token("text", "", 0, content=line))
    return children


# Content whose only markup is links to anchors or files ("see [](#tab-x)", "[the model](#fig-a)",
# "[](other.md#term-y)") and code spans ("`timeout`"), on one line: the commonest markup of a
# draft. Text around and inside the links has no markup character at all, a target no scheme,
# host, space or bracket, a code span one backtick on each side (a longer run next to it would
# make markdown-it pair the backticks otherwise). For such content the parser's answer is known
# too (``simple_children``).
_SIMPLE_TEXT = r"[^\\`*_~\[\]!<&^\n]"
_LINK = rf"\[({_SIMPLE_TEXT}*)\]\(((?!//)[A-Za-z0-9._/#-]+)\)"
_CODE = r"(?<!`)`([^`\n]+)`(?!`)"
_SIMPLE = re.compile(rf"(?:{_SIMPLE_TEXT}|{_LINK}|{_CODE})*")
_PIECE = re.compile(rf"{_LINK}|{_CODE}")


def _token(ttype: str, tag: str, nesting: Literal[-1, 0, 1], level: int, content: str = "",
           attrs: dict | None = None, markup: str = "", block: bool = False) -> Token:
    """A token with the fields ``Token(ttype, tag, nesting)`` gives, then ``level`` and
    ``block`` set as markdown-it's push sets them, made field by field: the dataclass __init__
    (two default factories, a __post_init__ that makes the attributes dict again) was a third
    of every push, and a draft pushes some 700 tokens."""
    token = _NEW_TOKEN(Token)
    token.type, token.tag, token.nesting = ttype, tag, nesting
    token.attrs = attrs if attrs is not None else {}
    token.map = token.children = None
    token.level = level
    token.content = content
    token.markup = markup
    token.info = ""
    token.meta = {}
    token.block = block
    token.hidden = False
    return token


_NEW_TOKEN = Token.__new__


def simple_children(content: str) -> list[Token]:
    """The tokens markdown-it's inline parser gives for content that ``_SIMPLE`` matches:
    text; for each link its open tag (with the target), its text and its close tag; for each
    code span a code token (one space stripped from each side when both are there)."""
    children: list[Token] = []
    at = 0
    for m in _PIECE.finditer(content):
        if m.start() > at:
            children.append(_token("text", "", 0, 0, content[at:m.start()]))
        code = m.group(3)
        if code is not None:
            if code[0] == " " and code[-1] == " " and code.strip(" "):
                code = code[1:-1]
            children.append(_token("code_inline", "code", 0, 0, code, markup="`"))
        else:
            children.append(_token("link_open", "a", 1, 0, attrs={"href": m.group(2)}))
            if m.group(1):
                children.append(_token("text", "", 0, 1, m.group(1)))
            children.append(_token("link_close", "a", -1, 0))
        at = m.end()
    if at < len(content):
        children.append(_token("text", "", 0, 0, content[at:]))
    return children


# One emphasis on one line with plain text around and inside it: a reference's title
# ("ISO/IEC 2382:2015, *Information technology — Vocabulary*"). The first "*" starts the content
# or follows a space, the second ends it or comes before a space or punctuation, and the text
# between starts and ends with a letter or digit: so the first can only open emphasis and the
# second only close it (CommonMark, 6.2), and the parser's answer is known (``emphasis_children``).
_EMPHASIS = re.compile(rf"((?:{_SIMPLE_TEXT}*[ ])?)\*([^\W_](?:{_SIMPLE_TEXT}*[^\W_])?)\*"
                       rf"((?:[ .,;:)。，；：）]{_SIMPLE_TEXT}*)?)")


def emphasis_children(match: re.Match[str]) -> list[Token]:
    """The tokens markdown-it's inline parser gives for content that ``_EMPHASIS`` matches."""
    before, inside, after = match.groups()
    children = [_token("text", "", 0, 0, before)] if before else []
    children.append(_token("em_open", "em", 1, 0, markup="*"))
    children.append(_token("text", "", 0, 1, inside))
    children.append(_token("em_close", "em", -1, 0, markup="*"))
    if after:
        children.append(_token("text", "", 0, 0, after))
    return children


def _inline_rule(state: StateCore) -> None:
    """markdown-it's core "inline" rule, without running the inline parser on plain text.

    Two thirds of a parse is the inline parser, and most inline content (three in four
    paragraphs, cells and titles of a draft) holds no markup: for it the parser's answer is
    known in advance (``plain_children``). The builder reads such content directly, so the
    token is only marked ``plain`` and gets no children. tests/model/test_inline_fast_path.py
    checks, token for token, that the parser's answer is the one known in advance.
    """
    md = state.md
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        content = token.content
        if is_plain(content):
            token.meta["plain"] = True
            continue
        if ("](" in content or "`" in content) and "\n" not in content and \
                _SIMPLE.fullmatch(content):
            token.children = simple_children(content)
            continue
        if "*" in content and "\n" not in content and \
                (match := _EMPHASIS.fullmatch(content)) is not None:
            token.children = emphasis_children(match)
            continue
        md.inline.parse(content, md, state.env, token.children)


def _normalize(state: StateCore) -> None:
    """markdown-it's "normalize" (line ends, NUL), run only when there is something to do: a
    draft read by ``decode`` has neither, and two substitutions over every file were 1 % of a
    lint."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def _text_join(state: StateCore) -> None:
    """markdown-it's "text_join" on the tokens the inline parser made (plain ones have no
    escapes to join)."""
    parsed = [t for t in state.tokens if t.type == "inline" and not t.meta.get("plain")]
    if parsed:
        text_join(SimpleNamespace(tokens=parsed))  # type: ignore[arg-type]


# The first character (after the indent) that each block rule needs at the start of its line;
# every rule checks it before anything else, so on a line starting with another character it
# can only answer no. Rules not named here are tried on every line.
_RULE_FIRST_CHARS = {"fence": "`~", "blockquote": ">", "hr": "*-_", "list": "*-+0123456789",
                     "footnote_def": "[", "reference": "[", "html_block": "<", "heading": "#"}


def _dispatch_on_first_char(md: MarkdownIt) -> None:
    """Each chain of block rules (the main one, and the terminators a paragraph, list, quote or
    reference checks on each of its lines) becomes one rule that calls, in the same order, only
    the rules that can match the line's first character. Same tokens, a third fewer calls on a
    draft where most lines start with a letter (tests/model/test_inline_fast_path.py compares
    the tokens with markdown-it's on the corpus)."""
    ruler = md.block.ruler
    ruler.__compile__()
    cache = ruler.__cache__
    assert cache is not None
    enabled = [r for r in ruler.__rules__ if r.enabled]
    chars = set("".join(_RULE_FIRST_CHARS.values()))
    for chain in list(cache):
        rules = [r for r in enabled if not chain or chain in r.alt]
        if [r.fn for r in rules] != cache[chain]:
            continue  # not the chain we know how to read: leave it as it is
        fns = {r.name: _guarded(r.name, r.fn) for r in rules}
        default = tuple(fns[r.name] for r in rules if r.name not in _RULE_FIRST_CHARS)
        by_char = {ch: tuple(fns[r.name] for r in rules
                             if ch in _RULE_FIRST_CHARS.get(r.name, ch))
                   for ch in chars}
        cache[chain] = [_dispatcher(by_char, default)]


# First characters of a line that may end a paragraph (a fence, quote, rule, list item,
# footnote, HTML block, heading, or a table's delimiter row) or be a setext underline.
_MAY_END_PARAGRAPH = frozenset("-=`~>*_+0123456789[<#|:")


def _underline_ahead(state: StateBlock, start: int, end: int) -> bool:
    """"lheading" may find a setext underline after ``start``: without this look, every
    paragraph was read twice, line by line with every terminating rule, once by "lheading" to
    find no underline, then by "paragraph". The look answers no only when it reaches a blank
    line (where lheading stops) over lines that can neither be an underline nor end the
    paragraph; on any other line it leaves the answer to lheading. So it reads no further than
    the paragraph reaches: a look to the next blank line past 50 000 footnote lines, each a
    paragraph of its own, was quadratic."""
    src, begins, shifts, ends = state.src, state.bMarks, state.tShift, state.eMarks
    line = start + 1
    while line < end:
        pos = begins[line] + shifts[line]
        if pos >= ends[line]:
            return False  # a blank line: lheading stops there
        if src[pos] in _MAY_END_PARAGRAPH:
            return True
        line += 1
    return False


def _delimiter_row_ahead(state: StateBlock, start: int, end: int) -> bool:
    """The next line starts with "|", "-" or ":": the first thing "table" asks of a
    delimiter row, before anything costlier."""
    line = start + 1
    if line >= end:
        return False
    pos = state.bMarks[line] + state.tShift[line]
    return pos < state.eMarks[line] and state.src[pos] in "|-:"


def _guarded(name: str, fn: Callable) -> Callable:
    """``fn``, called only when its cheap precondition holds (it answers no otherwise, with
    no effect on the tokens); rules without one are returned as they are."""
    guard = {"lheading": _underline_ahead, "table": _delimiter_row_ahead}.get(name)
    if guard is None:
        return fn

    def guarded(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        return guard(state, start, end) and fn(state, start, end, silent)

    return guarded


def _dispatcher(by_char: dict[str, tuple], default: tuple) -> Callable:
    get = by_char.get

    def first_char_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        rules = get(state.src[pos], default) if pos < state.eMarks[start] else default
        for rule in rules:
            if rule(state, start, end, silent):
                return True
        return False

    return first_char_rule


def _split_cells(string: str) -> list[str]:
    """markdown-it's ``escapedSplit`` of a table row, at C speed when the row holds no
    backslash (then no pipe is escaped and every pipe splits: ``str.split``)."""
    if "\\" not in string:
        return string.split("|")
    return _ESCAPED_SPLIT(string)


# The module, not the rule function that markdown_it.rules_block exports under the same name.
_table_rule = importlib.import_module("markdown_it.rules_block.table")
_ESCAPED_SPLIT = _table_rule.escapedSplit


class _BlockState(StateBlock):
    """markdown-it's block state, pushing tokens made by ``_token``, its line markers made
    from ``str.split``: markdown-it finds each line and then scans its indent character by
    character in Python, where most lines have none."""

    def __init__(self, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> None:
        super().__init__("", md, env, tokens)  # every other field, as markdown-it sets it
        self.src = src
        length = len(src)
        starts: list[int] = []
        ends: list[int] = []
        shifts: list[int] = []
        counts: list[int] = []
        start = 0
        for line in src.split("\n"):
            if start >= length:  # the empty piece after a final line break
                break
            end = start + len(line)
            indent = offset = 0
            if line and line[0] in " \t":
                indent = len(line) - len(line.lstrip(" \t"))
                if end == length and indent == len(line):
                    break  # a last line of only spaces and tabs, without a line break: no line
                if "\t" in line[:indent]:
                    for ch in line[:indent]:
                        offset += 4 - offset % 4 if ch == "\t" else 1
                else:
                    offset = indent
            starts.append(start)
            ends.append(end)
            shifts.append(indent)
            counts.append(offset)
            start = end + 1
        starts.append(length)  # markdown-it's fake last line, for its bounds checks
        ends.append(length)
        shifts.append(0)
        counts.append(0)
        self.bMarks, self.eMarks, self.tShift, self.sCount = starts, ends, shifts, counts
        self.bsCount = [0] * len(starts)
        self.lineMax = len(starts) - 1

    def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
        if nesting < 0:
            self.level -= 1
        token = _token(ttype, tag, nesting, self.level, block=True)
        if nesting > 0:
            self.level += 1
        self.tokens.append(token)
        return token


def _parse_blocks(src: str, md: MarkdownIt, env: dict, out: list[Token]) -> list[Token] | None:
    """markdown-it's ParserBlock.parse, with our block state."""
    if not src:
        return None
    state = _BlockState(src, md, env, out)
    md.block.tokenize(state, state.line, state.lineMax)
    return state.tokens


# Link targets that markdown-it's normalizeLink gives back unchanged: no scheme, host, percent
# sign or other character it would encode ("#tab-x", "other.md#term-y", "figures/a.svg").
_PLAIN_TARGET = re.compile(r"(?!//)[A-Za-z0-9._~#/-]*")


def _normalize_link(url: str) -> str:
    """markdown-it's normalizeLink, which parses and re-encodes every target (a tenth of the
    inline parse of a paragraph with cross-references), skipped for plain targets."""
    if _PLAIN_TARGET.fullmatch(url):
        return url
    return _NORMALIZE_LINK(url)


_NORMALIZE_LINK = normalizeLink


def _markdown() -> MarkdownIt:
    _silence_block_rules()
    # The table rule splits each row with a character loop in Python; the same split by
    # str.split where nothing is escaped (tests/model/test_inline_fast_path.py compares them).
    _table_rule.escapedSplit = _split_cells  # type: ignore[assignment]
    md = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
    md.use(footnote_plugin)
    md.core.ruler.at("inline", _inline_rule)
    md.core.ruler.at("normalize", _normalize)
    md.core.ruler.at("text_join", _text_join)
    _dispatch_on_first_char(md)
    md.block.parse = _parse_blocks  # type: ignore[method-assign]
    # A javascript: link stays a link in the model, so every view shows its text and drops
    # the target (safety.is_unsafe_url) instead of showing the raw "[x](javascript:…)".
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.normalizeLink = _normalize_link  # type: ignore[method-assign]
    return md


# The one Markdown configuration: every view that reads inline Markdown uses this instance.
MARKDOWN = _markdown()
