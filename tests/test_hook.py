"""The shipped pre-commit hook (.pre-commit-hooks.yaml), run by the real pre-commit tool in a
real git repository: a drifted story blocks the commit (short lines and a hint), a faithful one
and an acknowledged one go through. (README.md's walkthrough: tests/test_walkthrough.py.)

The hook's virtualenv is built once per session in a temporary PRE_COMMIT_HOME (this needs
the package index); later runs reuse it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import BIDEN_WIRE as WIRE
from helpers import EXE, ROOT, command

GIT = shutil.which("git")
_VENV_PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
PRE_COMMIT = str(_VENV_PRE_COMMIT) if _VENV_PRE_COMMIT.exists() else shutil.which("pre-commit")
REWRITELINT = EXE

pytestmark = [
    pytest.mark.skipif(GIT is None, reason="git is not installed"),
    pytest.mark.skipif(
        PRE_COMMIT is None, reason="pre-commit is not installed (pip install pre-commit)"
    ),
]

BUILD_TIMEOUT = 600
"""Seconds for a command that may build the hook's virtualenv (downloads from the index)."""

FRONT_MATTER = "---\ntitle: Kabul\nsource: ../wire/kabul.txt\n---\n"
DRIFTED_STORY = FRONT_MATTER + WIRE.replace("nine", "five")
FAITHFUL_STORY = FRONT_MATTER + WIRE.replace("US President", "U.S. President")
FINDING_LINE = "stories/x.md:5:20: error number-changed number changed: nine -> five"
HINT_LINE = (
    "hint: `rewritelint check stories/x.md --full` shows the passages; a deliberate change: "
    "put `<!-- rewritelint: ignore number-changed -->` before the sentence, or run "
    "`rewritelint check stories/x.md --update-baseline` and commit the baseline"
)

# Never copied into the snapshot of this checkout that the installed hook is built from.
_NOT_SOURCE = {
    ".git",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".venv",
    "venv",
    "build",
    "dist",
}


@pytest.fixture(scope="session")
def hook_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for git and pre-commit: a session-wide PRE_COMMIT_HOME (the hook venv is
    built once), no inherited GIT_* variables, no global or system git config."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    empty = home / "gitconfig"
    empty.write_text("", encoding="utf-8")
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GIT_", "PRE_COMMIT")) and k != "SKIP"
    }
    env.update(
        PRE_COMMIT_HOME=str(home / "cache"),
        PRE_COMMIT_COLOR="never",
        GIT_CONFIG_GLOBAL=str(empty),
        GIT_CONFIG_NOSYSTEM="1",
        NO_COLOR="1",
    )
    return env


def git(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return command(repo, env, GIT or "git", *args, timeout=BUILD_TIMEOUT)


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def init_repo(repo: Path, env: dict[str, str]) -> None:
    repo.mkdir(parents=True, exist_ok=True)
    ok(git(repo, env, "init", "-q"))
    ok(git(repo, env, "config", "user.name", "Desk Editor"))
    ok(git(repo, env, "config", "user.email", "desk@example.com"))
    ok(git(repo, env, "config", "commit.gpgsign", "false"))


@pytest.fixture(scope="session")
def snapshot(
    tmp_path_factory: pytest.TempPathFactory, hook_env: dict[str, str]
) -> tuple[Path, str]:
    """A clean git repository holding this checkout's working tree, committed: the
    ``repo:``/``rev:`` an installed hook can point at, even with uncommitted changes here."""
    copy = tmp_path_factory.mktemp("snapshot") / "rewritelint"

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if n in _NOT_SOURCE or n.endswith(".egg-info")}

    shutil.copytree(ROOT, copy, ignore=ignore)
    init_repo(copy, hook_env)
    ok(git(copy, hook_env, "add", "-A"))
    ok(git(copy, hook_env, "commit", "-q", "--no-verify", "-m", "snapshot"))
    sha = ok(git(copy, hook_env, "rev-parse", "HEAD")).stdout.strip()
    return copy, sha


