"""Japanese: negation, dates and numbers as Japanese news writes them (read over a text
cut into characters and pairs, ``briefgen.text.cjk``), and who speaks a quotation.

The speaker opens the sentence with は or が and the verb follows the quotation with と
("岸田首相は記者団に「…」と述べた"). Words are not spaced, so the said-clause is two
regular expressions over characters: the speaker before 「…」 and the verb after it; both
must be there. Or the speaker follows the quotation ("「…」と林官房長官は述べた"). A
speaker is read only with a title or role at its end (氏, さん, 首相, 大臣 ...): a bare
word before は is as often a topic as a person.
"""

from __future__ import annotations

from briefgen.text.languages import speech_of, words_of

CLAIM_WORDS = words_of(
    "ja",
    bounds="min: 少なくとも | max: 最大, 最多 | approx: およそ",
    # Only "もし" opens a condition; one a verb ending makes ("決裂すれば") is not read.
    conditions="もし",
    maybe="かも 可能 だろ",
    asking="問う 問い 問われ 尋ね 質問 かどうか",
    # Verb endings (signed not: 署名しなかった) and Sino-Japanese prefixes (不明, 未定).
    negators="なかった ないと ません ない 未 不 非 無",
    # Words that hold a negator and say no "not": few, dangerous, surely, very, unless.
    not_negating="少ない 危ない 間違いない 非常 不可欠",
    months="一月 | 二月 | 三月 | 四月 | 五月 | 六月 | 七月 | 八月 | 九月 | 十月 | 十一月 | 十二月",
    weekdays="月曜日 月曜 | 火曜日 火曜 | 水曜日 水曜 | 木曜日 木曜 | 金曜日 金曜 "
    "| 土曜日 土曜 | 日曜日 日曜",
    # Han numerals and 万/億 are the script's, read in every language (text.cjk).
    counters="人 名 件 回 年 月 日 歳 つ 個 台 機 隻 カ ヶ か 国 社 校 "
    "度 倍 割 点 本 枚 基 発 万 億",
)

_VERBS = (
    "述べた|語った|話した|言った|強調した|説明した|明らかにした|指摘した|訴えた|書いた|"
    "答えた|発言した|述べました|語りました|話しました|強調しました|説明しました|"
    "コメントした|投稿した|批判した|表明した"
)

SPEECH = speech_of(
    "ja",
    verbs=_VERBS.replace("|", " "),
    pronouns="彼 彼女 私 わたし 僕",
    role_suffixes="氏 さん 首相 大臣 大統領 長官 知事 議員 社長 会長 代表 教授 委員長 総裁 "
    "報道官 幹部 関係者 市長 主席 外相 防衛相 官房長官 監督 選手 容疑者 被告 弁護士 "
    "医師 専門家 担当者",
    stops="で に を から まで より の時 とき 時",
    documents="声明 報告書 談話 記事 調査",
    outlets="NHK 共同通信 時事通信 朝日新聞 読売新聞 毎日新聞 日経 ロイター AFP",
    outlet_suffixes="新聞 通信 テレビ 放送 新聞社",
    places="日本 中国 米国 アメリカ 韓国 北朝鮮 ロシア 政府",
    cased=False,
    before=r"(?:^|(?<=[、。\s」]))(?P<speaker>[^\W\d_]{1,15}?)(?:は|が)"
    r"(?:[^「」。]{0,20})$",
    closing=rf"^[、]?と(?:、)?(?:[^。「」]{{0,12}}?)(?:{_VERBS})",
    # Or the speaker after the quotation: "「…」と林官房長官は述べた".
    after=rf"^と、?(?P<speaker>[^\W\d_]{{1,15}}?)(?:は|が)[^。「」]{{0,12}}?(?:{_VERBS})",
)
