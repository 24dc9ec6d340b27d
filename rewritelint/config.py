"""Project configuration: ``[tool.rewritelint]`` in pyproject.toml or ``.rewritelint.yaml``.

Found by walking up from the working directory (the first folder holding either file
wins; ``.rewritelint.yaml`` before pyproject.toml), or named with ``--config``. Paths in
the file are relative to the folder that holds it (the project root). Every unknown
key and every bad value is a ``ConfigError`` naming the file and the key.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from rewritelint.baseline import BASELINE_NAME
from rewritelint.budget import DEFAULT_FINDINGS, DEFAULT_SECONDS, Budget, parse_size
from rewritelint.errors import ConfigError, first_line
from rewritelint.load import DEFAULT_MAX_BYTES
from rewritelint.model import SEVERITIES
from rewritelint.project import Project, git_work_tree, special_file

CONFIG_NAMES = (".rewritelint.yaml", ".rewritelint.yml", "pyproject.toml")


@dataclass(frozen=True)
class SourceMap:
    """Stories matching ``stories`` (a glob) take their reference from ``wire``."""

    stories: str
    wire: str


@dataclass(frozen=True)
class Config:
    """Settings of a project; command-line options override them."""

    root: Path = field(default_factory=Path.cwd)
    """The folder holding the config file: paths below are relative to it."""
    path: str | None = None
    """The config file read, or None when there is none."""
    rules: tuple[str, ...] = ()
    """Extra YAML rule packs."""
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    """Rule id or category -> severity override."""
    fail_on: str = "error"
    wire: tuple[str, ...] = ()
    """Folders of wire copy: best-match sources, and never linted as rewrites."""
    stories: tuple[str, ...] = ()
    """Globs of story files the hook lints (empty: every file passed)."""
    sources: tuple[SourceMap, ...] = ()
    """Story glob -> wire folder mappings, tried before the wire folders."""
    similarity: float = 0.3
    """Lowest shared-text score for a wire file to count as a story's source."""
    baseline: str = BASELINE_NAME
    require_source: bool = False
    """A story with no source found is an error (instead of a note)."""
    max_file_size: int = DEFAULT_MAX_BYTES
    """Story files larger than this (bytes) are refused unread."""
    max_seconds: float = DEFAULT_SECONDS
    """A file whose comparison takes longer is skipped."""
    max_findings: int = DEFAULT_FINDINGS
    """A file with more findings is skipped (it is hardly a rewrite of its source)."""
    aliases: tuple[tuple[str, ...], ...] = ()
    """A desk's own names for one entity (``aliases: [[Scotland Yard, Metropolitan Police]]``),
    added to the built-in groups (``rewritelint.entities``)."""
    allow_paths: tuple[str, ...] = ()
    """Folders outside the project that stories and this config may still name
    (``allow-paths``, and ``--allow-path`` on the command line)."""

    def limits(
        self, max_bytes: int | None, seconds: float | None, findings: int | None
    ) -> tuple[int, Budget]:
        """The per-file size limit and work budget: the command line's (not None), else
        this config's, else the defaults."""
        return (
            self.max_file_size if max_bytes is None else max_bytes,
            Budget(
                self.max_seconds if seconds is None else seconds,
                self.max_findings if findings is None else findings,
            ),
        )


_KEYS: dict[str, str] = {
    "rules": "a list of rule-pack paths",
    "select": "a list of rule ids or categories",
    "ignore": "a list of rule ids or categories",
    "severity": "a table of rule id or category = severity",
    "fail-on": "one of error, warning, info",
    "wire": "a list of folders",
    "stories": "a list of globs",
    "sources": "a list of {stories = glob, wire = folder}",
    "similarity": "a number between 0 and 1",
    "baseline": "a file path",
    "require-source": "true or false",
    "allow-paths": "a list of folders",
    "aliases": "a list of lists of names",
    "max-file-size": "a size such as 1MB",
    "max-seconds": "a number of seconds above 0",
    "max-findings": "a whole number above 0",
}


