"""Many articles at once: all local cores, or a Dask cluster beyond one machine.

Work is streamed: at most a few tasks per worker are in flight, results come back in input
order as they finish, and a 100,000-line JSONL never sits in memory whole. Each worker
process loads the spaCy model once (the cached loader in ``briefing.nlp``). A failure in
one article is returned as that item's error; it never fails the batch.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from .errors import BriefingError
from .models import Article, Briefing

T = TypeVar("T")
K = TypeVar("K")
R = TypeVar("R")

# Below this many items a pool costs more (a model load per worker) than it saves.
SMALL_BATCH = 4
IN_FLIGHT_PER_WORKER = 4
# Articles per Dask task, and tasks in flight per Dask worker.
DASK_PARTITION = 8
DASK_IN_FLIGHT_PER_WORKER = 2


@dataclass(frozen=True, slots=True)
class Options:
    """How to brief each article; sent to every worker."""

    sentences: int | None = 3
    words: int | None = None
    algorithm: str = "default"
    model: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One item's result: a Briefing or the error that stopped it."""

    briefing: Briefing | None
    error: BriefingError | None


def brief_one(article: Article, options: Options) -> Outcome:
    """Brief one article, turning any failure into an error Outcome (never raises)."""
    from .pipeline import brief

    try:
        b = brief(
            article,
            options.sentences,
            words=options.words,
            algorithm=options.algorithm,
            model=options.model,
        )
        return Outcome(b, None)
    except BriefingError as exc:
        return Outcome(None, exc)
    except Exception as exc:  # a bug in one article must not sink the batch
        return Outcome(
            None,
            BriefingError(f"internal error ({type(exc).__name__}: {exc}); please report this bug"),
        )


def _warm(model: str | None) -> None:
    from .nlp import get_nlp

    get_nlp(model)


def default_workers() -> int:
    """The number of usable cores (``BRIEFING_WORKERS`` overrides)."""
    env = os.environ.get("BRIEFING_WORKERS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _ordered(submit: Callable[[T], Future[R]], items: Iterator[T], window: int) -> Iterator[R]:
    """Submit items with at most ``window`` in flight; yield results in input order."""
    pending: deque[Future[R]] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def map_ordered(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int | None = None,
    dask: str | None = None,
    initializer: Callable[[], None] | None = None,
) -> Iterator[R]:
    """``map(func, items)`` in input order over local processes or a Dask cluster.

    ``func`` must be a picklable top-level function that does not raise. ``workers=1`` (or a
    batch of fewer than ``SMALL_BATCH`` items) runs in this process. ``dask`` is a scheduler
    address, or ``"local"`` for a LocalCluster with ``workers`` processes.
    """
    dask = dask or os.environ.get("BRIEFING_DASK") or None
    n = workers or default_workers()
    iterator = iter(items)
    head = list(itertools.islice(iterator, SMALL_BATCH))
    stream = itertools.chain(head, iterator)
    if dask:
        yield from _map_dask(func, stream, dask, n, initializer)
        return
    if n <= 1 or len(head) < SMALL_BATCH:
        if initializer is not None:
            initializer()
        # One worker means one core: numpy's BLAS would otherwise spin a thread per core
        # for about 10 % more speed at almost twice the CPU (bench/scale.py).
        from threadpoolctl import threadpool_limits

        limit = threadpool_limits(limits=1, user_api="blas") if n <= 1 else contextlib.nullcontext()
        with limit:
            yield from map(func, stream)
        return
    ctx = multiprocessing.get_context("spawn")
    with (
        _one_blas_thread(),
        ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=initializer) as pool,
    ):
        yield from _ordered(lambda item: pool.submit(func, item), stream, n * IN_FLIGHT_PER_WORKER)


