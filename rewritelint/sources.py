"""Finding a rewrite's wire source when the command line does not name it.

In order: (1) ``source:`` in the story's front matter (one path or a list; relative to
the story, then to the project root); (2) a ``sources`` mapping of the config (story
glob -> wire folder), taking the best-matching file of that folder; (3) the best
match among the configured wire folders. A best match must share enough text
(``Config.similarity``) to count; the chosen source and how it was found are shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from rewritelint.config import Config, project_of
from rewritelint.errors import InputError
from rewritelint.markup import STORY_SUFFIXES
from rewritelint.model import Document
from rewritelint.project import Project, git_work_tree
from rewritelint.story import shingles, similarity


@dataclass(frozen=True)
class Resolution:
    """The sources found for a story and how they were found."""

    sources: tuple[str, ...]
    how: str
    """``--against``, ``front matter``, ``sources mapping``, ``best match`` or ``none``."""
    score: float | None = None
    """Shared-text score of a best match."""


def relative_to_root(path: Path, config: Config) -> str:
    """A path as the user would write it: relative to the project root when inside it."""
    try:
        return str(path.resolve().relative_to(config.root))
    except ValueError:
        return str(path)


def in_wire(path: str, config: Config) -> bool:
    """Is a file inside one of the configured wire folders (so never linted as a rewrite)?"""
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to((config.root / folder).resolve()) for folder in config.wire)


def is_story(path: str, config: Config) -> bool:
    """Does a file match the configured story globs (every file does when there are none)?"""
    if not config.stories:
        return True
    rel = relative_to_root(Path(path), config)
    return any(fnmatch(rel, glob) or fnmatch(Path(rel).name, glob) for glob in config.stories)


def front_matter_sources(
    path: str, document: Document, config: Config, project: Project | None = None
) -> tuple[str, ...]:
    """``source:``/``sources:`` paths of the front matter, resolved against the story's
    folder first, then the project root; a path that exists nowhere is kept as written
    (loading it then reports "no such file"). A path that resolves outside the project
    is an ``InputError`` naming the story, and nothing of it is read."""
    project = project or project_of(config)
    value = document.front_matter.get("source", document.front_matter.get("sources"))
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    resolved = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            continue
        tried = [base / item for base in (Path(path).parent, config.root)]
        inside = [candidate for candidate in tried if project.contains(candidate)]
        found = next((candidate for candidate in inside if candidate.exists()), None)
        if not inside:
            raise InputError(path, f"front matter source {project.outside(item)}")
        resolved.append(_display(found or inside[0]))
    return tuple(resolved)


def story_project(path: str, project: Project) -> Project:
    """The project a story's front matter may name paths in: the project, or for a story
    the user named outside it, also that story's own git work tree (else its folder) —
    reached only by being typed, never through a link (those are refused)."""
    if project.contains(path):
        return project
    folder = Path(os.path.abspath(path)).parent
    return project.widened([git_work_tree(folder) or folder])


def _display(path: Path, follow: bool = True) -> str:
    """Paths printed in findings: relative to the working directory when possible; with
    ``follow=False`` the path as found, its link not resolved (where a link points is
    not what the user looks for in their tree)."""
    shown = path.resolve() if follow else Path(os.path.abspath(path))
    try:
        return str(shown.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def candidates(folders: Iterable[str], config: Config) -> list[Path]:
    """Story files of some wire folders, in a stable order (links that lead out of the
    project included: the caller refuses them)."""
    found: list[Path] = []
    for folder in folders:
        base = config.root / folder
        if base.is_file():
            found.append(base)
        elif base.is_dir():
            found.extend(
                p
                for p in sorted(base.rglob("*"))
                if p.is_file() and p.suffix.lower() in STORY_SUFFIXES
            )
    return found


def best_match(
    document: Document, files: Sequence[Path], texts: dict[Path, frozenset[int]], threshold: float
) -> tuple[Path, float] | None:
    """The file sharing the most text with the document, if it shares enough."""
    own = shingles(document.text)
    best: tuple[Path, float] | None = None
    for file in files:
        if file.resolve() == Path(document.path).resolve():
            continue
        score = similarity(own, texts[file])
        if score >= threshold and (best is None or score > best[1]):
            best = (file, score)
    return best


class SourceFinder:
    """Resolves sources for many stories, reading each wire file once. ``read`` returns
    a file's matching text, or None when it cannot be read (it is then skipped);
    ``refuse`` is told of a wire file that leads out of the project (never read)."""

    def __init__(
        self,
        config: Config,
        read: Callable[[str], str | None],
        refuse: Callable[[str], None] = lambda line: None,
    ) -> None:
        self.config = config
        self.project = project_of(config)
        self.read = read
        self.refuse = refuse
        self._shingles: dict[Path, frozenset[int]] = {}

    def resolve(self, path: str, document: Document) -> Resolution:
        """The sources of one story; an ``InputError`` when its front matter names a path
        outside the project."""
        named = front_matter_sources(path, document, self.config, story_project(path, self.project))
        if named:
            return Resolution(named, "front matter")
        rel = relative_to_root(Path(path), self.config)
        for mapping in self.config.sources:
            if fnmatch(rel, mapping.stories):
                found = self._best(document, candidates([mapping.wire], self.config))
                if found:
                    return Resolution((_display(found[0]),), "sources mapping", found[1])
        if self.config.wire:
            found = self._best(document, candidates(self.config.wire, self.config))
            if found:
                return Resolution((_display(found[0]),), "best match", found[1])
        return Resolution((), "none")

    def _best(self, document: Document, files: list[Path]) -> tuple[Path, float] | None:
        readable = []
        for file in files:
            if file not in self._shingles:
                if not self.project.contains(file):
                    self.refuse(f"{_display(file, follow=False)}: {self.project.link_out(file)}")
                    self._shingles[file] = frozenset()
                    continue
                text = self.read(str(file))
                if text is None:
                    continue
                self._shingles[file] = shingles(text)
            if self._shingles[file]:
                readable.append(file)
        return best_match(document, readable, self._shingles, self.config.similarity)
