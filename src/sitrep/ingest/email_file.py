"""A saved e-mail (.eml) -> its body text and what its headers say about it.

Input: the raw bytes of one RFC 5322 message, as a mail program saves it, and the
name to report errors under. Output: ``EmailParts`` with the plain-text body (the
text/plain part when there is one, else the text of the HTML part), the subject as
title, the sender as author and the Date header as the publication time.
Attachments are ignored: a forwarded PDF is a report of its own.

    >>> raw = b"From: Ops Desk <ops@example.org>\\nSubject: Shelling\\n\\nShells hit Kharkiv."
    >>> parts = email_to_report_parts(raw, name="note.eml")
    >>> parts.text, parts.title, parts.author
    ('Shells hit Kharkiv.', 'Shelling', 'Ops Desk')

Refused with ``FileRejected``: bytes that are not a mail (no mail headers) and a
mail with no readable body.
"""

from __future__ import annotations

import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.parser import BytesParser

from sitrep.errors import FileRejected
from sitrep.ingest.files import normalise_text

# At least one of these must be present for bytes to count as a saved mail.
_MAIL_HEADERS = ("from", "to", "subject", "date", "message-id", "received", "mime-version")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class EmailParts:
    """The body text of a saved e-mail and the metadata its headers give."""

    text: str
    title: str | None
    author: str | None
    published: str | None
    is_html: bool


def email_to_report_parts(raw: bytes, *, name: str) -> EmailParts:
    """Parse a saved e-mail into its body text and metadata, or raise FileRejected."""
    message = BytesParser(policy=email.policy.default).parsebytes(raw)
    if not isinstance(message, EmailMessage) or not _has_mail_headers(message):
        raise FileRejected(
            name, "is not an e-mail (no From, To, Subject or Date header); save the mail as .eml"
        )
    text, is_html = _body(message)
    if not text.strip():
        raise FileRejected(name, "is an e-mail with no readable text body")
    return EmailParts(
        text=text,
        title=_header_text(message, "subject"),
        author=_sender(message),
        published=_sent_at(message),
        is_html=is_html,
    )


def _has_mail_headers(message: Message) -> bool:
    keys = {key.lower() for key in message}
    return any(header in keys for header in _MAIL_HEADERS)


def _body(message: EmailMessage) -> tuple[str, bool]:
    """The text/plain body when there is one, else the text of the text/html body."""
    part = message.get_body(preferencelist=("plain", "html"))
    if not isinstance(part, EmailMessage):
        return "", False
    content = _content(part)
    if part.get_content_subtype() == "html":
        from sitrep.ingest.html import html_to_article

        return html_to_article(content).text, True
    return normalise_text(content), False


def _content(part: EmailMessage) -> str:
    """A text part decoded; an unknown or wrong charset is decoded as UTF-8, replacing
    what does not fit, rather than losing the body."""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError):
        content = None
    if isinstance(content, str):
        return content
    payload = part.get_payload(decode=True)
    return payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""


def _header_text(message: EmailMessage, key: str) -> str | None:
    try:
        value = message.get(key)
    except (ValueError, IndexError, TypeError):
        return None
    if value is None:
        return None
    text = _SPACES.sub(" ", str(value)).strip()
    return text or None


def _sender(message: EmailMessage) -> str | None:
    """The From display name ("Ops Desk"), or the address when it has none."""
    try:
        header = message.get("from")
        addresses = getattr(header, "addresses", ())
    except (ValueError, IndexError, TypeError):
        return None
    for address in addresses:
        who = (address.display_name or address.addr_spec or "").strip()
        if who:
            return who
    return _header_text(message, "from")


def _sent_at(message: EmailMessage) -> str | None:
    """The Date header as ISO 8601 with the sender's offset: "2024-01-29T10:15:00+03:00".

    The offset is kept because it fixes the sender's day, which "yesterday" counts from."""
    try:
        header = message.get("date")
        when = getattr(header, "datetime", None)
    except (ValueError, IndexError, TypeError, OverflowError):
        return None
    if when is None:
        return None
    return str(when.isoformat())
