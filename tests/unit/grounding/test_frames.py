"""A statement lifted out of the frame the article puts it in (a condition, a claim, a
plan, a failure) is not supported; one that keeps the frame, or one of its kind, is."""

from __future__ import annotations

import pytest

from briefgen.extract.schema import Extraction
from briefgen.grounding.grounder import Grounder
from briefgen.grounding.support import check_cited
from briefgen.ingest.article import Article
from briefgen.memo.items import Position

_TAIL = " Officials declined to comment on the matter."


def _checked(evidence: str, statement: str) -> tuple[bool, str]:
    article = Article.from_text(evidence + _TAIL)
    result = check_cited(statement, [article.sentences[0]], article)
    return result.supported, result.reason or ""


@pytest.mark.parametrize(
    ("evidence", "statement", "kind"),
    [
        (
            "If the talks collapse, the army will resume its offensive on the northern front.",
            "The army will resume its offensive on the northern front.",
            "condition",
        ),
        (
            "Unless the rebels lay down their arms, the army will attack the city.",
            "The army will attack the city.",
            "condition",
        ),
        (
            "Officials are considering whether to impose sanctions on the three banks.",
            "Officials will impose sanctions on the three banks.",
            "condition",
        ),
        (
            "The rebels claimed the army had shelled the refugee camp near Kessala.",
            "The army shelled the refugee camp near Kessala.",
            "claim",
        ),
        (
            "The opposition accused the interior ministry of rigging the vote in Lahore.",
            "The interior ministry rigged the vote in Lahore.",
            "claim",
        ),
        (
            "Critics fear the new law will silence independent newspapers.",
            "The new law will silence independent newspapers.",
            "claim",
        ),
        (
            "The government plans to close the border crossing at Torkham.",
            "The government closed the border crossing at Torkham.",
            "plan",
        ),
        (
            "The opposition demanded that the president resign over the scandal.",
            "The president resigned over the scandal.",
            "plan",
        ),
        (
            "The envoy failed to reach an agreement with the rebels.",
            "The envoy reached an agreement with the rebels.",
            "failed",
        ),
        (
            "The ministry denied that it had ordered the strike on the convoy.",
            "The ministry ordered the strike on the convoy.",
            "failed",
        ),
        (
            "The minister will visit Kabul next week for talks with the Taliban.",
            "The minister visited Kabul for talks with the Taliban.",
            "still to come",
        ),
        (
            "Talks between the two sides will be held in Doha next month.",
            "Talks between the two sides were held in Doha.",
            "still to come",
        ),
        ("The talks nearly collapsed on Monday.", "The talks collapsed on Monday.", "nearly"),
    ],
)
def test_a_statement_lifted_out_of_its_frame_is_not_supported(
    evidence: str, statement: str, kind: str
) -> None:
    supported, reason = _checked(evidence, statement)
    assert not supported
    assert kind in reason, reason


@pytest.mark.parametrize(
    ("evidence", "statement"),
    [
        # The frame kept, or one of its kind.
        (
            "The rebels claimed the army had shelled the refugee camp near Kessala.",
            "The rebels said the army had shelled the refugee camp near Kessala.",
        ),
        (
            "The envoy failed to reach an agreement with the rebels.",
            "The envoy did not reach an agreement with the rebels.",
        ),
        (
            "If the talks collapse, the army will resume its offensive on the northern front.",
            "The army could resume its offensive on the northern front.",
        ),
        (
            "The government plans to close the border crossing at Torkham.",
            "The government will close the border crossing at Torkham.",
        ),
        # What the sentence says outside its frame.
        (
            "The army shelled the camp on Monday, and officials said talks could resume if "
            "the rebels agree.",
            "The army shelled the camp on Monday.",
        ),
        (
            "Blair said he had decades still in him and joked that he would turn to drink if "
            "he ever stepped down.",
            "Blair said he had decades still in him.",
        ),
        # A future kept, or told in the present ("is produced" for "will be produced").
        (
            "The minister will visit Kabul next week for talks with the Taliban.",
            "The minister is due to visit Kabul next week for talks with the Taliban.",
        ),
        (
            "The special will be produced by Fox 21 Television Studios.",
            "The special is also produced by Fox 21 Television Studios.",
        ),
        (
            "Two hundred troops will arrive in Kabul next week.",
            "Two hundred troops arrive in Kabul.",
        ),
        # "Nearly" before a number is a bound, and "did not" keeps what nearly happened.
        (
            "Nearly 300 soldiers were wounded in the fighting.",
            "Nearly 300 soldiers were wounded in the fighting.",
        ),
        ("The talks nearly collapsed on Monday.", "The talks did not collapse on Monday."),
        # What a plan is to tell is a report, not the plan.
        (
            "Pakistan plans to tell the US envoy this week that it is not ready for joint "
            "action against the militants.",
            "Pakistan is not ready for joint action against the militants.",
        ),
        # Not frames: a noun before "in a bid to", a claim verb with an object.
        (
            "The striker has been put on a training plan in a bid to get him fit.",
            "The striker has been put on a training plan.",
        ),
        (
            "Leeds claimed a derby victory over Castleford in front of a sell-out crowd.",
            "Leeds won a derby victory over Castleford in front of a sell-out crowd.",
        ),
    ],
)
def test_a_frame_kept_or_words_outside_it_are_supported(evidence: str, statement: str) -> None:
    supported, reason = _checked(evidence, statement)
    assert supported, reason


