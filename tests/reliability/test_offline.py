"""Offline by construction: the whole pipeline runs with the network blocked, and nothing tries.

Every command runs as ``python -m build_tools …`` in a subprocess whose interpreter imports a
``sitecustomize`` (first on PYTHONPATH) that makes ``connect``, ``connect_ex``, ``sendto``,
``create_connection`` and ``getaddrinfo`` fail and writes each attempt to a log. Children
started with ``sys.executable`` (``mkdocs build``) inherit PYTHONPATH and are covered too;
AF_UNIX sockets stay allowed (multiprocessing uses them). Where the machine allows it, the
commands also run in a network namespace of their own (``unshare --net``), which catches
what is not Python: pandoc, git, and Typst, which would download ``@preview`` packages itself.

The test fails on any logged attempt, not only on a failed command: a tool that falls back
quietly when the network is missing would pass an exit-code check and still phone home.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader
from wg_repo import GIT_ENV, working_group_repo

DRAFT = "drafts/mvs-0001-terminology.md"
BLOCKER = textwrap.dedent('''\
    """Written by tests/reliability/test_offline.py: this interpreter has no network."""
    import errno
    import os
    import socket

    _LOG = os.environ.get("CLAUSE_NETWORK_LOG")


    def _record(what, target):
        if _LOG:
            with open(_LOG, "a", encoding="utf-8") as log:
                log.write(f"pid {os.getpid()}: {what} {target!r}\\n")


    def _refuse(what, target):
        _record(what, target)
        return OSError(errno.ENETUNREACH, f"network blocked by test_offline ({what} {target!r})")


    def _unix(sock):
        return getattr(socket, "AF_UNIX", None) is not None and sock.family == socket.AF_UNIX


    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex
    _sendto = socket.socket.sendto


    def connect(self, address):
        if _unix(self):
            return _connect(self, address)
        raise _refuse("connect", address)


    def connect_ex(self, address):
        if _unix(self):
            return _connect_ex(self, address)
        _record("connect_ex", address)
        return errno.ENETUNREACH


    def sendto(self, *args):
        if _unix(self):
            return _sendto(self, *args)
        raise _refuse("sendto", args[-1])


    def create_connection(address, *args, **kwargs):
        raise _refuse("create_connection", address)


    def getaddrinfo(host, *args, **kwargs):
        _record("getaddrinfo", host)
        raise socket.gaierror(socket.EAI_NONAME, f"name lookups blocked by test_offline ({host!r})")


    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.sendto = sendto
    socket.create_connection = create_connection
    socket.getaddrinfo = getaddrinfo
    ''')
# A draft that asks for the network in every way a draft's images can: remote images, raw
# HTML, a remote figure. Clause refuses to export it (and lints it as wrong).
REMOTE = textwrap.dedent("""
    A picture from elsewhere: ![remote](https://example.org/picture.png), raw HTML
    <img src="http://example.org/raw.png"> and a [link](https://example.org/page).

    ![A remote figure](https://example.org/figure.png){#fig-remote}
    """)
# Text that a careless Typst or HTML writer would turn into a package download or a fetch;
# this draft exports, so Typst compiles it (as text).
FETCHY = textwrap.dedent("""
    #import "@preview/cetz:0.3.4": canvas

    #image("https://example.org/typst.png") and @import url(http://example.org/style.css);

    <link rel="stylesheet" href="https://example.org/x.css">
    """)




def _namespace() -> list[str]:
    """``unshare`` into a new network namespace (loopback only), where the machine allows."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    for prefix in ([unshare, "--net"], [unshare, "--net", "--map-root-user"]):
        try:
            done = subprocess.run([*prefix, "true"], capture_output=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return prefix
    return []


class Offline:
    def __init__(self, root: Path, tmp: Path) -> None:
        self.root = root
        blocker = tmp / "blocker"
        blocker.mkdir()
        (blocker / "sitecustomize.py").write_text(BLOCKER, encoding="utf-8")
        self.log = tmp / "network.log"
        self.log.write_text("", encoding="utf-8")
        path = os.environ.get("PYTHONPATH")
        self.env = {
            **os.environ, **GIT_ENV,
            "PYTHONPATH": str(blocker) + (os.pathsep + path if path else ""),
            "CLAUSE_NETWORK_LOG": str(self.log),
            "SOURCE_DATE_EPOCH": "1793491200",
            # Proxies would make a blocked connection look like a proxy failure.
            "http_proxy": "", "https_proxy": "", "HTTP_PROXY": "", "HTTPS_PROXY": "",
        }
        self.prefix = _namespace()

    def run(self, *args: str, expect: int = 0, python: tuple[str, ...] | None = None) -> str:
        command = [*self.prefix, sys.executable,
                   *(python if python is not None else ("-m", "build_tools", *args))]
        done = subprocess.run(command, cwd=self.root, env=self.env, capture_output=True,
                              text=True, timeout=600)
        output = done.stdout + done.stderr
        assert done.returncode == expect, (
            f"{' '.join(args) or command}: exit {done.returncode}, expected {expect}\n{output}")
        return output

    def attempts(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def offline(tmp_path: Path) -> Offline:
    root = working_group_repo(tmp_path / "repo", "drafts and comments")
    return Offline(root, tmp_path)


def test_the_blocker_blocks(offline: Offline) -> None:
    """The guard itself: a connection from the interpreter and from a child is refused and
    logged; an AF_UNIX socket pair still works."""
    probe = ("import socket, subprocess, sys\n"
             "a, b = socket.socketpair(); a.sendall(b'x'); assert b.recv(1) == b'x'\n"
             "try:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\n"
             "except OSError:\n    pass\nelse:\n    sys.exit('connected')\n"
             "child = 'import socket\\ntry:\\n    socket.socket().connect((\"192.0.2.2\", 9))\\n"
             "except OSError:\\n    pass'\n"
             "sys.exit(subprocess.run([sys.executable, '-c', child]).returncode)\n")
    offline.run(python=("-c", probe))
    attempts = offline.attempts()
    assert len(attempts) == 2, attempts
    assert "192.0.2.1" in attempts[0] and "192.0.2.2" in attempts[1]


def test_whole_pipeline_runs_offline(offline: Offline) -> None:
    run = offline.run
    run("new", "--id", "MVS 0099", "--title", "Remote things",
        "--out", "drafts/mvs-0099-remote.md")
    remote = offline.root / "drafts" / "mvs-0099-remote.md"
    remote.write_text(remote.read_text(encoding="utf-8") + REMOTE, encoding="utf-8")
    run("new", "--id", "MVS 0098", "--title", "Fetchy text", "--out", "drafts/mvs-0098-fetchy.md")
    fetchy = offline.root / "drafts" / "mvs-0098-fetchy.md"
    fetchy.write_text(fetchy.read_text(encoding="utf-8") + FETCHY, encoding="utf-8")

    run("lint", DRAFT, "drafts/mvs-0001-terminology-zh.md",
        "drafts/mvs-0002-reference-architecture.md")
    # Remote images are findings, and the export refuses them: neither fetches anything.
    assert "remote images are not fetched" in run("lint", "drafts", expect=1)
    run("export", "drafts/mvs-0099-remote.md", "--out", "build/remote", expect=2)
    run("export", "drafts/mvs-0098-fetchy.md", "--out", "build/fetchy")
    pdf = PdfReader(offline.root / "build" / "fetchy" / "mvs-0098-fetchy.pdf")
    assert "@preview/cetz" in "".join(page.extract_text() for page in pdf.pages)
    run("render")
    published = run("publish", "--out", "site")
    assert "published 2 versions" in published, published
    for version in ("v0.1", "dev"):
        assert (offline.root / "site" / version / "drafts" / "mvs-0001-terminology.pdf").is_file()
        assert (offline.root / "site" / version / "drafts" / "mvs-0001-terminology.comments"
                / "index.html").is_file()
    run("export", "--ballot", DRAFT, "--out", "build/exports")
    assert (offline.root / "build" / "exports" / "mvs-0001-terminology.lines.json").is_file()
    run("comments", "check")
    run("comments", "collate", "MVS 0001", "--out", "build/collated.xlsx")
    run("comments", "collate", "MVS 0001", "--out", "build/collated.docx")
    run("comments", "import", "build/collated.xlsx", "--draft", "MVS 0001",
        "--member", "CN-TEST", "--out", "build/imported.yaml")
    run("comments", "import", "build/collated.docx", "--draft", "MVS 0001",
        "--member", "CN-TEST", "--out", "build/imported-docx.yaml")
    run("ballot", "open", DRAFT, "--closes", "2027-01-31")
    assert (offline.root / "build" / "ballots" / "mvs-0001-terminology-WD2" /
            "manifest.json").is_file()

    assert offline.attempts() == []
