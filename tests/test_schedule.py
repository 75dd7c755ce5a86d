"""The daily run: trigger times, the lock, the printed cron line and systemd units, SIGTERM."""

from __future__ import annotations

import datetime as dt
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing.cli import cli
from briefing.errors import BriefingError
from briefing.schedule import (
    LockBusy,
    RunLock,
    Runner,
    cron_line,
    next_run,
    parse_at,
    systemd_units,
)

UTC = dt.UTC


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # 06:00 in Berlin (CET, UTC+1): today at 07:00 CET.
        (dt.datetime(2025, 11, 25, 5, 0, tzinfo=UTC), dt.datetime(2025, 11, 25, 6, 0, tzinfo=UTC)),
        # 07:30 in Berlin: tomorrow.
        (dt.datetime(2025, 11, 25, 6, 30, tzinfo=UTC), dt.datetime(2025, 11, 26, 6, 0, tzinfo=UTC)),
        # Across the spring change to CEST (UTC+2) on 30 March 2025.
        (dt.datetime(2025, 3, 29, 12, 0, tzinfo=UTC), dt.datetime(2025, 3, 30, 5, 0, tzinfo=UTC)),
    ],
)
def test_next_fire_time_at_seven_in_berlin(now: dt.datetime, expected: dt.datetime) -> None:
    fire = next_run("07:00", "Europe/Berlin", now)
    assert fire == expected
    assert (fire.hour, fire.minute) == (7, 0) and str(fire.tzinfo) == "Europe/Berlin"


def test_bad_times_are_refused_with_the_fix() -> None:
    assert parse_at("7:05") == (7, 5)
    for bad in ("25:00", "07:60", "seven", "07.00"):
        with pytest.raises(BriefingError, match="HH:MM"):
            parse_at(bad)


def test_a_second_run_cannot_take_the_lock_while_the_first_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "run" / "digest.lock"
    with RunLock(path), pytest.raises(LockBusy, match="still going"):
        RunLock(path).acquire()
    with RunLock(path):  # released: free again
        pass


def test_the_job_skips_when_locked_and_logs_a_finished_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger("test.schedule.job")
    runner = Runner(["--version"], tmp_path / "digest.lock", logger)
    with caplog.at_level(logging.INFO, logger="test.schedule.job"):
        with RunLock(tmp_path / "digest.lock"):
            assert runner.run() is None
        assert runner.run() == 0
    text = caplog.text
    assert "skipped" in text and "briefing, version" in text and "exit status 0" in text


