"""What ``rewritelint init`` writes: the commented starter config with ``wire:``,
``stories:`` and ``sources:`` filled from the folders of the repository.

``listing(root)`` is the only I/O: each story-like file's path and opening text.
``detect(files) -> Layout`` guesses the wire and story folders from that listing, and
``config_text(layout)`` splices them into the starter text (``config.STARTER``, so the
documentation of every other key stays in one place); both are pure, so the guesses are
unit-tested on plain dictionaries. When nothing is found, the starter is written as it is.

How a wire folder is recognised, strongest sign first: its name (``wire/``, ``wires/``,
``wire-afp/``), or every file under it marked ``wire: true`` in front matter; only when
neither finds one, every file under it opening with a wire credit such as "(AP)" (rewrites
keep credits too, so that guess needs other story files beside it). Story folders are
the folders named like ``stories/`` or ``articles/`` holding story files, else every other
folder holding them.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rewritelint.render.safe import printable

STORY_SUFFIXES = (".md", ".markdown", ".mdx", ".txt", ".text", ".html", ".htm")
"""The story files the hook is given (``files:`` in .pre-commit-hooks.yaml)."""
HEAD_BYTES = 4096
"""How much of each file is read: front matter and a dateline's credit are at the top."""
MAX_FILES = 5000
"""Files listed at most: enough to see a repository's layout, quick on a large archive."""
_SKIPPED = frozenset(["node_modules", "__pycache__", "site-packages", "venv", "env", "build"])
"""Folders never listed (besides hidden ones and virtual environments)."""
_NOT_STORIES = frozenset(["docs", "doc", "documentation", "templates", "tests", "test", "dist"])
"""Top-level folders whose Markdown and text files are not stories."""
# "wire", "wires", or one of them followed by a separator: "wire-afp", "wire_copy".
_WIRE_NAME = re.compile(r"wires?(?:[-_. ].*)?", re.IGNORECASE)
# Folder names a newsroom keeps its own stories in.
_STORY_NAME = re.compile(r"_?(?:stories|story|articles?|posts|rewrites?)", re.IGNORECASE)
# The agencies' credits that reference choice knows too (``story._CREDIT``).
_CREDIT = re.compile(r"\((?:AP|AA|AFP|Reuters|dpa|ANI|PTI|UPI|Xinhua|IANS)\)")
_OPENING = 600
"""Characters of a story's body (after front matter) where a dateline's credit counts."""
# YAML front matter at the very top: "---", its lines, "---".
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)
_WIRE_TRUE = re.compile(r"^wire:[ \t]*(?:true|yes)[ \t]*(?:#.*)?$", re.IGNORECASE | re.MULTILINE)
# A top-level key line of the starter, written or commented out: "wire:", "# sources:".
_KEY_LINE = re.compile(r"^(?:#\s?)?(?P<key>[a-z-]+):")
_FNMATCH_SPECIAL = re.compile(r"[*?\[]")
"""Characters of a folder name that fnmatch would read as a pattern."""
_PLAIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./-]*")
"""A YAML scalar that needs no quotes."""


@dataclass(frozen=True)
class Layout:
    """What ``init`` found: wire folders, story globs, and story glob -> wire folder
    mappings, each with why (shown to the user and written into the config)."""

    wire: tuple[str, ...] = ()
    """Folders of wire copy, ending in "/"."""
    stories: tuple[str, ...] = ()
    """Globs of story files ("stories/*.md": fnmatch's ``*`` crosses folders)."""
    sources: tuple[tuple[str, str], ...] = ()
    """(story glob, wire folder): stories in a folder named like a wire subfolder."""
    reasons: tuple[str, ...] = ()
    """One phrase per guess: "wire folder wire/ (by its name)"."""

    @property
    def empty(self) -> bool:
        return not self.wire and not self.stories


# --- listing: the only I/O ----------------------------------------------------------------------


def listing(root: Path, *, limit: int = MAX_FILES) -> dict[str, str]:
    """Each story-like file under ``root`` (path relative to it, "/"-separated) with its
    opening text. Hidden folders, virtual environments and links are not followed, and
    only regular files are opened (a FIFO would block ``init``)."""
    found: dict[str, str] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in _SKIPPED
            and not os.path.exists(os.path.join(folder, d, "pyvenv.cfg"))
        )
        for name in sorted(names):
            if not name.lower().endswith(STORY_SUFFIXES):
                continue
            path = os.path.join(folder, name)
            relative = Path(os.path.relpath(path, root)).as_posix()
            head = _head(path)
            if head is not None and _writable(relative):
                found[relative] = head
                if len(found) >= limit:
                    return found
    return found


