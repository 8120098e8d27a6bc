"""Japanese: negation, dates and numbers as Japanese news writes them (read over a text
cut into characters and pairs, ``briefgen.text.cjk``)."""

from __future__ import annotations

from briefgen.text.languages import words_of

CLAIM_WORDS = words_of(
    "ja",
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
