"""Where the benchmarks find the news corpus, and how they read it.

The corpus is copyrighted research data: it is read at run time, never copied into the
repository. ``--corpus PATH`` wins, then ``$REWRITELINT_CORPUS``, then ``../shared/corpus``
beside the repository root.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_dir(option: Path | None) -> Path:
    """The corpus directory: option, then environment, then the shared checkout beside ours."""
    if option is not None:
        return option
    env = os.environ.get("REWRITELINT_CORPUS")
    return Path(env) if env else DEFAULT_CORPUS


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Articles of one corpus file, or none when the file is absent."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]