def _head(path: str) -> str | None:
    """The first ``HEAD_BYTES`` of a regular file, decoded leniently; None otherwise."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            return handle.read(HEAD_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None


def _writable(path: str) -> bool:
    """Can the path go into a UTF-8 config (a name undecodable on this system cannot)?"""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# --- detection: pure ----------------------------------------------------------------------------


def detect(files: Mapping[str, str]) -> Layout:
    """Wire folders, story globs and source mappings for a listing (path -> opening text).

    >>> layout = detect({"wire/kabul.txt": "KABUL (AP) -", "stories/kabul.md": "Kabul"})
    >>> layout.wire, layout.stories
    (('wire/',), ('stories/*.md',))
    """
    paths = sorted(p for p in files if "/" in p)  # files at the top are README.md & co.
    reasons: list[str] = []
    named = _outermost(f for p in paths for f in _ancestors(p) if _WIRE_NAME.fullmatch(_name(f)))
    marked = _outermost(
        _all_under(paths, lambda p: bool(_WIRE_TRUE.search(_front_matter(files[p]))))
    )
    wire = _outermost([*named, *marked])
    for folder in wire:
        why = "by its name" if folder in named else "front matter wire: true"
        reasons.append(f"wire folder {folder} ({why})")
    if not wire:
        opens_credited = _all_under(
            paths, lambda p: bool(_CREDIT.search(_body(files[p])[:_OPENING]))
        )
        # A story folder is not wire copy, however many credits its rewrites kept.
        credited = _outermost(f for f in opens_credited if not _holds_stories(f, paths))
        if any(not _inside(p, credited) for p in paths):
            wire = credited
            reasons += [f"wire folder {f} (every file opens with a wire credit)" for f in credited]
    kinds, story_reasons = _story_folders([p for p in paths if not _inside(p, wire)], wire)
    sources = _source_maps(paths, wire, kinds)
    reasons += story_reasons
    reasons += [f"sources {glob} -> {folder} (the same folder name)" for glob, folder in sources]
    stories = tuple(_glob(folder, suffix) for folder, suffix in kinds)
    return Layout(tuple(wire), stories, tuple(sources), tuple(reasons))


def _story_folders(paths: list[str], wire: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """The story folders among ``paths`` (none of them wire copy), as (folder, suffix)
    for each suffix found there, and why."""
    candidates = [p for p in paths if p.split("/")[0].lower() not in _NOT_STORIES]
    folders: dict[str, list[str]] = {}
    for path in candidates:
        named = [f for f in _ancestors(path) if _STORY_NAME.fullmatch(_name(f))]
        if named:
            folders.setdefault(named[0], []).append(path)
    if not folders:  # no folder named like stories: every other folder holding story files
        for path in candidates:
            free = [f for f in _ancestors(path) if not any(w.startswith(f) for w in wire)]
            folders.setdefault(free[0] if free else _parent(path), []).append(path)
    kinds, reasons = [], []
    for folder in sorted(folders):
        suffixes = _suffixes(folders[folder])
        kinds += [(folder, suffix) for suffix in suffixes]
        counts = ", ".join(
            f"{n} {s} file{'s' if n != 1 else ''}"
            for s in suffixes
            if (n := sum(p.lower().endswith(s) for p in folders[folder]))
        )
        reasons.append(f"stories in {folder} ({counts})")
    return kinds, reasons


def _source_maps(
    paths: list[str], wire: list[str], kinds: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Stories in ``stories/afp/`` take their source from ``wire/afp/`` when both exist."""
    by_name: dict[str, str] = {}
    for folder in wire:
        for path in paths:
            if path.startswith(folder) and "/" in path[len(folder) :]:
                sub = folder + path[len(folder) :].split("/")[0] + "/"
                by_name.setdefault(_name(sub).lower(), sub)
    maps = []
    for base, suffix in kinds:
        subs = sorted(
            {
                base + p[len(base) :].split("/")[0] + "/"
                for p in paths
                if p.startswith(base) and "/" in p[len(base) :] and p.lower().endswith(suffix)
            }
        )
        maps += [
            (_glob(sub, suffix), by_name[_name(sub).lower()])
            for sub in subs
            if _name(sub).lower() in by_name
        ]
    return maps


def _glob(folder: str, suffix: str) -> str:
    """The story glob for a folder's files of one suffix, the folder's name taken
    literally (fnmatch's ``*`` crosses folders, so one glob covers every depth).

    >>> _glob("stories/", ".md"), _glob("desk [2]/", ".txt")
    ('stories/*.md', 'desk [[]2]/*.txt')
    """
    return _FNMATCH_SPECIAL.sub(r"[\g<0>]", folder) + "*" + suffix


def _holds_stories(folder: str, paths: list[str]) -> bool:
    """Is ``folder`` named like a story folder, or inside or around one?

    >>> _holds_stories("desk/", ["desk/stories/a.md"]), _holds_stories("agency/", ["agency/a.txt"])
    (True, False)
    """
    around = (a for p in paths if p.startswith(folder) for a in _ancestors(p))
    return any(_STORY_NAME.fullmatch(_name(a)) for a in (*_ancestors(folder), *around))


