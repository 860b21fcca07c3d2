"""The highest and lowest 满意度 items in words, shared by the 结果与考评 page and the
printed 满意度调查结果, so that both say the same thing (seed 000's wording).

Rates are compared as printed, to tenths of a percent, so that items which look
equal are equal:
- the highest items are every answered item at the best printed rate, all named
  ("“服务态度”“文明服务”两项满意率最高，为 100.0%");
- the lowest items worth calling out (`below_top`) are `SatisfactionResults.lowest`
  (the service's up to three lowest) less any item as good as the best: an item
  tied with the best is never called low, in words or by a ▼ mark;
- when every answered item has the same rate: "各调查项目满意率均为 …"; without
  any answer: "" (the caller says why in its own words).

Pure text on the plain rows: no Qt, no ReportLab, no database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from desktop_app.domain.satisfaction import AnswerCounts

if TYPE_CHECKING:
    from desktop_app.records.survey_rows import DimensionResult, SatisfactionResults

NONE_TEXT = "—"
_CHINESE_COUNT = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七"}


def percent_text(rate: float | None) -> str:
    """0.9386 → "93.9%"; None → "—"."""
    return NONE_TEXT if rate is None else f"{rate * 100:.1f}%"


def shown(counts: AnswerCounts) -> int:
    """The rate as printed (tenths of a percent), so equal-looking rates tie; 0 without answers."""
    return round((counts.rate or 0.0) * 1000)


def ranked(dimensions: Sequence[DimensionResult]) -> list[DimensionResult]:
    """Answered items, highest printed 满意率 first (ties keep the questionnaire's order)."""
    answered = [d for d in dimensions if d.counts.rate is not None]
    return sorted(answered, key=lambda d: -shown(d.counts))


def places(dimensions: Sequence[DimensionResult]) -> dict[str, int]:
    """Each answered item's place by 满意率; equal printed rates share a place (1, 1, 3 …)."""
    order = ranked(dimensions)
    rates = [shown(d.counts) for d in order]
    return {d.dimension: rates.index(shown(d.counts)) + 1 for d in order}


def top_items(results: SatisfactionResults) -> list[DimensionResult]:
    """The answered items at the best printed rate (empty without answers)."""
    order = ranked(results.dimensions)
    return [d for d in order if shown(d.counts) == shown(order[0].counts)] if order else []


def below_top(results: SatisfactionResults) -> list[DimensionResult]:
    """The lowest items to call out: `results.lowest`, answered and below the best printed rate."""
    tops = top_items(results)
    if not tops:
        return []
    best = shown(tops[0].counts)
    return [d for d in results.lowest if d.counts.rate is not None and shown(d.counts) < best]


def below_top_codes(results: SatisfactionResults | None) -> frozenset[str]:
    """The Dimension codes of `below_top` (what the tables mark ▼); empty for None."""
    if results is None:
        return frozenset()
    return frozenset(d.dimension for d in below_top(results))


def same_rate_text(results: SatisfactionResults) -> str:
    """ "各调查项目满意率均为 100.0%。" ("" without answers)."""
    tops = top_items(results)
    return f"各调查项目满意率均为 {percent_text(tops[0].counts.rate)}。" if tops else ""


def lowest_text(results: SatisfactionResults) -> str:
    """The highest and the lowest items in one sentence, as seed 000 reports them; "" without
    answers. "“服务态度”“业务技术”两项满意率最高，为 100.0%；“费用告知及收费合理性”一项满意率
    最低，为 78.6%，其次为“服务环境” 89.7%、“服务效率” 90.0%。" """
    tops = top_items(results)
    if not tops:
        return ""
    lowest = below_top(results)
    if not lowest:
        return same_rate_text(results)
    names = "".join(f"“{d.label}”" for d in tops)
    count = "一项" if len(tops) == 1 else f"{_CHINESE_COUNT.get(len(tops), len(tops))}项"
    text = f"{names}{count}满意率最高，为 {percent_text(tops[0].counts.rate)}；"
    low = lowest[0]
    text += f"“{low.label}”一项满意率最低，为 {percent_text(low.counts.rate)}"
    if lowest[1:]:
        text += "，其次为" + "、".join(f"“{d.label}” {percent_text(d.counts.rate)}"
                                    for d in lowest[1:])
    return text + "。"