@pytest.fixture
def newsroom(tmp_path: Path, hook_env: dict[str, str]) -> Path:
    """A newsroom repository: wire/kabul.txt and a .rewritelint.yaml, nothing committed."""
    repo = tmp_path / "newsroom"
    init_repo(repo, hook_env)
    (repo / "wire").mkdir()
    (repo / "wire" / "kabul.txt").write_text(WIRE, encoding="utf-8")
    (repo / "stories").mkdir()
    (repo / ".rewritelint.yaml").write_text(
        'wire: [wire/]\nstories: ["stories/*.md"]\n', encoding="utf-8"
    )
    return repo


def pre_commit(repo: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return command(repo, env, PRE_COMMIT or "pre-commit", *args, timeout=BUILD_TIMEOUT)


def output(result: subprocess.CompletedProcess[str]) -> str:
    return result.stdout + result.stderr


# --- pre-commit try-repo on this working tree ---------------------------------------------------
# On the snapshot, not on ROOT: try-repo takes uncommitted edits of tracked files only, so a
# new module not yet added to git would be missing from the hook.


def try_repo(
    repo: Path, env: dict[str, str], snapshot: tuple[Path, str], story: str, *args: str
) -> subprocess.CompletedProcess[str]:
    """Stage ``story`` as stories/x.md and run the snapshot's hook on it with try-repo."""
    (repo / "stories" / "x.md").write_text(story, encoding="utf-8")
    ok(git(repo, env, "add", "-A"))
    return pre_commit(repo, env, "try-repo", str(snapshot[0]), "rewritelint", *args)


def test_try_repo_blocks_a_drifted_story(
    newsroom: Path, hook_env: dict[str, str], snapshot: tuple[Path, str]
) -> None:
    result = try_repo(
        newsroom, hook_env, snapshot, DRIFTED_STORY, "--files", "stories/x.md", "wire/kabul.txt"
    )
    assert result.returncode == 1, output(result)
    lines = output(result).splitlines()
    assert FINDING_LINE in lines
    assert "Found 1 finding (1 error) in 1 file. By category: number 1." in lines
    assert any(
        line.startswith("rewritelint (wire-story drift)") and "Failed" in line for line in lines
    )


def test_try_repo_passes_a_faithful_rewrite(
    newsroom: Path, hook_env: dict[str, str], snapshot: tuple[Path, str]
) -> None:
    result = try_repo(newsroom, hook_env, snapshot, FAITHFUL_STORY, "--all-files")
    assert result.returncode == 0, output(result)
    assert any(
        line.startswith("rewritelint (wire-story drift)") and line.endswith("Passed")
        for line in output(result).splitlines()
    ), output(result)


# --- the hook installed in a repository: real `git commit` --------------------------------------


@pytest.fixture
def installed(newsroom: Path, hook_env: dict[str, str], snapshot: tuple[Path, str]) -> Path:
    """The newsroom repository with the hook installed and its setup committed through it."""
    repo, sha = snapshot
    (newsroom / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {sha}\n    hooks:\n      - id: rewritelint\n",
        encoding="utf-8",
    )
    ok(pre_commit(newsroom, hook_env, "install"))
    assert (newsroom / ".git" / "hooks" / "pre-commit").is_file()
    ok(git(newsroom, hook_env, "add", "-A"))
    # The hook runs on the wire file and passes it (wire copy is never linted as a rewrite).
    setup = git(newsroom, hook_env, "commit", "-m", "Wire copy and config")
    assert setup.returncode == 0, output(setup)
    assert "rewritelint (wire-story drift)" in output(setup)
    return newsroom


def commits(repo: Path, env: dict[str, str]) -> int:
    return int(ok(git(repo, env, "rev-list", "--count", "HEAD")).stdout)


def test_commit_of_a_drifted_story_fails(installed: Path, hook_env: dict[str, str]) -> None:
    (installed / "stories" / "x.md").write_text(DRIFTED_STORY, encoding="utf-8")
    ok(git(installed, hook_env, "add", "stories/x.md"))
    result = git(installed, hook_env, "commit", "-m", "Kabul rewrite")
    assert result.returncode != 0, output(result)
    lines = output(result).splitlines()
    assert FINDING_LINE in lines
    # The short form, then how to see more and how to acknowledge: no passages.
    assert lines[lines.index(FINDING_LINE) + 1 :][:2] == [
        "Found 1 finding (1 error) in 1 file. By category: number 1.",
        HINT_LINE,
    ]
    assert not [line for line in lines if line.startswith(("  reference ", "  - ", "  + "))]
    assert commits(installed, hook_env) == 1
    staged = ok(git(installed, hook_env, "diff", "--cached", "--name-only")).stdout
    assert staged.splitlines() == ["stories/x.md"]


def test_commit_of_a_faithful_story_succeeds(installed: Path, hook_env: dict[str, str]) -> None:
    (installed / "stories" / "x.md").write_text(FAITHFUL_STORY, encoding="utf-8")
    ok(git(installed, hook_env, "add", "stories/x.md"))
    result = git(installed, hook_env, "commit", "-m", "Kabul rewrite")
    assert result.returncode == 0, output(result)
    assert any(
        line.startswith("rewritelint (wire-story drift)") and line.endswith("Passed")
        for line in output(result).splitlines()
    ), output(result)
    assert commits(installed, hook_env) == 2


def test_commit_of_an_acknowledged_drift_succeeds(
    installed: Path, hook_env: dict[str, str]
) -> None:
    (installed / "stories" / "x.md").write_text(DRIFTED_STORY, encoding="utf-8")
    update = subprocess.run(
        [REWRITELINT or "rewritelint", "check", "stories/x.md", "--update-baseline"],
        cwd=installed,
        env=hook_env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert update.returncode == 0, output(update)
    assert (installed / ".rewritelint-baseline.json").is_file()
    ok(git(installed, hook_env, "add", "stories/x.md", ".rewritelint-baseline.json"))
    result = git(installed, hook_env, "commit", "-m", "Kabul rewrite, count checked with the desk")
    assert result.returncode == 0, output(result)
    assert commits(installed, hook_env) == 2
    # A later drift in the same story is still caught.
    story = installed / "stories" / "x.md"
    story.write_text(DRIFTED_STORY.replace("Tuesday", "Monday"), encoding="utf-8")
    ok(git(installed, hook_env, "add", "stories/x.md"))
    again = git(installed, hook_env, "commit", "-m", "Kabul rewrite, second pass")
    assert again.returncode != 0, output(again)
    assert (
        "stories/x.md:7:29: error date-changed date changed: Tuesday -> Monday"
        in output(again).splitlines()
    )


# --- the hint is text output only ---------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["json", "sarif", "github"])
def test_under_pre_commit_other_formats_carry_no_hint(
    newsroom: Path, hook_env: dict[str, str], output_format: str
) -> None:
    """What a hook run prints for scripts and CI stays exactly what it prints elsewhere."""
    (newsroom / "stories" / "x.md").write_text(DRIFTED_STORY, encoding="utf-8")
    args = [REWRITELINT or "rewritelint", "check", "stories/x.md", "--format", output_format]
    runs = [
        subprocess.run(args, cwd=newsroom, env=env, capture_output=True, text=True, check=False)
        for env in (hook_env, {**hook_env, "PRE_COMMIT": "1"})
    ]
    assert runs[0].returncode == runs[1].returncode == 1
    assert runs[1].stdout == runs[0].stdout
    assert "hint:" not in runs[1].stdout


def test_under_pre_commit_the_text_output_ends_with_the_hint(
    newsroom: Path, hook_env: dict[str, str]
) -> None:
    (newsroom / "stories" / "x.md").write_text(DRIFTED_STORY, encoding="utf-8")
    args = [REWRITELINT or "rewritelint", "check", "stories/x.md", "--concise"]
    env = {**hook_env, "PRE_COMMIT": "1"}
    result = subprocess.run(
        args, cwd=newsroom, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == HINT_LINE
    plain = subprocess.run(
        args, cwd=newsroom, env=hook_env, capture_output=True, text=True, check=False
    )
    assert plain.stdout.splitlines() == result.stdout.splitlines()[:-1]
