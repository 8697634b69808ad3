"""The demo's tables and progress bars: Chinese names line up, the progress table says what the progress says."""
from __future__ import annotations

import io
import re

from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from services.programme.bars import ProgressBars
from services.programme.tables import demo_table, render, width


def test_wide_characters_take_two_columns_and_columns_line_up() -> None:
    assert width("呼和浩特市") == 10 and width("abc") == 3 and width("示例·A") == 6
    table = render(("code", "name", "n"), [("150100", "呼和浩特市", 7), ("152900", "阿拉善盟", 12)], (False, False, True))
    lines = table.splitlines()
    assert [width(line) for line in lines] == [width(lines[1])] * 4
    assert lines[2].endswith(" 7") and lines[3].endswith("12")
    assert render(("a",), []) == "(none)"


def test_the_demo_table_shows_each_league_against_the_target_and_its_reports() -> None:
    progress = reporting.FederationProgress(as_of="2023-12-31", target_share=0.1, leagues=[
        reporting.LeagueProgress(league_code="150100", league_name="呼和浩特市", private_enterprises_registered=200,
                                 enterprises_two_star_or_above=25, two_star_share_registered=0.125, forerunners=3,
                                 group_standards_published=4, trainees=60),
        reporting.LeagueProgress(league_code="152900", league_name="阿拉善盟", private_enterprises_registered=40,
                                 enterprises_two_star_or_above=2, two_star_share_registered=0.05),
    ], total=reporting.LeagueProgress(league_code="150000", league_name="内蒙古自治区", private_enterprises_registered=240,
                                      enterprises_two_star_or_above=27, two_star_share_registered=27 / 240))
    reports = [reporting.AnnualReport(league_code="150100", year=2021, state=reporting.ANNUAL_REPORT_STATE_ACCEPTED, revision=2),
               reporting.AnnualReport(league_code="150100", year=2023, state=reporting.ANNUAL_REPORT_STATE_RETURNED, revision=1)]
    rows = [re.split(r"\s{2,}", line) for line in demo_table(progress, reports).splitlines()[3:]]
    assert rows[0] == ["150100", "呼和浩特市", "200", "25", "12.5%", "met", "3", "4", "60", "accepted (rev 2)", "-", "returned"]
    assert rows[1][:6] == ["152900", "阿拉善盟", "40", "2", "5.0%", "missed"]
    assert rows[2][:6] == ["150000", "内蒙古自治区", "240", "27", "11.2%", "met"]


def test_bars_redraw_in_place_on_a_terminal_and_print_one_line_otherwise() -> None:
    for live in (True, False):
        stream = io.StringIO()
        bar = ProgressBars(stream, live=live).bar("enterprises", 3)
        for _ in range(3):
            bar.advance()
        bar.finish()
        text = stream.getvalue()
        assert re.search(r"enterprises +\[#{28}\] +3/3 +\d+\.\ds\n$", text) and text.count("\n") == 1
        assert ("\r" in text) == live
