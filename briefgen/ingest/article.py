"""Article: the normalised source text, split into numbered sentences with char offsets.

Every offset elsewhere in briefgen refers to ``Article.text``; ``text[s.start:s.end]`` is
always the sentence ``s`` exactly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, field_validator

from briefgen.errors import InputError
from briefgen.ingest.furniture import Furniture, cut, furniture_reason
from briefgen.ingest.splitters import OWN, sentence_spans, splitter_for
from briefgen.text.language import identify_language
from briefgen.text.quotations import quotation_pattern

DEFAULT_MAX_CHARS = 2_000_000

_HORIZONTAL_SPACE = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Zero-width joiners and non-joiners stay: they are part of Persian, Urdu, Indic and
# emoji spelling, so a quotation keeps the article's characters (``text.normalise``
# folds them away for comparison). A zero-width space, word joiner and BOM go.
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_UNPRINTABLE_META = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_HTML_HINT = re.compile(
    r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>]|div[\s>]|p[\s>])",
    re.IGNORECASE,
)


class Sentence(BaseModel):
    """One numbered sentence of the article."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="S1, S2, ... in reading order (A2:S1 ... in a dossier).")
    start: int
    end: int
    text: str
    pages: tuple[int, ...] = Field(
        default=(), description="The pages the sentence is on (a PDF's); empty without pages."
    )

    @property
    def citation(self) -> str:
        """The id as a memo cites it: "S12", or "S12 (p. 3)" and "S12 (pp. 3-4)" with pages."""
        if not self.pages:
            return self.id
        if len(self.pages) == 1:
            return f"{self.id} (p. {self.pages[0]})"
        return f"{self.id} (pp. {self.pages[0]}\u2013{self.pages[-1]})"


class Article(BaseModel):
    """Normalised article text with numbered sentences."""

    model_config = ConfigDict(frozen=True)

    text: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    sentences: tuple[Sentence, ...]
    furniture: tuple[Furniture, ...] = ()
    """Page furniture cut from the text before its sentences were numbered (captions,
    "Read more" links, bylines ...), each with its reason: nothing can cite it."""
    page_count: int | None = None
    """How many pages the document has (a PDF's); None for a format without pages."""
    language: str | None = None
    """ISO 639-1 code of the text's language ("de"), or None when unsure: grounding reads
    negation, dates and number words in it (``text.languages``)."""
    splitter: str = OWN
    """What split the sentences: "sentencex" or "briefgen" (its own rules), chosen by the
    language (``ingest.splitters``)."""

    @field_validator("title", "source", "published")
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        # Metadata reaches subject lines, annexes and terminals: a control character or a
        # bidi override there (U+202E shows "txt.exe" as "exe.txt") is never the source's
        # meaning, so it goes. The article's text keeps what it has.
        if value is None:
            return None
        return _UNPRINTABLE_META.sub("", value).strip() or None

    @classmethod
    def from_text(
        cls,
        raw: str | bytes,
        *,
        title: str | None = None,
        source: str | None = None,
        published: str | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        keep_furniture: bool = False,
        page_map: tuple[tuple[int, int], ...] | None = None,
        page_count: int | None = None,
    ) -> Article:
        """Check, normalise and split raw article text (str, or bytes in a clear encoding).

        Page furniture (captions, "Read more" links, bylines ...) is cut before the
        sentences are numbered and listed in ``furniture``; ``keep_furniture`` reads the
        text whole, as a study whose readers saw the captions needs it. ``page_map`` says
        where each page starts in the text, as (offset, page) pairs in order; the text
        must then be normalised already (``ingest.document`` makes it so)."""
        _check_raw_size(raw, max_chars)  # before any work on a text that is far too long
        given = decode_input(raw) if isinstance(raw, bytes) else raw
        text = normalise(given)
        _check_text(text, max_chars)
        if page_map is not None and text != given:
            raise ValueError("page_map needs normalised text: its offsets would move")
        language = identify_language(text)
        sentences = tuple(split_sentences(text, language))
        if page_map:
            sentences = tuple(_with_pages(s, page_map) for s in sentences)
        furniture = [] if keep_furniture else _furniture(text, sentences)
        if furniture and len(furniture) < len(sentences):
            cut_out = {s for s, _ in furniture}
            kept = [s for s in sentences if s not in cut_out]
            text = normalise(cut(text, [(s.start, s.end) for s, _ in furniture]))
            language = identify_language(text)
            sentences = tuple(split_sentences(text, language))
            if page_map:
                sentences = _pages_carried(sentences, kept)
        else:
            furniture = []  # a text of nothing but furniture is read as it is
        if title is None:
            title = _guess_title(text)
        return cls(
            text=text,
            title=title,
            source=source,
            published=published,
            sentences=sentences,
            furniture=tuple(Furniture(text=s.text, reason=why) for s, why in furniture),
            page_count=page_count,
            language=language,
            splitter=splitter_for(language),
        )

    @cached_property
    def _by_id(self) -> dict[str, Sentence]:
        return {s.id: s for s in self.sentences}

    @cached_property
    def _index(self) -> dict[str, int]:
        return {s.id: i for i, s in enumerate(self.sentences)}

    def following(self, sentence: Sentence) -> Sentence | None:
        """The sentence after ``sentence``, or None at the end."""
        index = self._index.get(sentence.id)
        if index is None or index + 1 >= len(self.sentences):
            return None
        return self.sentences[index + 1]

    def sentence(self, sentence_id: str) -> Sentence | None:
        """The sentence with this id ("S3"), or None when there is none."""
        return self._by_id.get(sentence_id.strip().upper())

    def sentences_between(self, start: int, end: int) -> list[Sentence]:
        return [s for s in self.sentences if s.start >= start and s.end <= end]

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


