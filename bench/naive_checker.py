"""The naive baseline: what an afternoon project would check, difflib over word lists plus a
number regex, for one pair (``baseline_numbers``) and for a folder (``naive_folder``, which
also groups the files into stories). The speed benchmark runs it beside rewritelint so its
figures have a yardstick; it imports nothing of rewritelint."""

from __future__ import annotations

import difflib
import random
import re
import resource
import time
from collections import Counter
from pathlib import Path
from typing import Any

NAIVE_THRESHOLD = 0.6
"""Naive grouping cut: in the corpus, unrelated articles score at most ~0.4 by ``quick_ratio``
and rewrites of one article ~0.99, so any value in between groups the same files."""
_WORD = re.compile(r"\S+")
_BASELINE_NUMBER = re.compile(r"\d[\d,.]*")


# --- pairs ------------------------------------------------------------------------------------


def baseline_numbers(reference: str, rewrite: str) -> list[tuple[int, int, str, str]]:
    """The afternoon-project checker: difflib over whole word lists, numbers compared by regex.

    For every ``replace`` opcode, number strings of the rewrite side missing from the reference
    side are reported as ``(start, end, old, new)`` in the rewrite (``old`` is the reference
    number in the same position, or ""), plus one report per surplus reference number.
    """
    ref_words = list(_WORD.finditer(reference))
    rew_words = list(_WORD.finditer(rewrite))
    matcher = difflib.SequenceMatcher(
        None, [m.group() for m in ref_words], [m.group() for m in rew_words], autojunk=False
    )
    reports = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "replace":
            continue
        old_span = reference[ref_words[i1].start() : ref_words[i2 - 1].end()]
        new_from = rew_words[j1].start()
        new_span = rewrite[new_from : rew_words[j2 - 1].end()]
        old = [m.group().rstrip(".,") for m in _BASELINE_NUMBER.finditer(old_span)]
        new = [
            (
                m.start() + new_from,
                m.start() + new_from + len(m.group().rstrip(".,")),
                m.group().rstrip(".,"),
            )
            for m in _BASELINE_NUMBER.finditer(new_span)
        ]
        new_numbers = Counter(n for _, _, n in new)
        rewrite_only = new_numbers - Counter(old)
        reference_only = list((Counter(old) - new_numbers).elements())
        paired = 0
        for s, e, n in new:
            if rewrite_only[n] > 0:
                rewrite_only[n] -= 1
                was = reference_only[paired] if paired < len(reference_only) else ""
                reports.append((s, e, was, n))
                paired += 1
        reports.extend((-1, -1, was, "") for was in reference_only[paired:])
    return reports


# --- folders ----------------------------------------------------------------------------------


def own_peak_kb() -> int:
    """This process's peak RSS in KB. On Linux ``VmHWM``: ``ru_maxrss`` of a process started by
    ``subprocess`` includes its parent's peak (the kernel carries it across exec), which would
    credit every measured child with this script's memory."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def naive_folder(folder: Path, budget: float) -> dict[str, Any]:
    """The afternoon-project folder checker, run in its own process by ``run_naive``.

    Reads every ``.txt`` file, scores every pair by ``quick_ratio`` over word lists (one file
    held as ``seq2``, whose counts difflib caches, against all earlier ones), joins pairs at or
    above ``NAIVE_THRESHOLD`` into groups (union-find) and checks each group's other files
    against its first by name with ``baseline_numbers``. Rows are taken in a seeded random
    order: a full run costs the same, but when the pair loop stops at ``budget`` the files
    covered (all pairs among them compared) are a random sample, so the pair time scales by the
    pair count and the check time by one check per file at the measured mean: the extrapolated
    total is unbiased rather than skewed by the corpus order (long BASIL articles first).
    """
    start = time.perf_counter()
    paths = sorted(folder.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in paths]
    words = [text.split() for text in texts]
    read_s = time.perf_counter() - start
    count = len(paths)
    order = list(range(count))
    random.Random(0).shuffle(order)
    parent = list(range(count))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    matcher = difflib.SequenceMatcher(None, autojunk=False)
    covered = 0
    pairs_start = time.perf_counter()
    for row, i in enumerate(order):
        matcher.set_seq2(words[i])
        for j in order[:row]:
            matcher.set_seq1(words[j])
            if (
                matcher.real_quick_ratio() >= NAIVE_THRESHOLD
                and matcher.quick_ratio() >= NAIVE_THRESHOLD
            ):
                parent[root(j)] = root(i)
        covered = row + 1
        if budget > 0 and time.perf_counter() - pairs_start > budget:
            break
    pairs_s = time.perf_counter() - pairs_start

    groups: dict[int, list[int]] = {}
    for i in sorted(order[:covered]):
        groups.setdefault(root(i), []).append(i)
    check_start = time.perf_counter()
    checks = reports = 0
    for members in groups.values():
        for other in members[1:]:
            reports += len(baseline_numbers(texts[members[0]], texts[other]))
            checks += 1
    check_s = time.perf_counter() - check_start

    total_pairs = count * (count - 1) // 2
    covered_pairs = covered * (covered - 1) // 2
    complete = covered == count
    if complete:
        seconds = time.perf_counter() - start
    else:
        per_check = check_s / checks if checks else 0.0
        seconds = read_s + pairs_s * total_pairs / max(covered_pairs, 1) + per_check * count
    return {
        "files": count,
        "words": sum(len(w) for w in words),
        "seconds": seconds,
        "extrapolated": not complete,
        "covered_files": covered,
        "covered_pairs": covered_pairs,
        "total_pairs": total_pairs,
        "stories": len(groups),
        "findings": reports,
        "peak_kb": own_peak_kb(),
    }
