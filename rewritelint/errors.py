"""Typed errors raised by the stages; only ``cli.py`` turns them into a message and exit 2."""

from __future__ import annotations

from typing import Any


def first_line(error: BaseException, default: str = "an invalid value") -> str:
    """A parser's complaint as one line for the user (``default`` when it says nothing):
    PyYAML and tomllib raise ValueErrors whose text runs over several lines.

    >>> first_line(ValueError("exceeds the limit\\n  in <string>")), first_line(ValueError())
    ('exceeds the limit', 'an invalid value')
    """
    text = str(error)
    return text.splitlines()[0] if text.strip() else default


class RewritelintError(Exception):
    """Base class: ``str(error)`` is the one line printed to the user."""


class InputError(RewritelintError):
    """A story file cannot be read or decoded (missing, binary, too large, a directory…)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple[Any, ...]:
        """Picklable, so an error raised in a worker process reaches the CLI intact."""
        return (type(self), (self.path, self.problem))


class ConfigError(RewritelintError):
    """A configuration file or command-line option has a bad key or value."""


class RuleFileError(RewritelintError):
    """A rule file is broken; the message names its file, line, column and problem."""

    def __init__(self, path: str, line: int | None, column: int | None, problem: str) -> None:
        where = path if line is None else f"{path}:{line}:{column or 1}"
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.column = column
        self.problem = problem

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.line, self.column, self.problem))


class EngineError(RewritelintError):
    """The chosen engine cannot run (Dask not installed, scheduler unreachable)."""
