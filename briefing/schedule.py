"""The daily run: an in-process scheduler, or a ready crontab line or systemd timer.

:func:`run_forever` runs ``briefing digest ...`` every day at a set time with APScheduler's
``BlockingScheduler`` and a ``CronTrigger``. Each run is a subprocess in its own process
group (a crash in one run never takes the scheduler down), guarded by a lock file
(``fcntl.flock``) so two runs never overlap, its output logged to ``schedule.log`` in the
user log folder. A run still going after its time limit (default 2 h) is killed, with its
worker processes, and logged, so one hung run never blocks the days after it. SIGTERM (or
Ctrl-C) stops the scheduler cleanly: a running digest is asked to stop, then the process
exits 0.

:func:`cron_line` and :func:`systemd_units` print the same job for the system scheduler,
with the absolute path of the ``briefing`` executable and absolute input paths; an
argument holding a line break or another control character is refused (neither format
can carry it safely).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import math
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import unicodedata
import zoneinfo
from pathlib import Path
from types import FrameType, TracebackType
from typing import IO, Any

import platformdirs

from .errors import BriefingError
from .settings import DEFAULT_TIME_LIMIT

APP = "briefing"
UNIT = "briefing-digest"
#: Options of ``briefing digest`` whose value is a path (made absolute for cron/systemd).
PATH_OPTIONS = ("-o", "--output", "--db")
_AT = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

log = logging.getLogger(__name__)


class LockBusy(BriefingError):
    """Another digest run holds the lock."""


# ------------------------------------------------------------------------------ time


def parse_at(text: str) -> tuple[int, int]:
    """``"07:00"`` -> ``(7, 0)``; a BriefingError naming the fix otherwise."""
    match = _AT.match(text.strip())
    if not match:
        raise BriefingError(f"--at {text!r}: not a time of day; write it as HH:MM, e.g. 07:00")
    return int(match.group(1)), int(match.group(2))


def parse_tz(name: str | None) -> dt.tzinfo:
    """The time zone named ``name`` (IANA, e.g. Europe/Berlin), else the local one."""
    if not name:
        from tzlocal import get_localzone

        return get_localzone()
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise BriefingError(
            f"--tz {name!r}: unknown time zone; use an IANA name such as Europe/Berlin"
        ) from exc


def make_trigger(at: str, tz: str | None = None) -> Any:
    """APScheduler's CronTrigger firing every day at ``at`` (HH:MM) in ``tz``."""
    from apscheduler.triggers.cron import CronTrigger

    hour, minute = parse_at(at)
    return CronTrigger(hour=hour, minute=minute, second=0, timezone=parse_tz(tz))


def next_run(at: str, tz: str | None, now: dt.datetime) -> dt.datetime:
    """When the daily run at ``at`` in ``tz`` next fires after the aware datetime ``now``."""
    fire: dt.datetime = make_trigger(at, tz).get_next_fire_time(None, now)
    return fire


# ------------------------------------------------------------------------------ files


def lock_path() -> Path:
    """The lock file: in the user runtime dir when there is one, else the user cache dir.

    Without XDG_RUNTIME_DIR (cron, containers) there is none: the cache dir is used, and
    platformdirs' warning about its /tmp fallback (two lines on every cron run) is not shown.
    """
    if sys.platform.startswith("linux") and not os.environ.get("XDG_RUNTIME_DIR"):
        return Path(platformdirs.user_cache_dir(APP)) / "digest.lock"
    runtime = Path(platformdirs.user_runtime_dir(APP))
    base = runtime if runtime.parent.is_dir() and os.access(runtime.parent, os.W_OK) else None
    return (base or Path(platformdirs.user_cache_dir(APP))) / "digest.lock"


def log_path() -> Path:
    """The scheduler's log: schedule.log in the user log dir."""
    return Path(platformdirs.user_log_dir(APP)) / "schedule.log"


