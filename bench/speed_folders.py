"""The folder workloads of the speed benchmark: folders of corpus articles and their
rewrites, built in a temporary directory, each checked by ``rewritelint report`` and by the
naive folder checker in fresh processes so that memory figures are the folder's own
(``speed.py``'s docstring describes the build and every column)."""

from __future__ import annotations

import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus import ROOT

FOLDER_MIN_CHARS = 800
"""Shorter articles make poor stories: a rewrite of two paragraphs has little to reorder."""
FOLDER_VERSIONS = 5
"""Versions per source article (the original and four rewrites) while the corpus suffices."""
CHILD_MARK = "@@speed.py "
"""Prefix of the stderr line on which a measured child reports its own figures."""
SPEED_SCRIPT = Path(__file__).resolve().with_name("speed.py")
"""The script whose hidden ``--naive-folder`` option runs ``naive_folder`` as a measured child."""

_CLI_WRAPPER = f"""
import json, resource, sys, time
start = time.perf_counter()
from rewritelint.cli import main
code = main(sys.argv[1:])
seconds = time.perf_counter() - start
sys.stdout.flush()
try:  # VmHWM: ru_maxrss would include speed.py's own peak, inherited across exec on Linux
    with open("/proc/self/status") as status:
        own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
figures = dict(exit=code, seconds=seconds, peak_kb=own, worker_peak_kb=workers)
print("\\n" + {CHILD_MARK!r} + json.dumps(figures), file=sys.stderr)
sys.exit(code)
"""
"""Runs the CLI in-process, then reports wall time and peak memory (its own high-water RSS, and
``ru_maxrss`` of its reaped children: the ``--jobs`` workers). Kept in step with
``naive_checker.own_peak_kb``."""


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FolderBuild:
    """How one folder workload was made, printed beside its figures."""

    size: int
    files: int
    sources: int
    versions: int
    """Versions per source: the original and ``versions - 1`` rewrites."""
    words: int
    corpus_articles: int
    """Articles of ``FOLDER_MIN_CHARS`` or more available as sources."""


@dataclass
class FolderResult:
    """One checker on one folder, as printed and written to ``--json``."""

    size: int
    checker: str
    files: int
    words: int
    seconds: float
    files_per_s: float
    words_per_s: float
    peak_mb: float
    worker_peak_mb: float | None = None
    stories: int | None = None
    findings: int | None = None
    exit_code: int = 0
    errors: list[str] = field(default_factory=list)
    extrapolated: bool = False
    covered_files: int | None = None
    """Naive only: files whose pairs were all compared within the budget."""
    covered_pairs: int | None = None
    total_pairs: int | None = None
    growth: float | None = None
    """``seconds`` over those of the previous folder size with the same checker."""
    growth_files: float | None = None


# --- building a folder ------------------------------------------------------------------------


def folder_sources(articles: Sequence[dict[str, Any]]) -> list[str]:
    """Source texts for folders: articles long enough to be rewritten, in corpus order."""
    return [a["text"] for a in articles if len(a["text"]) >= FOLDER_MIN_CHARS]


def shuffle_rewrite(text: str, rng: random.Random) -> str:
    """Reorder the body paragraphs and change the first number: a plausible rewritten version
    (lighter than ``make_rewrite``, whose sentence splitting would dominate an 8,000-file build)."""
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    head, body = paragraphs[:1], paragraphs[1:]
    rng.shuffle(body)
    out = "\n\n".join(head + body)
    return re.sub(r"\b(\d+)\b", lambda m: str(int(m.group()) + 1), out, count=1)


