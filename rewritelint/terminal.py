"""How the process talks to its terminal: one-line messages, stdout that outlives its
reader, what the output can ask of the renderers (width, colour, the CI's job summary),
and a Ctrl-C that always ends the run.

The CLI's plumbing, kept apart from its commands: nothing here knows about stories.
File names and story text in a message are shown escaped (``render.safe``), so a name
cannot forge a second line; a reader that goes away (``| head``) does not stop a run
that still has a page to write; and an interrupt that Python would lose inside a
finaliser is delivered again, with a grace period after which the process exits.
"""

from __future__ import annotations

import gc
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO, cast

import click

from rewritelint import __version__
from rewritelint.render import Options

if TYPE_CHECKING:
    from rewritelint.model import Rule

EXIT_INTERRUPTED = 130
STEP_SUMMARY = "GITHUB_STEP_SUMMARY"
"""Set by GitHub Actions to the job summary's file: ``--format github`` writes the full
findings there (Markdown), the annotations staying short."""
HOOK_VARIABLE = "PRE_COMMIT"
"""Set (to "1") by pre-commit in the environment of the hooks it runs: the concise
output then ends with a hint on seeing the passages and acknowledging a change."""
INTERRUPT_GRACE = 1.0
"""Seconds a Ctrl-C may take to unwind before the process exits anyway."""
REDELIVER = 0.02
"""Seconds after a finaliser swallowed a Ctrl-C that it is delivered again."""
GC_THRESHOLDS = (20_000, 20, 20)
"""The cyclic garbage collector's thresholds while the CLI runs. A story becomes
thousands of small token tuples, none of them garbage cycles; at Python's default
(700 allocations) the collector ran dozens of times a story and took 15% of the time."""


def _interrupted(signum: int, frame: Any) -> None:
    """SIGINT: raise KeyboardInterrupt as Python does, and exit anyway if it is lost.

    Python drops an exception raised while a ``__del__`` runs ("Exception ignored in"),
    and the garbage collector runs them at any moment (the regex module's do), so a
    plain KeyboardInterrupt is sometimes swallowed and the run goes on for minutes. A
    daemon thread ends the process ``INTERRUPT_GRACE`` seconds later unless it has
    exited by then."""

    def exit_soon() -> None:
        time.sleep(INTERRUPT_GRACE)
        say_interrupted()
        end_workers()
        os._exit(EXIT_INTERRUPTED)

    threading.Thread(target=exit_soon, name="rewritelint-interrupt", daemon=True).start()
    raise KeyboardInterrupt


def end_workers() -> None:
    """Kill this process's worker processes. ``os._exit`` skips the pool's own shutdown
    (which is what may have hung: ``Pool.terminate`` can wait on a lock a busy worker
    holds), and a worker left behind would keep the run's stderr open, so whoever waits
    for the run to finish would wait forever, and write its traceback there when the pipe
    to this process breaks."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.kill()


def _unraisable(hook: Any) -> Any:
    """``sys.unraisablehook`` that delivers an interrupt a ``__del__`` swallowed again.

    The KeyboardInterrupt raised inside a finaliser cannot propagate, and Python would
    print it as "Exception ignored in ...". SIGINT is sent once more a moment later (from
    a thread: sent from here, its handler would raise inside this hook), so it is raised
    outside the finaliser and unwinds the run as it should."""

    def handle(unraisable: Any) -> None:
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
            again = threading.Timer(REDELIVER, os.kill, (os.getpid(), signal.SIGINT))
            again.daemon = True
            again.start()
            return
        hook(unraisable)

    return handle


_said: list[bool] = []
"""Whether this run has printed its "interrupted" line (the signal handler and the
unwinding main thread both may get there)."""


def say_interrupted() -> None:
    """The one "interrupted" line, printed once whichever path gets there first."""
    if not _said:
        _said.append(True)
        click.echo("rewritelint: interrupted", err=True)


def one_line(text: str) -> str:
    """A message fit for one line: line breaks, escapes and other control characters in
    a file name are shown escaped, so a name cannot forge a second line, recolour the
    terminal or pass for a CI runner's workflow command."""
    from rewritelint.render.safe import inert, printable

    return inert(printable(text))


def say(message: str, err: bool = True) -> None:
    """One line about the run (stderr by default), whatever file names it holds."""
    click.echo(one_line(message), err=err)


class Stdout:
    """Standard output that outlives its reader.

    When the reader goes away (``| head``), the rest of the output is dropped but the run
    goes on to write what it was asked to write to files (``--html``) and to exit with
    its real status; ``closed`` tells a streaming loop that nobody is reading any more.
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.closed = False

    def write(self, text: str) -> int:
        if not self.closed:
            try:
                self.stream.write(text)
            except BrokenPipeError:
                self._close()
        return len(text)

    def flush(self) -> None:
        if not self.closed:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._close()

    def isatty(self) -> bool:
        return bool(self.stream.isatty())

    def _close(self) -> None:
        self.closed = True
        silence(self.stream)


def silence(stream: TextIO) -> None:
    """Point a stream's descriptor at /dev/null once its reader has gone, so the
    interpreter's last flush is quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, stream.fileno())
    os.close(devnull)


def width(out: TextIO) -> int:
    """The terminal's columns (``$COLUMNS`` when set), else 100 when output is piped."""
    if out.isatty() or os.environ.get("COLUMNS"):
        return shutil.get_terminal_size((100, 24)).columns
    return 100


def options(
    out: TextIO, full: bool | None, color: str, rules: tuple[Rule, ...], hint: bool = False
) -> Options:
    """What the output asks for: the full form by default on a terminal, fitted to its
    width, coloured per ``--color``; the rules (SARIF) and the job summary (GitHub)."""
    tty = out.isatty()
    return Options(
        full=tty if full is None else full,
        width=width(out),
        colour=colour(color, tty),
        hint=hint,
        rules=rules,
        tool_version=__version__,
        step_summary=os.environ.get(STEP_SUMMARY) or None,
    )


def colour(color: str, tty: bool) -> bool:
    """``--color``: always, never, or on a terminal unless NO_COLOR is set."""
    return color == "always" or (color == "auto" and tty and not os.environ.get("NO_COLOR"))


def stdout() -> TextIO:
    """sys.stdout as a ``Stdout``: renderers only write, flush and ask ``isatty``, which
    is all of TextIO it implements."""
    return cast("TextIO", Stdout(sys.stdout))


@contextmanager
def session() -> Iterator[None]:
    """The process settings of one CLI run, restored after it (``main`` is also called
    in-process): the collector's thresholds, the SIGINT handler, the unraisable hook."""
    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)  # inherited by the worker processes
    _said.clear()
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, _interrupted) if main_thread else None
    unraisable = sys.unraisablehook
    if main_thread:
        sys.unraisablehook = _unraisable(unraisable)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        sys.unraisablehook = unraisable
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
