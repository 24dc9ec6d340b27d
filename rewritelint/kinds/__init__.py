"""Rule kinds: the Python behind YAML rules (stage 6, rules).

A rule file picks a kind with ``kind:`` and sets its parameters; each kind is a
frozen dataclass whose fields are those YAML keys, registered here by name with
:func:`register_kind`. ``from_yaml`` validates and compiles once at load time;
``run`` looks at a :class:`~rewritelint.findings.Context` and calls ``report``.
Kinds never read files or print.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from difflib import get_close_matches
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Literal,
    TypeVar,
    get_args,
    get_origin,
    get_type_hints,
)

from rewritelint.caches import bounded
from rewritelint.errors import RuleFileError

if TYPE_CHECKING:
    from rewritelint.findings import Context
    from rewritelint.model import AnnotatedDocument, Edit, Rule

KINDS: dict[str, type[Kind]] = {}
"""Kind name -> class, filled by :func:`register_kind`."""

K = TypeVar("K", bound="type[Kind]")


@dataclass(frozen=True)
class Where:
    """Where a rule's YAML came from, so errors can name the file, line and column."""

    path: str
    line: int | None = None
    column: int | None = None
    marks: Mapping[str, tuple[int, int]] = dataclasses.field(default_factory=dict)
    """YAML key -> (line, column) of its value, 1-based."""
    key_marks: Mapping[str, tuple[int, int]] = dataclasses.field(default_factory=dict)
    """YAML key -> (line, column) of the key itself."""

    def error(self, key: str | None, problem: str) -> RuleFileError:
        """An error at a key's value (or at the rule when ``key`` is None)."""
        line, column = (
            self.marks.get(key, (self.line, self.column)) if key else (self.line, self.column)
        )
        return RuleFileError(self.path, line, column, problem)

    def key_error(self, key: str, problem: str) -> RuleFileError:
        """An error at a key itself (an unknown key)."""
        line, column = self.key_marks.get(key, self.marks.get(key, (self.line, self.column)))
        return RuleFileError(self.path, line, column, problem)

    def item_error(self, value: Any, index: int, key: str, problem: str) -> RuleFileError:
        """An error at item ``index`` of the list ``value`` found under ``key``."""
        marks = getattr(value, "item_marks", None)
        if marks and index < len(marks):
            line, column = marks[index]
            return RuleFileError(self.path, line, column, problem)
        return self.error(key, problem)


@dataclass(frozen=True)
class Kind:
    """Base of every rule kind. Subclasses add their YAML keys as dataclass fields."""

    name: ClassVar[str]
    summary: ClassVar[str]
    cross_version: ClassVar[bool] = False
    """True when the kind compares a rewrite with its reference (needs alignment)."""
    placeholders: ClassVar[frozenset[str]] = frozenset()
    """Message template fields the kind fills."""

    @classmethod
    def from_yaml(cls, params: Mapping[str, Any], where: Where) -> Kind:
        """Build the kind from its YAML keys, validated against the fields' declared
        types (the kind's schema): unknown keys, wrong types and values outside a
        ``Literal`` are errors naming the file, line and key. A field whose YAML form
        differs from its type declares a converter: ``field(metadata={"convert": f})``."""
        check_keys(cls, params, where)
        hints = _hints(cls)
        values = {}
        for f in dataclasses.fields(cls):
            if f.name in params:
                convert = f.metadata.get("convert")
                value = params[f.name]
                values[f.name] = (
                    convert(value, f.name, where)
                    if convert
                    else checked(hints[f.name], value, f.name, where)
                )
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise where.error(None, f"kind {cls.name!r} needs the key {f.name!r}")
        return cls(**values)

    def run(self, rule: Rule, ctx: Context) -> None:
        raise NotImplementedError


COMMON_KEYS = ("id", "category", "severity", "kind", "message", "doc", "examples")
"""Keys every rule has, whatever its kind."""


def check_keys(cls: type[Kind], params: Mapping[str, Any], where: Where) -> None:
    """Refuse keys the kind does not have, with a "did you mean" over every valid key."""
    valid = [f.name for f in dataclasses.fields(cls)]
    for key in params:
        if key not in valid:
            hint = get_close_matches(key, [*valid, *COMMON_KEYS], n=1)
            extra = f" (did you mean {hint[0]!r}?)" if hint else ""
            raise where.key_error(key, f"unknown key {key!r} for kind {cls.name!r}{extra}")