def test_a_position_or_an_allegation_is_shown_as_held_and_keeps_its_frame() -> None:
    article = Article.from_text(
        "The rebels accused the army of shelling the refugee camp near Kessala. The "
        "opposition demanded that the president resign over the scandal." + _TAIL
    )
    claim, demand = article.sentences[0], article.sentences[1]
    lifted = "The army shelled the refugee camp near Kessala."
    assert not check_cited(lifted, [claim], article).supported
    assert check_cited(lifted, [claim], article, reported=True).supported
    stance = "The president to resign over the scandal."
    assert check_cited(stance, [demand], article, reported=True).supported
    assert not check_cited(stance, [demand], article).supported
    # A condition or a failure is not the holder's: dropping it is still a lie.
    failed = Article.from_text("The envoy failed to reach an agreement with the rebels." + _TAIL)
    statement = "The envoy reached an agreement with the rebels."
    assert not check_cited(statement, [failed.sentences[0]], failed, reported=True).supported


@pytest.mark.parametrize(
    ("evidence", "statement", "supported"),
    [
        # The condition kept as a possibility, in the article's language.
        (
            "Si les négociations échouent, l'armée reprendra son offensive dans le nord.",
            "L'armée pourrait reprendre son offensive dans le nord.",
            True,
        ),
        (
            "Wenn die Gespräche scheitern, wird die Armee ihre Offensive im Norden fortsetzen.",
            "Die Armee könnte ihre Offensive im Norden fortsetzen.",
            True,
        ),
        # A concession is no condition: what follows it holds either way.
        (
            "Même si les négociations échouent, l'armée restera dans ses casernes du nord.",
            "L'armée restera dans ses casernes du nord.",
            True,
        ),
        (
            "Auch wenn die Gespräche scheitern, bleibt die Armee in ihren Kasernen im Norden.",
            "Die Armee bleibt in ihren Kasernen im Norden.",
            True,
        ),
        # "Sí," alone: "yes" (its accent folded), no condition.
        (
            "Sí, el ejército reanudará su ofensiva en el norte, dijo el ministro.",
            "El ejército reanudará su ofensiva en el norte, dijo el ministro.",
            True,
        ),
        # "si" inside its stretch: "so", not "if".
        (
            "L'armée était si faible qu'elle a reculé vers le nord.",
            "L'armée a reculé vers le nord.",
            True,
        ),
        # The condition after what it conditions.
        (
            "Армия возобновит наступление на севере, если переговоры сорвутся.",
            "Армия возобновит наступление на севере.",
            False,
        ),
        # Chinese, read in pairs of characters: "要是" inside "主要是" (mainly) is none.
        ("如果谈判破裂，军队将恢复在北方的攻势。", "军队将恢复在北方的攻势。", False),
        ("如果谈判破裂，军队将恢复在北方的攻势。", "军队可能将恢复在北方的攻势。", True),
        ("他们主要是为了和平，军队将恢复在北方的攻势。", "军队将恢复在北方的攻势。", True),
    ],
)
def test_a_condition_in_another_language(evidence: str, statement: str, supported: bool) -> None:
    assert _checked(evidence, statement)[0] is supported


@pytest.mark.parametrize(
    ("evidence", "statement", "supported"),
    [
        (
            "Die Gespräche wären fast gescheitert, sagten Diplomaten in Genf.",
            "Die Gespräche wären gescheitert, sagten Diplomaten in Genf.",
            False,
        ),
        (
            "Les négociations ont presque échoué lundi à Genève, selon les diplomates.",
            "Les négociations ont échoué lundi à Genève, selon les diplomates.",
            False,
        ),
        (
            "Las negociaciones casi fracasaron el lunes en Ginebra, según los diplomáticos.",
            "Las negociaciones fracasaron el lunes en Ginebra, según los diplomáticos.",
            False,
        ),
        (
            "Переговоры почти сорвались в понедельник в Женеве, сообщили дипломаты.",
            "Переговоры сорвались в понедельник в Женеве, сообщили дипломаты.",
            False,
        ),
        (
            "The talks nearly collapsed on Monday in Geneva after a row over the agenda.",
            "The talks collapsed on Monday in Geneva after a row over the agenda.",
            False,
        ),
        # What nearly happened did not: a negation says so. Before a number, a bound.
        (
            "Las negociaciones casi fracasaron el lunes en Ginebra, según los diplomáticos.",
            "Las negociaciones no fracasaron el lunes en Ginebra, según los diplomáticos.",
            True,
        ),
        (
            "Почти триста солдат были ранены в боях под Донецком, сообщили военные.",
            "Почти триста солдат были ранены в боях под Донецком, сообщили военные.",
            True,
        ),
    ],
)
def test_what_nearly_happened_did_not(evidence: str, statement: str, supported: bool) -> None:
    article = Article.from_text(f"{evidence} {evidence.split(',', maxsplit=1)[0]}.")
    result = check_cited(statement, [article.sentences[0]], article)
    assert result.supported is supported, result.reason


def test_a_position_cited_wrongly_is_recited_to_the_claim_that_holds_it() -> None:
    article = Article.from_text(
        "Three ministers arrived in Geneva on Monday. The rebels accused the army of "
        "shelling the refugee camp near Kessala." + _TAIL
    )
    stance = "The army shelled the refugee camp near Kessala."
    grounder = Grounder(article)
    data = grounder.ground_extraction(
        Extraction(
            actors=[],
            positions=[Position(party="The rebels", stance=stance, sentence_ids=["S1"])],
            quotes=[],
            allegations=[],
            agenda_items=[],
            key_facts=[],
            events=[],
        )
    )
    # Checked as a position is (reported), the accusation carries it: re-cited, not dropped.
    assert [p.sentence_ids for p in data.positions] == [["S2"]]
    [record] = grounder.records
    assert record.status == "amended" and "citation corrected to S2" in (record.reason or "")
