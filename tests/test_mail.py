"""E-mailing the digest through a real local SMTP server, and where its settings come from."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

from briefing.cli import cli
from briefing.errors import BriefingError
from briefing.mail import MailError, build_message, send
from briefing.settings import SmtpSettings, load_settings

STORY = (
    "Flood waters reach Riverton\n\n"
    "Heavy rain flooded the town of Riverton on Tuesday, forcing 300 families from their "
    "homes. Mayor Jane Alvarez said the river rose two metres overnight. Emergency crews "
    "from the Red Cross opened three shelters in the north of the town."
)


class Inbox:
    """An aiosmtpd handler keeping every message it receives (and the logins it accepted)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []
        self.logins: list[tuple[str, str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(
            (
                envelope.mail_from,
                list(envelope.rcpt_tos),
                message_from_bytes(envelope.content, policy=policy.default),
            )
        )
        return "250 OK"

    def authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth: Any
    ) -> AuthResult:
        if isinstance(auth, LoginPassword) and auth.password == b"s3cret":
            self.logins.append((auth.login.decode(), auth.password.decode()))
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port,
        authenticator=inbox.authenticate, auth_require_tls=False,
    )  # fmt: skip
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture()
def no_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No user config file and no BRIEFING_* variables leaking in from the environment."""
    for name in list(__import__("os").environ):
        if name.startswith("BRIEFING_"):
            monkeypatch.delenv(name)
    config = tmp_path / "config.toml"
    monkeypatch.setenv("BRIEFING_CONFIG", str(config))
    return config


def parts(msg: Message) -> dict[str, Message]:
    return {part.get_content_type(): part for part in msg.walk() if not part.is_multipart()}


def payload(part: Message) -> bytes:
    """A MIME part's decoded bytes."""
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data


