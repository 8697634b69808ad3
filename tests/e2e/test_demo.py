"""`fedstd demo` as a newcomer runs it, as a process: the synthetic programme through the whole plan,
the printed table against the progress query, the yearly brand reports in headless Chromium, a
restart of the same data folder with `fedstd up`, and the same figures from the same seed."""
from __future__ import annotations

import json
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest

from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from services.common.auth import AuthSettings, Role, TokenIssuer
from services.common.client import channel
from services.programme.synthetic import EnterpriseSpec, GroupStandardSpec, Programme, generate
from tests.integration.test_reporting_brand_report import chromium

SEED, ENTERPRISES = "7", "300"
PLAN_END = "2023-12-31"
PORT_LINE = re.compile(r"^\s+(registry|assessment|reporting)\s+[\d.]+:(\d+)$")
KEEPS_RUNNING = "the suite keeps running"
TIMEOUT_S = 240


@dataclass
class Run:
    data: Path
    stdout: str
    progress: reporting.FederationProgress
    reports: list[reporting.AnnualReport]
    #: What the by-hand commands printed while the suite ran: arguments -> stdout.
    asked: dict[tuple[str, ...], str]


class Output:
    """A process's stdout, read line by line as it comes."""

    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.lines: list[str] = []
        self._queue: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def until(self, marker: str, timeout: float = TIMEOUT_S) -> str:
        deadline = time.monotonic() + timeout
        while not any(marker in line for line in self.lines):
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {marker!r} in time:\n" + "\n".join(self.lines[-40:])) from None
            assert line is not None, f"the process ended before {marker!r}:\n" + "\n".join(self.lines[-40:])
            self.lines.append(line)
        return "\n".join(self.lines)

    def ports(self) -> dict[str, int]:
        return {m[1]: int(m[2]) for line in self.lines if (m := PORT_LINE.match(line))}


def query(data: Path, port: int) -> tuple[reporting.FederationProgress, list[reporting.AnnualReport]]:
    """The progress at the plan's end and every annual report, read with a partner token of the folder's key."""
    token = TokenIssuer(AuthSettings.local(data)[0]).issue(Role.PARTNER)
    with channel(f"127.0.0.1:{port}", token) as reader:
        grpc.channel_ready_future(reader).result(timeout=30)
        stub = reporting_grpc.ReportingServiceStub(reader)
        progress = stub.GetFederationProgress(reporting.GetFederationProgressRequest(
            as_of=PLAN_END, view=reporting.FEDERATION_PROGRESS_VIEW_FULL), timeout=60)
        reports = list(stub.ListAnnualReports(reporting.ListAnnualReportsRequest(page_size=100), timeout=60).annual_reports)
    progress.ClearField("computed_at")
    return progress, reports


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0


def ask(data: Path, ports: dict[str, int], *arguments: str) -> str:
    """`fedstd <arguments>` by hand against the running suite, with a read-only token from the folder's key."""
    argv = [sys.executable, "-m", "services.cli", *arguments, "--data-dir", str(data), "--as-of", PLAN_END]
    for service, port in ports.items():
        argv += [f"--{service}-port", str(port)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def run_demo(folder: Path, *extra: str, questions: tuple[tuple[str, ...], ...] = ()) -> Run:
    """`fedstd demo --keep-running` on free ports; asks the running suite, then stops it."""
    data = folder / "data"
    argv = [sys.executable, "-m", "services.cli", "demo", "--data-dir", str(data), "--seed", SEED,
            "--enterprises", ENTERPRISES, "--keep-running", *extra]
    for service in ("registry", "assessment", "reporting"):
        argv += [f"--{service}-port", "0"]
    with open(folder / "demo.stderr", "w") as stderr:
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=stderr, text=True)
    try:
        output = Output(process)
        stdout = output.until(KEEPS_RUNNING)
        progress, reports = query(data, output.ports()["reporting"])
        asked = {question: ask(data, output.ports(), *question) for question in questions}
        stop(process)
    finally:
        if process.poll() is None:
            process.kill()
    return Run(data, stdout, progress, reports, asked)


