"""The article in a document's bytes, by the suffix of its kind: one dispatch for the file
loader (``ingest.files``) and for an e-mail's attachments (``ingest.mail``). An e-mail is
not read here: it holds documents, so ``ingest.mail`` reads it and calls this."""

from __future__ import annotations

from briefgen.errors import InputError
from briefgen.ingest.article import Article


def read_document(data: bytes, suffix: str, max_chars: int, pdf_password: str | None) -> Article:
    """The article in the bytes of a PDF, Word, OpenDocument, HTML or text file."""
    if not data.strip():
        raise InputError("It is empty. Pass the document's file.")
    if suffix == ".pdf":
        from briefgen.ingest.pdf import article_from_pdf

        return article_from_pdf(data, password=pdf_password, max_chars=max_chars)
    if suffix in (".docx", ".odt"):
        from briefgen.ingest import office

        read = office.article_from_docx if suffix == ".docx" else office.article_from_odt
        return read(data, max_chars=max_chars)
    if suffix in (".html", ".htm"):
        from briefgen.ingest.html import article_from_html

        return article_from_html(data, max_chars=max_chars)
    return Article.from_text(data, max_chars=max_chars)
