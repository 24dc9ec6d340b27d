"""rewritelint: catch factual drift when a news story is rewritten.

The library entry points live in :mod:`rewritelint.api`; they are re-exported here
lazily so that ``import rewritelint`` (and the CLI's start-up) stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "check_paths", "check_texts"]


def __getattr__(name: str) -> Any:
    if name in ("check_texts", "check_paths"):
        from rewritelint import api

        return getattr(api, name)
    raise AttributeError(f"module 'rewritelint' has no attribute {name!r}")
