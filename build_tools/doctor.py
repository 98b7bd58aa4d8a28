"""``clause doctor``: is this machine ready to lint, publish and export, and is the repository's
roster (committee.yaml) ready for ballots?"""

from __future__ import annotations

import importlib.metadata as md
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True
    mark: str = ""  # what to print instead of MISSING for a failed check ("ERROR")


def _version(package: str) -> str | None:
    try:
        return md.version(package)
    except md.PackageNotFoundError:
        return None


def _run(args: list[str]) -> str | None:
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout if out.returncode == 0 else None


def _fonts() -> set[str]:
    listing = _run(["fc-list", ":", "family"]) or ""
    return {name.strip() for line in listing.splitlines() for name in line.split(",")}


def _languages(drafts: Path) -> set[str]:
    from build_tools.frontmatter import read

    langs = set()
    from build_tools.project import find_drafts, read_source

    for path in find_drafts([drafts])[:500] if drafts.is_dir() else []:
        try:
            meta = read(read_source(path).decode("utf-8", errors="replace")).data
        except OSError:
            continue
        langs.add(str(meta.get("language", "en")))
    return langs or {"en"}


def roster_check(root: Path) -> Check:
    """committee.yaml: absent is fine until a ballot opens; with errors (ROSTER rules) it is
    an error, since no ballot can open."""
    from build_tools.workflow.roster import read_roster, roster_path

    path = roster_path(root)
    name = f"{path.name} (the roster ballots go to)"
    roster = read_roster(path)
    if roster is None:
        return Check(name, False, f"{path} not found: ballots cannot be opened",
                     "list the members (id, name, status P or O) in it: see docs/FORMAT.md, "
                     "'The committee'", required=False)
    errors = [p for p in roster.problems if p.rule != "ROSTER-02"]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return Check(name, False, f"{path}:{first.line}: {first.message}{more}",
                     "correct it; clause lint lists every problem (ROSTER rules)", mark="ERROR")
    voting = sum(1 for m in roster.members if m.votes)
    warnings = f"; {len(roster.problems)} warning(s): run clause lint" if roster.problems else ""
    return Check(name, True, f"{len(roster.members)} members ({voting} P, "
                             f"{len(roster.members) - voting} O){warnings}")


def run_checks(root: Path) -> list[Check]:
    checks = [Check("Python ≥ 3.11", sys.version_info >= (3, 11), sys.version.split()[0],
                    "install Python 3.11 or newer")]
    pandoc_ok, detail = False, "pypandoc-binary is not installed"
    try:
        import pypandoc

        path = pypandoc.get_pandoc_path()
        version = pypandoc.get_pandoc_version()
        pandoc_ok = "pypandoc" in str(path) and int(version.split(".")[0]) >= 3
        detail = f"pandoc {version} ({'from the pypandoc-binary wheel' if 'pypandoc' in str(path) else path})"
    except (ImportError, OSError, RuntimeError) as exc:
        detail = f"pandoc unavailable: {exc}"
    checks.append(Check("pandoc 3 (pypandoc-binary)", pandoc_ok, detail,
                        "pip install pypandoc-binary  (Debian's pandoc 2.17 has no Typst writer)"))
    typst_version = _version("typst")
    checks.append(Check("Typst (PDF exports)", typst_version is not None,
                        f"typst {typst_version}" if typst_version else "not installed",
                        "pip install typst"))
    for package, pin in (("mkdocs", "<2"), ("mkdocs-material", "<10"), ("python-docx", ""),
                         ("openpyxl", ""), ("ruamel.yaml", "")):
        v = _version(package)
        checks.append(Check(package, v is not None, v or "not installed",
                            f"pip install '{package}{pin}'"))
    clib = _version("ruamel.yaml.clib")
    checks.append(Check("ruamel.yaml.clib (fast front-matter)", clib is not None, clib or "missing",
                        "pip install ruamel.yaml.clib", required=False))
    langs = _languages(root / "drafts")
    fonts = _fonts()
    if "zh" in langs:
        have = {"Noto Serif CJK SC", "Noto Sans CJK SC"} & fonts
        checks.append(Check("Chinese fonts (zh drafts)", len(have) == 2,
                            ", ".join(sorted(have)) or "Noto CJK SC not found",
                            "apt-get install fonts-noto-cjk"))
    checks.append(Check("English fonts (en drafts)", True,
                        "Libertinus Serif and DejaVu Sans Mono are built into Typst"))
    git = shutil.which("git")
    inside = bool(git and _run(["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"]))
    checks.append(Check("git (versions, redlines, ballots)", bool(git),
                        ("in a repository" if inside else "installed; this folder is not a repository")
                        if git else "not found", "apt-get install git"))
    site = root / "site"
    parent = site if site.exists() else root
    writable = os.access(parent, os.W_OK)
    checks.append(Check("write access to site/", writable, str(site),
                        f"make {parent} writable for this user"))
    rsvg = shutil.which("rsvg-convert")
    checks.append(Check("rsvg-convert (PNG copies of SVG figures in DOCX)", bool(rsvg),
                        rsvg or "not found: LibreOffice and Word 2013 show no SVG figure",
                        "apt-get install --no-install-recommends librsvg2-bin", required=False))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    checks.append(Check("LibreOffice (clause import of .doc/.wps/.odt; tests)", bool(soffice),
                        soffice or "not found",
                        "apt-get install --no-install-recommends libreoffice-writer-nogui "
                        "libreoffice-calc-nogui", required=False))
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    checks.append(Check("Chromium (browser tests only)", bool(chromium), chromium or "not found",
                        "apt-get install chromium", required=False))
    pdftoppm = shutil.which("pdftoppm")
    checks.append(Check("pdftoppm (page previews, tests)", bool(pdftoppm), pdftoppm or "not found",
                        "apt-get install poppler-utils", required=False))
    checks.append(roster_check(root))
    return checks