def _ancestors(path: str) -> list[str]:
    """The folders holding ``path``, outermost first, each ending in "/".

    >>> _ancestors("a/b/c.txt")
    ['a/', 'a/b/']
    """
    parts = path.split("/")[:-1]
    return ["/".join(parts[: k + 1]) + "/" for k in range(len(parts))]


def _name(folder: str) -> str:
    return folder.rstrip("/").rsplit("/", 1)[-1]


def _parent(path: str) -> str:
    return path.rsplit("/", 1)[0] + "/"


def _inside(path: str, folders: Iterable[str]) -> bool:
    return any(path.startswith(folder) for folder in folders)


def _outermost(folders: Iterable[str]) -> list[str]:
    """The folders not inside another of them, sorted.

    >>> _outermost(["wire/afp/", "wire/", "copy/wire/"])
    ['copy/wire/', 'wire/']
    """
    unique = set(folders)
    return sorted(f for f in unique if not any(f != o and f.startswith(o) for o in unique))


def _all_under(paths: list[str], test: Callable[[str], bool]) -> set[str]:
    """The folders every file under which passes ``test`` (the top never counts: a whole
    repository is not wire copy)."""
    under: dict[str, list[str]] = {}
    for path in paths:
        for folder in _ancestors(path):
            under.setdefault(folder, []).append(path)
    return {f for f, inside in under.items() if all(map(test, inside))}


def _suffixes(paths: list[str]) -> list[str]:
    """The story suffixes present, in ``STORY_SUFFIXES`` order."""
    lowered = [p.lower() for p in paths]
    return [s for s in STORY_SUFFIXES if any(p.endswith(s) for p in lowered)]


def _front_matter(text: str) -> str:
    found = _FRONT_MATTER.match(text)
    return found.group(1) if found else ""


def _body(text: str) -> str:
    """The text after front matter, where a dateline is."""
    found = _FRONT_MATTER.match(text)
    return text[found.end() :] if found else text


# --- the config text: pure ----------------------------------------------------------------------


def config_text(layout: Layout, starter: str | None = None) -> str:
    """The starter config (``config.STARTER``) with the found folders in its ``wire``,
    ``stories`` and ``sources`` entries, and a comment saying what was found; the starter
    unchanged when nothing was."""
    if starter is None:
        from rewritelint import config

        starter = config.STARTER
    if layout.empty:
        return starter
    values = {
        "wire": _entry("wire", layout.wire, "wire/", "no wire folder found"),
        "stories": _entry("stories", layout.stories, "stories/*.md", "no story folder found"),
    }
    if layout.sources:
        values["sources"] = ["sources:"] + [
            f"  - {{stories: {_scalar(glob)}, wire: {_scalar(folder)}}}"
            for glob, folder in layout.sources
        ]
    blocks = starter.rstrip("\n").split("\n\n")
    for k, block in enumerate(blocks):
        lines = block.split("\n")
        starts = [i for i, line in enumerate(lines) if _key_of(line) in values]
        if starts:
            key = _key_of(lines[starts[0]])
            blocks[k] = "\n".join(lines[: starts[0]] + values.pop(str(key)))
    found = ["# Found by `rewritelint init` (check them for your repository):"]
    found += [f"#   {printable(reason)}" for reason in layout.reasons]  # names are untrusted
    # Keys the starter no longer has go after the found list, so nothing is lost.
    extra = ["\n".join(lines) for lines in values.values()]
    return "\n\n".join([blocks[0], "\n".join(found), *extra, *blocks[1:]]) + "\n"


def _entry(key: str, items: tuple[str, ...], example: str, missing: str) -> list[str]:
    """A list entry, or (nothing found) the key commented out with an example."""
    if items:
        return [f"{key}:"] + [f"  - {_scalar(item)}" for item in items]
    return [f"# {key}:  ({missing})", f"#   - {_scalar(example)}"]


def _key_of(line: str) -> str | None:
    found = _KEY_LINE.match(line)
    return found.group("key") if found else None


def _scalar(value: str) -> str:
    """A YAML string: plain when safe, else double-quoted with JSON's escapes (a subset
    of YAML's), so a folder named "a: b" or "*" stays a string.

    >>> _scalar("wire/"), _scalar("stories/*.md"), _scalar('say "no"/')
    ('wire/', '"stories/*.md"', '"say \\\\"no\\\\"/"')
    """
    return value if _PLAIN.fullmatch(value) else json.dumps(value)


def describe(layout: Layout) -> str:
    """What ``init`` says it wrote, on one line."""
    if layout.empty:
        return "edit the wire folders and story globs for your repository."
    return f"{'; '.join(layout.reasons)}; check them for your repository."
