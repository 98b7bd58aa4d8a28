"""Generators of hostile content for the site (issue 15, class 2): SVG figures that script,
animate links, hide a foreign document or a DOCTYPE in another encoding, and drafts that put
inline HTML and script links in every place text can go. Each script sets window.__pwned."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from site_helpers import MKDOCS_YML

from build_tools.lint.examples import PARTS_EN, assemble

SVG_OPEN = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'width="120" height="60">')
PWN = "window.__pwned=1"


def hostile_svgs() -> dict[str, bytes]:
    """name -> an SVG (by content) that runs script when opened on its own, one way each."""
    body = {
        "script": f"<script>{PWN}</script><rect width='9' height='9'/>",
        "onload": f"<g onload='{PWN}'><rect width='9' height='9' onclick='{PWN}'/></g>",
        "set-href": ("<a><set attributeName='href' to='javascript:" + PWN + "'/>"
                     "<rect width='120' height='60' fill='red'/></a>"),
        "animate-xlink": ("<a xlink:href='#x'><animate attributeName='xlink:href' "
                          f"values='javascript:{PWN}' begin='0s' fill='freeze'/>"
                          "<rect width='120' height='60' fill='red'/></a>"),
        "javascript-link": (f"<a xlink:href=' javascript:{PWN}'><rect width='120' height='60'/>"
                            "</a>"),
        "foreign-object": ("<foreignObject width='100' height='50'><iframe xmlns="
                           f"'http://www.w3.org/1999/xhtml' srcdoc='&lt;script&gt;parent."
                           f"{PWN}&lt;/script&gt;'/></foreignObject>"),
        "external-use": "<use href='https://example.invalid/x.svg#a'/><image href='http://x/y.png'/>",
        "style-import": ("<style>@import url(https://example.invalid/x.css);</style>"
                         "<rect style='fill:url(https://example.invalid/#p)' width='9' height='9'/>"),
        "handler-element": f"<handler type='application/ecmascript'>{PWN}</handler>",
    }
    out = {name: (SVG_OPEN + inner + "</svg>").encode("utf-8") for name, inner in body.items()}
    out["xhtml-root"] = (b'<html xmlns="http://www.w3.org/1999/xhtml"><body><script>'
                         + PWN.encode() + b"</script><form action='javascript:" + PWN.encode()
                         + b"'><button>go</button></form></body></html>")
    laughs = ("<?xml version='1.0' encoding='UTF-16'?>\n<!DOCTYPE svg [<!ENTITY a 'xxxxxxxxxx'>"
              + "".join(f"<!ENTITY {chr(98 + i)} '{('&' + chr(97 + i) + ';') * 10}'>"
                        for i in range(8))
              + f"]>\n{SVG_OPEN}<text>&i;</text></svg>")
    out["utf16-entities"] = laughs.encode("utf-16")
    out["external-entity"] = (b"<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY x SYSTEM "
                              b"'file:///etc/passwd'>]>" + SVG_OPEN.encode() + b"<text>&x;</text>"
                              b"</svg>")
    out["deep"] = (SVG_OPEN + "<g>" * 20_000 + "</g>" * 20_000 + "</svg>").encode()
    return out


BODY_PAYLOADS = [
    '<sub\nonclick="window.__pwned=1">x</sub>',
    '<sub onclick=window.__pwned=1>x</sub>',
    "[x]( javascript:window.__pwned=1)",
    "[x](\njavascript:window.__pwned=1)",
    "[x](<javascript:window.__pwned=1>)",
    "[x](JaVa&#x09;ScRiPt:window.__pwned=1)",
    "[x](vbscript:window.__pwned=1)",
    "[x](data:text/html,<script>window.__pwned=1</script>)",
    '<img src=x onerror="window.__pwned=1">',
    '<a href="javascript:window.__pwned=1">a</a>',
    "<script>window.__pwned=1</script>",
    '<svg onload="window.__pwned=1"></svg>',
]


def draft_with_payloads(number: int) -> str:
    """A clean draft with every payload in a paragraph, a list, a table, a note, a footnote,
    a term definition, a heading and a figure caption."""
    payloads = " ".join(BODY_PAYLOADS)
    cells = " | ".join(p.replace("|", "\\|").replace("\n", " ") for p in BODY_PAYLOADS[:4])
    body = (f"\n\n## Hostile {BODY_PAYLOADS[1]}\n\n{payloads}[^evil]\n\n"
            + "".join(f"- {p}\n" for p in BODY_PAYLOADS) + "\n"
            + "Table: Payloads {#tab-evil}\n\n| a | b | c | d |\n|---|---|---|---|\n"
            + f"| {cells} |\n\nNOTE {payloads}\n\nSee [](#tab-evil), [](#fig-evil), "
            + "[](#fig-alias) and [](#fig-xhtml).\n\n"
            + "![Evil](figures/evil.svg){#fig-evil}\n\n![Alias](figures/alias.svg){#fig-alias}\n\n"
            + "![XHTML](figures/xhtml.svg){#fig-xhtml}\n\n"
            + f"[^evil]: {payloads}\n")
    terms = PARTS_EN["terms"].replace(
        "digital representation of a user", f"digital representation {BODY_PAYLOADS[0]} of a user")
    front = PARTS_EN["front"].replace("MVS 9001", f"MVS {number}")
    return assemble("en", {"front": front, "terms": terms, "body": PARTS_EN["body"] + body})


EVIL_SVG = (SVG_OPEN + f"<script>{PWN}</script><a><set attributeName='href' to='javascript:"
            + PWN + "'/><rect width='120' height='60' fill='#c62828' onload='" + PWN
            + "'/></a></svg>").encode()


def hostile_project(root: Path) -> Path:
    """A project (no git: published as dev/) with the payload draft and its figures: evil.svg,
    alias.svg (a symlink to a .png that holds a scripted SVG: judged by content, not name),
    xhtml.svg (an XHTML document named .svg), and a comment file with payloads."""
    (root / "drafts" / "figures").mkdir(parents=True)
    shutil.copy(MKDOCS_YML, root / "mkdocs.yml")
    (root / "drafts" / "hostile.md").write_text(draft_with_payloads(9600), encoding="utf-8")
    figures = root / "drafts" / "figures"
    figures.joinpath("evil.svg").write_bytes(EVIL_SVG)
    figures.joinpath("svg-inside.png").write_bytes(EVIL_SVG)
    figures.joinpath("alias.svg").symlink_to("svg-inside.png")
    figures.joinpath("xhtml.svg").write_bytes(hostile_svgs()["xhtml-root"])
    folder = root / "comments" / "hostile" / "WD1"
    folder.mkdir(parents=True)
    entries = "".join(f"  - clause: \"1\"\n    type: ge\n    comment: {json.dumps(p)}\n"
                      for p in BODY_PAYLOADS)
    folder.joinpath("EVIL.yaml").write_text(
        f"document: MVS 9600\nstage: WD\niteration: 1\nmember: EVIL\ncomments:\n{entries}",
        encoding="utf-8")
    return root
