"""Contradictions between the sources of a dossier, found by rules, without a model.

The pass compares what *different* used sources report about the same thing:

* numbers bound to the same measure (killed, injured, arrested ..., a count of troops or
  votes, an amount of money, a percentage) in sentences about the same event
  (``_facts`` reads them, ``_numbers`` compares them);
* who claimed or is said to be behind an attack (``_responsibility``);
* who spoke the same quotation (``_quotations``).

Every side quotes its own source's sentence (a verbatim piece of it), so the memo can show
the disagreement with the exact evidence, never resolve it. Precision comes first: two
sentences are about the same event only when their articles share many words
(``briefgen.grounding.stories``), their event nouns (bombing, earthquake, vote ...) do not
differ, their names do not differ and they share words beyond the measure itself
(``_events``); a number the other source also reports (as part of a wider story) is not
disputed.
"""

from __future__ import annotations

from briefgen.grounding.conflicts._numbers import number_conflicts
from briefgen.grounding.conflicts._quotations import quote_conflicts
from briefgen.grounding.conflicts._responsibility import responsibility_conflicts
from briefgen.grounding.stories import related_pairs, sentences_by_source
from briefgen.ingest.dossier import Dossier
from briefgen.memo.items import Contradiction

__all__ = ["find_conflicts"]


def find_conflicts(dossier: Dossier) -> list[Contradiction]:
    """Contradictions between different used sources of ``dossier``, found by rules.

    One ``Contradiction(found_by="rules")`` per disputed point and pair of sources; each
    side cites one source's sentence (``A<n>:S<m>``) and its claim is a verbatim piece of
    that sentence. ``kind`` is "update" when the later source (by ``published``) says its
    number changed; sides are then in publication order."""
    used = [s.number for s in dossier.used if s.number in dossier.members]
    if len(used) < 2:
        return []
    by_source = sentences_by_source(dossier.article, used)
    related = related_pairs(by_source)
    if not related:
        return []
    # Only sources that have a related source are read further.
    involved = {n for pair in related for n in pair}
    by_source = {n: sentences for n, sentences in by_source.items() if n in involved}
    published = {s.number: s.published for s in dossier.sources}
    found: list[Contradiction] = []
    found += number_conflicts(dossier.article.text, by_source, related, published)
    found += responsibility_conflicts(by_source, related)
    found += quote_conflicts(dossier, related)
    return found
