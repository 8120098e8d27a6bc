"""Reading an e-mail (.eml): its body as one source and each attachment briefgen reads as
another, the sender and date as the issuer and date of every one.

The standard library's ``email`` parser does the MIME work. The body is the text part, or
the HTML part through the HTML reader when there is no text part; an attachment is read
by the reader of its kind (PDF, Word, OpenDocument, HTML, text), and one that cannot be
read is kept with why, so a memo can say what it left out.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import logging
from email.message import EmailMessage, Message
from pathlib import PurePath

from pydantic import BaseModel, ConfigDict

from briefgen.errors import BriefgenError, InputError
from briefgen.ingest.article import DEFAULT_MAX_CHARS, Article
from briefgen.ingest.readers import read_document

logger = logging.getLogger(__name__)

MAX_EMAIL_BYTES = 60_000_000
MAX_ATTACHMENTS = 50
_READABLE = frozenset({".pdf", ".docx", ".odt", ".html", ".htm", ".txt", ".md", ".eml"})
_MIME_SUFFIXES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "text/html": ".html",
    "text/plain": ".txt",
    "message/rfc822": ".eml",
}


class MailPart(BaseModel):
    """One source an e-mail holds: its body or an attachment, read or with why not."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    name: str
    """"body", or the attachment's file name."""
    article: Article | None = None
    problem: str | None = None


class Mail(BaseModel):
    """An e-mail's sources in order: the body first (when it has text), then attachments."""

    model_config = ConfigDict(frozen=True)

    subject: str | None = None
    sender: str | None = None
    date: str | None = None
    parts: tuple[MailPart, ...] = ()
    skipped: tuple[str, ...] = ()
    """Attachments of kinds briefgen does not read (pictures, signatures, archives)."""

    @property
    def articles(self) -> list[Article]:
        """The parts that were read."""
        return [part.article for part in self.parts if part.article is not None]


def read_mail(
    data: bytes, *, max_chars: int = DEFAULT_MAX_CHARS, pdf_password: str | None = None
) -> Mail:
    """The sources of an e-mail's bytes; InputError when it is no e-mail or holds nothing
    briefgen can read."""
    if len(data) > MAX_EMAIL_BYTES:
        raise InputError(
            f"The e-mail has {len(data):,} bytes, over the limit of {MAX_EMAIL_BYTES:,}."
        )
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not (message["From"] or message["Date"]):
        raise InputError("It is not an e-mail message (.eml): it has no From or Date header.")
    sender = _sender(message)
    date = _date(message)
    subject = " ".join(str(message["Subject"] or "").split()) or None
    parts: list[MailPart] = []
    skipped: list[str] = []
    body = _body(message, subject, sender, date, max_chars)
    if body is not None:
        parts.append(body)
    for number, attachment in enumerate(message.iter_attachments(), start=1):
        if number > MAX_ATTACHMENTS:
            logger.warning(
                "The e-mail has more than %d attachments; the rest are not read.", MAX_ATTACHMENTS
            )
            break
        read = _attachment(
            attachment,
            number,
            sender=sender,
            date=date,
            max_chars=max_chars,
            pdf_password=pdf_password,
        )
        if read is None:
            skipped.append(PurePath(attachment.get_filename() or f"attachment-{number}").name)
        else:
            parts.append(read)
    mail = Mail(
        subject=subject, sender=sender, date=date, parts=tuple(parts), skipped=tuple(skipped)
    )
    if not mail.articles:
        problems = "; ".join(f"{p.name}: {p.problem}" for p in parts) or "no body, no attachment"
        raise InputError(f"The e-mail holds nothing briefgen can read ({problems}).")
    return mail


def article_from_mail(
    data: bytes, *, max_chars: int = DEFAULT_MAX_CHARS, pdf_password: str | None = None
) -> Article:
    """The e-mail's first readable source (its body, or the first attachment when the body
    is empty): what one article of an e-mail is when only one is asked for."""
    return read_mail(data, max_chars=max_chars, pdf_password=pdf_password).articles[0]


def _sender(message: EmailMessage) -> str | None:
    """The sender as a reader names the issuer: the display name, else the address."""
    name, address = email.utils.parseaddr(str(message["From"] or ""))
    return name.strip() or address.strip() or None


def _date(message: EmailMessage) -> str | None:
    raw = message["Date"]
    if not raw:
        return None
    try:
        return email.utils.parsedate_to_datetime(str(raw)).date().isoformat()
    except (TypeError, ValueError):
        return None


def _body(
    message: EmailMessage, subject: str | None, sender: str | None, date: str | None, max_chars: int
) -> MailPart | None:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return None
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError) as exc:
        return MailPart(name="body", problem=f"its body cannot be decoded ({exc})")
    if not isinstance(content, str) or not content.strip():
        return None
    try:
        if part.get_content_subtype() == "html":
            from briefgen.ingest.html import extract_html

            page = extract_html(content)
            content = page.text
        article = Article.from_text(
            content, title=subject, source=sender, published=date, max_chars=max_chars
        )
    except InputError as exc:
        return MailPart(name="body", problem=str(exc))
    return MailPart(name="body", article=article)


def _attachment(
    part: Message,
    number: int,
    *,
    sender: str | None,
    date: str | None,
    max_chars: int,
    pdf_password: str | None,
) -> MailPart | None:
    """The attachment read, or with why it could not be; None for a kind not read."""
    name = PurePath(part.get_filename() or f"attachment-{number}").name
    suffix = PurePath(name).suffix.lower() or _MIME_SUFFIXES.get(part.get_content_type(), "")
    if suffix not in _READABLE:
        logger.info(
            "Attachment %s (%s) is not a kind briefgen reads", name, part.get_content_type()
        )
        return None
    payload = part.get_payload(decode=True)
    if part.get_content_type() == "message/rfc822":  # a forwarded e-mail, parsed already
        inner = part.get_payload()
        first = inner[0] if isinstance(inner, list) and inner else None
        payload = first.as_bytes() if isinstance(first, Message) else None
    data = payload if isinstance(payload, bytes) else str(part.get_payload()).encode()
    try:
        article = _read_attachment(data, suffix, max_chars, pdf_password)
    except BriefgenError as exc:
        return MailPart(name=name, problem=str(exc))
    # An attachment that names no issuer or date has the e-mail's.
    article = article.model_copy(
        update={
            "title": article.title or PurePath(name).stem,
            "source": article.source or sender,
            "published": article.published or date,
        }
    )
    return MailPart(name=name, article=article)


def _read_attachment(data: bytes, suffix: str, max_chars: int, pdf_password: str | None) -> Article:
    if suffix == ".eml":  # a forwarded e-mail: read here, its own attachments with it
        return article_from_mail(data, max_chars=max_chars, pdf_password=pdf_password)
    return read_document(data, suffix, max_chars, pdf_password)
