"""The ballot line map: which page and clause each numbered line of the PDF is on.

Everything is read back from the PDF that was produced, not estimated from the source:

- the line numbers are the glyph runs Typst set in the left margin in the line-number font
  (DejaVu Sans Mono, used for nothing else there); their positions come from the page content
  streams, read by a small interpreter of the few operators that place text (``q Q cm BT Tf
  Tm Td TD TJ Tj``; strings are skipped whole, which relies on parentheses inside them being escaped,
  as Typst writes them). pypdf's general text extraction finds the same runs and is the
  fallback, but it is twenty times slower (0.35 s against 7 s for a 100-page draft);
- the clause of a line is the last heading above it: every heading of the body is a PDF
  bookmark whose destination is the heading's position, and the writer knows which clause or
  term entry each bookmark is (``TypstSource.headings``, in document order).

The map is a JSON array, one object per numbered line: ``{"line": 17, "page": 3,
"clause": "5.2"}``. "page" is the physical page (the cover is page 1; the footer prints the same
number). "clause" is the clause or subclause number ("5.2", "A.1"), the term number ("3.4") for
a term entry, the title of an unnumbered clause ("Foreword", "Introduction", "Bibliography"),
and "" for text before the first heading. The cover and contents pages carry no line numbers.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

# Embedded in typst, and used for nothing else in the margin. The PDF names it by its PostScript
# name, without spaces, after a subset prefix ("ABCDEF+DejaVuSansMono").
LINE_NUMBER_FAMILY = "DejaVu Sans Mono"
LINE_NUMBER_FONT = LINE_NUMBER_FAMILY.replace(" ", "")
CONTINUOUS = "continuous"
PER_PAGE = "per-page"


class LineMapError(RuntimeError):
    """The PDF's line numbers are not the sequence the template sets (a bug, not user input)."""


# --- reading line numbers ------------------------------------------------------------------