def test_digest_is_mailed_with_text_html_and_pdf(
    smtp: tuple[Inbox, int], tmp_path: Path, no_config: Path
) -> None:
    inbox, port = smtp
    story = tmp_path / "flood.txt"
    story.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["digest", str(story), "--date", "2025-11-25", "-o", str(tmp_path / "out"),
         "--db", str(tmp_path / "h.db"), "--format", "md", "-q",
         "--email", "reader@example.org", "--smtp-host", "127.0.0.1", "--smtp-port", str(port),
         "--smtp-security", "none", "--email-from", "digest@example.org"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (sender, rcpts, msg) = inbox.messages[0]
    assert len(inbox.messages) == 1
    assert sender == "digest@example.org" and rcpts == ["reader@example.org"]
    assert msg["Subject"] == "Daily digest — Tuesday 25 November 2025"
    found = parts(msg)
    assert set(found) == {"text/plain", "text/html", "application/pdf"}
    text = payload(found["text/plain"]).decode()
    html = payload(found["text/html"]).decode()
    pdf = payload(found["application/pdf"])
    assert text.startswith("# Daily digest") and "Flood waters reach Riverton" in text
    assert str(story) in text and "\\" not in text  # read unrendered: no "\_" escapes
    assert "<h1>Daily digest" in html and "Riverton" in html
    assert pdf.startswith(b"%PDF") and found["application/pdf"].get_filename() == (
        "digest-2025-11-25.pdf"
    )
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["digest-2025-11-25.md"]


def test_a_send_failure_is_reported_but_the_files_are_written(
    tmp_path: Path, no_config: Path
) -> None:
    story = tmp_path / "flood.txt"
    story.write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["digest", str(story), "--date", "2025-11-25", "-o", str(tmp_path / "out"),
         "--db", str(tmp_path / "h.db"), "-q", "--email", "reader@example.org",
         "--smtp-host", "127.0.0.1", "--smtp-port", str(free_port()), "--smtp-security", "none"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "error: email: 127.0.0.1:" in result.stderr and "--smtp-host" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "digest-2025-11-25.md",
        "digest-2025-11-25.pdf",
    ]


def test_login_uses_the_password_from_the_environment(
    smtp: tuple[Inbox, int], monkeypatch: pytest.MonkeyPatch, no_config: Path
) -> None:
    inbox, port = smtp
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "s3cret")
    monkeypatch.setenv("BRIEFING_SMTP_USER", "ann")
    settings = load_settings({"smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "none"})
    msg = build_message(sender="a@example.org", to=["b@example.org"], subject="Hi", text="Body")
    send(msg, settings.smtp)
    assert inbox.logins == [("ann", "s3cret")]
    assert payload(parts(inbox.messages[0][2])["text/plain"]).decode().strip() == "Body"
    wrong = SmtpSettings(host="127.0.0.1", port=port, security="none", user="ann", password="no")
    with pytest.raises(MailError, match="refused the login of ann"):
        send(msg, wrong)


def test_settings_come_from_flag_then_environment_then_config_then_default(
    no_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    no_config.write_text(
        '[digest]\nmax_stories = 12\nformat = "md,json"\n'
        '[smtp]\nhost = "mail.config"\nport = 2525\npassword = "from-config"\n'
        'from = "config@example.org"\n',
        encoding="utf-8",
    )
    s = load_settings({})
    assert (s.smtp.host, s.smtp.port, s.smtp.password) == ("mail.config", 2525, "from-config")
    assert s.max_stories == 12 and s.formats == ("md", "json") and s.smtp.security == "starttls"
    monkeypatch.setenv("BRIEFING_SMTP_HOST", "mail.env")
    monkeypatch.setenv("BRIEFING_SMTP_PASSWORD", "from-env")
    s = load_settings({"smtp_port": 587})
    assert (s.smtp.host, s.smtp.port, s.smtp.password) == ("mail.env", 587, "from-env")
    s = load_settings({"smtp_host": "mail.flag", "smtp_password": "from-flag"})
    assert s.smtp.host == "mail.flag" and s.smtp.password == "from-env"  # never from a flag
    assert s.smtp.sender == "config@example.org"
    assert SmtpSettings(security="ssl").effective_port == 465


def test_a_bad_setting_names_where_it_came_from(
    no_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_SMTP_SECURITY", "tls1.3")
    with pytest.raises(BriefingError, match=r"BRIEFING_SMTP_SECURITY .* starttls, ssl, none"):
        load_settings({})
    monkeypatch.delenv("BRIEFING_SMTP_SECURITY")
    no_config.write_text("[smtp]\nport = 'many'\n", encoding="utf-8")
    with pytest.raises(BriefingError, match=r"config\.toml: \[smtp\] port"):
        load_settings({})
    no_config.write_text("[smtp\n", encoding="utf-8")
    with pytest.raises(BriefingError, match="not valid TOML"):
        load_settings({})


@pytest.mark.parametrize(
    "address", ["me@example.com\nBcc: all@example.com", "me@example.com\r\n", "nobody"]
)
def test_an_address_that_could_inject_headers_is_refused_in_one_line(address: str) -> None:
    from briefing.mail import MailError, build_message

    with pytest.raises(MailError) as caught:
        build_message(sender="b@example.com", to=[address], subject="s", text="t")
    assert "\n" not in str(caught.value) and "--email" in str(caught.value)


@pytest.mark.parametrize("flag", ["--email", "--email-from"])
def test_a_bad_address_flag_is_a_usage_error_before_any_work(
    tmp_path: Path, no_config: Path, flag: str
) -> None:
    story = tmp_path / "flood.txt"
    story.write_text(STORY, encoding="utf-8")
    out = tmp_path / "out"
    args = ["digest", str(story), "-o", str(out), "--db", str(tmp_path / "h.db"), "-q"]
    if flag == "--email-from":
        args += ["--email", "reader@example.org"]
    result = CliRunner().invoke(cli, [*args, flag, "notanemail"])
    assert result.exit_code == 2
    assert f"Invalid value for '{flag}': 'notanemail': not an e-mail address" in result.stderr
    assert not out.exists() and not (tmp_path / "h.db").exists()


def test_a_bad_address_from_the_environment_fails_before_any_work(
    tmp_path: Path, no_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.digest.daily import DailyOptions, run_daily

    story = tmp_path / "flood.txt"
    story.write_text(STORY, encoding="utf-8")
    out = tmp_path / "out"
    options = DailyOptions(date=__import__("datetime").date(2025, 11, 25), output=out,
                           email=("notanemail",))  # fmt: skip
    with pytest.raises(MailError, match=r"'notanemail': not an e-mail address"):
        run_daily([str(story)], options)
    assert not out.exists()
    monkeypatch.setenv("BRIEFING_EMAIL", "notanemail")
    result = CliRunner().invoke(cli, ["digest", str(story), "-o", str(out), "-q"])
    assert result.exit_code == 1 and not out.exists()
