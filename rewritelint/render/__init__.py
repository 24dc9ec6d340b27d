"""Stage 8, render: finished findings and reports -> text on a stream. Renderers only format.

One interface for every output format, so the CLI picks a renderer by name and never
branches on the format: ``check`` calls ``findings`` once (in file order, with their
``rank.Ranking``); ``report`` calls ``start`` with the stories once files are grouped,
``story`` as each is compared (formats that stream write it then), and ``end`` with the
whole report, ranked (stories worst first). Renderers show the order and the scores they
are given and rank nothing. A new format is a module here with a ``Writer`` subclass of
``Renderer`` and one line in ``FORMATS``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rewritelint.model import Finding, Rule, Summary
    from rewritelint.rank import Ranking
    from rewritelint.report import Report, StoryReport
    from rewritelint.story import Story

FORMATS: Mapping[str, str] = {
    "text": "rewritelint.render.text",
    "json": "rewritelint.render.json",
    "sarif": "rewritelint.render.sarif",
    "github": "rewritelint.render.github",
}
"""``--format`` name -> the module holding its ``Writer`` (imported only when chosen)."""


@dataclass(frozen=True)
class Options:
    """What a run asks of its output; each format uses the part that applies to it."""

    full: bool = False
    """Text: the aligned passages under each finding."""
    colour: bool = False
    """Text: ANSI colours."""
    hint: bool = False
    """Text: the closing hint line (a blocked pre-commit hook)."""
    width: int = 100
    """Text: the terminal's columns, which the full form's passages are fitted to."""
    rules: tuple[Rule, ...] = ()
    """SARIF: the rules of the run, documented in the log."""
    tool_version: str = ""
    """SARIF: the version of rewritelint."""
    step_summary: str | None = None
    """GitHub: the job summary file (``$GITHUB_STEP_SUMMARY``), appended to."""


class Renderer:
    """Writes one output format to a stream. The base writes a ``report`` run as one
    document at the end (SARIF, GitHub annotations: stories are only collected); formats
    that stream (text, JSON) override ``start`` and ``story`` too."""

    def __init__(self, out: TextIO, options: Options) -> None:
        self.out = out
        self.options = options

    def findings(
        self, findings: Sequence[Finding], summary: Summary, ranking: Ranking | None = None
    ) -> None:
        """The whole output of a ``check`` run: its findings in file order and, when
        given, their ranking (what to show first, and each finding's score)."""
        raise NotImplementedError

    def start(self, stories: Sequence[Story]) -> None:
        """A ``report`` run's stories are known (before any is compared)."""

    def story(self, story_report: StoryReport) -> None:
        """One story of a ``report`` run, compared."""

    def end(self, report: Report, summary: Summary) -> None:
        """A ``report`` run is over: the report ranked (``report.rank_report``: stories
        worst first, every version scored) and the counts."""
        self.findings(report.findings, summary, report.ranking)


def renderer(name: str, out: TextIO, options: Options) -> Renderer:
    """The renderer of ``--format name`` writing to ``out``."""
    writer: type[Renderer] = import_module(FORMATS[name]).Writer
    return writer(out, options)
