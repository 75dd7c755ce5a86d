"""Big batches: worker processes and a Dask LocalCluster give the same results as one process."""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import briefing
from briefing.batch import IN_FLIGHT_PER_WORKER, SMALL_BATCH, brief_many, map_ordered
from briefing.cli import cli

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
    pytest.importorskip("dask.distributed")
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
    pytest.importorskip("dask.distributed")
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
