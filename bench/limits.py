"""What a story of 1, 2, 5 or 10 MB costs a run: time and peak memory per file.

Run it with the project's venv active::

    python bench/limits.py                 # about 2 minutes on 2 cores
    python bench/limits.py --sizes 1,2

Each story is real news text from ``../shared/corpus`` (BASIL articles joined; read at run
time, never copied), with a changed number, as a multi-line file and as one single line.
It is checked against a seed wire story in a fresh ``rewritelint check`` process, once with
the default limits (a file over 1 MB is refused unread) and once with ``--max-file-size``
raised so the work budget (``--max-seconds``, default 10) is what bounds it. Time is wall
clock; memory is the process's peak resident set (``VmHWM``, Linux).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIRE = ROOT / "seeds" / "003_380c5302f4e8ce27.txt"


def corpus_text(corpus: Path) -> str:
    path = corpus / "basil_triplets" / "articles.jsonl"
    if not path.exists():
        sys.exit(f"limits: no corpus at {path} (use --corpus or REWRITELINT_CORPUS)")
    with path.open(encoding="utf-8") as handle:
        return "\n\n".join(json.loads(line)["text"] for line in handle if line.strip())


def story(text: str, size: int, single_line: bool) -> str:
    """``size`` bytes of news text (repeated when the corpus is shorter), a number changed."""
    body = (text * (size // len(text) + 1)).replace("nine", "five")
    if single_line:
        body = body.replace("\n", " ")
    return body.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def measure(args: list[str]) -> tuple[float, int, int, str]:
    """Seconds, peak RSS in MB, exit status and the last stderr line of one run.

    The peak is the child's own ``VmHWM``, polled from /proc until it exits: ``wait4``'s
    ``ru_maxrss`` would include this benchmark's own memory, which the child inherits
    across fork and exec."""
    exe = shutil.which("rewritelint", path=str(Path(sys.executable).parent)) or "rewritelint"
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen([exe, *args], stdout=subprocess.DEVNULL, stderr=errors)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _high_water(process.pid))
            time.sleep(0.02)
        elapsed = time.monotonic() - started
        errors.seek(0)
        stderr = errors.read()
    last = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    return elapsed, peak // 1024, process.returncode, last


def _high_water(pid: int) -> int:
    """A process's peak resident set so far, in kB (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--sizes", default="1,2,5,10", help="story sizes in MB")
    options = parser.parse_args()
    corpus = options.corpus or Path(
        os.environ.get("REWRITELINT_CORPUS", ROOT.parent / "shared" / "corpus")
    )
    text = corpus_text(corpus)
    sizes = [float(s) for s in options.sizes.split(",")]
    print("| story | limits | time | peak memory | exit | what the user sees |")
    print("|---|---|--:|--:|--:|---|")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in sizes:
            size = int(megabytes * 1_000_000)
            for single in (False, True):
                path = Path(folder) / f"{megabytes:g}mb{'-line' if single else ''}.txt"
                path.write_text(story(text, size, single), encoding="utf-8")
                shape = "one line" if single else "multi-line"
                for label, extra in (
                    ("default", []),
                    ("--max-file-size 20MB", ["--max-file-size", "20MB"]),
                ):
                    seconds, memory, status, last = measure(
                        ["check", str(path), "--against", str(WIRE), "--concise", *extra]
                    )
                    seen = last.replace(str(path), "FILE")[:90] or "findings printed"
                    print(
                        f"| {megabytes:g} MB, {shape} | {label} | {seconds:.1f} s | "
                        f"{memory} MB | {status} | {seen} |",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
