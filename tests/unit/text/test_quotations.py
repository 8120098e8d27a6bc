"""Quotations in the conventions of each language: the pairing of the marks is read off
the text, so the narrative between two quotations is never taken for one."""

from __future__ import annotations

import pytest

from briefgen.ingest.article import Article
from briefgen.text.quotations import blank_quotations, quotations


def _quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in quotations(text)]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # German points the guillemets in: read the French way, the narrative between
        # the two quotations would be the quotation.
        (
            "»Wir geben nicht nach«, sagte der Minister. Dann: »Das Gespräch ist vorbei.«",
            ["Wir geben nicht nach", "Das Gespräch ist vorbei."],
        ),
        ("„Wir geben nicht nach“, sagte der Minister.", ["Wir geben nicht nach"]),
        # French points them out, with spaces inside.
        (
            "« Nous ne céderons pas », a déclaré le ministre, « jamais ».",
            ["Nous ne céderons pas", "jamais"],
        ),
        ("«Мы не уступим», — сказал министр.", ["Мы не уступим"]),
        # Finnish and Swedish open and close with one mark.
        ("”Emme anna periksi”, pääministeri sanoi.", ["Emme anna periksi"]),
        ("钟南山说：「疫情可防可控」。", ["疫情可防可控"]),
        ("彼は『大丈夫だ』と述べた。", ["大丈夫だ"]),
        ("“We will not go,” he said. “Never.”", ["We will not go,", "Never."]),
    ],
)
def test_each_convention_is_read_the_right_way_round(text: str, quoted: list[str]) -> None:
    assert _quoted(text) == quoted


def test_an_english_text_with_a_stray_closing_mark_is_not_read_as_finnish() -> None:
    text = "“It is over,” she said. The talks ended” abruptly, and the delegates left”."
    assert _quoted(text) == ["It is over,"]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # Copy-edited news mixes the two double marks within one quotation; read as
        # pairs of one kind, the said-clause between two quotations is inside one.
        (
            '“We disagree," said Ann Lee, the mayor. "The plan has no bearing on us.”',
            ["We disagree,", "The plan has no bearing on us."],
        ),
        (
            '"There are two people who can do it,” said Bob Hale. “That is all.”',
            ["There are two people who can do it,", "That is all."],
        ),
        # A straight pair inside a curly quotation is a term, not its end.
        (
            'He called it “a "rigged" vote in the state,” Lee said.',
            ['a "rigged" vote in the state,'],
        ),
        # Mistyped, an opening mark closes where a closing mark stands: the said-clause
        # after it is no part of the quotation.
        (
            "“Apparently not,“ he said. “A leopard does not change its spots.”",
            ["Apparently not,", "A leopard does not change its spots."],
        ),
    ],
)
def test_a_quotation_opened_with_one_double_mark_may_close_with_the_other(
    text: str, quoted: list[str]
) -> None:
    assert _quoted(text) == quoted


def test_blanking_keeps_the_narrative_between_german_quotations() -> None:
    text = "»Nein«, sagte er. »Ja«"
    assert blank_quotations(text).strip() == ", sagte er."


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "钟南山院士说：“疫情可防可控。”他表示，已有进展。会议于周五举行！下一步呢？",
            [
                "钟南山院士说：“疫情可防可控。”",
                "他表示，已有进展。",
                "会议于周五举行！",
                "下一步呢？",
            ],
        ),
        (
            "قال الوزير إن المحادثات ستستمر. وأضاف أن الوفد سيعود غدا؟ نعم سيعود.",
            ["قال الوزير إن المحادثات ستستمر.", "وأضاف أن الوفد سيعود غدا؟", "نعم سيعود."],
        ),
        (
            "وزیر نے کہا کہ بات چیت جاری رہے گی۔ وفد کل واپس آئے گا۔",
            ["وزیر نے کہا کہ بات چیت جاری رہے گی۔", "وفد کل واپس آئے گا۔"],
        ),
        (
            "मंत्री ने कहा कि बातचीत जारी रहेगी। प्रतिनिधिमंडल कल लौटेगा।",
            ["मंत्री ने कहा कि बातचीत जारी रहेगी।", "प्रतिनिधिमंडल कल लौटेगा।"],
        ),
        (
            "Der Minister sagte: »Wir geben nicht nach. Niemals.« Danach ging er. »Neu«, "
            "sagte sie.",
            [
                "Der Minister sagte: »Wir geben nicht nach. Niemals.«",
                "Danach ging er.",
                "»Neu«, sagte sie.",
            ],
        ),
        (
            "“I do sense it. It makes eyes open,” he said. Then he left.",
            ["“I do sense it. It makes eyes open,” he said.", "Then he left."],
        ),
    ],
)
def test_sentences_end_where_each_script_ends_them(text: str, sentences: list[str]) -> None:
    assert [s.text for s in Article.from_text(text).sentences] == sentences


def test_a_continued_quotation_closes_in_the_next_paragraph_without_splitting_it() -> None:
    # The second paragraph has a closing mark but no opening one; the article has both.
    text = "He said: “I do sense it.\n\nIt makes their eyes open wider,” he said. Then he left."
    assert [s.text for s in Article.from_text(text).sentences][1:] == [
        "It makes their eyes open wider,” he said.",
        "Then he left.",
    ]


def test_a_name_in_a_script_without_spaces_is_found_between_other_characters() -> None:
    from briefgen.grounding.names import name_occurs

    article = Article.from_text("钟南山院士说：“疫情可防可控。”公明党代表表示支持。")
    assert name_occurs("钟南山", article)
    assert name_occurs("公明党", article)
    assert not name_occurs("李文亮", article)  # an invented name is still not there
    english = Article.from_text("Rex Tillerson met Sergei Lavrov on Monday.")
    assert name_occurs("Tillerson", english) and not name_occurs("Tiller", english)


def test_a_german_quotation_quoting_with_the_same_marks_inside_is_one_quotation() -> None:
    text = "„Sie nannte es eine „Parallelaktion“ des Vereins“, schreibt ein Sprecher."
    assert _quoted(text) == ["Sie nannte es eine „Parallelaktion“ des Vereins"]
    # One left open is read as before: up to the first closing mark.
    assert _quoted("„Offen und „zu“ danach") == ["Offen und „zu"]
