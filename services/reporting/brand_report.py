"""《内蒙古品牌发展报告》: the yearly brand development report, rendered from the progress projection.

One self-contained HTML page (inline SVG charts and CSS, nothing fetched), in Chinese with
English labels, laid out for A4 printing: progress against the target per league, the star-level
distribution, group standards and two-star enterprises by sector, the trend over the plan years,
the enterprises first to reach the bar, and the tables behind every chart.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from fedstd.reporting.v1 import reporting_service_pb2 as api
from services.reporting import charts
from services.reporting.progress import SECTOR_NAMES

CONTENT_TYPE = "text/html; charset=utf-8"
PHASES = {
    api.PLAN_PHASE_NOT_STARTED: ("未开始", "Not started"),
    api.PLAN_PHASE_LAUNCH: ("工作启动阶段", "Launch"),
    api.PLAN_PHASE_IMPLEMENTATION: ("全面实施阶段", "Implementation"),
    api.PLAN_PHASE_EVALUATION: ("总结评估阶段", "Summary & evaluation"),
    api.PLAN_PHASE_CONCLUDED: ("已结束", "Concluded"),
}
STARS = (("none", "未达星级", "No level"), ("two", "二星", "2-star"), ("three", "三星", "3-star"),
         ("four", "四星", "4-star"), ("five", "五星", "5-star"))
STYLE = """
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; color: #222;
       max-width: 960px; margin: 2em auto; padding: 0 1em; line-height: 1.5; }