def register_kind(cls: K) -> K:
    """Class decorator: make a kind available to rule files under ``cls.name``."""
    KINDS[cls.name] = cls
    return cls


@bounded(maxsize=64)
def _hints(cls: type[Kind]) -> dict[str, Any]:
    """The resolved field types of a kind (its YAML schema)."""
    return get_type_hints(cls)


def checked(declared: Any, value: Any, key: str, where: Where) -> Any:
    """``value`` validated against a field's declared type: bool, int, float, str, a
    ``Literal`` of choices, or ``tuple[X, ...]`` (a YAML list, or one item); ``Any``
    accepts anything. Returns it in the field's type (a list becomes a tuple).

    >>> from typing import Literal
    >>> checked(tuple[Literal["a", "b"], ...], "a", "k", Where("r.yaml"))
    ('a',)
    """
    origin = get_origin(declared)
    if declared is Any:
        return value
    if origin is Literal:
        choices = get_args(declared)
        if value not in choices:
            allowed = ", ".join(map(str, choices))
            raise where.error(key, f"{key!r} must be one of {allowed}, not {value!r}")
        return value
    if origin is tuple and len(get_args(declared)) == 2 and get_args(declared)[1] is Ellipsis:
        if isinstance(value, dict):
            expect_type(value, list, key, where)
        items = value if isinstance(value, list | tuple) else [value]
        item_type = get_args(declared)[0]
        return tuple(checked(item_type, item, key, where) for item in items)
    if declared is float:
        return float(expect_type(value, (int, float), key, where))
    if isinstance(declared, type):
        return expect_type(value, declared, key, where)
    return value


def expect_type(value: Any, types: type | tuple[type, ...], key: str, where: Where) -> Any:
    """Raise a RuleFileError naming the key unless ``value`` has one of ``types``."""
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in _tuple(types)):
        names = " or ".join(dict.fromkeys(_YAML_NAMES.get(t, t.__name__) for t in _tuple(types)))
        raise where.error(key, f"{key!r} must be {names}, not {type_name(value)}")
    return value


_YAML_NAMES: dict[type, str] = {
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "a mapping",
}
"""Python types as a rule file's author knows them."""


def type_name(value: Any) -> str:
    """The YAML-facing type of a value ("a list", never our marked list subclass).

    >>> type_name([1]), type_name({}), type_name(None), type_name(2.5)
    ('a list', 'a mapping', 'null', 'a number')
    >>> type_name(5), type_name(True)
    ('a whole number', 'true or false')
    """
    for kind in (bool, int, float, str, list, dict):
        if isinstance(value, kind):
            return _YAML_NAMES[kind]
    return "null" if value is None else f"a {type(value).__name__}"


def _tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def edit_spans(ctx: Context, edit: Edit) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where an edit is, on the rewrite side (the words around a deletion, so something
    visible is flagged) and on the reference side (empty at the point of an insertion)."""
    if edit.rewrite:
        rewrite = (edit.rewrite[0].start, edit.rewrite[-1].end)
    else:
        rewrite = deletion_span(ctx.rewrite, edit.rewrite_at)
    if edit.reference:
        reference = (edit.reference[0].start, edit.reference[-1].end)
    else:
        reference = (edit.reference_at, edit.reference_at)
    return rewrite, reference


def deletion_span(document: AnnotatedDocument, offset: int) -> tuple[int, int]:
    """The words either side of a deletion point, so a finding about something removed
    still points at visible text ("It's [just] a" -> the span of "It's a")."""
    words = [
        t
        for passage in document.tokens
        for t in passage
        if t.kind not in ("punct", "quote") and abs(t.start - offset) < 200
    ]
    before = [t for t in words if t.end <= offset]
    after = [t for t in words if t.start >= offset]
    start = before[-1].start if before else (after[0].start if after else offset)
    end = after[0].end if after else (before[-1].end if before else offset)
    return start, end


def load_kinds() -> dict[str, type[Kind]]:
    """Import the built-in kinds (each module registers itself) and return the registry."""
    from rewritelint.kinds import (  # noqa: F401
        attribution,
        balance,
        change,
        cue,
        flip,
        names,
        pattern,
        qualifier,
        quotation,
        spelling,
        substitution,
        swap,
        unaligned,
        unit,
    )

    return KINDS
