"""The layout reader on placed lines: running heads, page numbers, paragraphs, broken
words, columns and footnotes, independent of any PDF library."""

from __future__ import annotations

from briefgen.ingest.document import DocumentInfo, article_from_blocks
from briefgen.ingest.layout import Layout, Line, PageLines, running_lines

WIDTH, HEIGHT = 600.0, 800.0
PITCH = 14.0


def _column(
    texts: list[str],
    *,
    left: float = 50,
    right: float = 550,
    top: float = 100,
    size: float = 11,
    short: set[int] | None = None,
) -> list[Line]:
    """Lines set one under another; those in ``short`` end well before the margin."""
    lines = []
    for n, text in enumerate(texts):
        end = left + (right - left) * (0.4 if short and n in short else 1.0)
        y = top + n * PITCH
        lines.append(Line(text, left, end, y, y + 10, size))
    return lines


def _page(number: int, lines: list[Line]) -> PageLines:
    return PageLines(number, WIDTH, HEIGHT, tuple(lines))


def _furniture(number: int) -> list[Line]:
    return [
        Line("Ministry of Ports — Press release", 50, 400, 20, 30, 9),
        Line(f"Page {number} of 3", 260, 340, 770, 780, 9),
    ]


def _article(pages: list[PageLines], *, keep_hyphen: bool = False):  # type: ignore[no-untyped-def]
    cut = running_lines(pages)
    layout = Layout(pages, cut, keep_hyphen=keep_hyphen)
    return article_from_blocks(layout.blocks(), DocumentInfo(page_count=len(pages))), cut, layout


def test_running_heads_and_page_numbers_are_cut_and_listed() -> None:
    pages = [
        _page(n, [*_furniture(n), *_column([f"The port handled cargo on day {n}."], short={0})])
        for n in (1, 2, 3)
    ]
    article, cut, _ = _article(pages)
    assert sorted(set(cut.values())) == ["page number", "running header or footer"]
    assert "Press release" not in article.text and "Page 2" not in article.text
    assert [s.pages for s in article.sentences] == [(1,), (2,), (3,)]


def test_a_line_repeated_in_the_body_is_not_a_running_head() -> None:
    body = ["Officials met in the capital.", "Officials met in the capital."]
    pages = [_page(n, _column(body, top=300, short={0, 1})) for n in (1, 2)]
    article, cut, _ = _article(pages)
    assert cut == {}
    assert article.text.count("Officials met in the capital.") == 4


def test_a_browser_print_header_and_footer_are_cut_even_on_one_page() -> None:
    lines = [
        Line("12/3/26, 5:33 AM Port deal signed | Example News", 30, 580, 10, 20, 8),
        *_column(["The deal was signed on Monday."], short={0}),
        Line("https://www.example.com/world/port-deal 1/1", 30, 580, 780, 790, 8),
    ]
    article, cut, _ = _article([_page(1, lines)])
    assert set(cut.values()) == {"browser print header", "browser print footer"}
    assert article.text == "The deal was signed on Monday."


def test_wrapped_lines_make_one_paragraph_and_a_short_line_ends_it() -> None:
    lines = _column(
        [
            "The minister said the new terminal",
            "would open next spring.",
            "Harbour works",
            "Dredging starts in May.",
        ],
        short={1, 2, 3},
    )
    article, _, _ = _article([_page(1, lines)])
    assert article.text.split("\n") == [
        "The minister said the new terminal would open next spring.",
        "Harbour works",
        "Dredging starts in May.",
    ]


def test_a_blank_line_between_full_lines_ends_the_paragraph() -> None:
    first = _column(["A first paragraph that fills its line to the margin."])
    second = _column(["A second one that starts after a gap."], top=100 + 3 * PITCH, short={0})
    article, _, _ = _article([_page(1, first + second)])
    assert len(article.text.split("\n")) == 2


def test_a_word_broken_at_a_line_end_is_made_whole_unless_its_hyphen_is_its_own() -> None:
    lines = _column(
        [
            "The project needs new infra-",
            "structure and a deep-",
            "water berth, the state-",
            "owned firm said.",
        ],
        short={3},
    )
    # "deep-water" appears elsewhere with its hyphen, so that hyphen stays.
    tail = _column(["A deep-water port is planned."], top=300, short={0})
    article, _, _ = _article([_page(1, lines + tail)])
    first = article.text.split("\n")[0]
    assert "infrastructure" in first
    assert "deep-water" in first
    # No other use tells: a typesetter's hyphen before a lower-case syllable is a break.
    assert "stateowned" in first