_SENTENCE_ID = re.compile(r"^(?:A(\d+):)?S(\d+)$")


def sentence_order(sentence_id: str) -> tuple[int, int]:
    """Sort key of a sentence id: (article, sentence); "S3" is (0, 3), "A2:S3" is (2, 3).
    An id of another shape sorts last."""
    found = _SENTENCE_ID.match(sentence_id)
    if found is None:
        return (10**9, 10**9)
    return (int(found.group(1) or 0), int(found.group(2)))


def source_of(sentence_id: str) -> int:
    """The article number of a dossier id ("A2:S3" -> 2); 0 for an id of one article."""
    return sentence_order(sentence_id)[0]


def decode_input(data: bytes) -> str:
    """Decode bytes whose encoding is clear (UTF-8, or UTF-16/32 with a BOM)."""
    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            # Read in pairs, one-byte text after a stray mark decodes without error into
            # CJK characters. Real UTF-16 has a zero byte in every ASCII code unit
            # (space, newline, digit, Latin letter) and few bytes that are ASCII spaces
            # in other scripts; one-byte prose is nearly all printable ASCII, about one
            # byte in six a space, and never zero.
            sample = data[len(bom) : len(bom) + 8192]
            printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in sample)
            if (
                encoding == "utf-16"
                and len(sample) >= 16
                and b"\x00" not in sample
                and printable >= 0.8 * len(sample)
                and sample.count(b" ") >= 0.05 * len(sample)
            ):
                raise InputError(
                    f"The article starts with a UTF-16 byte order mark ({bom.hex(' ').upper()}) "
                    "but the rest is one-byte text (ASCII or Latin-1), not UTF-16. Remove the "
                    "first two bytes, or save the article again as UTF-8."
                )
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"The article starts with a {encoding} mark but does not "
                    f"decode as {encoding}: {exc}."
                ) from exc
    if b"\x00" in data[:8192]:
        raise InputError(
            "The article looks like binary data (it contains NUL bytes). Pass the text of "
            "the article, not a PDF, image or archive."
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"The article is not valid UTF-8 (byte {exc.start} is 0x{data[exc.start]:02x}). "
            "Decode it yourself with the right encoding (for example "
            "data.decode('cp1252')) and pass the string."
        ) from exc