_STR = rb"\((?:[^\\()]++|\\.)*+\)"  # possessive: whole runs at once, no backtracking
_HEX_STR = rb"<[0-9A-Fa-f\s]*+>"
# Strings are consumed whole, so bytes inside them are never taken for operators. Operators
# are matched bare and their operands read back from just before them: a pattern that starts
# with six numbers would be tried at every digit of the page and costs three times as much.
_OPS = re.compile(
    rb"(?P<tj>\[(?:" + _STR + rb"|" + _HEX_STR + rb"|[-+.\d\s]++)*+\]\s*TJ)"
    rb"|(?P<s>" + _STR + rb"|" + _HEX_STR + rb")(?P<tjs>\s*Tj)?"
    rb"|(?P<op>cm|Tm|Td|TD|Tf|BT|q|Q)\b",
    re.S,
)
_DELIMITERS = b" \t\r\n\f\x00])>}"
_STRING_PART = re.compile(_STR + rb"|" + _HEX_STR, re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _literal(raw: bytes) -> bytes:
    """The bytes of a PDF literal string. Its escapes (\\ddd \\n \\( …) are Python's but for
    the parentheses, so the C codec does the work (per-escape Python was half the run time)."""
    body = raw[1:-1]
    if b"\\" not in body:
        return body
    decoded, _ = codecs.escape_decode(body.replace(b"\\(", b"(").replace(b"\\)", b")"))
    return decoded


def _string_bytes(raw: bytes) -> bytes:
    if raw.startswith(b"<"):
        digits = re.sub(rb"\s", b"", raw[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    return _literal(raw)


def _unicode_map(font: DictionaryObject) -> dict[int, str]:
    """The font's ToUnicode CMap (bfchar and bfrange) as code -> text."""
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    data = stream.get_object().get_data()
    out: dict[int, str] = {}

    def text(hexdigits: bytes) -> str:
        return bytes.fromhex(hexdigits.decode()).decode("utf-16-be", errors="replace")

    for section in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        codes = _HEX.findall(section)
        for src, dst in zip(codes[::2], codes[1::2], strict=False):
            out[int(src, 16)] = text(dst)
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for m in re.finditer(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])",
                             section):
            lo, hi = int(m.group(1), 16), int(m.group(2), 16)
            dst = m.group(3)
            if dst.startswith(b"["):
                for i, item in enumerate(_HEX.findall(dst)):
                    out[lo + i] = text(item)
            else:
                base = bytes.fromhex(dst[1:-1].decode())
                for i in range(hi - lo + 1):
                    code = base[:-1] + bytes([(base[-1] + i) & 0xFF]) if base else b""
                    out[lo + i] = code.decode("utf-16-be", errors="replace")
    return out


def _decode(run: bytes, cmap: dict[int, str], width: int) -> str:
    data = b"".join(_string_bytes(part) for part in _STRING_PART.findall(run))
    codes = (int.from_bytes(data[i:i + width], "big") for i in range(0, len(data), width))
    return "".join(cmap.get(code, "") for code in codes)


def _page_numbers(page: Any, max_x: float) -> list[tuple[float, int]]:
    """(baseline y, number) of the line numbers on one page."""
    fonts = page.get("/Resources", {}).get("/Font", {})
    targets: dict[bytes, tuple[dict[int, str], int]] = {}
    for name, ref in fonts.items():
        font = ref.get_object()
        if LINE_NUMBER_FONT in str(font.get("/BaseFont", "")):
            width = 2 if font.get("/Subtype") == "/Type0" else 1
            targets[name[1:].encode()] = (_unicode_map(font), width)
    contents = page.get_contents()
    if not targets or contents is None:
        return []
    data = contents.get_data()
    # Typst lists every font on every page; a page that never selects the line-number font
    # (cover, contents with its thousands of leader dots) is not worth interpreting.
    if not any(re.search(rb"/" + re.escape(name) + rb"\s", data) for name in targets):
        return []
    return scan(data, targets, max_x)


def scan(data: bytes, targets: dict[bytes, tuple[dict[int, str], int]],
         max_x: float) -> list[tuple[float, int]]:
    """(baseline y, number) of every run of digits set left of ``max_x`` in one of the
    ``targets`` fonts (resource name -> (code -> text, bytes per code)) in a content stream."""
    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    saved: list[tuple[float, ...]] = []
    tm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    current: tuple[dict[int, str], int] | None = None
    out: list[tuple[float, int]] = []
    for m in _OPS.finditer(data):
        kind = m.lastgroup
        if kind == "op":
            start = m.start()
            if start and data[start - 1] not in _DELIMITERS:
                continue  # the tail of a name such as /Seq
            op = m.group()
            if op == b"q":
                saved.append(ctm)
            elif op == b"Q":
                ctm = saved.pop() if saved else ctm
            elif op == b"Tf":
                name = data[data.rfind(b"/", 0, start) + 1:start].split()
                current = targets.get(name[0]) if name else None
            elif op == b"BT":
                tm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            elif op in (b"Td", b"TD"):
                try:
                    tx, ty = map(float, data[max(0, start - 80):start].split()[-2:])
                except ValueError:
                    continue
                a, b, c, d, e, f = tm
                tm = (a, b, c, d, e + tx * a + ty * c, f + tx * b + ty * d)
            else:
                try:
                    a, b, c, d, e, f = map(float, data[max(0, start - 200):start].split()[-6:])
                except ValueError:
                    continue
                if op == b"Tm":
                    tm = (a, b, c, d, e, f)
                else:
                    A, B, C, D, E, F = ctm
                    ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
                           e * A + f * C + E, e * B + f * D + F)
        elif current is not None and (kind == "tj" or m.group("tjs")):
            x = tm[4] * ctm[0] + tm[5] * ctm[2] + ctm[4]
            y = tm[4] * ctm[1] + tm[5] * ctm[3] + ctm[5]
            text = _decode(m.group(), *current).strip()
            if x < max_x and text.isdigit():
                out.append((y, int(text)))
    return out


