"""Big batches: worker processes and a Dask LocalCluster give the same results as one process."""

from __future__ import annotations

import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import briefing
import briefing.batch
from briefing.batch import (
    IN_FLIGHT_PER_WORKER,
    SMALL_BATCH,
    Options,
    Outcome,
    WorkerDied,
    brief_many,
    brief_one,
    map_ordered,
)
from briefing.cli import cli
from briefing.settings import load_settings

TOWNS = ["Riverton", "Lakeside", "Hillford", "Oakdale", "Brookvale", "Marston"]


def story(i: int) -> briefing.Article:
    town = TOWNS[i % len(TOWNS)]
    text = (
        f"Heavy rain flooded {town} on Tuesday, forcing {100 + i} families from their homes. "
        f"Mayor Jane Alvarez said the river rose {i % 5 + 1} metres overnight in {town}. "
        "Emergency crews from the Red Cross opened three shelters in the north of the town."
    )
    return briefing.Article(text, title=f"Floods in {town} ({i})")


def test_brief_many_keeps_input_order_and_reports_errors_in_place() -> None:
    items: list[object] = [story(0), "   ", story(1), story(2)]
    results = list(brief_many(items, workers=1, errors="return"))  # type: ignore[arg-type]
    assert isinstance(results[1], briefing.BriefingError)
    assert [r.title for r in results if isinstance(r, briefing.Briefing)] == [
        "Floods in Riverton (0)",
        "Floods in Lakeside (1)",
        "Floods in Hillford (2)",
    ]
    assert len(list(brief_many(items, workers=1, errors="skip"))) == 3  # type: ignore[arg-type]
    with pytest.raises(briefing.BriefingError):
        list(brief_many(items, workers=1))  # type: ignore[arg-type]


def test_two_workers_give_the_same_briefings_as_one() -> None:
    articles = [story(i) for i in range(10)]
    one = [b.to_dict() for b in brief_many(articles, workers=1)]
    two = [b.to_dict() for b in brief_many(articles, workers=2)]
    assert one == two
    assert [d["title"] for d in two] == [a.title for a in articles]


def test_input_is_consumed_lazily() -> None:
    pulled = 0

    def endless() -> Iterator[briefing.Article]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield story(i)

    first = list(itertools.islice(brief_many(endless(), workers=2), 3))
    assert len(first) == 3
    # Never more than the look-ahead plus the in-flight window has been read.
    assert pulled <= SMALL_BATCH + 2 * IN_FLIGHT_PER_WORKER + 3


def test_dask_local_cluster_writes_the_same_files_as_one_worker(tmp_path: Path) -> None:
    jsonl = tmp_path / "batch.jsonl"
    rows = [{"text": a.text, "title": a.title} for a in map(story, range(8))]
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json\n", encoding="utf-8")
    runner = CliRunner()
    outputs = {}
    for name, flags in {
        "one": ["--workers", "1"],
        "dask": ["--dask", "local", "--workers", "2"],
    }.items():
        out = tmp_path / name
        result = runner.invoke(
            cli, ["make", str(jsonl), "-o", str(out), "-q", "--format", "md,json", *flags]
        )
        assert result.exit_code == 1, result.output  # the bad last line is reported...
        assert "batch.jsonl:9" in result.stderr
        outputs[name] = {p.name: p.read_bytes() for p in out.iterdir()}
    assert len(outputs["one"]) == 16  # ...and every good article is still written
    assert outputs["one"] == outputs["dask"]


def test_local_cluster_workers_keep_glibc_malloc_defaults_and_one_blas_thread() -> None:
    names = ["MALLOC_TRIM_THRESHOLD_", "OPENBLAS_NUM_THREADS"] * 2
    env = list(map_ordered(os.getenv, names, workers=2, dask="local"))
    assert env == [None, "1"] * 2


def test_one_worker_holds_blas_to_one_thread() -> None:
    import numpy  # noqa: F401  (loads the BLAS library threadpoolctl reports on)
    import threadpoolctl

    def blas_threads(_: int) -> int:
        return max(
            (
                lib["num_threads"]
                for lib in threadpoolctl.threadpool_info()
                if lib["user_api"] == "blas"
            ),
            default=1,
        )

    before = blas_threads(0)
    if before == 1:
        pytest.skip("BLAS already runs one thread here (one core, or the user's setting)")
    inside = list(map_ordered(blas_threads, range(SMALL_BATCH + 1), workers=1))
    assert inside == [1] * (SMALL_BATCH + 1)
    assert blas_threads(0) == before  # restored when the batch ends


# ------------------------------------------------------------- workers that die, Ctrl-C


def double_or_die(item: tuple[int, str]) -> int:
    """Kill this worker process (as the OOM killer would) on a marked item, else double it.

    ``(n, "always")`` dies every time; ``(n, PATH)`` dies only while the file PATH does
    not exist yet (it creates it first), so only its first run dies.
    """
    n, mode = item
    if mode == "always" or (mode and not os.path.exists(mode)):
        if mode != "always":
            Path(mode).touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return n * 2


def test_a_worker_killed_once_loses_nothing(tmp_path: Path) -> None:
    items = [(i, "") for i in range(20)]
    items[7] = (7, str(tmp_path / "died-once"))
    results = list(map_ordered(double_or_die, items, workers=2))
    assert results == [i * 2 for i in range(20)]
    assert (tmp_path / "died-once").exists()  # it did die once


