"""The trust boundary: a story or a config cannot make rewritelint read outside its project.

Each refused kind of path (absolute, ``..``, a link out, /proc, a FIFO, a device) is tried
the way an untrusted pull request would: in a story's front matter, in the config, or as a
committed link. What the user must see: one error line naming the file and the path,
exit 2, and nothing of the outside file in the output.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest
from helpers import run, write

from rewritelint.project import Project, git_work_tree, leaves_project, special_file

WIRE = "They have captured nine provincial centers from government forces in six days.\n"
DRIFTED = WIRE.replace("nine", "five")
SECRET = "The hunter2 password opens every door in the building on Tuesday.\n"
"""Text of a file outside the project: it must never appear in any output."""
REFUSED = "is outside the project"


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    """A project folder (no config, no git: the working directory is the root) with a wire
    file, and a secret file beside it, outside."""
    write(tmp_path / "outside" / "secret.txt", SECRET)
    project = tmp_path / "newsroom"
    write(project / "wire" / "a.txt", WIRE)
    return project


def story(source: str) -> str:
    return f"---\nsource: {source}\n---\n{DRIFTED}"


def assert_refused(result, *names: str) -> None:
    """Exit 2, one error line naming each of ``names``, and no trace of the secret."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    errors = [line for line in result.stderr.splitlines() if line.startswith("rewritelint: error")]
    assert len(errors) == 1, result.stderr
    for name in names:
        assert name in errors[0], errors[0]
    assert "hunter2" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


# --- front matter -------------------------------------------------------------------------------


def check_source(newsroom: Path, source: str) -> subprocess.CompletedProcess[str]:
    """``rewritelint check`` of a story whose front matter names ``source``."""
    write(newsroom / "stories" / "a.md", story(source))
    return run(newsroom, "check", "stories/a.md")


