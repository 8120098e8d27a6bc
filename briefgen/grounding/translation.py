"""Whether a memo line's translation says what the checked line says (``memo_language``).

The support check reads a line in the article's own language, against the article's
sentences; the memo shows the line translated. What a translation can get wrong that a
reader would act on is checked here, between the two wordings: a number or a date added,
changed or dropped, a negation added or dropped, and, where the article is written in the
Latin alphabet, a name the checked line does not have but the article gives elsewhere (a
swapped party). A translation that fails is not shown. A name the article does not write
at all (an exonym, "Geneva" for "Genf"; a transliteration) cannot be looked up without
guessing: it is listed as not checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefgen.grounding.claims import Claim, read_claim
from briefgen.grounding.evidence import has_name, read_evidence
from briefgen.text.normalise import fold_text


@dataclass(frozen=True)
class TranslationCheck:
    """What the check found: why the translation may not be shown (None: it may), and
    the names it could not look up (written otherwise than in the article)."""

    problem: str | None
    unchecked_names: tuple[str, ...] = ()


def check_translation(
    checked: str, translated: str, *, source: str | None, target: str | None, article: str
) -> TranslationCheck:
    """Whether ``translated`` (in ``target``) says what ``checked`` (in ``source``) says:
    its numbers, dates, negation and names. Each side is read with its own language's
    words ("Billion" is 10^12 in German, "billion" 10^9); ``article`` is the article's
    text, where a swapped name is looked for."""
    if not translated.strip():
        return TranslationCheck("the translation is empty")
    before = read_claim(checked, source)
    after = read_claim(translated, None if target == "en" else target)
    problem = _numbers(before, after) or _dates(before, after) or _negation(before, after)
    if problem is not None or not latin(article):
        return TranslationCheck(problem, tuple(sorted(after.names)) if problem is None else ())
    line = read_evidence([checked], source)
    whole = read_evidence([article], source)
    foreign = sorted(n for n in after.names if not has_name(n, line))
    swapped = [n for n in foreign if has_name(n, whole)]
    if swapped:
        return TranslationCheck(
            f"it names '{swapped[0]}', whom the article names elsewhere, not in this line"
        )
    return TranslationCheck(None, tuple(foreign))


def latin(text: str) -> bool:
    """Whether most letters of ``text`` are Latin: only then can a name in a translation
    into a Latin-script language be looked for in it, as written."""
    letters = [c for c in fold_text(text) if c.isalpha()]
    return bool(letters) and sum("a" <= c <= "z" for c in letters) * 2 > len(letters)


def _values(claim: Claim) -> set[str]:
    return {v for q in claim.quantities for v in q.values} | set(claim.split_values)


def _numbers(before: Claim, after: Claim) -> str | None:
    added = [q.text for q in after.quantities if not q.values & _values(before)]
    if added:
        return f"its number(s) {', '.join(added)} are not in the line it translates"
    dropped = [q.text for q in before.quantities if not q.values & _values(after)]
    if dropped:
        return f"it leaves out the number(s) {', '.join(dropped)}"
    return None


def _dates(before: Claim, after: Claim) -> str | None:
    if before.dates == after.dates:
        return None
    added, lost = sorted(after.dates - before.dates), sorted(before.dates - after.dates)
    return f"its dates differ ({', '.join(added) or 'none'} for {', '.join(lost) or 'none'})"


def _negation(before: Claim, after: Claim) -> str | None:
    if bool(before.negations) == bool(after.negations):
        return None
    return "it negates what the line asserts" if after.negations else "it drops a negation"
