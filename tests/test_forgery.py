"""Output an untrusted story cannot forge, in every format, through the installed command.

A rewrite whose changed quotation, numbers and extra passages carry terminal escapes
(SGR, clear screen, an OSC 8 hyperlink, a window title), CR, BEL, backspace, a C1 CSI,
bidi overrides and isolates, a forged ``x.txt:1:1: error ...`` line, workflow commands
(``::error::``, ``::add-mask::``, ``%0A::warning::``, ``##[error]``) and ``</script>``;
and the same rewrite under a file NAME holding a newline, ESC, ``::``, ``%``, ``,``,
``:``, a bidi override, ``</script><img ...>`` and an undecodable byte. ``check`` and
``report`` are run in each format, and what a user (or a CI runner, or a parser) would
see is checked: no raw control character, one finding line per finding, one workflow
command per finding, JSON and SARIF that parse and validate, and nothing lost.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from urllib.parse import quote_from_bytes, unquote_to_bytes

import jsonschema
import pytest
from helpers import EXE, ROOT

WIRE = (
    "KABUL (AP) - Insurgents captured nine provincial capitals in six days.\n"
    "\n"
    '"We will not surrender the city," said Ahmad Khalilzad on Tuesday.\n'
    "\n"
    "Officials said 300 families fled the fighting.\n"
)
FORGED_LINE = "x.txt:1:1: error number-changed forged"
STORY = (
    "KABUL (AP) - Insurgents captured five\x1b[2J provincial capitals in six days.\x07\n"
    "\n"
    "::error::forged %0A::warning::x \x1b[31mred\x1b[0m \u202eevil\u202c \u2066bell\x07 too.\n"
    "\n"
    '"We will never surrender the city\x1b[31m::error::x\u202e\x07," said Ahmad Khalizad on '
    "Wednesday.\n"
    "\n"
    "Officials said 3\u2066 00 families fled the \tfighting. [ad_1]\n"
    "\n"
    "Click \x1b]8;;https://evil.example/\x07here\x1b]8;;\x07 now\r\x1b]0;pwned\x07\x08\x9b2J.\n"
    f"{FORGED_LINE}\n"
    "::add-mask::secret ##[error]forged </script><script>alert(1)</script>\n"
)
NAME = (
    f"script><img src=x onerror=alert(1)>evil\n\x1b[31m{FORGED_LINE}\n::error::x %0A,b:c\u202e"
).encode() + b"\xff.txt"
"""A file name (in a folder named ``<``, so its path holds ``</script>``)."""
HOSTILE = "desk/<" + os.sep + os.fsdecode(NAME)
"""The hostile path as given on the command line (with the surrogate for byte 0xFF)."""
SHOWN = (
    "desk/</script><img src=x onerror=alert(1)>evil\\n\\x1b[31m"
    f"{FORGED_LINE}\\n::error::x %0A,b:c\\u202e\\udcff.txt"
)
"""How a terminal must show it: every control escaped, on one line (written out here,
not computed by the code under test)."""
ANNOTATED = HOSTILE.replace("\x1b", "\\x1b").replace("\u202e", "\\u202e")
ANNOTATED = ANNOTATED.replace("\udcff", "\\udcff")
"""The ``file=`` of its annotations once the runner unescapes them: line breaks kept
(the runner's own escape), every other control shown escaped."""
PATHS = {"desk/story.txt": "desk/story.txt", HOSTILE: SHOWN}

CHECK = ("check", "desk/story.txt", HOSTILE, "--against", "desk/wire.txt")
REPORT = ("report", "desk", "--reference", "desk/wire.txt", "--jobs", "1")
COMMANDS = {"check": CHECK, "report": REPORT}

FINDING_LINE = re.compile(r"^\S.*:\d+:\d+: (?:error|warning|info) \S+ ")
"""What a script reading the concise contract takes for a finding."""
SGR = re.compile(r"\x1b\[[0-9;]*m")
BAD_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
"""Control, format (bidi, zero-width), lone surrogate, line and paragraph separator."""


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("forgery")
    (root / "desk" / "<").mkdir(parents=True)
    (root / "desk" / "wire.txt").write_text(WIRE, encoding="utf-8")
    (root / "desk" / "story.txt").write_bytes(STORY.encode("utf-8"))
    (root / "desk" / "<" / os.fsdecode(NAME)).write_bytes(STORY.encode("utf-8"))
    return root


_RUNS: dict[tuple[Path, tuple[str, ...]], Run] = {}


def rewritelint(cwd: Path, *args: str) -> Run:
    """The installed command; stdout must be valid UTF-8 (decoded strictly)."""
    key = (cwd, args)
    if key not in _RUNS:
        assert EXE is not None, "the rewritelint console script is not installed"
        done = subprocess.run([EXE, *args], capture_output=True, check=False, cwd=cwd)
        stdout = done.stdout.decode("utf-8")  # raises on a lone surrogate or bad bytes
        _RUNS[key] = Run(done.returncode, stdout, done.stderr.decode("utf-8", "replace"))
    return _RUNS[key]


def findings_of(desk: Path, command: str) -> list[dict]:
    """The findings of a run, from its JSON output (which keeps every text as it is)."""
    run = rewritelint(desk, *COMMANDS[command], "--format", "json")
    document = json.loads(run.stdout)
    if command == "check":
        return document["findings"]
    return [f for story in document["stories"] for f in story["findings"]]


def raw_controls(text: str, allowed: frozenset[str] = frozenset("\n")) -> list[str]:
    """Characters that would act on a terminal or hide text, beyond ``allowed``."""
    return sorted(
        {c for c in text if c not in allowed and unicodedata.category(c) in BAD_CATEGORIES}
    )


def assert_no_workflow_command(text: str) -> None:
    """No line that the Actions runner would run as a command (it reads every line)."""
    for line in text.split("\n"):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line


# --- the story really is hostile ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "report"])
def test_the_hostile_text_reaches_messages_excerpts_and_paths(desk: Path, command: str) -> None:
    """Without this, the other tests could pass on a story whose text never reaches them."""
    findings = findings_of(desk, command)
    assert {f["path"] for f in findings} >= set(PATHS)
    messages = " ".join(f["message"] for f in findings)
    for hostile in ("\x1b[31m", "::error::forged", "%0A::warning::x", "\u202e", "\x07"):
        assert hostile in messages, hostile
    texts = " ".join(f["text"] for f in findings)
    assert "\r" in texts and "\x1b]8;;" in texts and FORGED_LINE in texts


# --- text: concise and full, check and report ------------------------------------------------


def text_run(desk: Path, command: str, form: str, colour: bool = False) -> Run:
    colours = ("--color", "always" if colour else "never")
    return rewritelint(desk, *COMMANDS[command], f"--{form}", *colours)


@pytest.mark.parametrize("form", ["concise", "full"])
@pytest.mark.parametrize("command", ["check", "report"])
def test_text_shows_no_raw_control_character(desk: Path, command: str, form: str) -> None:
    run = text_run(desk, command, form)
    assert run.code == 1, run.stderr
    assert raw_controls(run.stdout) == []
    assert raw_controls(run.stderr) == []
    assert "\\x1b[31m" in run.stdout and "\\u202e" in run.stdout  # shown, escaped
    if form == "full":  # the changed quotation's passage, under the finding
        assert '{+\\x1b[31m::error::x\\u202e\\x07+}," said' in run.stdout


@pytest.mark.parametrize("form", ["concise", "full"])
@pytest.mark.parametrize("command", ["check", "report"])
def test_every_finding_line_is_a_real_finding(desk: Path, command: str, form: str) -> None:
    run = text_run(desk, command, form)
    expected = sorted(
        f"{PATHS[f['path']]}:{f['line']}:{f['column']}: {f['severity']} {f['rule']} "
        for f in findings_of(desk, command)
        if f["path"] in PATHS
    )
    looks_like_findings = [line for line in run.stdout.split("\n") if FINDING_LINE.match(line)]
    assert not [line for line in looks_like_findings if line.startswith(FORGED_LINE)]
    assert len(looks_like_findings) == len(expected)
    matched = sorted(
        max((p for p in expected if line.startswith(p)), key=len, default=line)
        for line in looks_like_findings
    )
    assert matched == expected
    assert sum(line.startswith(SHOWN + ":") for line in looks_like_findings) == len(expected) // 2


@pytest.mark.parametrize("form", ["concise", "full"])
@pytest.mark.parametrize("command", ["check", "report"])
def test_text_lines_are_not_workflow_commands(desk: Path, command: str, form: str) -> None:
    """``rewritelint check`` in a CI job prints to the runner, which runs ``::cmd::``
    lines (after leading blanks) and ``##[cmd]`` anywhere."""
    assert_no_workflow_command(text_run(desk, command, form).stdout)


@pytest.mark.parametrize("command", ["check", "report"])
def test_colour_adds_only_the_renderer_s_own_codes(desk: Path, command: str) -> None:
    plain = text_run(desk, command, "full").stdout
    coloured = text_run(desk, command, "full", colour=True).stdout
    assert coloured != plain
    # A story's own escape leaking would survive this (OSC, CSI 2J) or leave a gap where
    # the plain output shows it escaped (an SGR code).
    assert SGR.sub("", coloured) == plain


# --- GitHub annotations ------------------------------------------------------------------------

REGISTERED = {"error", "warning", "notice"}
PROPERTIES = {"file", "line", "col", "endLine", "endColumn", "title"}


def runner_parse(line: str) -> tuple[str, dict[str, str], str] | None:
    """The Actions runner's ``ActionCommand.TryParseV2``, step by step: trim leading
    blanks, ``::``, the command info up to the next ``::``, properties split on ``,``
    and ``=``, then its unescaping (``%25`` last)."""
    message = line.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info = message[2:end]
    name, _, props = info.partition(" ")
    properties = {}
    for pair in filter(None, props.strip().split(",")):
        key, sep, value = pair.partition("=")
        if sep and key and value:
            properties[key] = _unescape(
                value, ("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ",")
            )
    return name, properties, _unescape(message[end + 2 :], ("%0D", "\r"), ("%0A", "\n"))


def _unescape(text: str, *mappings: tuple[str, str]) -> str:
    for escaped, char in (*mappings, ("%25", "%")):
        text = text.replace(escaped, char)
    return text


@pytest.mark.parametrize("command", ["check", "report"])
def test_github_is_one_command_per_finding_and_nothing_else(desk: Path, command: str) -> None:
    run = rewritelint(desk, *COMMANDS[command], "--format", "github")
    assert run.code == 1, run.stderr
    assert "\r" not in run.stdout  # the runner splits lines at CR too
    assert raw_controls(run.stdout) == []
    lines = run.stdout.split("\n")
    assert lines.pop() == ""
    findings = findings_of(desk, command)
    assert len(lines) == len(findings) + 1  # and the summary notice
    assert all(line.startswith("::") for line in lines)
    commands = [runner_parse(line) for line in lines]
    assert all(c is not None and c[0] in REGISTERED for c in commands), lines
    *annotations, (summary_name, summary_props, _) = commands
    assert (summary_name, summary_props) == ("notice", {})
    for finding, (name, properties, data) in zip(findings, annotations, strict=True):
        assert (
            name == {"error": "error", "warning": "warning", "info": "notice"}[finding["severity"]]
        )
        assert set(properties) <= PROPERTIES
        assert {"file", "line", "endLine", "title"} <= set(properties)
        expected_file = ANNOTATED if finding["path"] == HOSTILE else finding["path"]
        assert properties["file"] == expected_file
        assert properties["line"] == str(finding["line"])
        assert properties["title"] == f"rewritelint ({finding['rule']})"
        assert raw_controls(data, allowed=frozenset("\r\n")) == []
        assert raw_controls(properties["file"]) == []


@pytest.mark.parametrize("command", ["check", "report"])
def test_github_text_cannot_end_a_command_or_add_a_property(desk: Path, command: str) -> None:
    run = rewritelint(desk, *COMMANDS[command], "--format", "github")
    for line in run.stdout.splitlines():
        head = line[2:].partition("::")[0]
        # The command and its properties: no ":" (so no early end) and no "," of
        # a story's (so no property of its own).
        assert re.fullmatch(r"[a-z]+(?: [a-zA-Z]+=[^:,]*(?:,[a-zA-Z]+=[^:,]*)*)?", head), head
    # The story's "%0A" is data, not a line break: its "%" is escaped.
    assert "%0A::warning::x" not in run.stdout.replace("%250A", "")
    assert "%250A::warning::x" in run.stdout


# --- JSON and SARIF ----------------------------------------------------------------------------

CHECK_SCHEMA = json.loads(
    resources.files("rewritelint").joinpath("schemas/check.schema.json").read_text("utf-8")
)
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.mark.parametrize("command", ["check", "report"])
def test_json_is_valid_inert_and_lossless(desk: Path, command: str) -> None:
    run = rewritelint(desk, *COMMANDS[command], "--format", "json")
    assert run.code == 1, run.stderr
    assert raw_controls(run.stdout) == []
    assert_no_workflow_command(run.stdout)
    document = json.loads(run.stdout)
    if command == "check":
        jsonschema.Draft202012Validator(CHECK_SCHEMA).validate(document)
    paths = {f["path"] for f in findings_of(desk, command)}
    assert HOSTILE in paths  # the real name, undecodable byte and all
    assert os.fsencode(HOSTILE) == b"desk/<" + os.sep.encode() + NAME


@cache
def _sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


@pytest.mark.parametrize("command", ["check", "report"])
def test_sarif_is_valid_inert_and_points_at_the_real_file(desk: Path, command: str) -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SARIF_SCHEMA} (it is read from ../shared/schemas)")
    run = rewritelint(desk, *COMMANDS[command], "--format", "sarif")
    assert run.code == 1, run.stderr
    assert raw_controls(run.stdout) == []
    assert_no_workflow_command(run.stdout)
    log = json.loads(run.stdout)
    errors = sorted(_sarif_validator().iter_errors(log), key=str)
    assert not errors, errors[0]
    results = log["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    hostile_uri = quote_from_bytes(os.fsencode(HOSTILE), safe="/")
    assert hostile_uri in uris
    assert unquote_to_bytes(hostile_uri) == os.fsencode(HOSTILE)
    assert re.fullmatch(r"[A-Za-z0-9\-._~%/]+", hostile_uri)  # only URI characters
    assert any("\x1b[31m" in r["message"]["text"] for r in results)


# --- HTML --------------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


@pytest.mark.parametrize("command", ["check", "report"])
def test_html_page_escapes_the_hostile_name_and_text(desk: Path, command: str, tmp_path) -> None:
    page_path = tmp_path / "review.html"
    run = rewritelint(desk, *COMMANDS[command], "--concise", "--html", str(page_path))
    assert run.code == 1, run.stderr
    page = page_path.read_text(encoding="utf-8")
    parsed = _Tags()
    parsed.feed(page)
    assert parsed.tags.count("script") == 2  # the data and the page's own script
    assert page.count("</script>") == 2
    assert "img" not in parsed.tags
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;evil" in page
    (data,) = re.findall(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    text = json.dumps(json.loads(data), ensure_ascii=False)
    assert "</script><img src=x onerror=alert(1)>evil" in text


def test_the_stderr_lines_about_a_hostile_file_name_stay_one_line_each(tmp_path: Path) -> None:
    # No source is found for it: the note names the file; so does the error of a link out.
    name = "n\nrewritelint: error: forged.txt\x1b[2J::add-mask::x.txt"
    (tmp_path / name).write_text("They captured five provincial capitals.\n", encoding="utf-8")
    result = subprocess.run(
        [EXE, "check", name], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("rewritelint: note: n\\nrewritelint: error: forged.txt\\x1b[2J")
    assert "\x1b" not in result.stderr + result.stdout
