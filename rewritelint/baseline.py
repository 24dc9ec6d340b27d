"""The baseline: findings an editor acknowledged as deliberate, so they stop failing.

``.rewritelint-baseline.json`` keeps one entry per acknowledged finding, keyed by its
fingerprint (rule + normalised texts + the passage around it — no line numbers, so an
entry survives paragraphs moving). It is written sorted and indented, atomically, so it
diffs cleanly in git and a failed write never leaves a half file. The HTML review page
exports editors' decisions in this same format.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rewritelint.errors import ConfigError
from rewritelint.model import Finding
from rewritelint.project import special_file

VERSION = 1
BASELINE_NAME = ".rewritelint-baseline.json"
"""The baseline's file name in the project root (the config's ``baseline`` changes it)."""
EXPORTED_NAME = "rewritelint-baseline.json"
"""The name the review page's export downloads as: browsers drop a leading dot, so
``check`` reads this file too when ``BASELINE_NAME`` is absent."""


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
    special = special_file(file)
    if special:
        raise ConfigError(f"{file}: {special}")
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
        item: dict[str, str | None] = {
            "path": e.path,
            "rule": e.rule,
            "fingerprint": e.fingerprint,
            "text": e.text,
        }
        item["reference"] = e.reference
        if e.note:
            item["note"] = e.note
        items.append(item)
    document = {"version": VERSION, "findings": items}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_atomically(path: str | Path, text: str, *, replace_link: bool = False) -> None:
    """Write a file through a temporary file in the same folder and a rename: readers see
    the old file or the new one, never a half-written one. A symbolic link at ``path`` is
    refused, or with ``replace_link`` replaced by the file; it is never written through."""
    target = Path(path)
    if not replace_link:
        _refuse_link(target)
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


def _refuse_link(target: Path) -> None:
    """Replacing a link would lose it; writing through it would overwrite another file."""
    if target.is_symlink():
        raise OSError(errno.ELOOP, "is a symbolic link (neither followed nor replaced)")


@contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock for a read-modify-write of the file at ``path``.

    The lock is on the file's folder (``flock`` on its descriptor), not on a lock file:
    nothing is left behind for git to see, and the lock dies with the process. Two
    concurrent ``--update-baseline`` runs then merge instead of the last one winning.
    Where ``flock`` does not exist (Windows) the write is still atomic but unlocked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    folder = os.open(Path(path).parent or Path("."), os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        yield
    finally:
        os.close(folder)  # closing releases the lock


def update_file(
    path: str | Path, findings: Sequence[Finding], checked: Iterable[str], root: Path | None
) -> list[Entry]:
    """Acknowledge a run's findings in the baseline file and return its new entries.

    Read, merged and written under ``locked``, so entries another run wrote meanwhile
    (for the files it checked) are kept, and written atomically."""
    _refuse_link(Path(path))  # before reading: the link may hold anything
    with locked(path):
        entries = update(read_baseline(path), findings, checked, root)
        write_atomically(path, render_baseline(entries))
    return entries


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
