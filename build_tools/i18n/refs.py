"""Document identifiers as written in drafts: ISO, IEC, GB, sector, group, IEEE, ITU, IETF."""

from __future__ import annotations

import functools
import re

from build_tools.i18n.wordre import has_digit, words

# A publisher prefix, then a number with optional parts, then an optional year. The
# alternatives are tried in this order.
_PUBLISHERS = (
    "ISO/IEC/IEEE", "ISO/IEC", "ISO/TR", "ISO/TS", "IEC/TR", "IEC/TS", "ISO", "IEC",
    "IEEE(?: Std)?", "GB/T", "GB/Z", "GB", "SJ/T", "YD/T", "GA/T", "JR/T", "T/[A-Z]{2,6}",
    "ITU-T", "ITU-R", "IETF RFC", "RFC", "W3C", "ETSI (?:TS|TR|GS|EN)", "ISO/IEC TR",
    "ISO/IEC TS", "IEC TR", "IEC TS", "ISO TR", "ISO TS", "ISO/IEC JTC 1",
)
_PUBLISHER = "(?:" + "|".join(_PUBLISHERS) + ")"
_NUMBER = r"(?:[A-Z]\.)?\d+(?:[.-]\d+)*(?:\.[A-Z]+)?"
# Not after a letter, digit or "/" of the same word; a CJK character before it is fine
# ("应符合GB/T 35273的规定" cites GB/T 35273). Written with words(): a pattern that starts with
# the look-behind was tried at every character of every block, a tenth of the lint time.
_NOT_AFTER = "[A-Za-z0-9_/]"
IDENT_RE = words(*_PUBLISHERS, ignore_case=False, not_after=_NOT_AFTER,
                 end=rf"\s?(?:{_NUMBER})(?:(?P<sep>[:—–-])(?P<year>(?:19|20)\d\d|—))?")
YEAR_RE = re.compile(r"(?:[:—–]|(?<=\d)-)(?:(?:19|20)\d\d|—)$")
GB_PREFIX_RE = re.compile(r"^(?:GB/T|GB/Z|GB|SJ/T|YD/T|GA/T|JR/T|T/[A-Z]{2,6})\s?")
ITU_RE = re.compile(r"^ITU-[TR]\s?[A-Z]\.\d+")


def is_gb_family(ident: str) -> bool:
    return bool(GB_PREFIX_RE.match(ident))


_HYPHEN_YEAR = re.compile(r"^((?:IEEE(?: Std)?|GB/T|GB/Z|GB|SJ/T|YD/T|GA/T|JR/T|T/[A-Z]{2,6})\s?"
                          r"[\d.]+)-((?:19|20)\d\d)$")


def base_ident(ident: str) -> str:
    """Identifier without its year: "ISO/IEC 2382:2015" -> "ISO/IEC 2382".

    IEEE (and, wrongly but often, GB) write the year after a hyphen: "IEEE 3079-2020".
    """
    ident = " ".join(ident.split())
    hyphen = _HYPHEN_YEAR.match(ident)
    if hyphen:
        return hyphen.group(1)
    match = re.match(rf"^({_PUBLISHER}\s?{_NUMBER})", ident)
    if match:
        return match.group(1).replace("  ", " ")
    return re.sub(r"[:—–](?:19|20)\d\d$", "", ident)


def normalise(ident: str) -> str:
    """Comparable form: no spaces after the prefix, hyphen-year treated like a colon-year."""
    return re.sub(r"\s+", "", base_ident(ident)).upper()


def find_idents(text: str) -> list[re.Match[str]]:
    return list(IDENT_RE.finditer(text))


_CITED = words(*_PUBLISHERS, ignore_case=False, not_after=_NOT_AFTER,
               end=rf"[\s\-]?(?:{_NUMBER})(?:(?:[:—–]|(?<=\d)-)(?:(?:19|20)\d\d|—))?")
_PUBLISHER_HINT = re.compile("ISO|IEC|GB|RFC|IEEE|ITU|W3C|ETSI|T/|SJ|YD|GA|JR")
_NUMBER_START = re.compile(r"[\s\-]?(?=[A-Z]?\.?\d)")


def find_citations(text: str) -> list[re.Match[str]]:
    """Identifiers cited in running text, written with a space, a hyphen ("RFC-9110") or
    nothing between the publisher and the number, next to CJK characters or not."""
    # Most blocks cite nothing: two cheap first looks. Every identifier holds a digit.
    if not has_digit(text) or _PUBLISHER_HINT.search(text) is None:
        return []
    return list(_CITED.finditer(text))


@functools.lru_cache(maxsize=4096)  # a draft cites the same few documents again and again
def citation_key(ident: str) -> str:
    """One form for one document however it is written: "RFC 9110", "RFC-9110" and
    "IETF RFC 9110" are "RFC9110"; "ISO 8601-1:2019" is "ISO8601-1"; "GB/T 35273—2020" is
    "GB/T35273"."""
    ident = " ".join(ident.split())
    ident = re.sub(r"^IETF\s+", "", ident)
    ident = re.sub(r"^(RFC|IEEE(?: Std)?|ITU-[TR])[\s-]+", r"\1 ", ident)
    return normalise(ident)
