"""``rewritelint init``'s guesses (rewritelint/scaffold.py): wire and story folders from a
listing (path -> opening text), the config text they make, and the listing itself."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from helpers import run, write

from rewritelint.config import STARTER, parse_config
from rewritelint.scaffold import Layout, config_text, describe, detect, listing

AP = "KABUL, Afghanistan (AP) — Taliban fighters captured nine provincial capitals.\n"
PLAIN = "Taliban fighters captured nine provincial capitals, officials said.\n"
WIRE_MARKED = "---\ntitle: Kabul\nwire: true\n---\nTaliban fighters captured nine capitals.\n"


def config_of(layout: Layout, tmp_path: Path):
    """The config ``init`` would write for ``layout``, read back as rewritelint reads it."""
    return parse_config(yaml.safe_load(config_text(layout)), "init", tmp_path)


# --- wire folders -------------------------------------------------------------------------------


def test_folders_named_wire_and_stories() -> None:
    layout = detect(
        {"wire/kabul.txt": AP, "stories/kabul.md": PLAIN, "stories/doha/talks.md": PLAIN}
    )
    assert layout.wire == ("wire/",)
    assert layout.stories == ("stories/*.md",)  # fnmatch's * crosses folders: doha/ too
    assert layout.sources == ()
    assert layout.reasons == (
        "wire folder wire/ (by its name)",
        "stories in stories/ (2 .md files)",
    )


@pytest.mark.parametrize("name", ["wire", "Wires", "wire-afp", "wire_copy", "desk/wire"])
def test_wire_names(name: str) -> None:
    assert detect({f"{name}/a.txt": PLAIN, "stories/a.md": PLAIN}).wire == (f"{name}/",)


@pytest.mark.parametrize("name", ["wired", "rewire", "hardwire"])
def test_names_that_only_contain_wire_are_not_wire(name: str) -> None:
    assert detect({f"{name}/a.txt": PLAIN, "stories/a.md": PLAIN}).wire == ()


def test_a_wire_folder_inside_another_is_covered_by_it() -> None:
    layout = detect({"wire/wire-afp/a.txt": PLAIN, "wire/b.txt": PLAIN, "stories/a.md": PLAIN})
    assert layout.wire == ("wire/",)


def test_a_folder_of_front_matter_wire_true_is_wire() -> None:
    layout = detect({"agency/a.md": WIRE_MARKED, "agency/b.md": WIRE_MARKED, "desk/a.md": PLAIN})
    assert layout.wire == ("agency/",)
    assert layout.reasons[0] == "wire folder agency/ (front matter wire: true)"
    assert layout.stories == ("desk/*.md",)


def test_a_folder_with_one_unmarked_file_is_not_wire() -> None:
    """Calling it wire would stop the hook from linting the rewrite beside the wire copy."""
    layout = detect({"agency/a.md": WIRE_MARKED, "agency/b.md": PLAIN, "desk/a.md": PLAIN})
    assert layout.wire == ()
    assert layout.stories == ("agency/*.md", "desk/*.md")


def test_credits_make_a_wire_folder_when_nothing_else_does() -> None:
    layout = detect(
        {
            "agency/kabul.txt": AP,
            "agency/doha.txt": "DOHA, Qatar (Reuters) - Talks resumed.\n",
            "desk/kabul.md": PLAIN,
        }
    )
    assert layout.wire == ("agency/",)
    assert layout.reasons[0] == "wire folder agency/ (every file opens with a wire credit)"
    assert layout.stories == ("desk/*.md",)


def test_credits_after_front_matter_count() -> None:
    credited = "---\ntitle: Kabul\n---\n" + AP
    assert detect({"agency/a.md": credited, "desk/a.md": PLAIN}).wire == ("agency/",)


def test_a_credit_deep_in_the_text_is_not_a_dateline() -> None:
    deep = PLAIN * 20 + "An earlier report (AP) said eight.\n"
    assert detect({"agency/a.txt": deep, "desk/a.md": PLAIN}).wire == ()


def test_a_story_folder_is_never_wire_by_its_credits() -> None:
    """Rewrites keep the credit of the copy they rewrite."""
    layout = detect({"stories/a.md": AP, "archive/a.txt": AP})
    assert layout.wire == ("archive/",)
    assert layout.stories == ("stories/*.md",)


def test_credits_everywhere_with_nothing_else_are_not_a_guess() -> None:
    layout = detect({"copy/a.txt": AP, "copy/b.txt": AP})
    assert layout.wire == ()
    assert layout.stories == ("copy/*.txt",)


def test_credits_are_not_needed_when_a_folder_is_named_wire() -> None:
    layout = detect({"wire/a.txt": PLAIN, "agency/a.txt": AP, "stories/a.md": PLAIN})
    assert layout.wire == ("wire/",)


# --- story folders ------------------------------------------------------------------------------


def test_named_story_folders_win_over_other_folders() -> None:
    layout = detect({"wire/a.txt": AP, "stories/a.md": PLAIN, "notes/rota.txt": "Mon: Amina\n"})
    assert layout.stories == ("stories/*.md",)


def test_without_named_story_folders_every_other_folder_counts() -> None:
    layout = detect(
        {"wire/a.txt": AP, "desk/a.md": PLAIN, "desk/b.txt": PLAIN, "web/c.html": PLAIN}
    )
    assert layout.stories == ("desk/*.md", "desk/*.txt", "web/*.html")
    assert "stories in desk/ (1 .md file, 1 .txt file)" in layout.reasons


def test_a_folder_name_is_taken_literally_in_its_glob() -> None:
    from fnmatch import fnmatch

    (glob,) = detect({"wire/a.txt": PLAIN, "desk [2]/a.md": PLAIN}).stories
    assert fnmatch("desk [2]/a.md", glob) and fnmatch("desk [2]/x/b.md", glob)
    assert not fnmatch("desk 2/a.md", glob)


def test_files_at_the_top_and_docs_are_not_stories() -> None:
    layout = detect({"README.md": PLAIN, "docs/howto.md": PLAIN, "wire/a.txt": AP})
    assert layout.stories == ()


def test_a_folder_holding_the_wire_folder_is_narrowed_to_the_story_folder() -> None:
    layout = detect({"content/wire/a.txt": AP, "content/desk/a.md": PLAIN})
    assert layout.wire == ("content/wire/",)
    assert layout.stories == ("content/desk/*.md",)
    named = detect({"content/wire/a.txt": AP, "content/articles/a.md": PLAIN})
    assert named.stories == ("content/articles/*.md",)


def test_story_subfolders_named_like_wire_subfolders_get_sources() -> None:
    layout = detect(
        {
            "wire/afp/a.txt": PLAIN,
            "wire/ap/b.txt": PLAIN,
            "stories/afp/a.md": PLAIN,
            "stories/local/c.md": PLAIN,
        }
    )
    assert layout.sources == (("stories/afp/*.md", "wire/afp/"),)
    assert "sources stories/afp/*.md -> wire/afp/ (the same folder name)" in layout.reasons


# --- the config text ----------------------------------------------------------------------------


def test_nothing_found_writes_the_starter() -> None:
    layout = detect({"README.md": PLAIN})
    assert layout.empty
    assert config_text(layout) == STARTER
    assert describe(layout) == "edit the wire folders and story globs for your repository."


def test_the_config_text_loads_with_what_was_found(tmp_path: Path) -> None:
    layout = detect({"wire/afp/a.txt": PLAIN, "stories/afp/a.md": PLAIN, "stories/b.txt": PLAIN})
    config = config_of(layout, tmp_path)
    assert config.wire == ("wire/",)
    assert config.stories == ("stories/*.md", "stories/*.txt")
    assert [(m.stories, m.wire) for m in config.sources] == [("stories/afp/*.md", "wire/afp/")]
    text = config_text(layout)
    assert "#   wire folder wire/ (by its name)\n" in text
    assert text.startswith(STARTER.split("\n\n")[0] + "\n\n# Found by `rewritelint init`")


def test_the_config_text_keeps_every_key_of_the_starter() -> None:
    """Every other key keeps its documentation and default, as in the starter."""
    keys = re.compile(r"^(?:#\s?)?([a-z-]+):", re.MULTILINE)
    text = config_text(detect({"wire/a.txt": PLAIN, "stories/a.md": PLAIN}))
    assert keys.findall(text) == keys.findall(STARTER)
    starter_rest = STARTER.split("# Extra rule packs", 1)[1]
    assert text.endswith(starter_rest)


def test_a_missing_half_is_left_commented_out(tmp_path: Path) -> None:
    only_wire = Layout(wire=("wire/",), reasons=("wire folder wire/ (by its name)",))
    assert config_of(only_wire, tmp_path).stories == ()  # the hook lints every file passed
    assert "# stories:  (no story folder found)\n" in config_text(only_wire)
    only_stories = Layout(stories=("desk/*.md",), reasons=("stories in desk/ (1 .md file)",))
    assert config_of(only_stories, tmp_path).wire == ()
    assert "# wire:  (no wire folder found)\n" in config_text(only_stories)


def test_folder_names_cannot_write_config_keys(tmp_path: Path) -> None:
    """A folder name is untrusted: quoted in values, escaped in the comment."""
    hostile = "desk\nallow-paths: [..]\n# "
    layout = detect({f"{hostile}/a.md": PLAIN, "wire/a.txt": PLAIN, "odd: *x/b.md": PLAIN})
    data = yaml.safe_load(config_text(layout))
    assert "allow-paths" not in data
    assert data["stories"] == [  # taken literally: fnmatch's [ and * in brackets
        "desk\nallow-paths: [[]..]\n# /*.md",
        "odd: [*]x/*.md",
    ]
    assert config_of(layout, tmp_path).allow_paths == ()
    assert "#   stories in desk\\nallow-paths: [..]\\n# / (1 .md file)\n" in config_text(layout)


# --- the listing --------------------------------------------------------------------------------


def test_listing_reads_the_openings_of_story_files(tmp_path: Path) -> None:
    write(tmp_path / "wire" / "a.txt", AP + "x" * 10_000)
    write(tmp_path / "stories" / "a.md", PLAIN)
    write(tmp_path / "stories" / "photo.jpg", "not a story")
    write(tmp_path / ".git" / "x.md", PLAIN)
    write(tmp_path / ".venv" / "x.md", PLAIN)
    write(tmp_path / "env2" / "pyvenv.cfg", "home = /usr\n")
    write(tmp_path / "env2" / "x.md", PLAIN)
    write(tmp_path / "node_modules" / "x.md", PLAIN)
    found = listing(tmp_path)
    assert sorted(found) == ["stories/a.md", "wire/a.txt"]
    assert found["wire/a.txt"].startswith(AP)
    assert len(found["wire/a.txt"].encode("utf-8")) == 4096  # the opening only


def test_listing_opens_no_link_and_no_fifo(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "secret.md", PLAIN)
    repo = tmp_path / "repo"
    write(repo / "stories" / "a.md", PLAIN)
    (repo / "stories" / "link.md").symlink_to(outside / "secret.md")
    (repo / "linked").symlink_to(outside, target_is_directory=True)
    if hasattr(os, "mkfifo"):
        os.mkfifo(repo / "stories" / "pipe.md")
    assert list(listing(repo)) == ["stories/a.md"]


def test_listing_stops_at_its_limit(tmp_path: Path) -> None:
    for k in range(5):
        write(tmp_path / "stories" / f"{k}.md", PLAIN)
    assert len(listing(tmp_path, limit=3)) == 3


# --- rewritelint init ---------------------------------------------------------------------------


def test_init_writes_the_folders_it_finds(tmp_path: Path) -> None:
    """... and the config works: the hook lints stories/kabul.md against wire/."""
    write(tmp_path / "wire" / "kabul.txt", AP)
    write(tmp_path / "stories" / "kabul.md", AP.replace("nine", "five"))
    result = run(tmp_path, "init")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Wrote .rewritelint.yaml: wire folder wire/ (by its name); stories in stories/ "
        "(1 .md file); check them for your repository.\n"
    )
    data = yaml.safe_load((tmp_path / ".rewritelint.yaml").read_text(encoding="utf-8"))
    assert (data["wire"], data["stories"]) == (["wire/"], ["stories/*.md"])
    check = run(tmp_path, "check", "stories/kabul.md", "wire/kabul.txt")
    assert check.returncode == 1, check.stdout + check.stderr
    assert check.stdout.splitlines()[0] == (
        "stories/kabul.md:1:53: error number-changed number changed: nine -> five"
    )


def test_init_shows_an_odd_folder_name_escaped(tmp_path: Path) -> None:
    write(tmp_path / "wire" / "a.txt", AP)
    write(tmp_path / "desk\x1b[2J" / "a.md", PLAIN)
    result = run(tmp_path, "init")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "stories in desk\\x1b[2J/ (1 .md file)" in result.stdout