def table(stdout: str) -> dict[str, list[str]]:
    """The rows of the printed progress table, by league code, split into cells."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("federation-wide progress as of"))
    assert lines[start].startswith(f"federation-wide progress as of {PLAN_END}")
    rows = {}
    for line in lines[start + 3:]:
        if not line.strip():
            break
        cells = re.split(r"\s{2,}", line.strip())
        rows[cells[0]] = cells
    return rows


def expected_rows(progress: reporting.FederationProgress, reports: list[reporting.AnnualReport]) -> dict[str, list[str]]:
    """What each row must say, from the progress query and the annual reports."""
    states = {(r.league_code, r.year): reporting.AnnualReportState.Name(r.state).split("_")[-1].lower()
              + (f" (rev {r.revision})" if r.revision > 1 else "") for r in reports}
    rows = {}
    for row in [*progress.leagues, progress.total]:
        share = row.two_star_share_registered
        rows[row.league_code] = [
            row.league_code, row.league_name, str(row.private_enterprises_registered), str(row.enterprises_two_star_or_above),
            f"{share:.1%}", "met" if share >= progress.target_share else "missed", str(row.forerunners),
            str(row.group_standards_published), str(row.trainees),
            *(states.get((row.league_code, year), "-") for year in (2021, 2022, 2023))]
    return rows


def programme() -> Programme:
    return generate(int(SEED), int(ENTERPRISES))


def twice_evaluated() -> EnterpriseSpec:
    return next(e for e in programme().enterprises if len(e.evaluations) == 2 and e.declarations)


def reviewed_standard() -> GroupStandardSpec:
    return next(s for s in programme().standards if s.number and sum(step.action == "review" for step in s.steps) == 2)


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> Run:
    folder = tmp_path_factory.mktemp("demo-first")
    questions = (("league", "150100", "--json"), ("league", "152900"), ("enterprise", twice_evaluated().uscc),
                 ("standard", reviewed_standard().number.replace("\u2014", "-")))
    return run_demo(folder, "--out", str(folder / "reports"), questions=questions)


def test_the_table_is_the_progress_query_and_the_yearly_reports_render(first: Run) -> None:
    rows = table(first.stdout)
    assert rows == expected_rows(first.progress, first.reports)
    assert len(rows) == 13 and rows["150000"][1] == "内蒙古自治区"
    total = first.progress.total
    assert total.private_enterprises_registered > 250 and total.enterprises_two_star_or_above > 0
    # The programme's figures differ per league: some reach the 10 % target, some miss it.
    assert {rows[code][5] for code in rows if code != "150000"} == {"met", "missed"}
    states = [cells[9:] for cells in rows.values()]
    assert any("returned" in s for s in states) and any("submitted" in s for s in states)
    assert any("(rev 2)" in cell for s in states for cell in s)  # returned, resubmitted, accepted
    assert total.forerunners > 0 and total.group_standards_published > 0 and total.trainees > 0
    assert total.leaders_listed > 0 and total.self_declarations > 0 and total.pilot_chambers > 0

    folder = first.data.parent / "reports"
    assert f"in {folder}" in first.stdout
    for year in (2021, 2022, 2023):
        page = folder / f"inner-mongolia-brand-development-report-{year}.html"
        assert str(page) in first.stdout
        rendered = chromium(first.data.parent / f"profile-{year}", "--dump-dom", page.as_uri())
        assert rendered.returncode == 0, rendered.stderr.decode(errors="replace")[-2000:]
        dom = rendered.stdout.decode()
        assert len(re.findall(r"<svg\b", dom)) >= 3
        for text in (f"内蒙古品牌发展报告（{year}年度）", "各盟市目标进度", "呼和浩特市", "阿拉善盟"):
            assert text in dom


def test_the_main_questions_can_be_asked_by_hand(first: Run) -> None:
    rows = {row.league_code: row for row in first.progress.leagues}
    answer = json.loads(first.asked[("league", "150100", "--json")])
    assert answer["as_of"] == PLAN_END
    assert int(answer["progress"]["private_enterprises_registered"]) == rows["150100"].private_enterprises_registered
    assert int(answer["progress"]["enterprises_two_star_or_above"]) == rows["150100"].enterprises_two_star_or_above
    assert sorted(r["year"] for r in answer["annual_reports"]) == [2021, 2022, 2023]
    assert all(c["league_code"] == "150100" for c in answer["chambers"]) and answer["chambers"]

    alxa = first.asked[("league", "152900")]
    assert alxa.startswith(f"阿拉善盟 (152900) as of {PLAN_END}")
    assert re.search(rf"private enterprises \(registry\) +{rows['152900'].private_enterprises_registered}\n", alxa)
    assert "annual reports" in alxa and "示例·阿拉善盟" in alxa

    enterprise = twice_evaluated()
    shown = first.asked[("enterprise", enterprise.uscc)]
    assert shown.startswith(f"{enterprise.name} (enterprises/{enterprise.uscc})")
    final = enterprise.evaluations[-1].total
    level = next(word for bar, word in ((950, "five"), (900, "four"), (800, "three"), (700, "two"), (0, "none")) if final >= bar)
    assert re.search(rf"brand level on {PLAN_END} +{level} \(valid, {final} points", shown)
    assert re.search(r"\n1 +\S+ +\d+ .* superseded ", shown) and re.search(r"\n2 +\S+ +\d+ .* current ", shown)
    for declaration in enterprise.declarations:
        assert declaration.number in shown

    standard = reviewed_standard()
    shown = first.asked[("standard", standard.number.replace("\u2014", "-"))]
    assert shown.startswith(f"{standard.title} ({standard.name})")
    assert re.search(rf"number +{standard.number}\n", shown) and "state         in force on 2023-12-31" in shown
    assert "technical review" in shown and "passed" in shown


def test_fedstd_up_on_the_demo_s_folder_serves_the_same_state(first: Run) -> None:
    argv = [sys.executable, "-m", "services.cli", "up", "--data-dir", str(first.data)]
    for service in ("registry", "assessment", "reporting"):
        argv += [f"--{service}-port", "0"]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output = Output(process)
        output.until("  reporting ")  # its port line
        progress, reports = query(first.data, output.ports()["reporting"])
        stop(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert progress == first.progress
    assert [(r.name, r.state, r.revision, r.figures) for r in reports] == [
        (r.name, r.state, r.revision, r.figures) for r in first.reports]


def test_two_runs_with_the_same_seed_give_the_same_figures(first: Run, tmp_path: Path) -> None:
    second = run_demo(tmp_path)
    assert second.progress == first.progress
    assert table(second.stdout) == table(first.stdout)
    assert [(r.name, r.state, r.revision, r.figures) for r in second.reports] == [
        (r.name, r.state, r.revision, r.figures) for r in first.reports]
    assert f"in {second.data / 'reports'}" in second.stdout  # the reports' default folder