def find_config(start: Path | None = None) -> Path | None:
    """The nearest config file from ``start`` upwards (pyproject.toml only counts when
    it has a ``[tool.rewritelint]`` table)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name != "pyproject.toml" or _has_tool_table(path)):
                return path
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "rewritelint" in _read_toml(path).get("tool", {})
    except ConfigError:
        return True  # a broken pyproject.toml is reported when it is read


def load_config(
    path: str | Path | None = None, start: Path | None = None, allow: Sequence[str] = ()
) -> Config:
    """Read the named config file, or the nearest one, or return the defaults; ``allow``
    (``--allow-path``) widens the project. Every path the config names must lie inside
    the project (see ``rewritelint.project``)."""
    found = Path(path) if path is not None else find_config(start)
    if found is None:
        config = Config(root=(start or Path.cwd()).resolve())
    else:
        if not found.is_file():
            raise ConfigError(f"{found}: no such config file")
        if found.name == "pyproject.toml" or found.suffix == ".toml":
            table = _read_toml(found).get("tool", {}).get("rewritelint", {})
            prefix = "tool.rewritelint."
        else:
            table = _read_yaml(found)
            prefix = ""
        config = parse_config(table, str(found), found.resolve().parent, prefix)
    if path is not None:  # named on the command line: the working directory is trusted too
        allow = (os.getcwd(), *allow)
    if allow:
        widened = tuple(os.path.abspath(folder) for folder in allow)
        config = replace(config, allow_paths=(*config.allow_paths, *widened))
    _confine(config, prefix if found is not None else "")
    return config


def project_of(config: Config) -> Project:
    """The folders a story or this config may name paths in: the config's folder (without
    a config, the working directory), the git work tree around it, and the allowed
    folders (``allow-paths``, ``--allow-path``; with ``--config``, the working directory)."""
    roots = [config.root]
    tree = git_work_tree(config.root)
    if tree is not None:
        roots.append(tree)
    return Project(()).widened([*roots, *(config.root / folder for folder in config.allow_paths)])


def _confine(config: Config, prefix: str) -> None:
    """Refuse a config that names a path outside its project (before anything is read)."""
    project = project_of(config)
    named = [("wire", folder) for folder in config.wire]
    named += [(f"sources[{k}].wire", m.wire) for k, m in enumerate(config.sources)]
    named += [("rules", pack) for pack in config.rules]
    if config.baseline != BASELINE_NAME:
        named.append(("baseline", config.baseline))
    for key, value in named:
        if not project.contains(config.root / value):
            where = config.path or "the configuration"
            raise ConfigError(f"{where}: {prefix}{key}: {project.outside(value)}")


def parse_config(table: Any, where: str, root: Path, prefix: str = "") -> Config:
    """Validate a config table; ``where`` and ``prefix`` name the file and key in errors."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: the configuration must be a table of keys")

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{where}: {prefix}{key}: {problem}")

    for key in table:
        if key not in _KEYS:
            hint = get_close_matches(str(key).replace("_", "-"), list(_KEYS), n=1)
            extra = f" (did you mean {hint[0]!r}?)" if hint else ""
            raise fail(str(key), f"unknown key{extra}")
    values: dict[str, Any] = {"root": root, "path": where}
    for key in ("rules", "select", "ignore", "wire", "stories", "allow-paths"):
        if key in table:
            strings = tuple(_strings(table[key], lambda p, k=key: fail(k, p)))
            values[key.replace("-", "_")] = strings
    if "aliases" in table:
        groups = table["aliases"]
        if not isinstance(groups, list):
            raise fail("aliases", f"must be {_KEYS['aliases']}")
        values["aliases"] = tuple(
            tuple(_strings(group, lambda p, i=i: fail(f"aliases[{i}]", p)))
            for i, group in enumerate(groups)
        )
    if "severity" in table:
        overrides = table["severity"]
        if not isinstance(overrides, dict):
            raise fail("severity", f"must be {_KEYS['severity']}")
        for rule, severity in overrides.items():
            if severity not in SEVERITIES:
                raise fail(f"severity.{rule}", f"must be one of {', '.join(SEVERITIES)}")
        values["severity"] = dict(overrides)
    if "fail-on" in table:
        if table["fail-on"] not in SEVERITIES:
            raise fail("fail-on", f"must be one of {', '.join(SEVERITIES)}")
        values["fail_on"] = table["fail-on"]
    if "sources" in table:
        values["sources"] = tuple(_source_maps(table["sources"], fail))
    if "similarity" in table:
        value = table["similarity"]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise fail("similarity", f"must be {_KEYS['similarity']}")
        values["similarity"] = float(value)
    if "baseline" in table:
        if not isinstance(table["baseline"], str) or not table["baseline"]:
            raise fail("baseline", f"must be {_KEYS['baseline']}")
        values["baseline"] = table["baseline"]
    if "max-file-size" in table:
        value = table["max-file-size"]
        try:
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise ValueError(value)
            values["max_file_size"] = parse_size(value)
        except ValueError:
            raise fail("max-file-size", f"must be {_KEYS['max-file-size']}") from None
    if "max-seconds" in table:
        value = table["max-seconds"]
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise fail("max-seconds", f"must be {_KEYS['max-seconds']}")
        values["max_seconds"] = float(value)
    if "max-findings" in table:
        value = table["max-findings"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise fail("max-findings", f"must be {_KEYS['max-findings']}")
        values["max_findings"] = value
    if "require-source" in table:
        if not isinstance(table["require-source"], bool):
            raise fail("require-source", "must be true or false")
        values["require_source"] = table["require-source"]
    return Config(**values)


def _strings(value: Any, fail: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise fail("must be a list of non-empty strings")
    return list(value)


def _source_maps(value: Any, fail: Any) -> list[SourceMap]:
    if not isinstance(value, list):
        raise fail("sources", f"must be {_KEYS['sources']}")
    maps = []
    for k, item in enumerate(value):
        if not isinstance(item, dict) or set(item) != {"stories", "wire"}:
            raise fail(f"sources[{k}]", "must have exactly the keys 'stories' and 'wire'")
        if not all(isinstance(item[key], str) and item[key] for key in ("stories", "wire")):
            raise fail(f"sources[{k}]", "'stories' and 'wire' must be non-empty strings")
        maps.append(SourceMap(item["stories"], item["wire"]))
    return maps


@contextmanager
def _parser_errors(path: Path, language: str, too_deep: str) -> Iterator[None]:
    """What a parser raises past its own error type, as one ``invalid TOML``/``YAML`` line:
    ``too_deep`` for a RecursionError, the first line of a ValueError (an integer over
    Python's digit limit, …)."""
    try:
        yield
    except RecursionError:
        raise ConfigError(f"{path}: invalid {language}: {too_deep}") from None
    except ValueError as exc:
        raise ConfigError(f"{path}: invalid {language}: {first_line(exc)}") from None


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    _refuse_special(path)
    with _parser_errors(path, "TOML", "tables or arrays nested too deeply"):
        try:
            with path.open("rb") as handle:
                return tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def _read_yaml(path: Path) -> Any:
    import yaml

    from rewritelint.safeyaml import YAMLLimitError, safe_load

    _refuse_special(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    with _parser_errors(path, "YAML", "nested too deeply"):
        try:
            data = safe_load(text)
        except YAMLLimitError as exc:
            where = f"{path}:{exc.line}:{exc.column}"
            raise ConfigError(f"{where}: invalid YAML: {exc.problem}") from None
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
            raise ConfigError(f"{path}{line}: invalid YAML: {exc.problem or exc.context}") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: invalid YAML: {exc}") from None
    return {} if data is None else data


def _refuse_special(path: Path) -> None:
    """A FIFO or device named as the config would block or never end."""
    problem = special_file(path)
    if problem:
        raise ConfigError(f"{path}: {problem}")


STARTER = """\
# rewritelint configuration: `rewritelint --help` and the README list every key.
# Paths are relative to this file's folder.

# Folders of wire copy. A story without a `source:` in its front matter is compared
# with the best-matching file here; files in these folders are never linted as rewrites.
wire:
  - wire/

# Story files the pre-commit hook lints (globs). Leave empty to lint every file passed.
stories:
  - "stories/*.md"     # "*" crosses folders too: stories/afp/kabul.md matches
  - "stories/*.txt"

# Map stories to the wire folder their source lives in (tried before `wire`).
# sources:
#   - {stories: "stories/afp/*.md", wire: "wire/afp/"}

# Extra rule packs (YAML); see `rewritelint rules`.
# rules: [desk-rules.yaml]

# Rule ids or categories to run only (select) or to leave out (ignore).
# select: []
# ignore: [addition]

# Change a rule's (or a category's) severity: error, warning or info.
# severity:
#   hedge: error
#   number-added: info

# Lowest severity that blocks a commit (exit code 1): error, warning or info.
fail-on: error

# Lowest shared-text score (0-1) for a wire file to be taken as a story's source.
similarity: 0.3

# Acknowledged findings (`rewritelint check ... --update-baseline` writes it).
baseline: .rewritelint-baseline.json

# Treat a story with no source found as an error instead of a note.
require-source: false

# Limits per story file: larger files are refused unread; a file whose comparison takes
# longer, or that has more findings, is skipped (one error line; the run goes on).
# max-file-size: 1MB
# max-seconds: 10
# max-findings: 2000

# Paths that stories and this file name must lie inside this folder (links resolved);
# list other folders they may name, such as a shared wire archive.
# allow-paths: [../wire-archive/]
"""
"""What ``rewritelint init`` writes: every key, commented."""
