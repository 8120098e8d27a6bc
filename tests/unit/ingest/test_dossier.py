"""Several articles as one dossier: numbering, repeats, wire copies, the joined text."""

from __future__ import annotations

from dossier_articles import BOMBING_A, BOMBING_B, UNRELATED

from briefgen.ingest.article import Article, sentence_order, source_of
from briefgen.ingest.dossier import Entry, build_dossier
from briefgen.memo.items import Quote, tidy_sentence_id


def _entries(*texts: str) -> list[Entry]:
    return [Entry(Article.from_text(t), location=f"{n}.txt") for n, t in enumerate(texts, 1)]


def test_sentences_of_each_source_keep_their_text_at_their_dossier_id() -> None:
    dossier = build_dossier(_entries(BOMBING_A, BOMBING_B, UNRELATED))
    joined = dossier.article
    for number, text in enumerate((BOMBING_A, BOMBING_B, UNRELATED), start=1):
        own = Article.from_text(text)
        for sentence in own.sentences:
            found = joined.sentence(f"A{number}:{sentence.id}")
            assert found is not None and found.text == sentence.text
            assert joined.text[found.start : found.end] == sentence.text
        source = dossier.sources[number - 1]
        assert joined.text[source.start : source.end] == own.text
    assert joined.sentence("S1") is None  # a dossier has only dossier ids


def test_the_same_text_twice_is_one_source_and_a_retitled_wire_copy_is_a_copy() -> None:
    copy = BOMBING_A.replace("Market bombing kills 12 in Karvana", "Twelve die in Karvana blast")
    copy += "\nThe city council met in the evening."
    dossier = build_dossier(_entries(BOMBING_A, BOMBING_B, BOMBING_A, copy))
    statuses = [(s.status, s.same_as) for s in dossier.sources]
    assert statuses == [("used", None), ("used", None), ("duplicate", 1), ("copy", 1)]
    assert dossier.sources[3].similarity is not None and dossier.sources[3].similarity >= 0.8
    assert sorted(dossier.members) == [1, 2]
    assert not any(s.id.startswith(("A3:", "A4:")) for s in dossier.article.sentences)


def test_two_reports_of_one_event_are_not_copies() -> None:
    dossier = build_dossier(_entries(BOMBING_A, BOMBING_B))
    assert [s.status for s in dossier.sources] == ["used", "used"]


def test_an_unreadable_entry_keeps_its_number_and_problem() -> None:
    entries = [Entry(None, "gone.txt", "No such file"), *_entries(BOMBING_A)]
    dossier = build_dossier(entries)
    assert dossier.sources[0].status == "unreadable"
    assert dossier.sources[0].problem == "No such file"
    assert dossier.article.sentences[0].id == "A2:S1"  # numbers follow the caller's list
    failed = dossier.without({2: "refused"})
    assert [s.status for s in failed.sources] == ["unreadable", "failed"]
    assert failed.members == {}


def test_dossier_ids_sort_by_source_then_sentence_and_are_tidied() -> None:
    ids = ["A2:S1", "A1:S10", "A1:S2", "S3"]
    assert sorted(ids, key=sentence_order) == ["S3", "A1:S2", "A1:S10", "A2:S1"]
    assert source_of("A12:S3") == 12 and source_of("S3") == 0
    assert [tidy_sentence_id(v) for v in ("a2 s3", "A2-S3", "A2:3", " s4", 5)] == [
        "A2:S3",
        "A2:S3",
        "A2:S3",
        "S4",
        "S5",
    ]
    assert tidy_sentence_id("A12") != "A1:S2"  # no separator, no S: not split by guess
    quote = Quote(speaker="x", text="y", source="named", sentence_ids=["a1:s2"])
    assert quote.sentence_ids == ["A1:S2"]


def test_an_outlet_the_dateline_names_is_the_source_outlet_when_none_is_given() -> None:
    dossier = build_dossier(_entries(BOMBING_A, BOMBING_B, UNRELATED))
    assert [s.outlet for s in dossier.sources] == ["Northwire", "Eastern Press", "Coastline News"]
    given = Article.from_text(BOMBING_A, source="Daily Courier")
    assert build_dossier([Entry(given)]).sources[0].outlet == "Daily Courier"
    plain = Article.from_text("Talks end\nThe talks ended on Monday (as planned) - at last.")
    assert build_dossier([Entry(plain)]).sources[0].outlet is None


def test_a_reissue_that_revises_the_figures_is_a_source_of_its_own() -> None:
    """A wire story re-issued with a higher toll and a new paragraph is an update to be
    read, not a copy to be dropped."""
    reissue = (
        BOMBING_A.replace("killing 12 people and wounding 30", "killing 19 people and wounding 41")
        .replace("kills 12", "kills 19")
        .replace(
            "Security forces closed",
            "The death toll rose to 19 on Tuesday evening, police said. An Islamic State "
            "affiliate claimed responsibility later that day.\nSecurity forces closed",
        )
    )
    dossier = build_dossier(_entries(BOMBING_A, reissue))
    assert [s.status for s in dossier.sources] == ["used", "used"]
    assert any("rose to 19" in s.text for s in dossier.article.sentences)


def test_the_full_story_is_read_when_its_start_was_given_first() -> None:
    start = "\n".join(BOMBING_A.splitlines()[:3])
    dossier = build_dossier(_entries(start, BOMBING_A))
    statuses = [(s.status, s.same_as) for s in dossier.sources]
    assert statuses == [("copy", 2), ("used", None)]
    assert sorted(dossier.members) == [2]
    assert any("Interior Minister" in s.text for s in dossier.article.sentences)


def _sharing(share_of_sentences: float) -> tuple[str, str]:
    """Two reports of 20 sentences with the first ``share`` of them the same words."""
    # Words, not digits: figures that differ make two reports of their own anyway.
    names = (
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty"
    ).split()
    common = [
        f"Delegates of the two sides met for round {word} of the border talks in the capital, "
        f"and the mediators described the mood of session {word} as calm and businesslike."
        for word in names
    ]
    same = round(20 * share_of_sentences)
    other = [
        f"A separate reporter heard that the {word} delegation left early on day {word} "
        "after a quarrel over the order of the speeches at the opening ceremony."
        for word in names
    ]
    first = "Border talks go on\n" + "\n".join(common)
    second = "Border talks continue\n" + "\n".join(common[:same] + other[same:])
    return first, second


def test_two_distinct_reports_that_share_much_of_their_wording_are_both_read() -> None:
    """Reports that share 55 to 75 % of their word runs are two sources: only a copy
    (at least SYNDICATED of the shorter text's runs) is counted once."""
    for share in (0.55, 0.65, 0.75):
        first, second = _sharing(share)
        dossier = build_dossier(_entries(first, second))
        assert [s.status for s in dossier.sources] == ["used", "used"], share
    first, second = _sharing(0.95)
    assert [s.status for s in build_dossier(_entries(first, second)).sources] == ["used", "copy"]
