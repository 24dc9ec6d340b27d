"""The command line: ``rewritelint check`` and ``rewritelint rules``.

Only this module prints to the user or chooses an exit code: 0 = no finding at or
above the fail level, 1 = such findings, 2 = a usage, config, rule-file or input
error (one line on stderr, never a traceback). Pipeline modules are imported inside
the commands so that ``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from rewritelint import __version__, terminal
from rewritelint.engine import ENGINES
from rewritelint.errors import ConfigError, RewritelintError
from rewritelint.model import SEVERITIES, at_least
from rewritelint.render import FORMATS, renderer

if TYPE_CHECKING:
    from rewritelint.config import Config
    from rewritelint.model import Finding
    from rewritelint.ruleset import RuleSet

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: Sequence[str]) -> list[str]:
    """``--select a,b --select c`` -> ["a", "b", "c"]."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _error(message: str) -> None:
    terminal.say(f"rewritelint: error: {message}")


def _fail(message: str) -> NoReturn:
    _error(message)
    raise SystemExit(EXIT_ERROR)


def _refuse_input_as_output(output: str, inputs: Sequence[str]) -> None:
    """An output file must never replace a story or wire file."""
    target = Path(output).resolve()
    if any(Path(path).resolve() == target for path in inputs):
        _fail(f"{output}: is one of the input stories; choose another file for the output")


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """``--max-file-size``: "1MB", "200K", "1048576" -> bytes."""
    from rewritelint.budget import parse_size

    try:
        return None if value is None else parse_size(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size such as 1MB") from None


class _Group(click.Group):
    """Report our own errors as one line and exit 2, whatever command raised them."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RewritelintError as exc:
            _fail(str(exc))
        except BrokenPipeError:  # the reader (`| head`) went away: stop quietly
            terminal.silence(sys.stdout)
            raise SystemExit(EXIT_ERROR) from None
        except KeyboardInterrupt:
            terminal.say_interrupted()
            raise SystemExit(terminal.EXIT_INTERRUPTED) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="rewritelint")
def cli() -> None:
    """Catch factual drift when a news story is rewritten."""


def _ruleset(
    config: Config, rule_files: Sequence[str], select: Sequence[str], ignore: Sequence[str]
) -> RuleSet:
    """Built-in packs + the config's + ``--rules``, selected and with severity overrides."""
    from rewritelint.ruleset import load_ruleset

    packs = [str(config.root / p) for p in config.rules] + list(rule_files)
    ruleset = load_ruleset(packs)
    try:
        chosen = ruleset.select(
            _split(select) or list(config.select), [*config.ignore, *_split(ignore)]
        )
        return chosen.with_severities(config.severity).with_aliases(config.aliases)
    except ConfigError as exc:
        where = f"{config.path}: " if config.path and not (select or ignore) else ""
        raise click.UsageError(f"{where}{exc}") from None


def _blocking(findings: Sequence[Finding], level: str) -> bool:
    """Does any finding reach the fail level (exit code 1)?"""
    return any(at_least(f.severity, level) for f in findings)


def _options(*options: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Apply several click options at once (``check`` and ``report`` share them)."""

    def apply(function: Any) -> Any:
        for option in reversed(options):
            function = option(function)
        return function

    return apply


_output_options = _options(
    click.option(
        "--format",
        "output_format",
        type=click.Choice(list(FORMATS)),
        default="text",
        show_default=True,
        help="Output format.",
    ),
)
_rule_options = _options(
    click.option(
        "--select", multiple=True, metavar="IDS", help="Only these rule ids or categories."
    ),
    click.option(
        "--ignore", multiple=True, metavar="IDS", help="Leave out these rule ids or categories."
    ),
    click.option(
        "--fail-on",
        type=click.Choice(SEVERITIES),
        default=None,
        help="Lowest severity that makes the exit code 1 [default: error, or the config's].",
    ),
    click.option(
        "--rules", "rule_files", multiple=True, metavar="FILE", help="Extra YAML rule pack."
    ),
    click.option("--config", "config_file", metavar="FILE", help="Config file to use."),
    click.option(
        "--allow-path",
        "allow_paths",
        multiple=True,
        metavar="DIR",
        help="Let stories and the config name paths in DIR too (outside the project).",
    ),
)
_input_options = _options(
    click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Colour the text output.",
    ),
    click.option(
        "--max-file-size",
        default=None,
        callback=_size,
        metavar="SIZE",
        help="Refuse story files larger than this, unread [default: 1MB, or the config's; "
        "news stories are kilobytes].",
    ),
    click.option(
        "--max-seconds",
        type=click.FloatRange(min=0, min_open=True),
        default=None,
        metavar="S",
        help="Skip a file whose comparison takes longer [default: 10, or the config's].",
    ),
    click.option(
        "--max-findings",
        type=click.IntRange(min=1),
        default=None,
        metavar="N",
        help="Skip a file with more findings: not a rewrite of its source [default: 2000].",
    ),
    click.option(
        "--html", "html_file", metavar="FILE", help="Also write the HTML review page to FILE."
    ),
)


@cli.command()
@click.argument("rewrites", nargs=-1, required=True, metavar="REWRITE...")
@click.option(
    "--against", "reference", metavar="REFERENCE", help="The wire source to compare with."
)
@_output_options
@click.option(
    "--full/--concise",
    default=None,
    help="Show the aligned passages under each finding (default: full on a terminal).",
)
@_rule_options
@click.option("--baseline", "baseline_file", metavar="FILE", help="Baseline file to use.")
@click.option(
    "--update-baseline",
    is_flag=True,
    help="Acknowledge every current finding: write them to the baseline and pass.",
)
@click.option(
    "--strict-baseline",
    is_flag=True,
    help="Fail on baseline entries of the checked files that no longer match anything.",
)
@click.option(
    "--require-source",
    is_flag=True,
    default=None,
    help="A story with no source found is an error, not a note.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=1,
    show_default=True,
    help="Worker processes for checking many files (same output as one).",
)
@_input_options
def check(
    rewrites: tuple[str, ...],
    reference: str | None,
    output_format: str,
    full: bool | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    rule_files: tuple[str, ...],
    config_file: str | None,
    allow_paths: tuple[str, ...],
    baseline_file: str | None,
    update_baseline: bool,
    strict_baseline: bool,
    require_source: bool | None,
    jobs: int,
    color: str,
    max_file_size: int | None,
    max_seconds: float | None,
    max_findings: int | None,
    html_file: str | None,
) -> None:
    """Lint REWRITE files against their wire source.

    The source is --against, or the `source:` in a story's front matter, or the config's
    `sources` mapping, or the best match in its `wire` folders. Without one, only the
    single-version rules (artifacts, typos) run.
    """
    from rewritelint import baseline as store
    from rewritelint.config import load_config
    from rewritelint.findings import summarise
    from rewritelint.rank import rank
    from rewritelint.runner import check_files, default_baseline_path

    config = load_config(config_file, allow=allow_paths)
    limit, budget = config.limits(max_file_size, max_seconds, max_findings)
    ruleset = _ruleset(config, rule_files, select, ignore)
    baseline_path = default_baseline_path(config, baseline_file)
    entries = [] if update_baseline else store.read_baseline(baseline_path)
    result = check_files(
        rewrites,
        ruleset,
        config,
        reference=reference,
        max_bytes=limit,
        baseline=entries,
        jobs=jobs,
        budget=budget,
    )
    for line in result.errors:
        _error(line)
    strict_source = config.require_source if require_source is None else require_source
    for path in result.unsourced:
        label = "error" if strict_source else "note"
        terminal.say(
            f"rewritelint: {label}: {path}: no source found (pass --against FILE, set "
            "'source:' in its front matter, or configure wire folders); only "
            "single-version rules ran"
        )
    for path, resolution in result.sources.items():
        if resolution.how in ("best match", "sources mapping"):
            terminal.say(
                f"rewritelint: {path}: compared with {resolution.sources[0]} "
                f"({resolution.how}, {resolution.score:.0%} shared text)"
            )

    if result.skipped and not result.checked and not result.errors:
        click.echo(
            f"rewritelint: note: skipped {len(result.skipped)} file(s): wire copy, or not "
            "matching the configured stories",
            err=True,
        )
    if update_baseline:
        try:
            entries_now = store.update_file(
                baseline_path, result.all_findings, result.checked, config.root
            )
        except OSError as exc:
            _fail(f"{baseline_path}: cannot write the baseline: {exc.strerror or exc}")
        terminal.say(
            f"Wrote {len(entries_now)} acknowledged finding(s) to {baseline_path} "
            f"({len(result.all_findings)} from the {len(result.checked)} file(s) checked).",
            err=False,
        )
        raise SystemExit(EXIT_ERROR if result.errors else EXIT_CLEAN)

    summary = summarise(
        result.findings, len(result.checked), len(result.errors), len(result.acknowledged)
    )
    out = terminal.stdout()
    level = fail_on or config.fail_on
    hook = bool(os.environ.get(terminal.HOOK_VARIABLE))  # pre-commit shows a failed hook's output
    blocking = _blocking(result.findings, level)
    options = terminal.options(out, full, color, ruleset.rules, hint=hook and blocking)
    # File order for the contract lines; the ranking for what the full form shows first.
    ranking = rank(result.findings, result.checked)
    renderer(output_format, out, options).findings(result.findings, summary, ranking)
    out.flush()
    if html_file:  # the editors' review page, after the normal output
        from rewritelint.render import html
        from rewritelint.review import review_check

        _refuse_input_as_output(
            html_file, [*rewrites, *(p for r in result.sources.values() for p in r.sources)]
        )
        page = html.render(
            review_check(
                result.all_findings,
                summary,
                sources=result.sources,
                checked=result.checked,
                root=config.root,
                baseline=entries,
            )
        )
        try:
            store.write_atomically(html_file, page)
        except OSError as exc:
            _fail(f"{html_file}: cannot write the HTML page: {exc.strerror or exc}")
    for stale in result.stale if strict_baseline else ():
        terminal.say(
            f"rewritelint: stale baseline entry in {baseline_path}: {stale.path} {stale.rule} "
            f"{stale.fingerprint} ({stale.text!r} no longer found)"
        )
    if result.errors:
        raise SystemExit(EXIT_ERROR)
    blocking = blocking or (strict_source and bool(result.unsourced))
    blocking = blocking or (strict_baseline and bool(result.stale))
    raise SystemExit(EXIT_FINDINGS if blocking else EXIT_CLEAN)


@cli.command()
@click.argument("folders", nargs=-1, required=True, metavar="FOLDER...")
@_output_options
@click.option("--full/--concise", default=None, help="Show aligned passages under findings.")
@_rule_options
@click.option(
    "--similarity",
    type=click.FloatRange(0, 1),
    default=None,
    help="Grouping threshold: how alike two files must be to be one story [default: 0.09].",
)
@click.option("--reference", "reference", metavar="FILE", help="Use FILE as its story's reference.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes (local cluster workers with --engine dask) [default: the CPUs].",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="Run the work here, or on Dask distributed (pip install 'rewritelint[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="A running Dask scheduler (tcp://host:8786) for --engine dask [default: start a "
    "local cluster].",
)
@_input_options
def report(
    folders: tuple[str, ...],
    output_format: str,
    full: bool | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    rule_files: tuple[str, ...],
    config_file: str | None,
    allow_paths: tuple[str, ...],
    similarity: float | None,
    reference: str | None,
    jobs: int | None,
    engine: str,
    scheduler: str | None,
    color: str,
    max_file_size: int | None,
    max_seconds: float | None,
    max_findings: int | None,
    html_file: str | None,
) -> None:
    """Group the files of FOLDER into stories and lint every version against its
    story's reference (the wire copy, else the earliest credited clean version, else the
    most central one). Each story is printed as soon as it is compared."""
    from rewritelint.config import load_config
    from rewritelint.engine import make_engine
    from rewritelint.findings import summarise
    from rewritelint.report import Report, compare_stories, plan_report, rank_report
    from rewritelint.story import SIMILARITY

    config = load_config(config_file, allow=allow_paths)
    ruleset = _ruleset(config, rule_files, select, ignore)
    max_bytes, budget = config.limits(max_file_size, max_seconds, max_findings)
    stderr = sys.stderr
    out = terminal.stdout()
    options = terminal.options(out, full, color, ruleset.rules)

    def progress(done: int, total: int) -> None:
        """A progress line on a terminal's stderr (quiet when stderr is not a terminal)."""
        if total >= 20 and stderr.isatty() and not out.isatty():
            end = "\n" if done == total else ""
            stderr.write(f"\rrewritelint: compared {done}/{total} stories{end}")
            stderr.flush()

    if scheduler:  # the cluster's workers do not share our working directory
        folders = tuple(os.path.abspath(folder) for folder in folders)
    result = Report()
    with make_engine(engine, jobs or os.cpu_count() or 1, scheduler) as running:
        plan = plan_report(
            folders,
            ruleset,
            running,
            threshold=SIMILARITY if similarity is None else similarity,
            reference=reference,
            wire_folders=[str(config.root / w) for w in config.wire],
            max_bytes=max_bytes,
        )
        if html_file:
            _refuse_input_as_output(html_file, [v.path for s in plan.stories for v in s.versions])
        result.files = plan.files
        for line in plan.errors:
            _error(line)
        result.errors.extend(plan.errors)
        writer = renderer(output_format, out, options)
        writer.start(plan.stories)
        # Stories stream out in order; only the review page needs their aligned text kept.
        stories = compare_stories(
            plan, ruleset, running, max_bytes=max_bytes, aligned=bool(html_file), budget=budget
        )
        for story_report in stories:
            for line in story_report.errors:
                _error(line)
            result.errors.extend(story_report.errors)
            result.stories.append(story_report)
            writer.story(story_report)
            out.flush()
            if out.closed and not html_file:
                raise BrokenPipeError  # nobody reads the rest, and no page needs it
            progress(len(result.stories), len(plan.stories))
    result = rank_report(result)  # stories worst first, every version scored
    findings = result.findings
    summary = summarise(findings, result.files, len(result.errors))
    writer.end(result, summary)
    out.flush()
    if html_file:  # the editors' review page, after the normal output
        from rewritelint.baseline import write_atomically
        from rewritelint.render import html
        from rewritelint.review import review_report

        try:
            page = html.render(review_report(result, summary, root=config.root))
            write_atomically(html_file, page)
        except OSError as exc:
            _fail(f"{html_file}: cannot write the HTML page: {exc.strerror or exc}")
    if result.errors:
        raise SystemExit(EXIT_ERROR)
    blocking = _blocking(findings, fail_on or config.fail_on)
    raise SystemExit(EXIT_FINDINGS if blocking else EXIT_CLEAN)


@cli.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .rewritelint.yaml.")
def init(force: bool) -> None:
    """Write a commented .rewritelint.yaml in the current folder, its wire folders and
    story globs filled from the folders found here."""
    from rewritelint import scaffold
    from rewritelint.baseline import write_atomically

    target = Path(".rewritelint.yaml")
    if target.exists() and not force:
        _fail(f"{target} already exists (use --force to overwrite it)")
    layout = scaffold.detect(scaffold.listing(Path(".")))
    try:  # --force: a link there is replaced, never written through
        write_atomically(target, scaffold.config_text(layout), replace_link=True)
    except OSError as exc:
        _fail(f"{target}: cannot write: {exc.strerror or exc}")
    terminal.say(f"Wrote {target}: {scaffold.describe(layout)}", err=False)  # folder names escaped


@cli.command()
@click.argument("rule_id", required=False, metavar="[ID]")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--rules", "rule_files", multiple=True, metavar="FILE", help="Extra YAML rule pack.")
@click.option(
    "--test",
    "test_files",
    multiple=True,
    metavar="FILE",
    help="Run the examples of the rules in FILE (a rule pack) and report failures.",
)
def rules(
    rule_id: str | None,
    output_format: str,
    rule_files: tuple[str, ...],
    test_files: tuple[str, ...],
) -> None:
    """List the rules, or show one rule's documentation and example."""
    from rewritelint import ruledoc
    from rewritelint.ruleset import load_rule_file, load_ruleset

    out = sys.stdout
    if test_files:
        failures = 0
        for path in test_files:
            for tested in load_rule_file(path):
                for problem in ruledoc.test_rule(tested):
                    failures += 1
                    terminal.say(f"{tested.path}:{tested.line}: {tested.id}: {problem}", err=False)
        click.echo(f"{failures} example(s) failed." if failures else "All examples passed.")
        raise SystemExit(EXIT_FINDINGS if failures else EXIT_CLEAN)
    ruleset = load_ruleset(rule_files)
    if rule_id is None:
        ruledoc.render_list(ruleset, out, output_format)
        return
    rule = ruleset.get(rule_id)
    if rule is None:
        _fail(f"unknown rule {rule_id!r}; `rewritelint rules` lists them")
    ruledoc.render_rule(rule, out, output_format)


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point; returns the exit code.

    Click runs without its own error handling so that a usage error is one line on
    stderr (like every other error), not click's four-line usage block. The SIGINT
    handler and the collector's thresholds are ours only while the command runs
    (``main`` is also called in-process).
    """
    with terminal.session():
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    try:
        result = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="rewritelint",
            standalone_mode=False,
        )
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        _error(exc.format_message())
        return EXIT_ERROR
    except click.Abort:
        terminal.say_interrupted()
        return terminal.EXIT_INTERRUPTED
    return result if isinstance(result, int) else EXIT_CLEAN
