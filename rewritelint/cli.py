"""The command line: ``rewritelint check`` and ``rewritelint rules``.

Only this module prints to the user or chooses an exit code: 0 = no finding at or
above the fail level, 1 = such findings, 2 = a usage, config, rule-file or input
error (one line on stderr, never a traceback). Pipeline modules are imported inside
the commands so that ``--help`` and ``--version`` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from rewritelint import __version__
from rewritelint.errors import RewritelintError

if TYPE_CHECKING:
    from rewritelint.model import Finding
    from rewritelint.ruleset import RuleSet

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _split(values: Sequence[str]) -> list[str]:
    """``--select a,b --select c`` -> ["a", "b", "c"]."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _fail(message: str) -> NoReturn:
    click.echo(f"rewritelint: error: {message}", err=True)
    raise SystemExit(EXIT_ERROR)


def _size(value: str) -> int:
    """Parse "50MB", "200M", "1GB", "1048576" into bytes."""
    text = value.strip().upper().removesuffix("B")
    scale = {"K": 1024, "M": 1024**2, "G": 1024**3}.get(text[-1:], 1)
    number = text[:-1] if text[-1:] in "KMG" else text
    try:
        return int(float(number) * scale)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a size such as 50MB") from None


class _Group(click.Group):
    """Report our own errors as one line and exit 2, whatever command raised them."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RewritelintError as exc:
            _fail(str(exc))
        except BrokenPipeError:
            # The reader (e.g. `| head`) went away: stop quietly, like other linters.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(EXIT_ERROR) from None
        except KeyboardInterrupt:
            click.echo("rewritelint: interrupted", err=True)
            raise SystemExit(130) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="rewritelint")
def cli() -> None:
    """Catch factual drift when a news story is rewritten."""


def _common_rules(rules: Sequence[str], select: Sequence[str], ignore: Sequence[str]) -> RuleSet:
    from rewritelint.errors import ConfigError
    from rewritelint.ruleset import load_ruleset

    ruleset = load_ruleset(rules)
    try:
        return ruleset.select(_split(select), _split(ignore))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None


@cli.command()
@click.argument("rewrites", nargs=-1, required=True, metavar="REWRITE...")
@click.option(
    "--against", "reference", metavar="REFERENCE", help="The wire source to compare with."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--full/--concise",
    default=None,
    help="Show the aligned passages under each finding (default: full on a terminal).",
)
@click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids or categories.")
@click.option(
    "--ignore", multiple=True, metavar="IDS", help="Leave out these rule ids or categories."
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit code 1.",
)
@click.option("--rules", "rule_files", multiple=True, metavar="FILE", help="Extra YAML rule pack.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output.",
)
@click.option(
    "--max-file-size",
    default="50MB",
    show_default=True,
    metavar="SIZE",
    help="Refuse story files larger than this.",
)
def check(
    rewrites: tuple[str, ...],
    reference: str | None,
    output_format: str,
    full: bool | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    rule_files: tuple[str, ...],
    color: str,
    max_file_size: str,
) -> None:
    """Lint REWRITE files against their reference.

    The reference is --against, or the `source:` path in a rewrite's front matter.
    Without either, only the single-version rules (artifacts, typos) run.
    """
    from rewritelint.api import compare, lint, prepare
    from rewritelint.errors import InputError
    from rewritelint.findings import summarise
    from rewritelint.load import load

    limit = _size(max_file_size)
    ruleset = _common_rules(rule_files, select, ignore)
    findings: list[Finding] = []
    failed = 0
    references: dict[str, Any] = {}

    def reference_for(path: str) -> Any:
        """A reference is loaded once, and a broken one is reported once."""
        if path not in references:
            try:
                references[path] = prepare(load(path, max_bytes=limit))
            except InputError as exc:
                references[path] = exc
                click.echo(f"rewritelint: error: {exc}", err=True)
        return references[path]

    skipped = 0
    for path in rewrites:
        try:
            document = load(path, max_bytes=limit)
            source = reference or _front_matter_source(path, document.front_matter)
            if source is None:
                click.echo(
                    f"rewritelint: note: {path}: no reference (pass --against FILE or set "
                    "'source:' in its front matter); only single-version rules ran",
                    err=True,
                )
            ref = reference_for(source) if source is not None else None
            if isinstance(ref, InputError):
                skipped += 1
                continue
            findings.extend(lint(compare(prepare(document), ref), ruleset))
        except InputError as exc:
            failed += 1
            click.echo(f"rewritelint: error: {exc}", err=True)

    failed_references = sum(isinstance(r, InputError) for r in references.values())
    summary = summarise(findings, len(rewrites) - failed - skipped, failed + failed_references)
    out = click.get_text_stream("stdout")
    if output_format == "json":
        from rewritelint.render import json as renderer

        renderer.render(findings, summary, out)
    else:
        from rewritelint.render import text

        tty = out.isatty()
        colour = color == "always" or (color == "auto" and tty and not os.environ.get("NO_COLOR"))
        text.render(findings, summary, out, full=tty if full is None else full, colour=colour)
    out.flush()
    if failed or failed_references:
        raise SystemExit(EXIT_ERROR)
    threshold = SEVERITY_RANK[fail_on]
    blocking = any(SEVERITY_RANK[f.severity] <= threshold for f in findings)
    raise SystemExit(EXIT_FINDINGS if blocking else EXIT_CLEAN)


def _front_matter_source(path: str, front_matter: dict[str, Any]) -> str | None:
    """The first ``source:`` of a story's front matter, relative to the story or the cwd."""
    source = front_matter.get("source")
    if isinstance(source, list):
        source = source[0] if source else None
    if not isinstance(source, str):
        return None
    beside = Path(path).parent / source
    return str(beside) if beside.exists() or not Path(source).exists() else source


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

    out = click.get_text_stream("stdout")
    if test_files:
        failures = 0
        for path in test_files:
            for rule in load_rule_file(path):
                for problem in ruledoc.test_rule(rule):
                    failures += 1
                    click.echo(f"{rule.path}:{rule.line}: {rule.id}: {problem}")
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
    stderr (like every other error), not click's four-line usage block.
    """
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
        click.echo(f"rewritelint: error: {exc.format_message()}", err=True)
        return EXIT_ERROR
    except click.Abort:
        click.echo("rewritelint: interrupted", err=True)
        return 130
    return result if isinstance(result, int) else EXIT_CLEAN
