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

from rewritelint.entities import DEFAULT as DEFAULT_ALIASES
from rewritelint.entities import Aliases
from rewritelint.errors import ConfigError, RuleFileError, first_line
from rewritelint.kinds import Kind, Where, load_kinds
from rewritelint.model import CATEGORIES, SEVERITIES, Example, Rule
from rewritelint.project import special_file

_RULE_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_COMMON_KEYS = ("id", "category", "severity", "kind", "message", "doc", "examples")


@dataclass(frozen=True)
class RuleSet:
    """The rules of a run, in a stable order."""

    rules: tuple[Rule, ...] = field(default_factory=tuple)
    aliases: Aliases = DEFAULT_ALIASES
    """Names that are one entity (the config's ``aliases`` added to the built-in ones)."""

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
        return RuleSet(tuple(chosen), self.aliases)

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
            ),
            self.aliases,
        )

    def with_aliases(self, groups: Sequence[Sequence[str]]) -> RuleSet:
        """These rules, with a desk's own alias groups ("Scotland Yard", "Metropolitan Police")."""
        return replace(self, aliases=self.aliases.extended(groups)) if groups else self

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
        folder = Path(__file__).resolve().parent.parent / "rules"
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
                    rule.column,
                    f"duplicate rule id {rule.id!r} (first defined at {first.path}:{first.line})",
                )
            seen[rule.id] = rule
            rules.append(rule)
    return RuleSet(tuple(rules))


def load_rule_file(path: str | Path) -> list[Rule]:
    """Read and validate one rule file."""
    name = str(path)
    special = special_file(path)  # a FIFO would block, a device never end
    if special:
        raise RuleFileError(name, None, None, special)
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
    top = Where(path, 1, 1, getattr(document, "marks", {}), getattr(document, "key_marks", {}))
    if not isinstance(document, dict) or "rules" not in document:
        raise top.error(None, "a rule file must be a mapping with a 'rules' list")
    unknown = [k for k in document if k != "rules"]
    if unknown:
        raise top.key_error(unknown[0], f"unknown top-level key {unknown[0]!r} (expected 'rules')")
    items = document["rules"]
    if not isinstance(items, list):
        raise top.error("rules", "'rules' must be a list")
    kinds = load_kinds()
    marks = getattr(items, "item_marks", [])
    return [
        _rule(item, path, kinds, marks[k] if k < len(marks) else (top.line, top.column))
        for k, item in enumerate(items)
    ]


def _rule(
    item: Any, path: str, kinds: Mapping[str, type[Kind]], at: tuple[int | None, int | None]
) -> Rule:
    line, column = getattr(item, "start", at)
    where = Where(
        path,
        line,
        column,
        getattr(item, "marks", {}),
        getattr(item, "key_marks", {}),
    )
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
        parsed = list(string.Formatter().parse(message))
    except ValueError as exc:
        raise where.error("message", f"bad message template: {exc}") from None
    fields = {f for _, f, _, _ in parsed if f is not None}
    for _, field_name, spec, conversion in parsed:
        if field_name is not None and (spec or conversion):
            raise where.error(
                "message",
                f"message placeholder {{{field_name}}} takes no conversion or format spec",
            )
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
        column=column or 1,
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
    item_marks = getattr(items, "item_marks", [])
    for k, item in enumerate(items):
        at = item_marks[k] if k < len(item_marks) else (where.line, where.column)
        line, column = getattr(item, "start", at)
        ex_where = Where(
            where.path,
            line,
            column,
            getattr(item, "marks", {}),
            getattr(item, "key_marks", {}),
        )
        if not isinstance(item, dict) or "rewrite" not in item:
            raise ex_where.error(None, "each example needs a 'rewrite' text (and 'expect')")
        unknown = [k for k in item if k not in ("rewrite", "reference", "expect")]
        if unknown:
            raise ex_where.key_error(unknown[0], f"unknown example key {unknown[0]!r}")
        for key in ("rewrite", "reference"):
            if key in item and not isinstance(item[key], str):
                raise ex_where.error(key, f"example {key!r} must be a text (a string)")
        if cross_version and "reference" not in item:
            raise ex_where.error(None, "an example of a cross-version rule needs a 'reference'")
        expect = item.get("expect") or []
        if isinstance(expect, str):
            expect = [expect]
        if not isinstance(expect, list) or not all(isinstance(e, str) for e in expect):
            raise ex_where.error("expect", "'expect' must be a list of flagged texts")
        examples.append(Example(item["rewrite"], item.get("reference"), tuple(expect)))
    return tuple(examples)


class _MarkedDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers where it, each key and each value start."""

    marks: dict[str, tuple[int, int]]
    key_marks: dict[str, tuple[int, int]]
    start: tuple[int, int]


class _MarkedList(list):  # type: ignore[type-arg]
    """A YAML sequence that remembers where each item starts."""

    item_marks: list[tuple[int, int]]
    start: tuple[int, int]


def _mark(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _load_yaml(source: str, path: str) -> Any:
    """``yaml.safe_load`` that keeps line/column marks on mappings and sequences, so
    every error can name the line of the key, value or list item at fault."""
    import yaml

    from rewritelint.safeyaml import YAMLLimitError, check_limits

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader: Any, node: Any) -> _MarkedDict:
        loader.flatten_mapping(node)
        result = _MarkedDict()
        result.marks, result.key_marks, result.start = {}, {}, _mark(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise RuleFileError(
                    path, *_mark(key_node), f"keys must be strings, not {type(key).__name__}"
                )
            if key in result:
                raise RuleFileError(path, *_mark(key_node), f"duplicate key {key!r}")
            result[key] = loader.construct_object(value_node, deep=True)
            result.marks[key] = _mark(value_node)
            result.key_marks[key] = _mark(key_node)
        return result

    def construct_sequence(loader: Any, node: Any) -> _MarkedList:
        result = _MarkedList(loader.construct_object(child, deep=True) for child in node.value)
        result.item_marks = [_mark(child) for child in node.value]
        result.start = _mark(node)
        return result

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    try:
        check_limits(source, Loader)
        return yaml.load(source, Loader=Loader)  # a SafeLoader subclass: no object tags
    except YAMLLimitError as exc:
        raise RuleFileError(path, exc.line, exc.column, f"invalid YAML: {exc.problem}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and (
            mark is None or mark.line >= source.count("\n") or "end of stream" in str(exc.problem)
        ):
            mark = exc.context_mark  # where the unterminated construct opened
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = "; ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise RuleFileError(path, line, column, f"invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(path, None, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise RuleFileError(path, None, None, "invalid YAML: nested too deeply") from None
    except ValueError as exc:  # a 5,000-digit integer
        raise RuleFileError(path, None, None, f"invalid YAML: {first_line(exc)}") from None