def test_an_absolute_source_outside_the_project_is_refused(newsroom: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    result = check_source(newsroom, str(secret))
    assert_refused(result, "stories/a.md", str(secret), REFUSED, "--allow-path")


def test_etc_passwd_as_a_source_is_refused_unread(newsroom: Path) -> None:
    result = check_source(newsroom, "/etc/passwd")
    assert_refused(result, "stories/a.md", "/etc/passwd", REFUSED)
    assert "root:" not in result.stdout + result.stderr


def test_a_dotdot_source_leaving_the_project_is_refused(newsroom: Path) -> None:
    result = check_source(newsroom, "../../outside/secret.txt")
    assert_refused(result, "stories/a.md", "../../outside/secret.txt", REFUSED)


def test_a_source_that_is_a_link_out_of_the_project_is_refused(
    newsroom: Path, tmp_path: Path
) -> None:
    (newsroom / "wire" / "link.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    result = check_source(newsroom, "../wire/link.txt")
    assert_refused(result, "stories/a.md", "../wire/link.txt", REFUSED)


def test_a_source_under_a_linked_folder_out_of_the_project_is_refused(
    newsroom: Path, tmp_path: Path
) -> None:
    (newsroom / "archive").symlink_to(tmp_path / "outside", target_is_directory=True)
    result = check_source(newsroom, "../archive/secret.txt")
    assert_refused(result, "stories/a.md", "archive/secret.txt", REFUSED)


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")
def test_proc_files_are_refused_even_inside_a_widened_project(newsroom: Path) -> None:
    write(newsroom / "stories" / "a.md", story("/proc/self/environ"))
    assert_refused(run(newsroom, "check", "stories/a.md"), "/proc/self/environ", REFUSED)
    widened = run(newsroom, "check", "stories/a.md", "--allow-path", "/proc")
    assert_refused(widened, "/proc/self/environ", "is a /proc file")
    assert "PATH=" not in widened.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_source_is_refused_without_blocking(newsroom: Path) -> None:
    os.mkfifo(newsroom / "wire" / "pipe.txt")
    write(newsroom / "stories" / "a.md", story("../wire/pipe.txt"))
    started = time.monotonic()
    result = run(newsroom, "check", "stories/a.md")  # opening a FIFO would block for ever
    assert time.monotonic() - started < 20
    assert_refused(result, "wire/pipe.txt", "is a FIFO")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_before_it_is_opened(newsroom: Path) -> None:
    (newsroom / "wire" / "zero.txt").symlink_to("/dev/zero")
    write(newsroom / "stories" / "a.md", story("../wire/zero.txt"))
    # Outside the project first; widened to /dev, still never read (it would never end).
    assert_refused(run(newsroom, "check", "stories/a.md"), "wire/zero.txt", REFUSED)
    widened = run(newsroom, "check", "stories/a.md", "--allow-path", "/dev")
    assert_refused(widened, "wire/zero.txt", "is a device")
    assert_refused(run(newsroom, "check", "/dev/zero"), "/dev/zero", "is a device")


def test_a_story_cannot_widen_the_project(newsroom: Path, tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    text = f"---\nallow-paths: [{tmp_path}]\nallow-path: {tmp_path}\nsource: {secret}\n---\n"
    write(newsroom / "stories" / "a.md", text + DRIFTED)
    assert_refused(run(newsroom, "check", "stories/a.md"), str(secret), REFUSED)


def test_the_user_widens_the_project_with_allow_path(newsroom: Path, tmp_path: Path) -> None:
    write(tmp_path / "archive" / "a.txt", WIRE)
    write(newsroom / "stories" / "a.md", story(str(tmp_path / "archive" / "a.txt")))
    result = run(newsroom, "check", "stories/a.md", "--allow-path", str(tmp_path / "archive"))
    assert result.returncode == 1, result.stderr
    assert "stories/a.md:4:20: error number-changed number changed: nine -> five" in (
        result.stdout.splitlines()
    )


def test_the_config_widens_the_project_with_allow_paths(newsroom: Path, tmp_path: Path) -> None:
    write(tmp_path / "archive" / "a.txt", WIRE)
    write(newsroom / ".rewritelint.yaml", "allow-paths: [../archive]\n")
    result = check_source(newsroom, "../../archive/a.txt")
    assert result.returncode == 1, result.stderr
    assert "number changed: nine -> five" in result.stdout


def test_the_other_stories_are_still_checked_after_a_refused_source(newsroom: Path) -> None:
    write(newsroom / "stories" / "bad.md", story("/etc/passwd"))
    write(newsroom / "stories" / "good.md", story("../wire/a.txt"))
    result = run(newsroom, "check", "stories/bad.md", "stories/good.md")
    assert_refused(result, "stories/bad.md", "/etc/passwd")
    assert "stories/good.md:4:20: error number-changed number changed: nine -> five" in (
        result.stdout.splitlines()
    )


def test_the_git_work_tree_is_the_project_without_a_config(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "wire" / "a.txt", WIRE)
    write(repo / "desk" / "stories" / "a.md", story("../../wire/a.txt"))
    result = run(repo / "desk", "check", "stories/a.md")  # run below the top: still inside
    assert result.returncode == 1, result.stderr
    assert "number changed: nine -> five" in result.stdout


# --- the config ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "key", "path"),
    [
        ("wire: [/etc]\n", "wire", "/etc"),
        ("wire: [../outside]\n", "wire", "../outside"),
        ("sources:\n  - {stories: '*.md', wire: ../outside}\n", "sources[0].wire", "../outside"),
        ("rules: [../outside/secret.txt]\n", "rules", "../outside/secret.txt"),
        ("baseline: ../outside/baseline.json\n", "baseline", "../outside/baseline.json"),
    ],
)
def test_a_config_path_outside_the_project_is_refused(
    newsroom: Path, config: str, key: str, path: str
) -> None:
    write(newsroom / ".rewritelint.yaml", config)
    result = check_source(newsroom, "../wire/a.txt")
    assert_refused(result, ".rewritelint.yaml", f"{key}: ", repr(path), REFUSED)
    assert result.stdout == ""  # refused before any story is read


def test_a_linked_wire_file_leading_out_is_refused_unread(newsroom: Path, tmp_path: Path) -> None:
    (newsroom / "wire" / "leak.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    write(newsroom / ".rewritelint.yaml", "wire: [wire/]\n")
    write(newsroom / "stories" / "a.md", DRIFTED)
    result = run(newsroom, "check", "stories/a.md")
    assert_refused(result, "wire/leak.txt", "a link to", REFUSED)
    assert "nine -> five" in result.stdout  # the wire file inside was still matched


# --- links on the command line -------------------------------------------------------------------


def test_a_committed_link_out_of_the_project_is_not_linted(newsroom: Path, tmp_path: Path) -> None:
    # A pull request adds stories/a.md -> the secret; the hook passes it on.
    (newsroom / "stories").mkdir()
    (newsroom / "stories" / "a.md").symlink_to(tmp_path / "outside" / "secret.txt")
    result = run(newsroom, "check", "stories/a.md", "--against", "wire/a.txt")
    assert_refused(result, "stories/a.md", "a link to", REFUSED)


def test_a_path_the_user_types_outside_the_project_is_their_choice(
    newsroom: Path, tmp_path: Path
) -> None:
    write(tmp_path / "elsewhere" / "a.txt", DRIFTED)
    result = run(
        newsroom, "check", str(tmp_path / "elsewhere" / "a.txt"), "--against", "wire/a.txt"
    )
    assert result.returncode == 1, result.stderr
    assert "number changed: nine -> five" in result.stdout


# --- the functions ------------------------------------------------------------------------------


def test_project_contains_resolves_links(tmp_path: Path) -> None:
    (tmp_path / "root").mkdir()
    (tmp_path / "out.txt").write_text("x")
    (tmp_path / "root" / "link").symlink_to(tmp_path / "out.txt")
    project = Project((tmp_path / "root",))
    assert project.contains(tmp_path / "root" / "new.txt")  # need not exist
    assert not project.contains(tmp_path / "root" / "link")
    assert not project.contains(tmp_path / "root" / ".." / "out.txt")
    assert leaves_project(tmp_path / "root" / "link", project)
    assert not leaves_project(tmp_path / "out.txt", project)  # typed outside: not a link out
    assert project.widened([tmp_path]).contains(tmp_path / "root" / "link")


def test_git_work_tree_is_found_upwards(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("gitdir: elsewhere\n")  # a worktree's .git is a file
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert git_work_tree(tmp_path / "a" / "b") == tmp_path.resolve()


def test_special_files_are_named(tmp_path: Path) -> None:
    assert special_file(tmp_path / "missing.txt") is None
    write(tmp_path / "plain.txt", "x")
    assert special_file(tmp_path / "plain.txt") is None
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo")
        assert "FIFO" in (special_file(tmp_path / "fifo") or "")
    if Path("/dev/null").exists():
        assert "device" in (special_file("/dev/null") or "")
    if Path("/proc/self/status").exists():
        assert "/proc" in (special_file("/proc/self/status") or "")
