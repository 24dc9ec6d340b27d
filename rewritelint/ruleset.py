"""Loading and validating YAML rule files (before any story is read).

A rule file is ``rules: [ ... ]``; each rule names a kind and sets its keys. Every
problem — YAML syntax, a wrong type, an unknown key, a duplicate id, an unknown
kind, a message placeholder the kind does not fill — raises a ``RuleFileError``
naming the file, line and column. YAML is read with the safe loader only, so a
``!!python/object`` tag is rejected, never executed.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from importlib import resources
from pathlib import Path
from typing import Any

from rewritelint.errors import ConfigError, RuleFileError
from rewritelint.kinds import Kind, Where, load_kinds
from rewritelint.model import CATEGORIES, SEVERITIES, Severity

_RULE_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_COMMON_KEYS = ("id", "category", "severity", "kind", "message", "doc", "examples")


@dataclass(frozen=True)
class Example:
    """A documented case: the rule must flag exactly ``expect`` (texts in the rewrite)."""

    rewrite: str
    reference: str | None = None
    expect: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One configured rule: a kind with its parameters, severity and documentation."""

    id: str
    category: str
    severity: Severity
    kind: Kind
    message: str
    doc: str = ""
    examples: tuple[Example, ...] = ()
    path: str = ""
    """The rule file it came from (for error messages and ``rewritelint rules``)."""
    line: int = 0

    @property
    def summary(self) -> str:
        """First line of the documentation."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.kind.summary


@dataclass(frozen=True)
class RuleSet:
    """The rules of a run, in a stable order."""

    rules: tuple[Rule, ...] = field(default_factory=tuple)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def select(self, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> RuleSet:
        """Keep rules named (by id or category) in ``select`` (all if empty), minus ``ignore``."""
        self._check_selectors([*select, *ignore])
        chosen = [
            r
            for r in self.rules
            if (not select or r.id in select or r.category in select)
            and r.id not in ignore
            and r.category not in ignore
        ]
        return RuleSet(tuple(chosen))

    def with_severities(self, overrides: Mapping[str, str]) -> RuleSet:
        """Change the severity of rules named by id or category."""
        self._check_selectors(list(overrides))
        for key, severity in overrides.items():
            if severity not in SEVERITIES:
                raise ConfigError(f"severity for {key!r} must be one of {', '.join(SEVERITIES)}")
        return RuleSet(
            tuple(
                replace(r, severity=overrides.get(r.id, overrides.get(r.category, r.severity)))  # type: ignore[arg-type]
                for r in self.rules
            )
        )

    def _check_selectors(self, selectors: Iterable[str]) -> None:
        known = {r.id for r in self.rules} | set(CATEGORIES)
        for selector in selectors:
            if selector not in known:
                hint = get_close_matches(selector, sorted(known), n=1)
                extra = f" (did you mean {hint[0]!r}?)" if hint else ""
                raise ConfigError(f"unknown rule or category {selector!r}{extra}")


def builtin_rule_files() -> list[Path]:
    """The YAML packs shipped in the wheel (the top-level ``rules/`` folder)."""
    folder = resources.files("rewritelint").joinpath("rules")
    if not folder.is_dir():  # running from a source checkout without an install
        folder = Path(__file__).resolve().parent.parent / "rules"  # type: ignore[assignment]
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))


def load_ruleset(extra: Sequence[str | Path] = (), *, builtin: bool = True) -> RuleSet:
    """Load the built-in packs (unless ``builtin`` is False) and any extra rule files."""
    paths = [*(builtin_rule_files() if builtin else []), *map(Path, extra)]
    rules: list[Rule] = []
    seen: dict[str, Rule] = {}
    for path in paths:
        for rule in load_rule_file(path):
            if rule.id in seen:
                first = seen[rule.id]
                raise RuleFileError(
                    rule.path,
                    rule.line,
                    1,
                    f"duplicate rule id {rule.id!r} (first defined at {first.path}:{first.line})",
                )
            seen[rule.id] = rule
            rules.append(rule)
    return RuleSet(tuple(rules))


def load_rule_file(path: str | Path) -> list[Rule]:
    """Read and validate one rule file."""
    name = str(path)
    try:
        source = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleFileError(name, None, None, "no such rule file") from None
    except IsADirectoryError:
        raise RuleFileError(name, None, None, "is a directory, not a rule file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(name, None, None, f"cannot read rule file: {exc}") from None
    return parse_rules(source, name)


def parse_rules(source: str, path: str = "<rules>") -> list[Rule]:
    """Parse rule-file text; see the module docstring for what is checked."""
    document = _load_yaml(source, path)
    top = Where(path, 1, 1, getattr(document, "marks", {}))
    if not isinstance(document, dict) or "rules" not in document:
        raise top.error(None, "a rule file must be a mapping with a 'rules' list")
    unknown = [k for k in document if k != "rules"]
    if unknown:
        raise top.error(unknown[0], f"unknown top-level key {unknown[0]!r} (expected 'rules')")
    items = document["rules"]
    if not isinstance(items, list):
        raise top.error("rules", "'rules' must be a list")
    kinds = load_kinds()
    return [_rule(item, path, kinds, top) for item in items]


def _rule(item: Any, path: str, kinds: Mapping[str, type[Kind]], top: Where) -> Rule:
    marks = getattr(item, "marks", {})
    line, column = getattr(item, "start", (top.line, top.column))
    where = Where(path, line, column, marks)
    if not isinstance(item, dict):
        raise where.error(None, "each rule must be a mapping with id, category, severity, kind")
    for key in ("id", "category", "severity", "kind", "message"):
        if key not in item:
            raise where.error(None, f"rule is missing the key {key!r}")
    for key in ("id", "category", "severity", "kind", "message", "doc"):
        if key in item and not isinstance(item[key], str):
            raise where.error(key, f"{key!r} must be a string")
    rule_id = item["id"]
    if not _RULE_ID.fullmatch(rule_id):
        raise where.error("id", f"rule id {rule_id!r} must be kebab-case (e.g. number-changed)")
    _choice(item, "category", CATEGORIES, where)
    _choice(item, "severity", SEVERITIES, where)
    kind_cls = kinds.get(item["kind"])
    if kind_cls is None:
        raise where.error(
            "kind", f"unknown kind {item['kind']!r} (expected one of: {', '.join(sorted(kinds))})"
        )
    params = {k: v for k, v in item.items() if k not in _COMMON_KEYS}
    kind = kind_cls.from_yaml(params, where)
    message = item["message"]
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(message) if f is not None}
    except ValueError as exc:
        raise where.error("message", f"bad message template: {exc}") from None
    missing = sorted(f for f in fields if f not in kind_cls.placeholders)
    if missing:
        offered = ", ".join("{" + p + "}" for p in sorted(kind_cls.placeholders)) or "none"
        raise where.error(
            "message",
            f"message placeholder {{{missing[0]}}} is not filled by kind {kind_cls.name!r} "
            f"(it fills: {offered})",
        )
    examples = _examples(item.get("examples", []), where, kind_cls.cross_version)
    return Rule(
        id=rule_id,
        category=item["category"],
        severity=item["severity"],
        kind=kind,
        message=message,
        doc=item.get("doc", ""),
        examples=examples,
        path=path,
        line=line or 1,
    )


def _choice(item: Mapping[str, Any], key: str, allowed: Sequence[str], where: Where) -> None:
    if item[key] not in allowed:
        raise where.error(
            key, f"unknown {key} {item[key]!r} (expected one of: {', '.join(allowed)})"
        )


def _examples(items: Any, where: Where, cross_version: bool) -> tuple[Example, ...]:
    if not isinstance(items, list):
        raise where.error("examples", "'examples' must be a list")
    examples = []
    for item in items:
        ex_where = Where(
            where.path,
            *getattr(item, "start", (where.line, where.column)),
            getattr(item, "marks", {}),
        )
        if not isinstance(item, dict) or "rewrite" not in item:
            raise ex_where.error(None, "each example needs a 'rewrite' text (and 'expect')")
        unknown = [k for k in item if k not in ("rewrite", "reference", "expect")]
        if unknown:
            raise ex_where.error(unknown[0], f"unknown example key {unknown[0]!r}")
        if cross_version and "reference" not in item:
            raise ex_where.error(None, "an example of a cross-version rule needs a 'reference'")
        expect = item.get("expect") or []
        if isinstance(expect, str):
            expect = [expect]
        if not isinstance(expect, list) or not all(isinstance(e, str) for e in expect):
            raise ex_where.error("expect", "'expect' must be a list of flagged texts")
        examples.append(Example(str(item["rewrite"]), item.get("reference"), tuple(expect)))
    return tuple(examples)


class _MarkedDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers where it and each of its values start."""

    marks: dict[str, tuple[int, int]]
    start: tuple[int, int]


def _load_yaml(source: str, path: str) -> Any:
    """``yaml.safe_load`` that keeps line/column marks on mappings for error messages."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader: Any, node: Any) -> _MarkedDict:
        loader.flatten_mapping(node)
        result = _MarkedDict()
        result.marks = {}
        result.start = (node.start_mark.line + 1, node.start_mark.column + 1)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise RuleFileError(
                    path,
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                    f"keys must be strings, not {type(key).__name__}",
                )
            if key in result:
                raise RuleFileError(
                    path,
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                    f"duplicate key {key!r}",
                )
            result[key] = loader.construct_object(value_node, deep=True)
            result.marks[key] = (value_node.start_mark.line + 1, value_node.start_mark.column + 1)
        return result

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    try:
        return yaml.load(source, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise RuleFileError(path, line, column, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, None, None, f"invalid YAML: {exc}") from None