def build_folder(folder: Path, sources: Sequence[str], files: int) -> FolderBuild:
    """Write ``files`` versions into ``folder``: ``FOLDER_VERSIONS`` per source while there are
    enough sources, else more versions per source, so no two originals are the same text."""
    if not sources:
        raise ValueError("no source articles")
    versions = max(FOLDER_VERSIONS, -(-files // len(sources)))
    rng = random.Random(files)
    words = 0
    for n in range(files):
        source, version = divmod(n, versions)
        text = sources[source]
        body = text if version == 0 else shuffle_rewrite(text, rng)
        words += len(body.split())
        (folder / f"{source:05d}-{version}.txt").write_text(body, encoding="utf-8")
    return FolderBuild(
        size=files,
        files=files,
        sources=-(-files // versions),
        versions=versions,
        words=words,
        corpus_articles=len(sources),
    )


# --- measuring the checkers -------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """The environment for measured children: the repository importable when not installed."""
    env = dict(os.environ)
    if importlib.util.find_spec("rewritelint") is None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _child_figures(stderr: str) -> dict[str, Any] | None:
    """The figures a measured child printed last on stderr, or None if it died first."""
    for line in reversed(stderr.splitlines()):
        if line.startswith(CHILD_MARK):
            return json.loads(line[len(CHILD_MARK) :])
    return None


def _failed(build: FolderBuild, checker: str, code: int, errors: list[str]) -> FolderResult:
    """A checker that died before reporting its figures: shown as failed, with its stderr."""
    return FolderResult(
        size=build.size,
        checker=checker,
        files=build.files,
        words=build.words,
        seconds=0.0,
        files_per_s=0.0,
        words_per_s=0.0,
        peak_mb=0.0,
        exit_code=code or 2,
        errors=errors or [f"exit {code}"],
    )


def run_report(build: FolderBuild, folder: Path, jobs: int, scratch: Path) -> FolderResult:
    """``rewritelint report FOLDER --format json --jobs N`` in a fresh process: time, memory and
    the JSON summary. Runs from ``scratch`` so no config file of ours or the caller's applies."""
    output = scratch / f"report-{build.size}-{jobs}.json"
    command = [
        sys.executable,
        "-c",
        _CLI_WRAPPER,
        "report",
        str(folder),
        "--format",
        "json",
        "--jobs",
        str(jobs),
    ]
    with output.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            command, stdout=out, stderr=subprocess.PIPE, text=True, cwd=scratch, env=child_env()
        )
    figures = _child_figures(done.stderr)
    errors = [
        line
        for line in done.stderr.splitlines()
        if line.strip() and not line.startswith(CHILD_MARK)
    ]
    if figures is None:  # crashed before the wrapper could report: nothing to measure
        return _failed(build, f"rewritelint --jobs {jobs}", done.returncode, errors)
    summary: dict[str, Any] = {}
    try:
        with output.open(encoding="utf-8") as handle:
            summary = json.load(handle).get("summary", {})
    except (OSError, ValueError) as exc:
        errors.append(f"JSON output unreadable: {exc}")
    finally:
        output.unlink(missing_ok=True)
    seconds = figures["seconds"]
    files = summary.get("files", build.files)
    return FolderResult(
        size=build.size,
        checker=f"rewritelint --jobs {jobs}",
        files=files,
        words=build.words,
        seconds=seconds,
        files_per_s=files / seconds,
        words_per_s=build.words / seconds,
        peak_mb=figures["peak_kb"] / 1024,
        worker_peak_mb=figures["worker_peak_kb"] / 1024 or None,
        stories=summary.get("stories"),
        findings=summary.get("findings"),
        exit_code=figures["exit"],
        errors=errors,
    )


def run_naive(build: FolderBuild, folder: Path, budget: float) -> FolderResult:
    """``naive_folder`` in a fresh process (this script with a hidden option), for its memory."""
    command = [
        sys.executable,
        str(SPEED_SCRIPT),
        "--naive-folder",
        str(folder),
        "--naive-budget",
        str(budget),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=child_env())
    figures = _child_figures(done.stdout)
    if done.returncode != 0 or figures is None:
        errors = done.stderr.strip().splitlines()[-1:]  # a traceback's last line says it
        return _failed(build, "naive", done.returncode, errors)
    seconds = figures["seconds"]
    complete = not figures["extrapolated"]
    return FolderResult(
        size=build.size,
        checker="naive",
        files=figures["files"],
        words=figures["words"],
        seconds=seconds,
        files_per_s=figures["files"] / seconds,
        words_per_s=figures["words"] / seconds,
        peak_mb=figures["peak_kb"] / 1024,
        stories=figures["stories"] if complete else None,
        findings=figures["findings"] if complete else None,
        extrapolated=not complete,
        covered_files=figures["covered_files"],
        covered_pairs=figures["covered_pairs"],
        total_pairs=figures["total_pairs"],
    )


def _announce(result: FolderResult) -> FolderResult:
    """A progress line on stderr: an 8,000-file folder takes minutes per checker."""
    extra = " (extrapolated)" if result.extrapolated else ""
    print(
        f"folder {result.size:,}: {result.checker}: {result.seconds:.1f} s{extra}",
        file=sys.stderr,
        flush=True,
    )
    return result


def measure_folders(
    sources: Sequence[str], sizes: Sequence[int], jobs: Sequence[int], budget: float
) -> tuple[list[FolderBuild], list[FolderResult]]:
    """Build each folder in a temporary directory, measure every checker on it, remove it."""
    builds: list[FolderBuild] = []
    results: list[FolderResult] = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="rewritelint-bench-") as tmp:
            folder, scratch = Path(tmp) / "folder", Path(tmp) / "scratch"
            folder.mkdir()
            scratch.mkdir()
            build = build_folder(folder, sources, size)
            builds.append(build)
            for n in jobs:
                results.append(_announce(run_report(build, folder, n, scratch)))
            results.append(_announce(run_naive(build, folder, budget)))
    previous: dict[str, FolderResult] = {}
    for result in results:
        before = previous.get(result.checker)
        if before is not None and before.seconds > 0 and result.seconds > 0:
            result.growth = result.seconds / before.seconds
            result.growth_files = result.files / before.files
        previous[result.checker] = result
    return builds, results
