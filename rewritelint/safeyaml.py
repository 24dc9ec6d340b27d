"""YAML from untrusted files (front matter, configs, rule packs) with resource limits.

``yaml.safe_load`` never runs code, but it still accepts two bombs: aliases that expand
exponentially ("billion laughs": nine anchors of nine aliases each are a billion nodes
to whoever walks the result), and nesting deep enough that PyYAML's recursive composer
dies with a RecursionError. Both are refused here, before anything is built, by one pass
over the parser's event stream (the parser is a state machine, not recursive): a
collection nested past ``MAX_DEPTH`` or a document larger than ``MAX_NODES`` once its
aliases are expanded is a ``YAMLLimitError`` with the line and column where it happens.

Imported only where YAML is read (PyYAML costs start-up time).
"""

from __future__ import annotations

from typing import Any

import yaml

_STARTS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings: a rule pack needs about 6."""
MAX_NODES = 200_000
"""Most nodes a document may have with its aliases expanded: the built-in rule packs
together have about 3,000; a billion-laughs bomb has 10**9."""


class YAMLLimitError(ValueError):
    """A YAML document over a resource limit; ``line`` and ``column`` are 1-based."""

    def __init__(self, problem: str, line: int, column: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.column = column


def check_limits(
    text: str,
    loader: Any = yaml.SafeLoader,
    *,
    max_depth: int = MAX_DEPTH,
    max_nodes: int = MAX_NODES,
) -> None:
    """Raise ``YAMLLimitError`` when ``text`` nests too deeply or expands too far.

    Syntax errors are raised as ``loader`` raises them (``yaml.MarkedYAMLError``), so the
    caller's messages do not depend on this check having run first.
    """
    try:
        _count(text, loader, max_depth, max_nodes)
    except yaml.MarkedYAMLError as error:  # libyaml's own depth limit, met scanning ahead
        if "nesting depth" not in str(error.problem) or loader is yaml.SafeLoader:
            raise
        _count(text, yaml.SafeLoader, max_depth, max_nodes)  # to say where the limit passes
        raise


def _count(text: str, loader: Any, max_depth: int, max_nodes: int) -> None:
    counter = _Counter(max_depth, max_nodes)
    for event in yaml.parse(text, Loader=loader):
        counter.see(event)


class _Counter:
    """Nodes and depth of a YAML event stream, aliases counted as what they expand to."""

    def __init__(self, max_depth: int, max_nodes: int) -> None:
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.anchored: dict[str, int] = {}  # anchor -> nodes its value expands to
        self.open: list[list[Any]] = []  # per open collection: [anchor, nodes so far]
        self.total = 0

    def see(self, event: Any) -> None:
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchored:  # an alias inside its own anchor: a cycle
                raise _error(f"the alias *{event.anchor} refers to a value holding it", event)
            self._add(self.anchored[event.anchor], event)
        elif isinstance(event, yaml.ScalarEvent):
            self._add(1, event)
            if event.anchor:
                self.anchored[event.anchor] = 1
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if len(self.open) >= self.max_depth:
                raise self.too_deep(event.start_mark)
            self._add(1, event)
            self.open.append([event.anchor, 1])
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            anchor, count = self.open.pop()
            if anchor:
                self.anchored[anchor] = count
            if self.open:
                self.open[-1][1] += count

    def too_deep(self, mark: Any) -> YAMLLimitError:
        problem = f"lists and mappings nested more than {self.max_depth} levels deep"
        return YAMLLimitError(problem, mark.line + 1, mark.column + 1)

    def _add(self, count: int, event: Any) -> None:
        self.total += count
        if self.open and not isinstance(event, _STARTS):
            self.open[-1][1] += count
        if self.total > self.max_nodes:
            limit = f"more than {self.max_nodes:,} values once its aliases are expanded"
            raise _error(f"{limit} (an alias bomb?)", event)


def _error(problem: str, event: Any) -> YAMLLimitError:
    return YAMLLimitError(problem, event.start_mark.line + 1, event.start_mark.column + 1)


def safe_load(text: str, loader: Any = yaml.SafeLoader) -> Any:
    """``yaml.load`` with a safe ``loader`` (SafeLoader or a subclass), after the limits."""
    check_limits(text, loader)
    return yaml.load(text, Loader=loader)
