"""The evidence view declares the languages it shows: the article's text in its own
language (a German article is not lang="en"), the memo in its."""

from __future__ import annotations

import pytest
from evidence_page import Page, parse

from briefgen.brief import Brief
from briefgen.ingest.article import Article
from briefgen.memo.data import BriefData
from briefgen.memo.header import MemoHeader
from briefgen.memo.items import Statement
from briefgen.memo.report import Report
from briefgen.render.evidence import render_evidence_html
from briefgen.usage import Usage

ARTICLES = {
    "de": "Grenzgespräche in Genf\nDie Außenminister der beiden Länder haben sich am Montag "
    "in Genf getroffen. Sie sagten, dass die Gespräche über die Grenze fortgesetzt werden. "
    "Nach Angaben des Ministeriums wurde keine Einigung erzielt, aber beide Seiten wollen im "
    "Oktober wieder verhandeln.",
    "fr": "Pourparlers à Genève\nLes ministres des affaires étrangères des deux pays se sont "
    "rencontrés lundi à Genève. Ils ont déclaré que les discussions sur la frontière allaient "
    "se poursuivre. Selon le ministère, aucun accord n'a été trouvé, mais les deux parties "
    "veulent reprendre les négociations en octobre.",
    "es": "Conversaciones en Ginebra\nLos ministros de Asuntos Exteriores de los dos países se "
    "reunieron el lunes en Ginebra. Dijeron que las conversaciones sobre la frontera "
    "continuarán. Según el ministerio, no se alcanzó ningún acuerdo, pero ambas partes quieren "
    "volver a negociar en octubre.",
    "it": "Colloqui a Ginevra\nI ministri degli Esteri dei due paesi si sono incontrati lunedì "
    "a Ginevra. Hanno detto che i colloqui sul confine continueranno. Secondo il ministero, non "
    "è stato raggiunto alcun accordo, ma entrambe le parti vogliono riprendere i negoziati a "
    "ottobre.",
    "pt": "Conversações em Genebra\nOs ministros dos Negócios Estrangeiros dos dois países "
    "reuniram-se na segunda-feira em Genebra. Disseram que as conversações sobre a fronteira "
    "vão continuar. Segundo o ministério, não foi alcançado nenhum acordo, mas ambas as partes "
    "querem voltar a negociar em outubro.",
    "nl": "Gesprekken in Genève\nDe ministers van Buitenlandse Zaken van de twee landen hebben "
    "elkaar maandag in Genève ontmoet. Zij zeiden dat de gesprekken over de grens worden "
    "voortgezet. Volgens het ministerie werd er geen akkoord bereikt, maar beide partijen "
    "willen in oktober opnieuw onderhandelen.",
    "en": "Talks in Geneva\nThe foreign ministers of the two countries met on Monday in Geneva. "
    "They said that the talks on the border would continue. According to the ministry, no "
    "agreement was reached, but both sides want to resume negotiations in October.",
}
ENGLISH_MEMO = [
    "The foreign ministers of the two countries met on Monday in Geneva and said that the "
    "talks on the border would go on.",
    "No agreement was reached, but both sides want to resume the talks in October, and the "
    "ministry has said that it will take part in them.",
]


def _page(article_text: str, memo: list[str], subject: str = "Border talks") -> Page:
    article = Article.from_text(article_text)
    data = BriefData(
        subject=subject,
        subject_sentence_ids=["S2"],
        bluf=[Statement(text=text, sentence_ids=["S2"]) for text in memo],
    )
    report = Report(model="m", backend="b", style="info-memo", chunks=1, elapsed_s=0, usage=Usage())
    header = MemoHeader(
        classification="UNCLASSIFIED",
        portion_mark="U",
        memo_to="The Ambassador",
        memo_from="Political Section",
        memo_date="1 May 2025",
        memo_kind="INFORMATION MEMO",
    )
    brief = Brief(markdown="", data=data, article=article, report=report, header=header)
    return parse(render_evidence_html(brief))


@pytest.mark.parametrize("code", sorted(ARTICLES))
def test_article_text_carries_its_own_language(code: str) -> None:
    page = _page(ARTICLES[code], ENGLISH_MEMO)
    [html] = page.find("html")
    assert html.attrs.get("lang") == "en"  # the memo's language
    [text] = page.find("div", "article-text")
    assert text.attrs.get("lang") == code


def test_a_german_memo_on_a_german_article_is_german_throughout() -> None:
    german_memo = [ARTICLES["de"].split("\n")[1]]
    page = _page(ARTICLES["de"], german_memo, subject="Grenzgespräche")
    [html] = page.find("html")
    assert html.attrs.get("lang") == "de"


def test_no_lang_is_claimed_when_the_language_is_unclear() -> None:
    # Too short to tell: better no lang than a wrong one.
    page = _page("Talks\nOK 12 34.", ["OK."], subject="OK")
    [html] = page.find("html")
    assert "lang" not in html.attrs
    [text] = page.find("div", "article-text")
    assert "lang" not in text.attrs


@pytest.mark.parametrize(
    ("article", "memo", "code", "way"),
    [
        (
            "中国外交部周一表示，双方同意继续会谈。\n会谈将于十月在日内瓦举行。",
            ["边境会谈将继续，双方同意在十月再次举行会谈。"],
            "zh",
            "ltr",
        ),
        (
            "محادثات في جنيف\nقال وزير الخارجية يوم الاثنين إن المحادثات بشأن الحدود ستستمر، "
            "وإن الجانبين سيعودان إلى التفاوض في أكتوبر.",
            ["قال الوزير إن المحادثات بشأن الحدود ستستمر في أكتوبر."],
            "ar",
            "rtl",
        ),
    ],
)
def test_a_language_outside_europe_is_named_with_its_direction(
    article: str, memo: list[str], code: str, way: str
) -> None:
    pytest.importorskip("py3langid")
    page = _page(article, memo, subject=memo[0][:12])
    [html] = page.find("html")
    assert (html.attrs.get("lang"), html.attrs.get("dir")) == (code, way)
    [text] = page.find("div", "article-text")
    assert (text.attrs.get("lang"), text.attrs.get("dir")) == (code, way)
