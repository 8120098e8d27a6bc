"""Who speaks a quotation outside English, in word orders of a said-clause before it
that news writes in many languages: the speaker after its verb with a listener, a place
or a medium after it ("Dann sagte der Minister der Zeitung: „…“"), and an "as X said"
clause ("Wie X sagte, „…“", "Comme l'a dit X, « … »", "Como dijo X, «…»"). Each with a
sentence where the reading must give no one: an outlet, a clause of its own. The
sentences are our own."""

from __future__ import annotations

from briefgen.grounding.attribution import attribute
from briefgen.ingest.article import Article
from briefgen.text.quotations import quotations


def _speaker(text: str, first: str, language: str) -> str | None:
    article = Article.from_text(text).model_copy(update={"language": language})
    start, end = next(
        (s, e) for s, e in quotations(article.text) if article.text[s:e].startswith(first)
    )
    return attribute(article, start, end).speaker


def test_the_speaker_after_its_verb_ends_before_the_listener_or_the_medium() -> None:
    line = "„Wir bleiben bei unserer Linie.“"
    assert _speaker(f"Dann sagte der Minister der Zeitung: {line}", "Wir", "de") == "der Minister"
    assert _speaker(f"Am Montag sagte Anna Weber gegenüber dem Sender: {line}", "Wir", "de") == (
        "Anna Weber"
    )
    text = f"Dann schrieb Anna Weber in einer Mail an Karl Brandt: {line}"
    assert _speaker(text, "Wir", "de") == "Anna Weber"
    text = "Luego dijo el ministro a la prensa: «No vamos a firmar este acuerdo»."
    assert _speaker(text, "No vamos", "es") == "el ministro"
    # An outlet after the verb writes about the name after the preposition: no one.
    assert _speaker(f"Dann schrieb die Zeitung über Anna Weber: {line}", "Wir", "de") is None
    # A pronoun after the speaker: who the words are for, and so whose, is unsure.
    assert _speaker(f"Dann sagte Anna Weber ihm: {line}", "Wir", "de") is None


def test_a_message_sent_names_its_sender_and_the_pronoun_the_one_person_before() -> None:
    text = (
        "Anna Weber kam am Abend nach Bonn. Dann schickte sie Karl Brandt eine Nachricht: "
        "„Wir bleiben bei unserer Linie.“"
    )
    assert _speaker(text, "Wir", "de") == "Anna Weber"
    text = "Dann schickt Anna Weber eine Nachricht an Karl Brandt: „Wir bleiben dabei.“"
    assert _speaker(text, "Wir", "de") == "Anna Weber"


def test_an_as_clause_names_its_speaker_and_an_outlet_or_a_saying_names_none() -> None:
    assert _speaker("Wie Anna Weber sagte, „bleiben wir bei unserer Linie“.", "bleiben", "de") == (
        "Anna Weber"
    )
    text = "Comme l'a dit Paul Martin, « nous ne signerons pas cet accord »."
    assert _speaker(text, "nous ne", "fr") == "Paul Martin"
    text = "Como dijo Pedro Sánchez, «no vamos a firmar este acuerdo»."
    assert _speaker(text, "no vamos", "es") == "Pedro Sánchez"
    text = "Come ha detto Mario Draghi, «non firmeremo questo accordo»."
    assert _speaker(text, "non firmeremo", "it") == "Mario Draghi"
    text = "Wie die Zeitung berichtete, „bleiben wir bei unserer Linie“."
    assert _speaker(text, "bleiben", "de") is None
    text = "Comme le dit le proverbe, « rien ne sert de courir »."
    assert _speaker(text, "rien ne", "fr") is None
    # The "as" is no speaker's name when the one the clause names is an outlet.
    text = "Como dijo el diario El País, «no vamos a firmar este acuerdo»."
    assert _speaker(text, "no vamos", "es") is None
