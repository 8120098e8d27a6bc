"""Whether an item is put in the mouth its sentences give it: a position's party.

A position's party must be who its cited sentences say holds it (the subject of their
verb of speech or stance, a "he" read as the one person it can stand for), not the first
name or place they mention: "However, he later clarified ..." is the foreign minister's,
not Pakistan's. Only a party that is a name is checked, and only against a holder the
sentences name plainly; where they do not, there is nothing to contradict.
"""

from __future__ import annotations

from briefgen.ingest.article import Article
from briefgen.text.names import name_key, name_tokens, same_actor
from briefgen.text.speakers import read_holder

__all__ = ["holder_problem"]


def holder_problem(
    party: str, article: Article, sentence_ids: list[str]
) -> tuple[str | None, list[str]]:
    """(Why ``party`` is not who the sentences ``sentence_ids`` say holds the item, the
    ids of sentences not cited that name the party where a cited one says "he").

    No problem when the party is the holder, or when the sentences name none plainly.
    """
    if not any(word[:1].isupper() for word in party.split()):
        return None, []  # "the foreign minister", "officials": a role, not checked here
    spans = tuple((s.start, s.end) for s in article.sentences)
    index = {s.id: k for k, s in enumerate(article.sentences)}
    readings = [
        reading
        for sid in sentence_ids
        if sid in index
        for reading in (read_holder(article.text, spans, index[sid]),)
        if reading.speaker is not None and reading.kind == "name"
    ]
    matching = [r for r in readings if r.speaker and _same_party(party, r.speaker)]
    if readings and not matching:
        return f"the cited sentences say {readings[0].speaker} holds this, not {party}", []
    naming = [
        article.sentences[r.sentence].id
        for r in matching
        if r.sentence is not None and article.sentences[r.sentence].id not in sentence_ids
    ]
    return None, list(dict.fromkeys(naming))


def _same_party(party: str, holder: str) -> bool:
    """One actor in two writings, or a holder whose words carry the party ("Pakistan's
    foreign minister" for Pakistan)."""
    if same_actor(party, holder):
        return True
    keys = {name_key(t) for t in name_tokens(holder)}
    return any(name_key(t) in keys for t in name_tokens(party))