class RunLock:
    """An exclusive, non-blocking ``fcntl.flock`` on a file; released on close or exit.

    The kernel drops the lock when the process dies, so a killed run never leaves it stuck.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fh: IO[str] | None = None

    def acquire(self) -> RunLock:
        """Take the lock or raise LockBusy at once."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise BriefingError(
                f"{self.path}: cannot open the lock file ({exc.strerror}); check permissions"
            ) from exc
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            fh.close()
            raise LockBusy(
                f"{self.path}: another digest run is still going; wait for it to finish"
            ) from exc
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        self._fh = fh
        return self

    def release(self) -> None:
        """Drop the lock (idempotent)."""
        if self._fh is not None:
            fcntl.flock(self._fh.fileno(), fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


# -------------------------------------------------------------------------- the job


def executable() -> list[str]:
    """The command that runs ``briefing``: the absolute console script, else python -m."""
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "briefing" and script.is_file():
        return [str(script.resolve())]
    beside = Path(sys.executable).parent / "briefing"
    if beside.is_file():
        return [str(beside.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "briefing"]


def absolute_args(args: list[str]) -> list[str]:
    """``args`` with existing input paths and the values of -o/--db made absolute."""
    out: list[str] = []
    after_option = False
    for i, arg in enumerate(args):
        previous = args[i - 1] if i else ""
        if previous in PATH_OPTIONS and not after_option:
            out.append(str(Path(arg).expanduser().absolute()))
        elif arg.startswith(tuple(f"{o}=" for o in PATH_OPTIONS if o.startswith("--"))):
            name, _, value = arg.partition("=")
            out.append(f"{name}={Path(value).expanduser().absolute()}")
        elif not arg.startswith("-") and arg != "digest" and Path(arg).exists():
            out.append(str(Path(arg).absolute()))
        else:
            out.append(arg)
        after_option = arg == "--"
    return out


def _duration(seconds: float) -> str:
    """``7200`` -> ``2h``, ``90`` -> ``1m30s``: a time limit as people write it."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return text + (f"{secs}s" if secs or not text else "")


class Runner:
    """Runs the digest command as a subprocess, one at a time, logging its output.

    A run still going after ``time_limit`` seconds gets SIGTERM, and SIGKILL ``grace``
    seconds later, sent to its whole process group (its worker processes too).
    """

    def __init__(
        self,
        args: list[str],
        lock_file: Path,
        logger: logging.Logger,
        *,
        time_limit: float = DEFAULT_TIME_LIMIT,
        grace: float = 10.0,
        command: list[str] | None = None,
        tz: str | None = None,
    ) -> None:
        self.command = command or [sys.executable, "-m", "briefing", *args]
        # the run lives in the user's zone: "today" (the digest's date, its history key)
        # is the date where the user is, not where the machine is
        self.env = {**os.environ, "TZ": tz} if tz else None
        self.lock_file = lock_file
        self.log = logger
        self.time_limit = time_limit
        self.grace = grace
        self.stopping = threading.Event()
        self._child: subprocess.Popen[str] | None = None
        self._guard = threading.Lock()

    def run(self) -> int | None:
        """One run: take the lock, run the command, log its lines; its exit status.

        None when skipped because another run holds the lock or the scheduler is stopping.
        """
        if self.stopping.is_set():
            return None
        try:
            lock = RunLock(self.lock_file).acquire()
        except LockBusy as exc:
            self.log.warning("skipped: %s", exc)
            return None
        try:
            self.log.info("run: %s", shlex.join(self.command))
            with self._guard:
                child = self._child = subprocess.Popen(
                    self.command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    text=True,
                    errors="replace",
                    start_new_session=True,  # its own process group: killed as one
                    env=self.env,
                )
            expired = threading.Event()
            timer = threading.Timer(self.time_limit, self._expire, (child, expired))
            timer.daemon = True
            timer.start()
            try:
                assert child.stdout is not None
                for line in child.stdout:
                    self.log.info("| %s", line.rstrip())
                status = child.wait()
            finally:
                timer.cancel()
            if expired.is_set():
                self.log.error(
                    "killed after the time limit of %s (exit status %d); "
                    "the next run starts on time",
                    _duration(self.time_limit),
                    status,
                )
            else:
                level = logging.INFO if status == 0 else logging.WARNING
                self.log.log(level, "finished with exit status %d", status)
            return status
        finally:
            with self._guard:
                self._child = None
            lock.release()

    def _expire(self, child: subprocess.Popen[str], expired: threading.Event) -> None:
        """The time limit passed: SIGTERM the run's group, SIGKILL it after ``grace``."""
        if child.poll() is not None:
            return
        expired.set()
        self.log.warning(
            "run still going after the time limit of %s; stopping it", _duration(self.time_limit)
        )
        _signal_group(child, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(self.grace)
        _signal_group(child, signal.SIGKILL)  # whatever of the group is left

    def stop(self) -> None:
        """Refuse new runs and ask a running digest to stop (SIGTERM)."""
        self.stopping.set()
        with self._guard:
            if self._child is not None:
                _signal_group(self._child, signal.SIGTERM)

    def wait_child(self, timeout: float = 30.0) -> None:
        """Wait for a running digest to end; kill it after ``timeout`` seconds."""
        with self._guard:
            child = self._child
        if child is None:
            return
        try:
            child.wait(timeout)
        except subprocess.TimeoutExpired:
            _signal_group(child, signal.SIGKILL)


def _signal_group(child: subprocess.Popen[str], sig: int) -> None:
    """Send ``sig`` to the child's process group (it leads its own session)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, sig)


def file_logger(path: Path, *, echo: bool = True) -> logging.Logger:
    """The scheduler's logger: appends to ``path`` (and echoes to stderr when ``echo``)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as exc:
        raise BriefingError(
            f"{path}: cannot write the schedule log ({exc.strerror}); pass another --log"
        ) from exc
    logger = logging.getLogger(f"{__name__}.run")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
    handler.setFormatter(fmt)
    logger.addHandler(handler)
    if echo:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(fmt)
        logger.addHandler(stream)
    return logger


def run_forever(
    args: list[str],
    at: str,
    tz: str | None = None,
    *,
    log_file: Path | None = None,
    lock_file: Path | None = None,
    run_now: bool = False,
    echo: bool = True,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> None:
    """Run ``briefing ARGS...`` every day at ``at`` in ``tz`` until SIGTERM or Ctrl-C.

    Missed runs (the machine was asleep) run once within the hour after; ``run_now`` also
    runs the job right away. A run still going after ``time_limit`` seconds is killed and
    logged. Returns after a clean stop.
    """
    from apscheduler.schedulers.blocking import BlockingScheduler

    trigger = make_trigger(at, tz)
    logger = file_logger(log_file or log_path(), echo=echo)
    runner = Runner(args, lock_file or lock_path(), logger, time_limit=time_limit, tz=tz)
    scheduler = BlockingScheduler(timezone=trigger.timezone)
    now = dt.datetime.now(trigger.timezone)
    daily = trigger.get_next_fire_time(None, now)
    first = now if run_now else daily
    scheduler.add_job(
        runner.run,
        trigger,
        id="digest",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=3600,
        next_run_time=first,
    )

    def stop(signum: int, frame: FrameType | None) -> None:
        logger.info("received %s; stopping", signal.Signals(signum).name)
        runner.stop()
        if scheduler.running:
            scheduler.shutdown(wait=False)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    logger.info(
        "scheduler started: %s daily at %s %s (pid %d, time limit %s); %snext run %s",
        shlex.join(runner.command[3:]),
        at,
        trigger.timezone,
        os.getpid(),
        _duration(time_limit),
        "running once now; " if run_now else "",
        daily.isoformat(),
    )
    try:
        scheduler.start()  # blocks until a signal shuts the scheduler down
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    runner.wait_child()
    logger.info("scheduler stopped")


# ------------------------------------------------------------------- system schedulers


def _one_line_args(args: list[str], what: str) -> None:
    """Refuse an argument with a line break or another control character (cron, systemd)."""
    for arg in args:
        if any(unicodedata.category(c) == "Cc" or c in "\u2028\u2029" for c in arg):
            raise BriefingError(
                f"{arg!r}: holds a line break or control character, which a {what} cannot "
                "carry safely; rename the file or folder, or run the scheduler in the foreground"
            )


def _cron_quote(arg: str) -> str:
    return shlex.quote(arg).replace("%", "\\%")


def cron_line(
    args: list[str], at: str, tz: str | None = None, *, time_limit: float | None = None
) -> str:
    """A crontab entry running ``briefing ARGS...`` daily at ``at`` (``CRON_TZ`` for ``tz``).

    With ``time_limit`` (seconds) the command runs under coreutils ``timeout`` when this
    machine has it: SIGTERM at the limit, SIGKILL 10 s later.
    """
    hour, minute = parse_at(at)
    words = [*executable(), *absolute_args(args)]
    limiter = shutil.which("timeout") if time_limit else None
    if limiter and time_limit:
        words = [limiter, "--kill-after=10", f"{math.ceil(time_limit)}", *words]
    _one_line_args([*words, str(log_path())], "crontab line")
    command = " ".join(_cron_quote(a) for a in words)
    logfile = _cron_quote(str(log_path()))
    lines = ["# briefing: the daily digest (add with `crontab -e`)"]
    if tz:
        parse_tz(tz)
        lines.append("# CRON_TZ is understood by cronie and systemd-cron; elsewhere use local time")
        lines.append(f"CRON_TZ={tz}")
        command = f"TZ={_cron_quote(tz)} {command}"  # the digest's date is the user's today
    lines.append(f"{minute} {hour} * * * {command} >> {logfile} 2>&1")
    return "\n".join(lines) + "\n"


def _systemd_quote(arg: str) -> str:
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("%", "%%").replace("$", "$$")
    plain = escaped and not re.search(r"[\s\"'\\;]", arg)
    return escaped if plain else f'"{escaped}"'


def systemd_units(
    args: list[str], at: str, tz: str | None = None, *, time_limit: float | None = None
) -> dict[str, str]:
    """A systemd user service and timer running ``briefing ARGS...`` daily at ``at``.

    Keys are the unit file names (``briefing-digest.service``/``.timer``) to place in
    ``~/.config/systemd/user/``. ``time_limit`` (seconds) becomes ``TimeoutStartSec``:
    systemd stops a run still going after it.
    """
    hour, minute = parse_at(at)
    if tz:
        parse_tz(tz)
    words = [*executable(), *absolute_args(args)]
    _one_line_args([*words, os.getcwd()], "systemd unit")
    command = " ".join(_systemd_quote(a) for a in words)
    service = (
        "[Unit]\n"
        "Description=briefing: the daily news digest\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"WorkingDirectory={_systemd_quote(os.getcwd())}\n"
        + (f"Environment=TZ={_systemd_quote(tz)}\n" if tz else "")
        + f"ExecStart={command}\n"
        + (f"TimeoutStartSec={math.ceil(time_limit)}\n" if time_limit else "")
    )
    calendar = f"*-*-* {hour:02d}:{minute:02d}:00" + (f" {tz}" if tz else "")
    timer = (
        "[Unit]\n"
        "Description=briefing: run the daily news digest\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar={calendar}\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}