def test_a_browser_keeps_a_line_end_hyphen_no_other_use_explains() -> None:
    lines = _column(["The state-", "owned firm said so."], short={1})
    article, _, _ = _article([_page(1, lines)], keep_hyphen=True)
    assert article.text == "The state-owned firm said so."


def test_a_sentence_over_a_page_break_is_one_sentence_citing_both_pages() -> None:
    one = _page(
        1,
        [
            *_furniture(1),
            *_column(["The two governments agreed that the port would be run"], top=700),
        ],
    )
    two = _page(
        2,
        [
            *_furniture(2),
            *_column(["jointly for thirty years.", "Work begins soon."], short={0, 1}),
        ],
    )
    article, _, _ = _article([one, two])
    sentence = article.sentences[0]
    assert (
        sentence.text
        == "The two governments agreed that the port would be run jointly for thirty years."
    )
    assert sentence.pages == (1, 2)
    assert sentence.citation == "S1 (pp. 1\u20132)"
    assert article.sentences[1].pages == (2,)


def test_a_finished_paragraph_does_not_run_into_the_next_page() -> None:
    one = _page(1, _column(["The first page ends with a whole sentence here."], top=700))
    two = _page(2, _column(["A new paragraph starts the next page."], short={0}))
    article, _, _ = _article([one, two])
    assert article.text.split("\n") == [
        "The first page ends with a whole sentence here.",
        "A new paragraph starts the next page.",
    ]


def test_two_columns_are_read_column_by_column_with_a_sentence_across_them() -> None:
    left = _column(
        [f"Left column line {n} goes on and" for n in range(1, 9)] + ["the sentence crosses into"],
        left=50,
        right=280,
    )
    right = _column(
        ["the right column here.", *[f"Right column line {n} says more." for n in range(1, 9)]],
        left=320,
        right=550,
        short={0},
    )
    # Interleave them as a file that writes row by row would.
    mixed = [line for pair in zip(left, right, strict=True) for line in pair]
    article, _, _ = _article([_page(1, mixed)])
    text = article.text
    assert "the sentence crosses into the right column here." in text
    assert text.index("Left column line 8") < text.index("Right column line 1")


def test_footnotes_are_kept_apart_after_the_body_and_citable() -> None:
    body = _column([f"Body line {n} runs to the margin of the page." for n in range(1, 7)])
    notes = [
        Line("1 Figures from the port authority, 2024.", 50, 400, 740, 748, 8),
        Line("2 Not counting transhipment.", 50, 300, 752, 760, 8),
    ]
    article, _, _ = _article([_page(1, body + notes)])
    lines = article.text.split("\n")
    assert lines[-2:] == [
        "1 Figures from the port authority, 2024.",
        "2 Not counting transhipment.",
    ]
    assert all("Figures" not in line for line in lines[:-2])


def test_a_menu_and_a_cookie_notice_are_left_out_and_listed() -> None:
    menu = _column(["World", "Business", "Sport", "Culture", "Travel"], short={0, 1, 2, 3, 4})
    cookie = _column(["We use cookies to improve our service. More info OK"], top=200, short={0})
    story = _column(
        ["The harbour reopened on Tuesday after repairs that took", "most of the winter."],
        top=300,
        short={1},
    )
    article, _, layout = _article([_page(1, menu + cookie + story)])
    assert (
        article.text
        == "The harbour reopened on Tuesday after repairs that took most of the winter."
    )
    reasons = {f.reason for f in layout.dropped}
    assert reasons == {"menu or list of links", "cookie notice"}


def test_a_heading_before_its_paragraph_is_kept() -> None:
    lines = _column(["Port deal", "The deal was signed on Monday by both ministers."], short={0})
    article, _, _ = _article([_page(1, lines)])
    assert article.text.split("\n") == [
        "Port deal",
        "The deal was signed on Monday by both ministers.",
    ]


def test_a_date_and_time_atop_a_statement_not_printed_by_a_browser_is_kept() -> None:
    lines = [
        Line("05/03/2024, 14:30 Statement of the Ministry of Ports", 30, 580, 10, 20, 11),
        *_column(["The deal was signed on Monday."], short={0}),
    ]
    assert running_lines([_page(1, lines)], browser=False) == {}
    assert running_lines([_page(1, lines)], browser=True) == {(1, 0): "browser print header"}
