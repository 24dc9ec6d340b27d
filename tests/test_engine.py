"""engine: report's work here, in a process pool, or on a real Dask cluster — same output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, run, write

from rewritelint.engine import LocalEngine, batches

WIRE = (
    "KABUL (AP) - The Taliban have captured nine provincial centers from government forces in "
    "six days, officials said on Tuesday.\n\nThe envoy Zalmay Khalilzad arrived in Doha on "
    "Wednesday to meet both delegations at the hotel.\n\nThe talks resume next week in the "
    "Qatari capital, the State Department said.\n"
)
COUNCIL = (
    "The city council approved a budget of 4.2 million euros for the new library on Monday, "
    "the mayor's office said.\n\nConstruction will begin in March and should last two years, "
    "according to the plans presented to the council.\n\nThe opposition voted against it, "
    "calling the cost excessive.\n"
)


def _square(n: int) -> int:
    return n * n


@pytest.mark.parametrize("jobs", [1, 2])
def test_local_engine_keeps_the_order_of_the_items(jobs: int) -> None:
    with LocalEngine(jobs) as engine:
        assert list(engine.map(_square, list(range(50)))) == [n * n for n in range(50)]


def test_work_goes_out_in_a_few_batches_per_worker_not_one_task_per_item() -> None:
    cut = batches(list(range(1000)), 2)
    assert [n for batch in cut for n in batch] == list(range(1000))
    assert len(cut) == 16
    assert batches([], 2) == []


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus two small stories: five stories' worth of comparisons."""
    folder = tmp_path_factory.mktemp("desk")
    for seed in (ROOT / "seeds").glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    write(folder / "kabul-wire.txt", WIRE)
    write(folder / "kabul-rewrite.txt", WIRE.replace("nine", "five").replace("Tuesday", "Monday"))
    write(folder / "council.txt", COUNCIL)
    write(folder / "council-rewrite.txt", COUNCIL.replace("4.2 million", "2.4 million"))
    return folder


def test_the_default_engine_does_not_import_dask(desk: Path) -> None:
    probe = (
        "import sys\n"
        "from rewritelint.cli import main\n"
        f"code = main(['report', {str(desk)!r}, '--format', 'json', '--jobs', '2'])\n"
        "assert 'distributed' not in sys.modules and 'dask' not in sys.modules, 'dask imported'\n"
        "print(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.stdout.strip().splitlines()[-1] == "1", result.stderr


pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def cluster():
    """A real Dask LocalCluster with two single-threaded worker processes."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as running:
        yield running


def test_dask_on_a_running_cluster_gives_the_local_engine_output(desk: Path, cluster) -> None:
    local = run(ROOT, "report", str(desk), "--format", "json", "--jobs", "1")
    transitions = cluster.scheduler.transition_counter
    remote = run(
        ROOT, "report", str(desk), "--format", "json", "--scheduler", cluster.scheduler_address
    )
    assert local.returncode == remote.returncode == 1, remote.stderr
    assert remote.stdout == local.stdout
    stories = json.loads(remote.stdout)["stories"]
    assert len(stories) >= 3
    changed = {f["text"] for s in stories for f in s["findings"] if f["rule"] == "number-changed"}
    assert "five" in changed
    assert changed & {"2.4 million", "4.2 million"}  # which council version is reference is a tie
    # The work really ran on the cluster: its scheduler moved the batches through their
    # states (a run that fell back to local work would leave the counter alone).
    assert cluster.scheduler.transition_counter > transitions


def test_a_relative_folder_is_found_by_workers_in_another_directory(desk: Path, cluster) -> None:
    # The cluster's workers run in this test's directory, not in the folder's parent.
    result = run(
        desk.parent,
        "report",
        desk.name,
        "--format",
        "json",
        "--scheduler",
        cluster.scheduler_address,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    stories = json.loads(result.stdout)["stories"]
    assert stories[0]["reference"].startswith(str(desk))  # shown as the workers read it


def test_dask_with_its_own_local_cluster_gives_the_same_sarif_and_text(desk: Path) -> None:
    for output in ("sarif", "text"):
        local = run(ROOT, "report", str(desk), "--format", output, "--jobs", "2", "--concise")
        dask = run(
            ROOT,
            "report",
            str(desk),
            "--format",
            output,
            "--engine",
            "dask",
            "--jobs",
            "2",
            "--concise",
        )
        assert dask.returncode == local.returncode == 1, dask.stderr
        assert dask.stdout == local.stdout


def test_an_unreachable_scheduler_is_one_error_line(desk: Path) -> None:
    result = run(ROOT, "report", str(desk), "--scheduler", "tcp://127.0.0.1:9", "--format", "json")
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(
        "rewritelint: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9"
    )
    assert result.stdout == ""


def test_without_dask_installed_the_engine_says_how_to_get_it(
    desk: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rewritelint.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if absent
    code = main(["report", str(desk), "--engine", "dask"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.splitlines() == [
        "rewritelint: error: the dask engine needs Dask: pip install 'rewritelint[dask]'"
    ]