def test_an_item_that_kills_its_worker_twice_is_reported_and_the_rest_done() -> None:
    items = [(i, "") for i in range(20)]
    items[5] = (5, "always")
    results = list(map_ordered(double_or_die, items, workers=2, on_crash=lambda item: -1))
    assert results == [-1 if i == 5 else i * 2 for i in range(20)]
    with pytest.raises(WorkerDied, match="killed its worker process twice"):
        list(map_ordered(double_or_die, items, workers=2))


def brief_or_die(args: tuple[briefing.Article, Options]) -> Outcome:
    """``briefing.batch._brief_task``, except that an article titled KILL kills its worker."""
    if args[0].title == "KILL":
        os.kill(os.getpid(), signal.SIGKILL)
    return brief_one(*args)


def test_make_reports_the_killer_and_writes_every_other_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(briefing.batch, "_brief_task", brief_or_die)
    rows = [{"text": a.text, "title": a.title} for a in map(story, range(8))]
    rows[3]["title"] = "KILL"
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["make", str(jsonl), "-o", str(out), "-q", "--format", "md", "--workers", "2"]
    )
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "batch.jsonl:4" in lines[0] and "killed" in lines[0], lines
    assert "Traceback" not in result.output
    assert len(list(out.glob("*.md"))) == 7


def _children(pid: int) -> list[Any]:
    import psutil

    return [p for p in psutil.Process(pid).children(recursive=True) if p.is_running()]


@pytest.mark.slow
def test_ctrl_c_exits_130_with_one_line_and_stops_the_workers(tmp_path: Path) -> None:
    import psutil

    rows = [{"text": a.text, "title": a.title} for a in map(story, range(2000))]
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefing", "make", str(jsonl), "-o", str(out)]
    proc = subprocess.Popen(
        [*command, "--format", "md", "--workers", "2", "-q"],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        # Wait for the batch to be under way: workers started and the first file written.
        deadline = time.monotonic() + 300
        while not (out.is_dir() and any(out.glob("*.md"))):
            assert proc.poll() is None and time.monotonic() < deadline, "no output"
            time.sleep(0.01)
        workers = _children(proc.pid)
        assert workers
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does: the whole group
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    written = list(out.glob("*.md"))
    assert len(written) < len(rows)
    # one line that says how far it got: every file written is whole, none half-written
    n = len(written)
    told = f"interrupted: {n} article{'s' * (n != 1)} written into {out}/, each whole"
    assert stderr.strip() == told, stderr
    assert not list(out.glob(".*.tmp"))
    _gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive


# ------------------------------------------------------------------ Dask, settings


def test_a_dask_address_that_never_answers_fails_in_time() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(server.accept()[0])  # accept, then never say a word
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    started = time.monotonic()
    try:
        with pytest.raises(briefing.BriefingError, match="cannot reach the Dask scheduler"):
            list(map_ordered(abs, range(10), workers=2, dask=address, dask_timeout=1.0))
    finally:
        server.close()
        for conn in held:
            conn.close()
    assert time.monotonic() - started < 30


def test_the_library_reads_no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_DASK", "tcp://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("BRIEFING_WORKERS", "not a number")
    results = list(brief_many([story(i) for i in range(2)], workers=1))
    assert [b.title for b in results] == ["Floods in Riverton (0)", "Floods in Lakeside (1)"]


def test_settings_give_the_batch_its_workers_model_and_cluster(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[run]\nworkers = 3\nmodel = "from-config"\nmax_bytes = "2MB"\n')
    env = {"BRIEFING_WORKERS": "5", "BRIEFING_DASK": "local"}
    s = load_settings({"workers": None, "model": None}, env=env, config_file=config)
    assert (s.workers, s.model, s.dask, s.max_bytes) == (5, "from-config", "local", 2_000_000)
    s = load_settings({"workers": 2}, env=env, config_file=config)
    assert s.workers == 2
    s = load_settings({}, env={}, config_file=tmp_path / "none.toml")
    assert (s.workers, s.model, s.dask, s.max_bytes) == (None, None, None, None)
    with pytest.raises(briefing.BriefingError, match="BRIEFING_WORKERS"):
        load_settings({}, env={"BRIEFING_WORKERS": "many"}, config_file=config)


def test_make_takes_workers_from_the_environment_through_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}
    real = briefing.batch.brief_keyed

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        return real(*args, **{**kwargs, "workers": 1, "dask": None})

    monkeypatch.setattr(briefing.batch, "brief_keyed", spy)
    monkeypatch.setenv("BRIEFING_WORKERS", "3")
    monkeypatch.setenv("BRIEFING_DASK", "tcp://10.0.0.1:8786")
    path = tmp_path / "s.txt"
    path.write_text(story(0).text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["make", str(path), "-o", "-", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert seen == {"workers": 3, "dask": "tcp://10.0.0.1:8786"}
    result = CliRunner().invoke(
        cli, ["make", str(path), "-o", "-", "--format", "json", "--workers", "2", "--dask", "local"]
    )
    assert seen == {"workers": 2, "dask": "local"}


def test_brief_many_refuses_an_unknown_algorithm_once_up_front() -> None:
    from briefing import BriefingError, brief_many

    items = brief_many(["One sentence here. Another one there."] * 2, algorithm="nosuch",
                       errors="return")  # fmt: skip
    with pytest.raises(BriefingError, match=r"unknown summary algorithm 'nosuch'.*lexrank"):
        next(items)
