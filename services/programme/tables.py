"""Readable tables for the terminal: columns padded by display width, so Chinese names line up."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from services.programme.synthetic import PLAN_YEARS


def width(text: str) -> int:
    """Columns the text takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, columns: int, right: bool) -> str:
    fill = " " * max(0, columns - width(text))
    return fill + text if right else text + fill


def render(headers: Sequence[str], rows: Iterable[Sequence[object]], right: Sequence[bool] | None = None) -> str:
    """A table with a header line and a rule; `right` aligns columns to the right (numbers)."""
    cells = [[str(cell) for cell in row] for row in rows]
    if not cells:
        return "(none)"
    right = right or [False] * len(headers)
    widths = [max([width(h)] + [width(row[i]) for row in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(_pad(h, widths[i], right[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(_pad(cell, widths[i], right[i]) for i, cell in enumerate(row)).rstrip() for row in cells]
    return "\n".join(lines)


def fields(pairs: Iterable[tuple[str, object]]) -> str:
    """Label and value, one per line."""
    pairs = [(label, "" if value is None else str(value)) for label, value in pairs]
    columns = max(width(label) for label, _ in pairs)
    return "\n".join(f"{_pad(label, columns, False)}  {value}".rstrip() for label, value in pairs)


def percent(share: float) -> str:
    return f"{share:.1%}"


def report_state(state: int) -> str:
    return reporting.AnnualReportState.Name(state).removeprefix("ANNUAL_REPORT_STATE_").lower()


DEMO_HEADERS = ("league", "name", "private enterprises", "two-star+", "share", "10 % target", "forerunners",
                "group standards", "trainees", *(f"report {year}" for year in PLAN_YEARS))


def demo_table(progress: reporting.FederationProgress, reports: Sequence[reporting.AnnualReport]) -> str:
    """Per league: its private enterprises, those at two-star or above and their share against the
    plan's target, forerunners, group standards, trainees, and the state of each year's report."""
    states = {(report.league_code, report.year): report_state(report.state)
              + (f" (rev {report.revision})" if report.revision > 1 else "") for report in reports}
    rows = []
    for row in [*progress.leagues, progress.total]:
        share = row.two_star_share_registered
        rows.append((
            row.league_code, row.league_name, row.private_enterprises_registered, row.enterprises_two_star_or_above,
            percent(share), ("met" if share >= progress.target_share else "missed") if row.private_enterprises_registered else "-",
            row.forerunners, row.group_standards_published, row.trainees,
            *(states.get((row.league_code, year), "-") for year in PLAN_YEARS)))
    title = (f"federation-wide progress as of {progress.as_of} (synthetic data): private enterprises at two-star or "
             f"above, against the plan's target of {progress.target_share:.0%}")
    return title + "\n" + render(DEMO_HEADERS, rows, (False, False, True, True, True, False, True, True, True, False, False, False))
