"""The brand development report's HTML: self-contained, charts and tables, Chinese with English labels."""
from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from fedstd.reporting.v1 import reporting_service_pb2 as api
from services.common.readmodel.sqlite import SqliteDocumentStore
from services.reporting import brand_report, charts
from services.reporting.policy import ReportingPolicy
from services.reporting.progress import ProgressReader
from tests.support.reporting import programme


def full_progress(tmp_path: Path) -> api.FederationProgress:
    docs = SqliteDocumentStore(tmp_path / "views.db")
    programme(docs)
    progress = ProgressReader(docs, ReportingPolicy()).progress(date(2022, 12, 31), api.FEDERATION_PROGRESS_VIEW_FULL,
                                                                datetime(2023, 1, 1))
    docs.close()
    return progress


def test_the_report_has_its_charts_tables_and_both_languages(tmp_path: Path) -> None:
    html = brand_report.render(2022, full_progress(tmp_path))
    assert html.startswith("<!DOCTYPE html>") and "<html lang='zh-CN'>" in html
    assert "内蒙古品牌发展报告（2022年度）" in html and "Inner Mongolia Brand Development Report 2022" in html
    assert html.count("<svg") == 5 and html.count("</svg>") == 5
    assert html.count("<table>") == 6
    for heading in ("各盟市目标进度", "Progress against the target per league", "品牌星级分布", "Star-level distribution",
                    "重点行业", "历年趋势", "Trend over the plan years", "率先达标企业", "呼和浩特市", "制造业"):
        assert heading in html
    assert "@media print" in html and "@page" in html
    assert not re.search(r"<script|<link|src=|https?://(?!www\.w3\.org/2000/svg)", html)


def test_chart_text_is_escaped_and_values_are_labelled() -> None:
    svg = charts.horizontal_bars("a <b>", ["x & y"], [charts.Series("s", [0.25])], [charts.Marker("target", 0.1)], percent=True)
    assert "<title>a &lt;b&gt;</title>" in svg and "x &amp; y" in svg
    assert "25.0%" in svg and "target 10.0%" in svg
    line = charts.lines("trend", ["2021", "2022"], [charts.Series("n", [1, 3])])
    assert line.count("<circle") == 2 and "polyline" in line
    bars = charts.vertical_bars("stars", ["二星", "三星"], [4, 0])
    assert bars.count("class='bar'") == 2 and "二星" in bars


def test_the_report_file_name_names_the_year() -> None:
    assert brand_report.filename(2023) == "inner-mongolia-brand-development-report-2023.html"