h1 { color: #b3261e; border-bottom: 3px solid #b3261e; padding-bottom: .3em; }
h2 { color: #1f5fa8; margin-top: 2em; }
.en { color: #666; font-size: .85em; font-weight: normal; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: .85em; }
th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f2f2f2; }
.meta { color: #444; }
figure { margin: 1em 0; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; max-width: none; }
  section, figure, table { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""


def filename(year: int) -> str:
    return f"inner-mongolia-brand-development-report-{year}.html"


def _heading(zh: str, en: str, level: int = 2) -> str:
    return f"<h{level}>{escape(zh)} <span class='en'>{escape(en)}</span></h{level}>"


def _table(headers: Sequence[tuple[str, str]], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f"<th>{escape(zh)}<br><span class='en'>{escape(en)}</span></th>" for zh, en in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _pct(value: float) -> str:
    return f"{value:.1%}"


def _figure(svg: str, zh: str, en: str) -> str:
    return f"<figure>{svg}<figcaption>{escape(zh)} · <span class='en'>{escape(en)}</span></figcaption></figure>"


def _section(zh: str, en: str, *parts: str) -> str:
    return f"<section>{_heading(zh, en)}{''.join(parts)}</section>"


def _leagues_section(progress: api.FederationProgress) -> str:
    rows = [*progress.leagues, progress.total]
    chart = charts.horizontal_bars(
        "各盟市二星级及以上企业占比 Two-star-or-above share per league",
        [row.league_name for row in progress.leagues],
        [charts.Series("按登记数 registry denominator", [row.two_star_share_registered for row in progress.leagues]),
         charts.Series("按盟市上报数 reported denominator", [row.two_star_share for row in progress.leagues])],
        markers=[charts.Marker("目标 target", progress.target_share),
                 charts.Marker("进度 expected", progress.expected_share)],
        percent=True,
    )
    table = _table(
        [("盟市", "League"), ("民营企业(登记)", "Private (registry)"), ("民营企业(上报)", "Private (reported)"),
         ("已评价", "Evaluated"), ("二星及以上", "Two-star+"), ("占比(登记)", "Share (registry)"),
         ("占比(上报)", "Share (reported)"), ("应达进度", "Expected"), ("进度正常", "On track")],
        [(row.league_name, row.private_enterprises_registered, row.private_enterprises_reported, row.enterprises_evaluated,
          row.enterprises_two_star_or_above, _pct(row.two_star_share_registered), _pct(row.two_star_share),
          _pct(row.expected_share), "是 yes" if row.on_track else "否 no") for row in rows],
    )
    figure = _figure(chart, "图1 各盟市二星级及以上民营企业占比（虚线：10%目标与应达进度）",
                     "Figure 1 share at two-star or above; dashed: 10% target and expected trajectory")
    return _section("一、各盟市目标进度", "Progress against the target per league", figure, table)


def _stars_section(progress: api.FederationProgress) -> str:
    levels = progress.total.star_levels
    values = [getattr(levels, field) for field, _, _ in STARS]
    chart = charts.vertical_bars("星级分布 Star-level distribution", [f"{zh} {en}" for _, zh, en in STARS], values)
    table = _table([("盟市", "League"), *[(zh, en) for _, zh, en in STARS]],
                   [(row.league_name, *[getattr(row.star_levels, field) for field, _, _ in STARS])
                    for row in [*progress.leagues, progress.total]])
    figure = _figure(chart, "图2 现行有效评价的星级分布", "Figure 2 enterprises by the level of their current valid evaluation")
    return _section("二、品牌星级分布", "Star-level distribution (GB/T 27925)", figure, table)


def _sectors_section(progress: api.FederationProgress) -> str:
    names = [f"{SECTOR_NAMES[row.sector][0]} {SECTOR_NAMES[row.sector][1]}" for row in progress.sectors]
    chart = charts.horizontal_bars(
        "各行业团体标准与二星级及以上企业 Group standards and two-star-or-above enterprises by sector", names,
        [charts.Series("团体标准 group standards", [row.group_standards_published for row in progress.sectors]),
         charts.Series("二星及以上企业 two-star+ enterprises", [row.enterprises_two_star_or_above for row in progress.sectors])],
    )
    table = _table(
        [("行业", "Sector"), ("民营企业(登记)", "Private (registry)"), ("二星及以上", "Two-star+"),
         ("占比", "Share"), ("团体标准", "Group standards")],
        [(name, row.private_enterprises_registered, row.enterprises_two_star_or_above, _pct(row.two_star_share_registered),
          row.group_standards_published) for name, row in zip(names, progress.sectors)],
    )
    figure = _figure(chart, "图3 各重点行业的团体标准与达标企业", "Figure 3 standards and enterprises by plan sector")
    return _section("三、重点行业", "Priority sectors", figure, table)


def _trend_section(progress: api.FederationProgress) -> str:
    years = list(progress.years)
    labels = [str(year.year) for year in years]
    counts = charts.lines("历年趋势 Trend over the years", labels, [
        charts.Series("二星及以上企业 two-star+ enterprises", [y.total.enterprises_two_star_or_above for y in years]),
        charts.Series("团体标准 group standards", [y.total.group_standards_published for y in years]),
        charts.Series("培训人次 trainees", [y.total.trainees for y in years]),
    ])
    shares = charts.lines("历年占比 Share over the years", labels, [
        charts.Series("占比(登记) share (registry)", [y.total.two_star_share_registered for y in years]),
        charts.Series("占比(上报) share (reported)", [y.total.two_star_share for y in years]),
    ], percent=True)
    table = _table(
        [("年度", "Year"), ("截至", "As of"), ("二星及以上", "Two-star+"), ("占比(登记)", "Share (registry)"),
         ("团体标准", "Group standards"), ("领跑者", "Forerunners"), ("试点商会", "Pilot chambers"),
         ("培训人次", "Trainees"), ("年度报告", "Annual reports")],
        [(y.year, y.as_of, y.total.enterprises_two_star_or_above, _pct(y.total.two_star_share_registered),
          y.total.group_standards_published, y.total.forerunners, y.total.pilot_chambers, y.total.trainees,
          y.total.annual_reports_submitted) for y in years],
    )
    return _section("四、历年趋势", "Trend over the plan years",
                    _figure(counts, "图4 全区主要指标", "Figure 4 region-wide figures by year"),
                    _figure(shares, "图5 二星级及以上企业占比", "Figure 5 share at two-star or above by year"), table)


def _work_section(progress: api.FederationProgress) -> str:
    rows = [*progress.leagues, progress.total]
    table = _table(
        [("盟市", "League"), ("试点企业", "Pilot enterprises"), ("自我声明", "Self-declarations"),
         ("领跑者", "Forerunners"), ("试点商会", "Pilot chambers"), ("良好行为符合", "Good behaviour conforming"),
         ("团体标准", "Group standards"), ("转化", "Converted"), ("外文版", "Translated"), ("领先者", "Leaders"),
         ("培训批次", "Training batches"), ("培训人次", "Trainees"), ("年度报告", "Reports"), ("已采纳", "Accepted")],
        [(row.league_name, row.pilot_enterprises, row.self_declarations, row.forerunners, row.pilot_chambers,
          row.pilot_chambers_conforming, row.group_standards_published, row.group_standards_converted,
          row.group_standards_translated, row.leaders_listed, row.training_batches, row.trainees,
          row.annual_reports_submitted, row.annual_reports_accepted) for row in rows],
    )
    return _section("五、重点工作", "Work streams", table)


def _commendations_section(progress: api.FederationProgress) -> str:
    names = {row.league_code: row.league_name for row in progress.leagues}
    table = _table(
        [("盟市", "League"), ("名次", "Rank"), ("企业", "Enterprise"), ("达标日期", "Reached on"), ("得分", "Score")],
        [(names.get(c.league_code, c.league_code), c.rank, c.enterprise.removeprefix("enterprises/"), c.reached_on,
          c.total_score) for c in progress.commendations],
    )
    order = ("<p>按持续保持二星级及以上的起始日期排序。<span class='en'>Ordered by the date since which each has held "
             "two-star or above without a break.</span></p>")
    return _section("六、率先达标企业", "First to reach the bar (for commendation)", order, table)


def render(year: int, progress: api.FederationProgress) -> str:
    """The report for `year` from a FULL progress as of the year's end."""
    phase_zh, phase_en = PHASES.get(progress.phase, ("", ""))
    total = progress.total
    summary = (f"截至{progress.as_of}，全区{total.enterprises_two_star_or_above}家企业的现行有效品牌评价达到二星级及以上，"
               f"占登记民营企业的{_pct(total.two_star_share_registered)}（目标{_pct(progress.target_share)}）。"
               f"<br><span class='en'>As of {progress.as_of}, {total.enterprises_two_star_or_above} enterprises hold a "
               f"current valid brand level of two-star or above: {_pct(total.two_star_share_registered)} of the private "
               f"enterprises in the registry (target {_pct(progress.target_share)}).</span>")
    return "".join([
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>内蒙古品牌发展报告（{year}） Inner Mongolia Brand Development Report {year}</title>",
        f"<style>{STYLE}</style></head><body>",
        _heading(f"内蒙古品牌发展报告（{year}年度）", f"Inner Mongolia Brand Development Report {year}", level=1),
        f"<p class='meta'>数据截至 <span class='en'>Data as of</span> {escape(progress.as_of)} · "
        f"计划阶段 <span class='en'>Plan phase</span> {escape(phase_zh)} <span class='en'>{escape(phase_en)}</span> · "
        f"依据《内蒙古自治区民营经济领域标准化提升行动方案（2021—2023年）》（内联发〔2021〕26号）</p>",
        f"<p>{summary}</p>",
        _leagues_section(progress), _stars_section(progress), _sectors_section(progress), _trend_section(progress),
        _work_section(progress), _commendations_section(progress),
        "<footer><p class='meta'>本报告由各服务的领域事件自动汇总生成。<span class='en'>Compiled from the domain events "
        "of the registry, assessment and reporting services.</span></p></footer></body></html>",
    ])
