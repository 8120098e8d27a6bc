"""Portuguese: negation, dates and numbers as Portuguese and Brazilian news write them.

The weekdays "segunda" to "sexta" are also ordinals ("a segunda vez"): only "sábado" and
"domingo" are read as days. "bilhão" is Brazil's 10^9.
"""

from __future__ import annotations

from briefgen.text.languages import speech_of, words_of

CLAIM_WORDS = words_of(
    "pt",
    nearly="quase",
    bounds="min: pelo menos, ao menos, no mínimo | above: mais de | max: até, no máximo "
    "| below: menos de, quase | approx: cerca de, aproximadamente, em torno de",
    asking="pergunta perguntou perguntam perguntaram perguntava perguntar questiona questionou",
    negators="não nunca jamais nada ninguém nenhum nenhuma nem sem",
    months="janeiro jan | fevereiro fev | março | abril abr | maio | junho jun | julho jul "
    "| agosto ago | setembro set | outubro | novembro nov | dezembro dez",
    weekdays="| | | | | sábado | domingo",
    numbers={
        "zero": 0,
        "dois": 2,
        "duas": 2,
        "três": 3,
        "quatro": 4,
        "cinco": 5,
        "seis": 6,
        "sete": 7,
        "oito": 8,
        "nove": 9,
        "dez": 10,
        "onze": 11,
        "doze": 12,
        "vinte": 20,
        "trinta": 30,
        "quarenta": 40,
        "cinquenta": 50,
        "cem": 100,
        "cento": 100,
        "mil": 1000,
    },
    scales={
        "mil": 1e3,
        "milhão": 1e6,
        "milhões": 1e6,
        "mi": 1e6,
        "bilhão": 1e9,
        "bilhões": 1e9,
        "bi": 1e9,
    },
    decimal_comma=True,
)

# Attribution: "«…», disse X", "“…”, afirmou X", "X disse: “…”", "segundo X".
SPEECH = speech_of(
    "pt",
    verbs="disse diz dizia afirmou afirma afirmava declarou declara acrescentou "
    "acrescenta explicou explica sublinhou sublinha destacou destaca salientou "
    "salienta garantiu garante assegurou assegura alertou alerta advertiu adverte "
    "escreveu escreve comentou comenta respondeu responde perguntou pergunta "
    "reconheceu reconhece admitiu admite denunciou denuncia lamentou lamenta "
    "lembrou lembra ressaltou ressalta frisou frisa concluiu conclui anunciou anuncia "
    "criticou critica defendeu defende",
    auxiliaries="tem têm tinha",
    phrases={
        "according": "segundo | de acordo com | conforme | nas palavras de",
        "according_opening": "para",
    },
    pronouns="ele ela eles elas eu nós você",
    person_pronouns="ele ela",
    bodies="sa ltda empresa companhia partido associação ministério governo sindicato banco "
    "instituto universidade conselho comissão congresso senado tribunal grupo",
    # Demonstratives too: "disse Lula esta segunda-feira" ends the speaker there.
    determiners="o a os as um uma uns umas este esta estes estas nesta neste",
    titles="sr sr. sra sra. dr dr. dra dom dona",
    roles="presidente ministro ministra porta-voz deputado deputada senador senadora "
    "prefeito prefeita autarca diretor diretora secretário secretária advogado "
    "advogada procurador especialista responsável dirigente chefe líder conselheiro "
    "embaixador embaixadora diplomata fonte fontes juiz juíza comissário "
    "investigador investigadora professor professora médico médica governo polícia "
    "ministério sindicato general coronel governador governadora",
    role_suffixes="ista istas",
    documents="comunicado relatório texto carta declaração estudo documento decreto "
    "mensagem nota sondagem pesquisa",
    outlets="lusa agência folha globo estadão público expresso observador reuters afp "
    "jornal diário revista rádio televisão canal",
    stops="a ao aos à às de do da dos das em no na nos nas com sem sobre para por pelo "
    "pela entre contra e ou mas que quem qual cujo onde é são foi era não se após antes durante "
    "depois perante",
    places="brasil portugal frança alemanha rússia china estados unidos ucrânia espanha argentina "
    "angola moçambique europa lisboa brasília paris berlim moscou moscovo pequim "
    "washington londres bruxelas planalto",
    locatives="em no na",
    modifiers="também ainda depois ontem hoje então",
    conjunctions="e mas",
    copulas="é era",
    complementisers="que",
    as_openers="como",
)