def test_print_cron_gives_a_ready_crontab_line(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    text = cron_line(["digest", str(news), "-o", "out", "--since-last"], "07:30", "Europe/Berlin")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines[0] == "CRON_TZ=Europe/Berlin"
    entry = lines[1]
    assert entry.startswith("30 7 * * * TZ=Europe/Berlin /")  # the digest dates by Berlin
    command = entry.split(" ", 6)[6]
    assert f"digest {news} -o {Path('out').absolute()} --since-last" in command
    assert ">> " in command and command.endswith("schedule.log 2>&1")


def test_print_systemd_gives_a_timer_and_a_service() -> None:
    units = systemd_units(["digest", "my news/", "--email", "me@x.org"], "07:00", "Europe/Berlin")
    service, timer = units["briefing-digest.service"], units["briefing-digest.timer"]
    assert "OnCalendar=*-*-* 07:00:00 Europe/Berlin" in timer and "Persistent=true" in timer
    assert "WantedBy=timers.target" in timer
    exec_line = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    assert exec_line.split("=", 1)[1].startswith("/")
    assert ' digest "my news/" --email me@x.org' in exec_line
    assert "Type=oneshot" in service
    assert "Environment=TZ=Europe/Berlin" in service.splitlines()


def test_a_scheduled_run_lives_in_the_zone_it_was_scheduled_in(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger("test.schedule.tz")
    show = (
        "import datetime, os; "
        "print('zone', os.environ['TZ'], datetime.datetime.now().astimezone().utcoffset())"
    )
    runner = Runner(
        [], tmp_path / "digest.lock", logger, command=[sys.executable, "-c", show],
        tz="Pacific/Kiritimati",
    )  # fmt: skip
    with caplog.at_level(logging.INFO, logger="test.schedule.tz"):
        assert runner.run() == 0
    assert "zone Pacific/Kiritimati 14:00:00" in caplog.text  # "today" is Kiritimati's


def test_schedule_command_prints_and_checks_the_digest_command() -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["schedule", "--at", "06:15", "--print-cron", "--print-systemd",
                             "--", "digest", "news/"])  # fmt: skip
    assert ok.exit_code == 0, ok.output
    assert "15 6 * * * " in ok.stdout and "OnCalendar=*-*-* 06:15:00" in ok.stdout
    assert runner.invoke(cli, ["schedule", "--print-cron", "--", "make", "x"]).exit_code == 2
    assert runner.invoke(cli, ["schedule", "--at", "25:00", "--", "digest", "x"]).exit_code == 2
    bad = runner.invoke(cli, ["schedule", "--print-cron", "--", "digest", "x", "--bogus"])
    assert bad.exit_code == 2
    zone = runner.invoke(cli, ["schedule", "--tz", "Mars/Olympus", "--", "digest", "x"])
    assert zone.exit_code == 2 and "IANA" in zone.output


def test_the_scheduler_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    log = tmp_path / "schedule.log"
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing", "schedule", "--at", "07:00", "--tz", "UTC",
         "--log", str(log), "--", "digest", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not (log.exists() and "scheduler started" in log.read_text(encoding="utf-8")):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0
    text = log.read_text(encoding="utf-8")
    assert "received SIGTERM" in text and text.rstrip().endswith("scheduler stopped")


HANG = (
    "import pathlib, subprocess, sys, time\n"
    "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
    "pathlib.Path(sys.argv[1]).write_text(str(child.pid))\n"
    "time.sleep(600)\n"
)


@pytest.mark.slow
def test_a_hung_run_is_killed_at_its_time_limit_with_its_children(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import psutil

    logger = logging.getLogger("test.schedule.limit")
    pid_file = tmp_path / "grandchild.pid"
    runner = Runner(
        [], tmp_path / "digest.lock", logger, time_limit=8.0, grace=1.0,
        command=[sys.executable, "-c", HANG, str(pid_file)],
    )  # fmt: skip
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="test.schedule.limit"):
        status = runner.run()
    assert time.monotonic() - started < 60
    assert status is not None and status != 0
    assert "killed after the time limit of 8s" in caplog.text
    grandchild = int(pid_file.read_text())  # started well within the 8 s
    try:  # gone, a zombie, or its number already taken by an unrelated process
        survivor = psutil.Process(grandchild)
        alive = survivor.status() != psutil.STATUS_ZOMBIE and "time.sleep(600)" in " ".join(
            survivor.cmdline()
        )
    except psutil.Error:
        alive = False
    assert not alive
    # The lock is free again: the next day's run is not blocked.
    with RunLock(tmp_path / "digest.lock"):
        pass


def test_a_run_within_its_time_limit_is_not_touched(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    logger = logging.getLogger("test.schedule.quick")
    runner = Runner(["--version"], tmp_path / "digest.lock", logger, time_limit=600)
    with caplog.at_level(logging.INFO, logger="test.schedule.quick"):
        assert runner.run() == 0
    assert "time limit" not in caplog.text


@pytest.mark.parametrize("bad", ["news\nrm -rf ~", "a\rb", "x\x00y", "tab\there"])
def test_cron_and_systemd_refuse_an_argument_with_a_line_break(tmp_path: Path, bad: str) -> None:
    args = ["digest", str(tmp_path / bad)]
    with pytest.raises(BriefingError, match="line break"):
        cron_line(args, "07:00")
    with pytest.raises(BriefingError, match="line break"):
        systemd_units(args, "07:00")
    result = CliRunner().invoke(cli, ["schedule", "--print-cron", "--", *args])
    assert result.exit_code == 2 and "line break" in result.stderr
    assert "* * *" not in result.stdout


def test_the_time_limit_reaches_the_printed_units() -> None:
    units = systemd_units(["digest", "news/"], "07:00", time_limit=5400)
    assert "TimeoutStartSec=5400\n" in units["briefing-digest.service"]
    result = CliRunner().invoke(
        cli, ["schedule", "--print-systemd", "--time-limit", "90m", "--", "digest", "news/"]
    )
    assert result.exit_code == 0 and "TimeoutStartSec=5400" in result.stdout
    result = CliRunner().invoke(cli, ["schedule", "--print-systemd", "--", "digest", "news/"])
    assert "TimeoutStartSec=7200" in result.stdout  # the 2 h default
    bad = CliRunner().invoke(cli, ["schedule", "--time-limit", "soon", "--", "digest", "x"])
    assert bad.exit_code == 2 and "--time-limit" in bad.stderr


def test_without_a_runtime_dir_the_lock_lives_in_the_cache_and_nothing_is_warned(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import warnings

    from briefing.schedule import lock_path

    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # cron mails every line a run prints
        path = lock_path()
    if sys.platform.startswith("linux"):
        assert path == tmp_path / "cache" / "briefing" / "digest.lock"
