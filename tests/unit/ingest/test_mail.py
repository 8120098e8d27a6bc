"""E-mail sources: the body (text, or HTML through the HTML reader), the sender and date
as issuer and date, attachments read by their own readers, what cannot be read said."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from briefgen.errors import InputError
from briefgen.ingest.mail import read_mail
from briefgen.ingest.sources import load_article

BODY = (
    "The ministry said on Monday that the new berth at Saltmere would open in May. "
    "“We are ready,” the harbour master, Elena Marsh, told reporters.\n"
)


def _message(*, html: str | None = None, text: str | None = BODY) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Press Office <press@ministry.example>"
    message["To"] = "desk@example.org"
    message["Subject"] = "Fwd: Saltmere berth"
    message["Date"] = "Tue, 14 Jan 2020 09:30:00 +0100"
    if text is not None:
        message.set_content(text)
    if html is not None:
        if text is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    return message


def test_the_body_is_a_source_with_the_senders_name_and_the_date() -> None:
    mail = read_mail(bytes(_message()))
    (article,) = mail.articles
    assert "“We are ready,” the harbour master, Elena Marsh, told reporters." in article.text
    assert article.source == "Press Office"
    assert article.published == "2020-01-14"
    assert article.title == "Fwd: Saltmere berth"


def test_an_html_only_body_is_read_through_the_html_reader() -> None:
    pytest.importorskip("trafilatura")
    page = (
        "<html><body><article><p>The ministry said on Monday that the new berth at "
        "Saltmere would open in May, three months late.</p><p>Officials blamed the "
        "weather for the delay to the dredging work.</p></article></body></html>"
    )
    (article,) = read_mail(bytes(_message(html=page, text=None))).articles
    assert "<p>" not in article.text
    assert "three months late" in article.text


def test_attachments_are_sources_and_take_the_mails_issuer_when_they_name_none() -> None:
    message = _message()
    message.add_attachment(
        b"Statement\nThe berth will cost 40 million euros, the ministry said.\n",
        maintype="text",
        subtype="plain",
        filename="statement.txt",
    )
    message.add_attachment(
        b"\x89PNG\r\n\x1a\n", maintype="image", subtype="png", filename="logo.png"
    )
    mail = read_mail(bytes(message))
    assert [part.name for part in mail.parts] == ["body", "statement.txt"]
    assert mail.skipped == ("logo.png",)
    attached = mail.parts[1].article
    assert attached is not None and "40 million euros" in attached.text
    assert attached.source == "Press Office" and attached.published == "2020-01-14"


def test_an_attachment_that_cannot_be_read_is_kept_with_why() -> None:
    message = _message()
    message.add_attachment(
        b"%PDF-1.7 cut short", maintype="application", subtype="pdf", filename="s.pdf"
    )
    mail = read_mail(bytes(message))
    broken = mail.parts[1]
    assert broken.article is None and broken.problem is not None
    assert "damaged" in broken.problem or "pypdfium2" in broken.problem


def test_a_forwarded_email_inside_an_email_is_read() -> None:
    inner = _message(text="The harbour master resigned on Friday after the delay was announced.\n")
    outer = _message(text="See the forwarded message below for the latest news.\n")
    outer.add_attachment(inner)
    mail = read_mail(bytes(outer))
    assert any("resigned on Friday" in a.text for a in mail.articles)


def test_what_is_no_email_or_holds_nothing_is_refused() -> None:
    with pytest.raises(InputError, match="not an e-mail"):
        read_mail(b"Just a line of text with no headers at all.\n")
    empty = _message(text=None)
    empty.set_content("   \n")
    with pytest.raises(InputError, match="nothing briefgen can read"):
        read_mail(bytes(empty))


def test_an_eml_file_and_an_email_on_a_file_without_suffix_load_as_articles(tmp_path: Path) -> None:
    data = bytes(_message())
    named = tmp_path / "message.eml"
    named.write_bytes(data)
    bare = tmp_path / "message"
    bare.write_bytes(data)
    for path in (named, bare):
        article = load_article(path)
        assert article.source == "Press Office", path


def test_a_txt_file_that_starts_like_an_email_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "forwarded.txt"
    path.write_bytes(bytes(_message()))
    article = load_article(path)
    assert article.text.startswith("From: Press Office")  # read as the text it is
    assert article.source is None