# One BLAS thread per worker process: n workers already use n cores, and more threads
# only fight over them (Dask's nanny sets the same for its workers).
_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextlib.contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Spawned workers inherit BLAS thread limits of 1 unless the user set their own."""
    added = [name for name in _BLAS_THREADS if name not in os.environ]
    for name in added:
        os.environ[name] = "1"
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


# Settings for the LocalCluster we start ourselves (measured in bench/scale.py):
# - the workers' statistical profiler samples every task's stack every 10 ms: pure overhead
#   for CPU-bound briefing;
# - Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which also switches off
#   glibc's dynamic mmap threshold: every large numpy array is then mmapped and unmapped
#   afresh, and spaCy's workers took 9x the page faults and about 30 % more CPU per article.
#   BLAS threads stay at 1 per worker (Dask's default).
_LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


def _map_dask(
    func: Callable[[T], R],
    items: Iterator[T],
    address: str,
    n: int,
    initializer: Callable[[], None] | None,
) -> Iterator[R]:
    try:
        distributed: Any = importlib.import_module("dask.distributed")
        dask_config: Any = importlib.import_module("dask.config")
    except ImportError as exc:
        raise BriefingError(
            "--dask needs the optional Dask extra; install it with: pip install 'briefing[dask]'"
        ) from exc
    cluster: Any = None
    try:
        if address == "local":
            with dask_config.set(_LOCAL_CLUSTER_CONFIG):
                cluster = distributed.LocalCluster(
                    n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
                )
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(address, timeout="20s")
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise BriefingError(
            f"cannot reach the Dask scheduler at {address} ({exc}); "
            "start one with `dask scheduler` or use --dask local"
        ) from exc
    try:
        if initializer is not None:
            client.run(initializer)  # each worker loads the model once, up front
        executor: Executor = client.get_executor(pure=False)
        # Partitions, not single articles: a task per article spends as much on the
        # scheduler's round trips as on the work.
        partitions = iter(lambda: list(itertools.islice(items, DASK_PARTITION)), [])
        for results in _ordered(
            lambda part: executor.submit(_run_partition, func, part),
            partitions,
            DASK_IN_FLIGHT_PER_WORKER * n,
        ):
            yield from results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run_partition(func: Callable[[T], R], part: list[T]) -> list[R]:
    return [func(item) for item in part]


def _brief_task(args: tuple[Article, Options]) -> Outcome:
    return brief_one(*args)


def brief_outcomes(
    articles: Iterable[Article],
    options: Options = Options(),
    *,
    workers: int | None = None,
    dask: str | None = None,
) -> Iterator[Outcome]:
    """Brief every article, in input order, as Outcomes (a Briefing or its error)."""
    warm = _Warm(options.model)
    return map_ordered(
        _brief_task, ((a, options) for a in articles), workers=workers, dask=dask, initializer=warm
    )


@dataclass(frozen=True, slots=True)
class _Warm:
    """A picklable initializer that loads the model once per worker."""

    model: str | None

    def __call__(self) -> None:
        _warm(self.model)


def brief_keyed(
    items: Iterable[tuple[K, Article | BriefingError]],
    options: Options = Options(),
    *,
    workers: int | None = None,
    dask: str | None = None,
) -> Iterator[tuple[K, Outcome]]:
    """Brief ``(key, article)`` pairs in input order; ``(key, error)`` pairs pass through.

    Items that already failed (e.g. at loading) bypass the workers but keep their place.
    """
    waiting: deque[tuple[K, BriefingError | None]] = deque()

    def articles() -> Iterator[Article]:
        for key, item in items:
            if isinstance(item, BriefingError):
                waiting.append((key, item))
            else:
                waiting.append((key, None))
                yield item

    def flush_errors() -> Iterator[tuple[K, Outcome]]:
        while waiting and waiting[0][1] is not None:
            key, error = waiting.popleft()
            yield key, Outcome(None, error)

    for outcome in brief_outcomes(articles(), options, workers=workers, dask=dask):
        yield from flush_errors()
        key, _ = waiting.popleft()
        yield key, outcome
    yield from flush_errors()


def brief_many(
    articles: Iterable[Article | str | os.PathLike[str]],
    workers: int | None = None,
    dask: str | None = None,
    *,
    sentences: int | None = 3,
    words: int | None = None,
    algorithm: str = "default",
    model: str | None = None,
    errors: Literal["raise", "skip", "return"] = "raise",
) -> Iterator[Any]:
    """Brief many articles over all local cores (or a Dask cluster), yielding in input order.

    Items may be Articles, paths or URLs (loaded in this process) or texts. ``workers``
    defaults to the number of cores; ``dask`` is a scheduler address or ``"local"``. On a
    failed item, ``errors="raise"`` raises its BriefingError, ``"skip"`` drops it and
    ``"return"`` yields the BriefingError in its place.
    """
    from .pipeline import as_article

    def loaded() -> Iterator[tuple[int, Article | BriefingError]]:
        for i, item in enumerate(articles):
            try:
                yield i, as_article(item)
            except BriefingError as exc:
                yield i, exc

    options = Options(sentences, words, algorithm, model)
    for _, outcome in brief_keyed(loaded(), options, workers=workers, dask=dask):
        if outcome.error is None:
            yield outcome.briefing
        elif errors == "raise":
            raise outcome.error
        elif errors == "return":
            yield outcome.error
