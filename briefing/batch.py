"""Many articles at once: all local cores, or a Dask cluster beyond one machine.

Work is streamed: at most a few tasks per worker are in flight, results come back in input
order as they finish, and a 100,000-line JSONL never sits in memory whole. Each worker
process loads the spaCy model once (the cached loader in ``briefing.nlp``). A failure in
one article is returned as that item's error; it never fails the batch, and neither does
a worker process killed under it. Nothing here reads the environment: the caller says how
many workers and which cluster.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

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
#: Seconds to reach a Dask scheduler (a server that accepts but never answers must not hang).
DASK_CONNECT_TIMEOUT = 20.0


@dataclass(frozen=True, slots=True)
class Options:
    """How to brief each article; sent to every worker."""

    sentences: int | None = None
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
    """The number of usable cores."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class WorkerDied(BriefingError):
    """An item killed its worker process twice (the second time running alone)."""


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
    on_crash: Callable[[T], R] | None = None,
    dask_timeout: float = DASK_CONNECT_TIMEOUT,
) -> Iterator[R]:
    """``map(func, items)`` in input order over local processes or a Dask cluster.

    ``func`` must be a picklable top-level function that does not raise. ``workers=1`` (or a
    batch of fewer than ``SMALL_BATCH`` items) runs in this process; ``workers=None`` means
    every core. ``dask`` is a scheduler address (reached within ``dask_timeout`` seconds),
    or ``"local"`` for a LocalCluster with ``workers`` processes; None runs locally.

    A worker process that dies (killed by the system, say) does not sink the batch: the pool
    restarts and each unfinished item runs again, alone. An item that kills its worker that
    second time too gives ``on_crash(item)`` in its place (raises WorkerDied when None).
    Workers ignore SIGINT: on Ctrl-C this process stops them and the interrupt propagates.
    """
    n = workers or default_workers()
    iterator = iter(items)
    head = list(itertools.islice(iterator, SMALL_BATCH))
    stream = itertools.chain(head, iterator)
    if dask:
        yield from _map_dask(func, stream, dask, n, initializer, dask_timeout)
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
    with _one_blas_thread():
        yield from _map_pool(func, stream, n, initializer, on_crash)


@dataclass(frozen=True, slots=True)
class _WorkerStart:
    """A picklable pool initializer: ignore SIGINT (the parent stops us), then ``init``."""

    init: Callable[[], None] | None

    def __call__(self) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if self.init is not None:
            self.init()


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """SIGINT blocked while a worker may be spawned: the worker starts with it blocked.

    A Ctrl-C at the terminal goes to the whole process group; a worker must not print a
    KeyboardInterrupt traceback of its own, even while it is still starting. A SIGINT that
    arrives meanwhile is held, not lost: it is delivered here as soon as the block ends.
    """
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


class _Pool:
    """A spawn ProcessPoolExecutor that can be restarted after a worker died."""

    def __init__(self, n: int, initializer: Callable[[], None] | None) -> None:
        self.n = n
        self.start = _WorkerStart(initializer)
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        ctx = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(max_workers=self.n, mp_context=ctx, initializer=self.start)

    def submit(self, func: Callable[[T], R], item: T) -> Future[R]:
        """Submit ``func(item)``; on a broken pool, a future holding BrokenProcessPool."""
        # The pool spawns a worker inside submit() until it has all of them.
        spawning = len(getattr(self.executor, "_processes", None) or ()) < self.n
        try:
            with _sigint_blocked() if spawning else contextlib.nullcontext():
                return self.executor.submit(func, item)
        except BrokenProcessPool as exc:
            future: Future[R] = Future()
            future.set_exception(exc)
            return future

    def restart(self) -> None:
        """Shut the broken pool down (its futures all settle) and start a fresh one."""
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._new()

    def kill(self) -> None:
        """Stop every worker now (Ctrl-C, or the consumer stopped early)."""
        processes = getattr(self.executor, "_processes", None) or {}
        for process in list(processes.values()):
            with contextlib.suppress(Exception):
                process.terminate()
        self.executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


@dataclass(slots=True)
class _Slot(Generic[T, R]):
    """One item in flight: its future, then its value once known."""

    item: T
    future: Future[R]
    value: R | None = None
    settled: bool = False


