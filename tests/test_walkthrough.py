"""README.md's "Use in a newsroom repo" walkthrough, run line by line as written.

The commands are read from README.md itself (the fenced blocks after a ``<!--
walkthrough: ... -->`` comment), so the README cannot drift from what works: only the
placeholder path of the rewritelint checkout is replaced (by a copy of this working tree).
They run in a new newsroom repository holding wire copy, a drifted rewrite and an
unrelated file with uncommitted edits, with a fresh virtual environment first on PATH
(the README's ``pip install`` lines install into it, through pip's configured index) and
pre-commit's colour on, so the hook runs on a pty as it does for an editor at a terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from helpers import ROOT
from helpers import command as run_in

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")

README = ROOT / "README.md"
CHECKOUT = "/path/to/rewritelint"
"""What the README says to replace with the path of the rewritelint checkout."""
COMMANDS_MARKER = "<!-- walkthrough:"
OUTPUT_MARKER = "<!-- walkthrough-output"
TIMEOUT = 600
"""Seconds for one command (the first commit builds the hook's environment)."""

WIRE = (
    "KABUL, Afghanistan (AA) – The Taliban have captured nine provincial centers from "
    "government forces in six days.\n"
    "\n"
    "US President Joe Biden said Tuesday he did not regret his decision to withdraw.\n"
)
STORY = (
    "---\n"
    "title: Taliban gains\n"
    "---\n"
    "KABUL – The Taliban have captured five provincial centers from government forces in six "
    "days.\n"
    "\n"
    "U.S. President Joe Biden said Tuesday he did not regret his decision to withdraw.\n"
)
FINDING = "stories/kabul.md:4:35: error number-changed number changed: nine -> five"
SUMMARY = "Found 1 finding (1 error) in 1 file. By category: number 1."
HINT = (
    "hint: `rewritelint check stories/kabul.md --full` shows the passages; a deliberate "
    "change: put `<!-- rewritelint: ignore number-changed -->` before the sentence, or run "
    "`rewritelint check stories/kabul.md --update-baseline` and commit the baseline"
)
NOTES = b"Desk rota  \r\nMon: Amina\r\nTue: Piotr"
"""An unrelated file, committed; ``NOTES_EDITED`` is its uncommitted edit (CRLF, trailing
blanks, no final newline: what a hook that rewrote files would change)."""
NOTES_EDITED = NOTES + b"\r\nWed: \t(open)  "
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_HEREDOC = re.compile(r"<<-?\s*'?(?P<word>\w+)'?")
_NOT_SOURCE = {".git", ".venv", "venv", "build", "dist", "__pycache__", ".pytest_cache"}
_NOT_SOURCE |= {".ruff_cache", ".hypothesis", ".benchmarks"}


# --- reading the walkthrough out of README.md ---------------------------------------------------


def fenced_after(marker: str, text: str) -> list[str]:
    """The body of each fenced block that follows a line starting with ``marker``."""
    blocks, lines = [], text.splitlines()
    for k, line in enumerate(lines):
        if line.startswith(marker):
            opening = k + 1
            assert lines[opening].startswith("```"), f"README.md:{opening + 1}: no fence"
            closing = lines.index("```", opening + 1)
            blocks.append("\n".join(lines[opening + 1 : closing]))
    return blocks


def commands(block: str) -> list[str]:
    """Shell commands as pasted line by line: one per line, a here-document with its body."""
    found: list[str] = []
    lines = iter(block.splitlines())
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        heredoc = _HEREDOC.search(line)
        if heredoc:
            body = [line]
            for more in lines:
                body.append(more)
                if more == heredoc.group("word"):
                    break
            line = "\n".join(body)
        found.append(line)
    return found


def walkthrough() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [c for block in fenced_after(COMMANDS_MARKER, text) for c in commands(block)]


def readme_output() -> list[str]:
    """The lines README.md shows for the blocked commit."""
    (block,) = fenced_after(OUTPUT_MARKER, README.read_text(encoding="utf-8"))
    return block.splitlines()


def plain(line: str) -> str:
    """A line without colour, and pre-commit's run of dots (its width varies) as three."""
    return re.sub(r"\.{3,}", "...", ANSI.sub("", line)).rstrip()


# --- the run ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    command: str
    result: subprocess.CompletedProcess[str]

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr

    @property
    def lines(self) -> list[str]:
        return [plain(line) for line in self.output.splitlines()]


@dataclass(frozen=True)
class Run:
    steps: list[Step]
    repo: Path
    blocked: Path
    """A copy of the repository as the blocked commit left it."""
    env: dict[str, str]


def git(repo: Path, env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [GIT or "git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def environment(tools: Path, home: Path) -> dict[str, str]:
    """A shell with the fresh virtual environment activated (this test's own is not on
    PATH), no git or pre-commit settings of the machine, and pre-commit's colour on."""
    own = str(Path(sys.executable).parent)
    path = [str(tools / "bin")] + [
        p for p in os.environ.get("PATH", "").split(os.pathsep) if p and p != own
    ]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GIT_", "PRE_COMMIT")) and k not in {"SKIP", "NO_COLOR", "PYTHONPATH"}
    }
    gitconfig = home / "gitconfig"
    gitconfig.write_text("", encoding="utf-8")
    env.update(
        PATH=os.pathsep.join(path),
        VIRTUAL_ENV=str(tools),
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        PRE_COMMIT_COLOR="always",
        GIT_CONFIG_GLOBAL=str(gitconfig),
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def newsroom(repo: Path, env: dict[str, str]) -> None:
    """A newsroom repository: wire copy and a desk rota committed, then a new rewrite and
    an uncommitted edit of the rota (not part of the commit)."""
    repo.mkdir()
    git(repo, env, "init", "-q")
    git(repo, env, "config", "user.name", "Desk Editor")
    git(repo, env, "config", "user.email", "desk@example.com")
    git(repo, env, "config", "commit.gpgsign", "false")
    (repo / "wire").mkdir()
    (repo / "wire" / "kabul.txt").write_text(WIRE, encoding="utf-8")
    (repo / "notes").mkdir()
    (repo / "notes" / "rota.txt").write_bytes(NOTES)
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "Wire copy and rota")
    (repo / "stories").mkdir()
    (repo / "stories" / "kabul.md").write_text(STORY, encoding="utf-8")
    (repo / "notes" / "rota.txt").write_bytes(NOTES_EDITED)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The walkthrough's commands, each in its own shell, in order (none stops the next,
    as when pasted)."""
    base = tmp_path_factory.mktemp("walkthrough")
    checkout = base / "rewritelint"
    shutil.copytree(
        ROOT,
        checkout,
        ignore=lambda _, names: {n for n in names if n in _NOT_SOURCE or n.endswith(".egg-info")},
    )
    tools = base / "tools"
    venv.EnvBuilder(with_pip=True).create(tools)
    env = environment(tools, base)
    repo = base / "newsroom"
    newsroom(repo, env)
    steps, blocked = [], base / "blocked"
    for command in walkthrough():
        result = run_in(
            repo, env, "bash", "-c", command.replace(CHECKOUT, str(checkout)), timeout=TIMEOUT
        )
        steps.append(Step(command, result))
        if command.startswith("git commit") and not blocked.exists():
            shutil.copytree(repo, blocked, symlinks=True)
    return Run(steps, repo, blocked, env)


def commits(step_run: Run, repo: Path | None = None) -> int:
    return int(git(repo or step_run.repo, step_run.env, "rev-list", "--count", "HEAD"))


def first_commit(run: Run) -> Step:
    return next(s for s in run.steps if s.command.startswith("git commit"))


# --- what the README promises -------------------------------------------------------------------


def test_the_walkthrough_is_in_the_readme() -> None:
    found = walkthrough()
    assert found[:2] == [
        "pip install pre-commit                  # or: pipx install pre-commit",
        f"pip install {CHECKOUT}        # the rewritelint command, for init and the baseline",
    ]
    assert sum(c.startswith("git commit") for c in found) == 2
    assert any(CHECKOUT in c and "additional_dependencies" in c for c in found)


def test_the_readme_hook_is_the_shipped_hook() -> None:
    """The `repo: local` hook of the walkthrough says what .pre-commit-hooks.yaml says."""
    (config,) = [c for c in walkthrough() if c.startswith("cat > .pre-commit-config.yaml")]
    body = config.split("\n", 1)[1].rsplit("\n", 1)[0]
    ((local,),) = [r["hooks"] for r in yaml.safe_load(body)["repos"] if r["repo"] == "local"]
    (shipped,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for key in ("id", "name", "entry", "language", "files", "types", "require_serial"):
        assert local[key] == shipped[key], key
    assert local["additional_dependencies"] == [CHECKOUT]


def test_every_command_but_the_first_commit_succeeds(run: Run) -> None:
    blocked = first_commit(run)
    for step in run.steps:
        if step is not blocked:
            assert step.result.returncode == 0, f"$ {step.command}\n{step.output}"


def test_init_finds_the_wire_and_story_folders(run: Run) -> None:
    config = yaml.safe_load((run.repo / ".rewritelint.yaml").read_text(encoding="utf-8"))
    assert config["wire"] == ["wire/"]
    assert config["stories"] == ["stories/*.md"]
    (init,) = [s for s in run.steps if s.command.startswith("rewritelint init")]
    assert init.lines == [
        "Wrote .rewritelint.yaml: wire folder wire/ (by its name); stories in stories/ "
        "(1 .md file); check them for your repository."
    ]


def test_the_first_commit_is_blocked_with_the_short_form_and_the_hint(run: Run) -> None:
    step = first_commit(run)
    assert step.result.returncode == 1, step.output
    lines = step.lines
    assert FINDING in lines
    assert lines[lines.index(FINDING) + 1 :][:2] == [SUMMARY, HINT]
    # The short form, though the hook ran on a pty: no passages under the finding.
    assert not [line for line in lines if line.startswith(("  reference ", "  - ", "  + "))]
    assert commits(run, run.blocked) == 1
    staged = git(run.blocked, run.env, "diff", "--cached", "--name-only").split()
    assert staged == [".pre-commit-config.yaml", ".rewritelint.yaml", "stories/kabul.md"]


def test_the_readme_shows_what_the_blocked_commit_prints(run: Run) -> None:
    shown = readme_output()
    printed = first_commit(run).lines
    assert shown[0] == f"$ {first_commit(run).command}"
    missing = [line for line in map(plain, shown[1:]) if line not in printed]
    assert not missing, "\n".join(printed)


def test_the_acknowledged_change_is_committed(run: Run) -> None:
    assert commits(run) == 2
    tree = git(run.repo, run.env, "ls-tree", "-r", "--name-only", "HEAD").split()
    assert tree == [
        ".pre-commit-config.yaml",
        ".rewritelint-baseline.json",
        ".rewritelint.yaml",
        "notes/rota.txt",
        "stories/kabul.md",
        "wire/kabul.txt",
    ]
    last = run.steps[-1]
    assert any(
        line.startswith("rewritelint (wire-story drift)") and line.endswith("Passed")
        for line in last.lines
    ), last.output


def test_an_unrelated_file_is_not_touched(run: Run) -> None:
    """pre-commit stashes and restores unstaged edits; the hook itself changes no file."""
    assert (run.repo / "notes" / "rota.txt").read_bytes() == NOTES_EDITED
    assert (run.blocked / "notes" / "rota.txt").read_bytes() == NOTES_EDITED
    assert git(run.repo, run.env, "status", "--porcelain").splitlines() == [" M notes/rota.txt"]
    committed = subprocess.run(
        [GIT or "git", "show", "HEAD:notes/rota.txt"],
        cwd=run.repo,
        env=run.env,
        capture_output=True,
    )
    assert committed.stdout == NOTES


def test_an_inline_comment_acknowledges_the_change_too(run: Run) -> None:
    """The other way the hint names: the comment before the sentence, in the blocked copy."""
    story = run.blocked / "stories" / "kabul.md"
    text = story.read_text(encoding="utf-8")
    story.write_text(
        text.replace("KABUL –", "<!-- rewritelint: ignore number-changed -->\nKABUL –"),
        encoding="utf-8",
    )
    git(run.blocked, run.env, "add", "stories/kabul.md")
    result = subprocess.run(
        [GIT or "git", "commit", "-m", "Kabul rewrite, count checked with the desk"],
        cwd=run.blocked,
        env=run.env,
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert commits(run, run.blocked) == 2