def _page_numbers_slow(page: Any, max_x: float) -> list[tuple[float, int]]:
    """The same through pypdf's text extraction: any digits set left of the text block."""
    out: list[tuple[float, int]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        text = text.strip()
        if text.isdigit():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if x < max_x:
                out.append((y, int(text)))

    page.extract_text(visitor_text=visit)
    return out


def line_numbers(reader: PdfReader, max_x: float, fast: bool = True) -> list[tuple[int, float, int]]:
    """(page index, baseline y, number) of every line number, in reading order."""
    read = _page_numbers if fast else _page_numbers_slow
    out: list[tuple[int, float, int]] = []
    for index, page in enumerate(reader.pages):
        found = read(page, max_x)
        out.extend((index, y, n) for y, n in sorted(found, key=lambda item: -item[0]))
    return out


def _check(numbers: list[tuple[int, float, int]], mode: str) -> str | None:
    """What is wrong with the sequence, or None: 1…N (continuous) or 1…n on each page."""
    expected = 0
    page = -1
    for index, _, n in numbers:
        if mode == PER_PAGE and index != page:
            page, expected = index, 0
        expected += 1
        if n != expected:
            return f"page {index + 1}: line {n} where {expected} was expected"
    return None


# --- clauses from the bookmarks -------------------------------------------------------------


def _flatten(outline: Iterable[Any]) -> Iterable[Any]:
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def heading_positions(reader: PdfReader) -> list[tuple[int, float]]:
    """(page index, top y) of every bookmark, in document order."""
    out = []
    for item in _flatten(reader.outline):
        page = reader.get_destination_page_number(item)
        top = item.get("/Top")
        out.append((page, float(top) if top is not None else float("inf")))
    return out


def build_line_map(pdf: Path, headings: list[str], mode: str, max_x: float) -> list[dict[str, Any]]:
    """The line map of ``pdf``. ``headings`` are the locators of its bookmarks in order."""
    reader = PdfReader(pdf)
    numbers = line_numbers(reader, max_x)
    problem = _check(numbers, mode) if numbers else "no line numbers found"
    if problem:
        numbers = line_numbers(reader, max_x, fast=False)
        problem = _check(numbers, mode) if numbers else "no line numbers found"
    if problem:
        raise LineMapError(f"{pdf.name}: the line numbers are not in sequence ({problem})")
    positions = heading_positions(reader)
    if len(positions) != len(headings):
        raise LineMapError(f"{pdf.name}: {len(positions)} bookmarks for {len(headings)} headings")
    out: list[dict[str, Any]] = []
    j = -1
    for index, y, n in numbers:
        while j + 1 < len(positions):
            page, top = positions[j + 1]
            if page < index or (page == index and top >= y):
                j += 1
            else:
                break
        out.append({"line": n, "page": index + 1, "clause": headings[j] if j >= 0 else ""})
    return out


def dumps(entries: list[dict[str, Any]]) -> str:
    """One object per line: small diffs between iterations, still one JSON array."""
    if not entries:
        return "[]\n"
    rows = ",\n".join(json.dumps(e, ensure_ascii=False, separators=(", ", ": ")) for e in entries)
    return "[\n" + rows + "\n]\n"


def read_line_map(path: Path | str) -> list[dict[str, Any]]:
    """A line map written by the export: ``[{"line": int, "page": int, "clause": str}, …]``."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: a line map is a JSON array")
    out: list[dict[str, Any]] = []
    for i, entry in enumerate(data):
        ok = (isinstance(entry, dict) and isinstance(entry.get("line"), int)
              and isinstance(entry.get("page"), int) and isinstance(entry.get("clause"), str))
        if not ok:
            raise ValueError(f"{path}: entry {i} is not {{line: int, page: int, clause: str}}")
        out.append({"line": entry["line"], "page": entry["page"], "clause": entry["clause"]})
    return out