def _map_pool(
    func: Callable[[T], R],
    items: Iterator[T],
    n: int,
    initializer: Callable[[], None] | None,
    on_crash: Callable[[T], R] | None,
) -> Iterator[R]:
    pool = _Pool(n, initializer)
    pending: deque[_Slot[T, R]] = deque()
    window = n * IN_FLIGHT_PER_WORKER
    try:
        while True:
            for item in itertools.islice(items, window - len(pending)):
                pending.append(_Slot(item, pool.submit(func, item)))
            if not pending:
                break
            slot = pending[0]
            if not slot.settled:
                try:
                    slot.value, slot.settled = slot.future.result(), True
                except BrokenProcessPool:
                    pool.restart()
                    _rerun_alone(pending, pool, func, on_crash)
                    continue
            pending.popleft()
            yield slot.value  # type: ignore[misc]
    except BaseException:
        pool.kill()
        raise
    finally:
        pool.close()


def _rerun_alone(
    pending: Iterable[_Slot[T, R]],
    pool: _Pool,
    func: Callable[[T], R],
    on_crash: Callable[[T], R] | None,
) -> None:
    """Settle every slot a dead pool left unfinished by running each alone in ``pool``."""
    for slot in pending:
        if slot.settled:
            continue
        future = slot.future
        if future.done() and not future.cancelled() and future.exception() is None:
            slot.value, slot.settled = future.result(), True
            continue
        try:
            slot.value = pool.submit(func, slot.item).result()
        except BrokenProcessPool:
            pool.restart()
            if on_crash is None:
                raise WorkerDied(
                    "an item killed its worker process twice (out of memory?); "
                    "leave it out or use fewer workers"
                ) from None
            slot.value = on_crash(slot.item)
        slot.settled = True


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
    timeout: float,
) -> Iterator[R]:
    try:
        distributed: Any = importlib.import_module("dask.distributed")
        dask_config: Any = importlib.import_module("dask.config")
    except ImportError as exc:
        raise BriefingError(
            "--dask needs the optional Dask extra; install it with: pip install 'briefing[dask]'"
        ) from exc
    cluster: Any = None
    if address == "local":
        with dask_config.set(_LOCAL_CLUSTER_CONFIG):
            cluster = distributed.LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
            )
        client = distributed.Client(cluster)
    else:
        client = _dask_client(distributed, address, timeout)
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


def _dask_client(distributed: Any, address: str, timeout: float) -> Any:
    """A Client connected to ``address`` within ``timeout`` seconds, else a BriefingError.

    Dask's own ``timeout`` does not cover a server that accepts the connection and then
    never answers, so the connection is made in a daemon thread we stop waiting for.
    """
    box: dict[str, Any] = {}

    def connect() -> None:
        try:
            box["client"] = distributed.Client(address, timeout=f"{timeout}s")
        except Exception as exc:
            box["error"] = exc

    thread = threading.Thread(target=connect, name="dask-connect", daemon=True)
    thread.start()
    thread.join(timeout + 1.0)
    if "client" in box:
        return box["client"]
    reason = "no answer" if thread.is_alive() else str(box.get("error") or "no client")
    if "\n" in reason:
        reason = reason.splitlines()[0]
    raise BriefingError(
        f"--dask {address}: cannot reach the Dask scheduler within {timeout:g} s ({reason}); "
        "check the address, start one with `dask scheduler`, or use --dask local"
    )


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
    """Brief every article, in input order, as Outcomes (a Briefing or its error).

    An article whose worker process dies twice (see ``map_ordered``) gets a WorkerDied
    error; the other articles are briefed all the same.
    """
    return map_ordered(
        _brief_task,
        ((a, options) for a in articles),
        workers=workers,
        dask=dask,
        initializer=_Warm(options.model),
        on_crash=_died,
    )


def _died(args: tuple[Article, Options]) -> Outcome:
    return Outcome(
        None,
        WorkerDied(
            "the worker process briefing this article was killed twice (out of memory?); "
            "brief it alone, or with fewer --workers"
        ),
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
) -> Generator[tuple[K, Outcome], None, None]:
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
    sentences: int | None = None,
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
    from .summarize import check_algorithm

    check_algorithm(algorithm)  # a bad name fails once, not once per article

    def loaded() -> Iterator[tuple[int, Article | BriefingError]]:
        for i, item in enumerate(articles):
            try:
                yield i, as_article(item, "brief_many")
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
