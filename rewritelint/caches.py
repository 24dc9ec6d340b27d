"""Every memo of the package in one registry: bounded, and cleared together.

The versions of a story share most sentences, words and names, so the stages memoise
their pure functions (a paragraph's sentence spans, a passage's tokens, a word's
classes, a compiled pattern). Each memo is an LRU cache with a fixed size, declared
with ``bounded``; ``clear_all`` forgets them all at once — what the speed benchmark does
before each pass, and what a long-lived host can do between jobs. Memory never needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_REGISTRY: list[Any] = []
"""The memoised functions (their ``cache_clear`` and ``cache_info``)."""


def bounded(maxsize: int) -> Callable[[F], F]:
    """``functools.lru_cache(maxsize)``, registered so ``clear_all`` reaches it."""

    def decorate(function: F) -> F:
        memo = lru_cache(maxsize=maxsize)(function)
        _REGISTRY.append(memo)
        return memo  # type: ignore[return-value]

    return decorate


def clear_all() -> None:
    """Forget everything every memo holds."""
    for memo in _REGISTRY:
        memo.cache_clear()


def sizes() -> dict[str, tuple[int, int | None]]:
    """Each memo's current and maximum size, by ``module.function`` (for benchmarks).

    >>> all(maxsize is not None for _, maxsize in sizes().values())
    True
    """
    return {
        f"{memo.__module__}.{memo.__qualname__}": (
            memo.cache_info().currsize,
            memo.cache_info().maxsize,
        )
        for memo in _REGISTRY
    }
