"""Report formats: text, JSON, SARIF 2.1.0 and GitHub workflow annotations."""

from __future__ import annotations

import json

from build_tools import __version__
from build_tools.lint.base import REGISTRY, Finding

FORMATS = ("text", "json", "sarif", "github")


def text(findings: list[Finding], files: int) -> str:
    lines = [f"{f.file}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}" for f in findings]
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    summary = (f"{files} draft{'s' if files != 1 else ''} checked: {counts['error']} errors, "
               f"{counts['warning']} warnings, {counts['info']} notes")
    return "\n".join([*lines, summary])


def as_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)


def sarif(findings: list[Finding]) -> str:
    level = {"error": "error", "warning": "warning", "info": "note"}
    used = sorted({f.rule for f in findings} | set(REGISTRY))
    rules = []
    for rule_id in used:
        cls = REGISTRY.get(rule_id)
        rules.append({
            "id": rule_id,
            "shortDescription": {"text": cls.summary if cls else rule_id},
            "fullDescription": {"text": (cls.doc or cls.summary) if cls else rule_id},
            "help": {"text": f"{cls.source}" if cls else ""},
            "defaultConfiguration": {"level": level[cls.severity] if cls else "error"},
        })
    results = []
    for f in findings:
        region: dict[str, int] = {"startLine": f.line, "startColumn": f.column}
        if f.end_line:
            region.update(endLine=f.end_line, endColumn=f.end_column)
        results.append({
            "ruleId": f.rule,
            "level": level[f.severity],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": f.file.replace("\\", "/")},
                "region": region,
            }}],
        })
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "clause", "version": __version__,
                                "informationUri": "https://www.iso.org/directives", "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _github_place(f: Finding) -> str:
    place = f"line={f.line},col={f.column}"
    if f.end_line:
        place += f",endLine={f.end_line}"
        if f.end_line == f.line:  # GitHub takes endColumn only on a one-line annotation
            place += f",endColumn={f.end_column}"
    return place


def github(findings: list[Finding]) -> str:
    kind = {"error": "error", "warning": "warning", "info": "notice"}
    return "\n".join(
        f"::{kind[f.severity]} file={_escape_prop(f.file)},{_github_place(f)},"
        f"title={_escape_prop(f.rule)}::{_escape_data(f.message)}" for f in findings)


def render(fmt: str, findings: list[Finding], files: int) -> str:
    if fmt == "json":
        return as_json(findings)
    if fmt == "sarif":
        return sarif(findings)
    if fmt == "github":
        return github(findings)
    return text(findings, files)
