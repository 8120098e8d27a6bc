"""Chinese: negation, dates and numbers as Chinese news writes them (read over a text
cut into characters and pairs, ``briefgen.text.cjk``), and who speaks a quotation.

Speech is attributed before the quotation with a colon ("钟南山院士说：“…”") or after it
("“…”，他说。"). Words are not spaced, so the said-clause is a regular expression over
characters: the speaker is the run of characters from the clause's start (a mark, or the
sentence's start) to the verb.
"""

from __future__ import annotations

from briefgen.text.languages import speech_of, words_of

CLAIM_WORDS = words_of(
    "zh",
    bounds="min: 至少 | above: 超过, 超過 | max: 多达, 多達, 最多 | below: 将近, 將近 "
    "| approx: 大约, 大約",
    # Conditions open their clause ("如果谈判破裂，…"); read as pairs of characters, so
    # each word is two.
    conditions="如果 假如 倘若 要是 假使 如若 一旦",
    maybe="可能 也许 也許 或许 或許 或将 或將",
    asking="询问 詢問 问道 問道 提问 提問 发问 發問 是否 质疑 質疑",
    negators="没有 沒有 并未 並未 并不 並不 尚未 从未 從未 从不 從不 绝不 絕不 未能 不能 不会 "
    "不會 不是 不要 没 沒 未 不 无 無 非 勿 别 別 否",
    # Words that hold a negator and say no "not": not only, but, constantly, many, soon,
    # different, whatever, otherwise, very, unless, must (a double negative).
    not_negating="不仅 不僅 不只 不但 不过 不過 不断 不斷 不少 不久 不同 不论 不論 不管 无论 "
    "無論 否则 否則 非常 除非 不得不 无疑 無疑 非法",
    months="一月 | 二月 | 三月 | 四月 | 五月 | 六月 | 七月 | 八月 | 九月 | 十月 | 十一月 | 十二月",
    weekdays="星期一 周一 週一 礼拜一 禮拜一 | 星期二 周二 週二 礼拜二 禮拜二 "
    "| 星期三 周三 週三 礼拜三 禮拜三 | 星期四 周四 週四 礼拜四 禮拜四 "
    "| 星期五 周五 週五 礼拜五 禮拜五 | 星期六 周六 週六 礼拜六 禮拜六 "
    "| 星期日 星期天 周日 週日 礼拜日 禮拜日 礼拜天 禮拜天",
    # Han numerals and 万/亿 are the script's, read in every language (text.cjk).
    counters="名 个 個 位 人 次 年 月 日 天 岁 歲 条 條 项 項 件 家 国 國 架 艘 枚 座 所 辆 輛 "
    "只 头 頭 场 場 起 批 轮 輪 周 倍 成 多 余 餘 点 點 分 元 吨 噸 公 例 种 種 类 類 部 组 組 "
    "支 层 層 张 張 本 届 屆 期 份 万 亿 億",
)

_VERBS = "说道|说|表示|指出|强调|称|写道|回应|透露|坦言|直言|介绍|宣布|回答|问道|警告"
_ADVERBS = "也|还|又|则|再次|随后|同时|此前|曾|进一步|明确"
# A speaker: two to twelve letters (no digit, no mark), none of the characters below.
_SPEAKER = r"(?P<speaker>[^\W\d_]{2,12}?)"
# Where and to whom, between the speaker and the verb: "王毅对记者说", "X在记者会上表示".
_SETTING = r"(?:(?:对|向|在)[^\W\d_]{1,10}?)?"

SPEECH = speech_of(
    "zh",
    verbs=_VERBS.replace("|", " "),
    pronouns="他 她 我 你 它 有人 人们 大家 记者",
    roles="发言人 院士 部长 总统 主席 总理 教授 专家 官员 局长 大使 外长 书记 市长 "
    "省长 主任 负责人 研究员 医生 律师 将军 司令 总裁 董事长 首相 议员 学者 分析人士 "
    "先生 女士",
    # Characters and words that make the run no speaker: a clause ("在 … 时"), a
    # document, a place.
    stops="在 时 的 了 对 向 和 与 被 将 把 从 为 于 据 因 但 并 而",
    documents="声明 报告 文章 公告 消息 数据 调查 研究 报道 文件 通报 评论",
    outlets="新华社 中新社 人民日报 央视 路透社 美联社 法新社 彭博 环球时报",
    outlet_suffixes="社 报 网 台 电视 媒体 新闻 时报 日报 杂志",
    places="中国 美国 日本 俄罗斯 英国 法国 德国 印度 韩国 朝鲜 乌克兰 伊朗 以色列 台湾 "
    "香港 北京 上海 华盛顿 莫斯科 东京 中方 美方 俄方 日方",
    bare_names=4,
    cased=False,
    before=rf"(?:^|(?<=[，,。；;、\s])){_SPEAKER}{_SETTING}(?:{_ADVERBS})?(?:{_VERBS})"
    r"[：:，,]?\s*$",
    after=rf"^[，,]?\s*{_SPEAKER}{_SETTING}(?:{_ADVERBS})?(?:{_VERBS})[。！.]?\s*$",
)
