"""Word bookmarks that pandoc's reader drops, read with python-docx.

pandoc keeps a bookmark only when a link in the document points at it (jgm/pandoc#6178), so a
term entry, a table or a requirement pin that nothing refers to would lose its id between a
Clause export and its import. This module lists, for every paragraph in document order, its
text and the bookmarks that start in it (a bookmark just before a paragraph belongs to it, as
pandoc writes the bookmark of a div); ``BookmarkIndex`` then finds a paragraph of the AST by
its text. Only bookmark names and the text around them are read: the structure of the
document comes from pandoc's AST.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

_P, _T, _DEL_T, _TAB, _BR, _MARK = (qn("w:p"), qn("w:t"), qn("w:delText"), qn("w:tab"),
                                    qn("w:br"), qn("w:bookmarkStart"))
_PPR, _PSTYLE, _VAL = qn("w:pPr"), qn("w:pStyle"), qn("w:val")
SEARCH_AHEAD = 200  # paragraphs pandoc may have dropped or merged between two matches


@dataclass
class Marked:
    key: str  # the paragraph's text without white space: pandoc and Word agree on it
    marks: list[tuple[int, str]] = field(default_factory=list)  # (offset in key, name)


def key_of(text: str) -> str:
    return "".join(text.split())


def read_marks(doc: DocxDocument) -> list[Marked]:
    """Every body paragraph of ``doc`` (a python-docx Document), in document order."""
    body = doc.element.body
    out: list[Marked] = []
    pending: list[str] = []
    for el in body.iter(_P, _MARK):
        if el.tag == _MARK:
            if not any(a.tag == _P for a in el.iterancestors(_P)):
                pending.append(el.get(qn("w:name")) or "")
            continue
        if _is_contents_entry(el):
            continue  # an entry of the contents repeats its heading's text, not its bookmarks
        text: list[str] = []
        marks = [(0, name) for name in pending]
        pending = []
        for part in el.iter(_T, _DEL_T, _TAB, _BR, _MARK):
            if part.tag == _MARK:
                marks.append((len(key_of("".join(text))), part.get(qn("w:name")) or ""))
            elif part.tag in (_T, _DEL_T):
                text.append(part.text or "")
        out.append(Marked(key_of("".join(text)), [m for m in marks if m[1]]))
    return out


def _is_contents_entry(paragraph) -> bool:  # noqa: ANN001 - an lxml element
    style = paragraph.find(f"{_PPR}/{_PSTYLE}")
    return style is not None and (style.get(_VAL) or "").lower().startswith("toc")


class BookmarkIndex:
    """Bookmarks of the paragraph with a given text, consumed in document order."""

    def __init__(self, paragraphs: list[Marked]) -> None:
        self.paragraphs = paragraphs
        self.cursor = 0

    def take(self, text: str) -> list[tuple[int, str]]:
        """The bookmarks of the next paragraph whose text is ``text`` ((offset, name) with the
        offset counted without white space), or [] when none is found close ahead."""
        key = key_of(text)
        if not key:
            return []
        stop = min(len(self.paragraphs), self.cursor + SEARCH_AHEAD)
        for i in range(self.cursor, stop):
            if self.paragraphs[i].key == key:
                self.cursor = i + 1
                return self.paragraphs[i].marks
        return []
