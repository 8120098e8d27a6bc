"""Chinese: negation, dates and numbers as Chinese news writes them (read over a text
cut into characters and pairs, ``briefgen.text.cjk``)."""

from __future__ import annotations

from briefgen.text.languages import words_of

CLAIM_WORDS = words_of(
    "zh",
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