def normalise(text: str) -> str:
    """NFC, one kind of newline, single spaces, no control characters, no invisible ones
    but the joiners and bidi marks that spell a word.

    Quote marks and dashes are kept exactly as in the source so quotes align verbatim.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = _HORIZONTAL_SPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


# Normalising can shorten a text (runs of spaces, blank lines) and UTF-8 takes up to four
# bytes a character: a raw input longer than this many times the limit cannot fit it.
_RAW_SLACK_CHARS = 2
_RAW_SLACK_BYTES = 4


def _check_raw_size(raw: str | bytes, max_chars: int) -> None:
    slack = _RAW_SLACK_BYTES if isinstance(raw, bytes) else _RAW_SLACK_CHARS
    if len(raw) > slack * max_chars:
        unit = "bytes" if isinstance(raw, bytes) else "characters"
        raise InputError(
            f"The article has {len(raw):,} {unit}, far over the limit of {max_chars:,} "
            "characters. Split it, or raise max_input_chars in BriefConfig."
        )


def _check_text(text: str, max_chars: int) -> None:
    if not text:
        raise InputError("The article is empty (or only whitespace). Pass the article's text.")
    if len(text) > max_chars:
        raise InputError(
            f"The article has {len(text):,} characters, over the limit of {max_chars:,}. "
            "Split it, or raise max_input_chars in BriefConfig."
        )
    if "\ufffd" in text[:10000] and text.count("\ufffd") > max(3, len(text) // 200):
        raise InputError(
            "The article is full of replacement characters (U+FFFD): it was decoded with "
            "the wrong encoding. Decode the original bytes with their real encoding."
        )
    letters = sum(1 for ch in text[:20000] if ch.isalpha())
    if letters < max(1, min(len(text), 20000) // 5):
        raise InputError(
            "The article has too few letters to be prose (binary or encoded data?). "
            "Pass the article's text."
        )
    if _HTML_HINT.search(text[:20000]) and text.count("<") > 10:
        raise InputError(
            "The article looks like an HTML page. Extract its text first (for example with "
            "trafilatura) and pass the text."
        )


def _guess_title(text: str) -> str | None:
    first, _, rest = text.partition("\n")
    first = first.strip()
    if rest.strip() and 0 < len(first) <= 200 and not first.endswith((".", ":")):
        return first
    return None


def _furniture(text: str, sentences: tuple[Sentence, ...]) -> list[tuple[Sentence, str]]:
    """The sentences that are page furniture, each with its reason."""
    found = []
    for sentence in sentences:
        line_start = text.rfind("\n", 0, sentence.start) + 1
        line_end = text.find("\n", sentence.end)
        whole = text[line_start : len(text) if line_end < 0 else line_end].strip()
        reason = furniture_reason(sentence.text, whole_line=whole == sentence.text.strip())
        if reason is not None:
            found.append((sentence, reason))
    return found


def _with_pages(sentence: Sentence, page_map: tuple[tuple[int, int], ...]) -> Sentence:
    """The sentence with the pages its characters are on."""
    pages: list[int] = []
    for offset, page in page_map:
        if offset > sentence.start and offset >= sentence.end:
            break
        if offset <= sentence.start:
            pages = [page]  # the page the sentence starts on, so far
        elif page not in pages:
            pages.append(page)
    return sentence.model_copy(update={"pages": tuple(pages)})


def _pages_carried(sentences: tuple[Sentence, ...], before: list[Sentence]) -> tuple[Sentence, ...]:
    """The pages of the sentences kept by a furniture cut, read off the same sentences
    before it (in order, by text); a sentence the cut changed takes its neighbour's page."""
    carried: list[Sentence] = []
    position = 0
    last: tuple[int, ...] = ()
    for sentence in sentences:
        for n in range(position, len(before)):
            if before[n].text == sentence.text:
                last, position = before[n].pages, n + 1
                break
        carried.append(sentence.model_copy(update={"pages": last}))
    return tuple(carried)


def split_sentences(text: str, language: str | None = None) -> Iterator[Sentence]:
    """Yield numbered sentences; every line break ends a sentence. Within a line, the
    splitter chosen for ``language`` (ISO 639-1) splits (``ingest.splitters``)."""
    quotes = quotation_pattern(text, singles=False)
    spans = sentence_spans(text, splitter_for(language), language, quotes)
    for number, (start, end) in enumerate(spans, start=1):
        yield Sentence(id=f"S{number}", start=start, end=end, text=text[start:end])
