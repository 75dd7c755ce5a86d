"""E-mail the digest: the Markdown as text/plain, the HTML as its alternative, the PDF attached.

Sent with :mod:`smtplib` over STARTTLS (port 587), implicit TLS (``ssl``, port 465) or plain
SMTP (``none``, for a local relay or testing). Server settings come from
:class:`briefing.settings.SmtpSettings` (flags > ``BRIEFING_SMTP_*`` > config file); the
password only ever from the environment or the config file. Any failure raises
:class:`MailError` naming the server and the setting to check.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from .errors import BriefingError
from .settings import SmtpSettings


class MailError(BriefingError):
    """The digest could not be e-mailed."""


def check_address(address: str, label: str = "--email") -> None:
    """Refuse an address that could inject mail headers (a line break or control character)
    or that is not ``name@domain``: MailError naming the flag and the fix."""
    if any(ord(c) < 32 or ord(c) == 127 for c in address):
        raise MailError(
            f"{label} {address!r}: an e-mail address with a line break or control character "
            "is refused (it could add mail headers); give a plain address such as me@example.com"
        )
    if "@" not in address or address.startswith("@") or address.endswith("@"):
        raise MailError(f"{label} {address!r}: not an e-mail address; write it as me@example.com")


def check_addresses(sender: str, to: Sequence[str]) -> None:
    """Refuse a missing recipient or any address :func:`check_address` refuses."""
    if not to:
        raise MailError("no recipient; pass --email ADDRESS (or set [digest] email)")
    for label, address in (("--email-from", sender), *(("--email", a) for a in to)):
        check_address(address, label)


def build_message(
    *,
    sender: str,
    to: Sequence[str],
    subject: str,
    text: str,
    html: str | None = None,
    pdf: bytes | None = None,
    pdf_name: str = "digest.pdf",
) -> EmailMessage:
    """A MIME message: ``text`` as text/plain, ``html`` as its alternative, ``pdf`` attached."""
    check_addresses(sender, to)
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    msg.set_content(text, subtype="plain", cte="quoted-printable")
    if html is not None:
        msg.add_alternative(html, subtype="html", cte="quoted-printable")
    if pdf is not None:
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    return msg


def send(msg: EmailMessage, smtp: SmtpSettings) -> None:
    """Send ``msg`` through the server ``smtp`` describes (TLS verified against system CAs)."""
    where = f"{smtp.host}:{smtp.effective_port}"
    context = ssl.create_default_context()
    try:
        if smtp.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                smtp.host, smtp.effective_port, timeout=smtp.timeout, context=context
            )
        else:
            client = smtplib.SMTP(smtp.host, smtp.effective_port, timeout=smtp.timeout)
        with client:
            if smtp.security == "starttls":
                client.starttls(context=context)
            if smtp.user:
                if smtp.password is None:
                    raise MailError(
                        f"{where}: user {smtp.user} has no password; set "
                        "BRIEFING_SMTP_PASSWORD or [smtp] password in the config file"
                    )
                client.login(smtp.user, smtp.password)
            client.send_message(msg)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(
            f"{where}: the server refused the login of {smtp.user} ({_reason(exc)}); "
            "check --smtp-user and BRIEFING_SMTP_PASSWORD"
        ) from exc
    except smtplib.SMTPNotSupportedError as exc:
        raise MailError(
            f"{where}: the server does not offer STARTTLS ({_reason(exc)}); "
            "use --smtp-security ssl, or none for a trusted local relay"
        ) from exc
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise MailError(
            f"{where}: sending the digest failed ({_reason(exc)}); check --smtp-host, "
            "--smtp-port and --smtp-security (or BRIEFING_SMTP_*)"
        ) from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        raw = exc.smtp_error
        detail = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw or "")
        return f"{exc.smtp_code} {detail}".strip()
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def send_digest(
    to: Sequence[str],
    *,
    subject: str,
    text: str,
    html: str,
    pdf: bytes,
    smtp: SmtpSettings,
    pdf_name: str = "digest.pdf",
) -> None:
    """E-mail one digest to ``to``: Markdown text (its escapes taken out: a mail reader
    shows it unrendered), HTML alternative, PDF attachment."""
    from .render import markdown_unescape

    msg = build_message(
        sender=smtp.sender,
        to=to,
        subject=subject,
        text=markdown_unescape(text),
        html=html,
        pdf=pdf,
        pdf_name=pdf_name,
    )
    send(msg, smtp)
