"""``mkdocs serve`` with the headers a figure needs; ``clause serve`` runs it as
``python -m build_tools.site.devserver serve …`` (the arguments are mkdocs' own).

An SVG opened on its own, not through ``<img>``, is a document of the site's origin. Figures
are published cleaned (render.figure_content): that is the first wall. Here every SVG is also
served with csp.FIGURE_POLICY (no script, a sandbox) and every response with ``nosniff``, as a
published site should be (see README). MkDocs' live-reload server is kept: its WSGI app is only
wrapped, through the one class ``mkdocs serve`` instantiates.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

from build_tools.site.csp import FIGURE_POLICY

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def extra_headers(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The headers a response gets besides ``headers`` (those the server chose)."""
    out = [("X-Content-Type-Options", "nosniff")]
    if any(k.lower() == "content-type" and v.split(";")[0].strip() == "image/svg+xml"
           for k, v in headers):
        out.append(("Content-Security-Policy", FIGURE_POLICY))
    return out


def with_headers(app: WSGIApp) -> WSGIApp:
    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        def start(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            return start_response(status, [*headers, *extra_headers(headers)], *exc_info)

        return app(environ, start)

    return wrapped


def main(argv: list[str]) -> None:
    from mkdocs.__main__ import cli
    from mkdocs.commands import serve as mkdocs_serve
    from mkdocs.livereload import LiveReloadServer

    class FigureSafeServer(LiveReloadServer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.set_app(with_headers(self.serve_request))

    mkdocs_serve.LiveReloadServer = FigureSafeServer  # type: ignore[misc]
    cli(argv, prog_name="mkdocs")


if __name__ == "__main__":
    main(sys.argv[1:])
