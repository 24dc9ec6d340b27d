"""The project's trust boundary: which paths a story or a config may name, and which files
may be opened at all.

A story's front matter and a config file are written by whoever wrote the story, which in
a newsroom's CI may be an untrusted pull request. So every path they name (``source:``,
``sources:``, the config's ``wire``, ``sources``, ``rules`` and ``baseline``) must resolve,
symbolic links followed, inside the project's roots: the folder of the config file (or,
without one, the working directory), the git work tree around it, the folders given to
``report``, and the folders the user widens it with (``--allow-path``, the config's
``allow-paths``; a config named with ``--config`` also trusts the working directory).
Nothing outside is opened — not even checked for existence.

Paths the user types on the command line are the user's choice and are not confined,
except that a link among them that leads out of the project is refused: a pull request
can add ``stories/a.md -> /etc/passwd`` and the hook would pass it on.

Devices, FIFOs, sockets and the kernel's pseudo-files (/proc, /sys, /dev) are refused
before opening: reading them blocks, never ends, or discloses the machine's state.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PSEUDO_FILE_SYSTEMS = (Path("/proc"), Path("/sys"), Path("/dev"))
"""Folders of kernel pseudo-files: their sizes lie (0) and their contents are the machine's."""

WIDEN_HINT = "widen the project with --allow-path DIR or the config's allow-paths"


@dataclass(frozen=True)
class Project:
    """The folders (resolved) that stories and configs may name paths inside."""

    roots: tuple[Path, ...]

    def contains(self, path: str | os.PathLike[str]) -> bool:
        """Is ``path``, symbolic links resolved, inside one of the roots?"""
        resolved = Path(os.path.realpath(path))
        return any(resolved.is_relative_to(root) for root in self.roots)

    def describe(self) -> str:
        """The roots as one short phrase for error messages."""
        return ", ".join(str(root) for root in self.roots) or "(none)"

    def outside(self, path: str | os.PathLike[str]) -> str:
        """The problem text for a path outside the project (the caller names the file)."""
        return f"{os.fspath(path)!r} is outside the project ({self.describe()}); {WIDEN_HINT}"

    def link_out(self, path: str | os.PathLike[str]) -> str:
        """The problem text for a link (at ``path``) that leads out of the project."""
        return f"a link to {self.outside(os.path.realpath(path))}"

    def widened(self, folders: Iterable[str | os.PathLike[str]]) -> Project:
        """The same project with more roots (kept in order, each once)."""
        roots = list(self.roots)
        for folder in folders:
            resolved = Path(os.path.realpath(folder))
            if resolved not in roots:
                roots.append(resolved)
        return Project(tuple(roots))


def git_work_tree(start: Path) -> Path | None:
    """The work tree of the git repository holding ``start`` (a ``.git`` folder or file,
    as in worktrees and submodules), without running git."""
    folder = Path(os.path.realpath(start))
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def leaves_project(path: str | os.PathLike[str], project: Project) -> bool:
    """Is ``path`` written inside the project but, through a symbolic link, leads out?

    Used for paths given on the command line: typing ``/tmp/x.txt`` is the user's choice,
    a link committed at ``stories/a.md`` that points at ``/etc/passwd`` is not.
    """
    written = Path(os.path.abspath(path))
    folder = Path(os.path.realpath(written.parent))  # the folder it sits in, links resolved
    inside_as_written = any(
        written.is_relative_to(root) or folder.is_relative_to(root) for root in project.roots
    )
    return inside_as_written and not project.contains(path)


def special_file(path: str | os.PathLike[str], info: os.stat_result | None = None) -> str | None:
    """Why a path must not be opened as a story, rule or baseline file, or None.

    Checked with ``stat`` (which does not open the file; ``info`` when the caller has
    it): a FIFO would block, a device never ends, and /proc, /sys and /dev files report
    size 0 and hold the machine's state. A missing path is None: the caller's open
    reports it.
    """
    try:
        info = info or os.stat(path)
    except (OSError, ValueError):
        return None
    mode = info.st_mode
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    resolved = Path(os.path.realpath(path))
    for pseudo in PSEUDO_FILE_SYSTEMS:
        if resolved.is_relative_to(pseudo):
            return f"is a {pseudo} file (the kernel's, not a story)"
    return None
