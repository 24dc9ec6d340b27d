"""The baseline: findings an editor acknowledged as deliberate, so they stop failing.

``.rewritelint-baseline.json`` keeps one entry per acknowledged finding, keyed by its
fingerprint (rule + normalised texts + the passage around it — no line numbers, so an
entry survives paragraphs moving). It is written sorted and indented, atomically, so it
diffs cleanly in git and a failed write never leaves a half file. The HTML review page
exports editors' decisions in this same format.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rewritelint.errors import ConfigError
from rewritelint.model import Finding

VERSION = 1


@dataclass(frozen=True, order=True)
class Entry:
    """One acknowledged finding; ``path``, ``rule`` and texts are for people reading it."""

    path: str
    rule: str
    fingerprint: str
    text: str = ""
    reference: str | None = None
    note: str = ""


def project_path(path: str, root: Path | None) -> str:
    """A story's path as the baseline records it: relative to the project root, with
    forward slashes, whatever folder the command ran in and however the path was typed."""
    if root is None:
        return Path(path).as_posix()
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def entry(finding: Finding, root: Path | None = None) -> Entry:
    """The baseline entry that acknowledges a finding."""
    return Entry(
        path=project_path(finding.location.path, root),
        rule=finding.rule,
        fingerprint=finding.fingerprint,
        text=finding.location.text,
        reference=finding.reference.text if finding.reference else None,
    )


def read_baseline(path: str | Path) -> list[Entry]:
    """The entries of a baseline file; a missing file is an empty baseline."""
    file = Path(path)
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read the baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{file}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{file}: a baseline must be an object with a 'findings' list")
    if data.get("version") != VERSION:
        raise ConfigError(f"{file}: unsupported baseline version {data.get('version')!r}")
    entries = []
    for k, item in enumerate(data["findings"]):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(key), str) for key in ("path", "rule", "fingerprint")
        ):
            raise ConfigError(f"{file}: findings[{k}] needs string 'path', 'rule', 'fingerprint'")
        entries.append(
            Entry(
                path=item["path"],
                rule=item["rule"],
                fingerprint=item["fingerprint"],
                text=str(item.get("text", "")),
                reference=item.get("reference") if isinstance(item.get("reference"), str) else None,
                note=str(item.get("note", "")),
            )
        )
    return entries


def render_baseline(entries: Iterable[Entry]) -> str:
    """The file's text: entries deduplicated and sorted, so two runs write the same bytes."""
    unique = {(e.path, e.fingerprint): e for e in entries}
    items = []
    for e in sorted(unique.values()):
        item = {"path": e.path, "rule": e.rule, "fingerprint": e.fingerprint, "text": e.text}
        item["reference"] = e.reference
        if e.note:
            item["note"] = e.note
        items.append(item)
    document = {"version": VERSION, "findings": items}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_atomically(path: str | Path, text: str) -> None:
    """Write a file through a temporary file in the same folder and a rename: readers see
    the old file or the new one, never a half-written one."""
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path(".")
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def update(
    old: Sequence[Entry],
    findings: Sequence[Finding],
    checked: Iterable[str],
    root: Path | None = None,
) -> list[Entry]:
    """The new baseline after a run: every current finding acknowledged, and the old
    entries of files this run did not check kept as they were (a hook checks only the
    staged files). Notes written on entries that still match are kept."""
    checked_paths = {project_path(p, root) for p in checked}
    notes = {(e.path, e.fingerprint): e.note for e in old}
    kept = [e for e in old if e.path not in checked_paths]
    fresh = []
    for finding in findings:
        e = entry(finding, root)
        note = notes.get((e.path, e.fingerprint), "")
        fresh.append(Entry(e.path, e.rule, e.fingerprint, e.text, e.reference, note))
    return [*kept, *fresh]


def acknowledge(
    findings: Sequence[Finding], entries: Sequence[Entry], root: Path | None = None
) -> tuple[list[Finding], set[Entry]]:
    """Split findings into those still to report and the baseline entries they matched.

    Matching is by story and fingerprint: text that moved within its story still
    matches, while the same drift in another story (one nobody reviewed) does not.
    """
    by_key = {(e.path, e.fingerprint): e for e in entries}
    kept: list[Finding] = []
    matched: set[Entry] = set()
    for finding in findings:
        hit = by_key.get((project_path(finding.location.path, root), finding.fingerprint))
        if hit is not None and hit.rule == finding.rule:
            matched.add(hit)
        else:
            kept.append(finding)
    return kept, matched
