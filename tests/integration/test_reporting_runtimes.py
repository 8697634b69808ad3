"""The reporting service on both runtimes, over real gRPC: registry and assessment events put on the real
bus move the projection, "as of" answers equal a recomputation from the events, annual reports go
through their lifecycle with the right callers only, and a watch streams the changes.

Embedded: the reporting host over SQLite and the in-process bus. Distributed: `fedstd serve reporting`
as a process (its projector a faust app) over a Tansu broker and nx-27017. In both, the registry's and
assessment's events are appended to event stores named for those services and published by an
OutboxRelay, as those services would.
"""
from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import grpc
import pytest
from pymongo import MongoClient

from fedstd.reporting.v1 import events_pb2 as events
from fedstd.reporting.v1 import reporting_service_pb2 as api
from fedstd.reporting.v1 import reporting_service_pb2_grpc as api_grpc
from services.common.auth import Role, TokenIssuer
from services.common.bus import Bus
from services.common.bus.kafka import KafkaBus, KafkaSettings
from services.common.client import channel
from services.common.config import Settings
from services.common.eventstore import EventStore
from services.common.eventstore.mongo import MongoEventStore
from services.common.runtime import EmbeddedInfrastructure, ServiceHost
from services.reporting.policy import ReportingPolicy
from services.reporting.progress import ProgressReader
from tests.support.fedstd import FedstdService
from tests.support.refusals import refusal, violations
from tests.support.reporting import (
    REGION,
    STAR_FIGURES,
    EventLog,
    plan_days,
    recompute,
    relay_until_stopped,
    synthetic_programme,
)
from tests.support.servers import TansuBroker

HOHHOT, BAOTOU = "150100", "150200"
FIGURES = ("private_enterprises_registered", "private_enterprises_reported", "pilot_enterprises", "enterprises_evaluated",
           "enterprises_two_star_or_above", "self_declarations", "forerunners", "forerunner_participants",
           "pilot_chambers", "pilot_chambers_evaluated", "pilot_chambers_conforming", "group_standards_published",
           "group_standards_converted", "group_standards_translated", "leader_recommendations", "leaders_listed",
           "training_batches", "trainees", "annual_reports_submitted", "annual_reports_accepted", "annual_reports_late")
SOURCES = ("registry", "assessment")


@dataclass
class Runtime:
    name: str
    port: int
    issuer: TokenIssuer
    #: Appends the log's registry and assessment events to their services' event stores.
    append: Callable[[EventLog], None]

    def stub(self, role: Role, scope: str = "") -> api_grpc.ReportingServiceStub:
        return api_grpc.ReportingServiceStub(channel(f"127.0.0.1:{self.port}", self.issuer.issue(role, scope)))


def embedded_reporting(stack: ExitStack, data_dir: Path, issuer: TokenIssuer) -> tuple[ServiceHost, EmbeddedInfrastructure]:
    """The reporting service alone on the embedded runtime, stopped with `stack`."""
    infrastructure = EmbeddedInfrastructure(data_dir)
    stack.callback(infrastructure.close)
    settings = Settings(data_dir=data_dir, ports={"reporting": 0}, auth=issuer.settings())
    host = ServiceHost("reporting", infrastructure, settings).start()
    stack.callback(host.stop)
    return host, infrastructure


def relaying(stack: ExitStack, stores: dict[str, EventStore], bus: Bus) -> None:
    """Relays the source services' stores to `bus` (they have no relay of their own here) until `stack` closes."""
    stop = threading.Event()
    relay = threading.Thread(target=relay_until_stopped, args=(stores, bus, stop), daemon=True)
    relay.start()
    stack.callback(relay.join, 30)
    stack.callback(stop.set)


@pytest.fixture(params=["embedded", "distributed"])
def runtime(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Runtime]:
    issuer = TokenIssuer.generate()
    with ExitStack() as stack:
        if request.param == "embedded":
            host, infrastructure = embedded_reporting(stack, tmp_path / "data", issuer)
            stores = {service: infrastructure.event_store(service) for service in SOURCES}
            bus, port = infrastructure.bus, host.port
        else:
            mongo_uri = request.getfixturevalue("mongo_uri")
            prefix = f"rep{uuid.uuid4().hex[:8]}"
            broker = stack.enter_context(TansuBroker(tmp_path / "tansu"))
            service = stack.enter_context(FedstdService(tmp_path / "reporting", "reporting", broker.bootstrap, mongo_uri,
                                                        prefix, env=issuer.settings().environment()))
            client = MongoClient(mongo_uri)
            stack.callback(client.close)
            stores = {service_name: MongoEventStore(client, f"{prefix}_{service_name}_events") for service_name in SOURCES}
            bus = KafkaBus(KafkaSettings(broker.bootstrap, request_timeout_ms=3000))
            stack.callback(bus.close)
            port = service.port
        relaying(stack, stores, bus)

        def append(log: EventLog) -> None:
            for service_name in SOURCES:
                log.append_to(service_name, stores[service_name])

        yield Runtime(request.param, port, issuer, append)


def row_figures(row: api.LeagueProgress) -> dict[str, int]:
    figures = {name: getattr(row, name) for name in FIGURES}
    figures.update({star: getattr(row.star_levels, star.removeprefix("star_")) for star in STAR_FIGURES.values()})
    return {name: value for name, value in figures.items() if value}


def progress_figures(progress: api.FederationProgress) -> dict[str, dict[str, int]]:
    rows = {row.league_code: row_figures(row) for row in [*progress.leagues, progress.total]}
    return {code: figures for code, figures in rows.items() if figures}


def expected_figures(log: EventLog, day: date, leagues: list[str]) -> dict[str, dict[str, int]]:
    recomputed = recompute(log, day)
    rows = {code: {name: value for name, value in recomputed[code].items() if value and (name in FIGURES or name.startswith("star_"))}
            for code in [*leagues, REGION]}
    return {code: figures for code, figures in rows.items() if figures}


def wait_for(read: Callable[[], object], expected: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while (seen := read()) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still {seen!r}, expected {expected!r}")
        time.sleep(0.2)


def eventually(call: Callable[[], object], timeout: float = 60) -> object:
    """Retries a read-your-writes read while the projector starts (a consumer group takes a while to join)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return call()
        except grpc.RpcError as exc:
            if exc.code() != grpc.StatusCode.DEADLINE_EXCEEDED or time.monotonic() > deadline:
                raise


def test_events_move_the_projection_and_as_of_answers_equal_a_recomputation(runtime: Runtime) -> None:
    reader = runtime.stub(Role.PARTNER)
    leagues = [row.league_code for row in reader.GetFederationProgress(api.GetFederationProgressRequest()).leagues]
    log = synthetic_programme(seed=11, enterprises=40)
    for event in [e for e in log.events if e.service == "reporting"]:
        log.events.remove(event)  # reports come through the API below

    before = reader.GetFederationProgress(api.GetFederationProgressRequest(as_of="2023-12-31"))
    assert before.total.private_enterprises_registered == 0 and before.total.enterprises_evaluated == 0
    runtime.append(log)

    end = date(2025, 1, 1)
    wait_for(lambda: progress_figures(reader.GetFederationProgress(api.GetFederationProgressRequest(as_of=end.isoformat()))),
             expected_figures(log, end, leagues), 120, "the projection catching up")
    days = list(plan_days())
    for day in days if runtime.name == "embedded" else days[::3]:  # the MongoDB-protocol test server is slow
        progress = reader.GetFederationProgress(api.GetFederationProgressRequest(
            as_of=day.isoformat(), view=api.FEDERATION_PROGRESS_VIEW_BASIC))
        assert progress.as_of == day.isoformat()
        assert progress_figures(progress) == expected_figures(log, day, leagues), day


def test_annual_reports_only_by_their_league_accepted_or_returned_by_the_region(runtime: Runtime) -> None:
    hohhot, region, partner = runtime.stub(Role.LEAGUE, HOHHOT), runtime.stub(Role.REGION), runtime.stub(Role.PARTNER)
    figures = events.ReportFigures(private_enterprises=30, trainees=4)
    submit = api.SubmitAnnualReportRequest(league_code=BAOTOU, year=2023, figures=figures, narrative="not ours")

    for caller, request in ((hohhot, submit), (region, submit),
                            (region, api.SubmitAnnualReportRequest(league_code=HOHHOT, year=2023, figures=figures))):
        with pytest.raises(grpc.RpcError) as denied:
            caller.SubmitAnnualReport(request)
        assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED

    report = hohhot.SubmitAnnualReport(api.SubmitAnnualReportRequest(league_code=HOHHOT, year=2023, figures=figures,
                                                                     narrative="第一版"))
    assert (report.name, report.state, report.revision, report.due_on, report.late) == (
        "leagues/150100/annualReports/2023", api.ANNUAL_REPORT_STATE_SUBMITTED, 1, "2023-10-31", True)
    with pytest.raises(grpc.RpcError) as not_theirs:
        hohhot.AcceptAnnualReport(api.AcceptAnnualReportRequest(name=report.name))
    assert not_theirs.value.code() == grpc.StatusCode.PERMISSION_DENIED
    with pytest.raises(grpc.RpcError) as bad:
        region.ReturnAnnualReport(api.ReturnAnnualReportRequest(name=report.name, issues=[
            events.ReportIssue(figure="nonsense", description="")]))
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT

    returned = region.ReturnAnnualReport(api.ReturnAnnualReportRequest(name=report.name, issues=[
        events.ReportIssue(figure="trainees", description="培训人次有误")]))
    assert returned.state == api.ANNUAL_REPORT_STATE_RETURNED and returned.issues[0].figure == "trainees"
    with pytest.raises(grpc.RpcError) as not_returned_twice:
        region.AcceptAnnualReport(api.AcceptAnnualReportRequest(name=report.name))
    assert not_returned_twice.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    figures.trainees = 6
    resubmitted = hohhot.ResubmitAnnualReport(api.ResubmitAnnualReportRequest(name=report.name, figures=figures,
                                                                              narrative="第二版"))
    assert (resubmitted.revision, resubmitted.figures.trainees) == (2, 6)
    accepted = region.AcceptAnnualReport(api.AcceptAnnualReportRequest(name=report.name, remarks="采纳"))
    assert (accepted.state, accepted.version) == (api.ANNUAL_REPORT_STATE_ACCEPTED, 4)

    read = eventually(lambda: partner.GetAnnualReport(api.GetAnnualReportRequest(name=report.name,
                                                                                 min_version=accepted.version)))
    assert (read.state, read.revision, read.narrative, read.remarks) == (api.ANNUAL_REPORT_STATE_ACCEPTED, 2, "第二版", "采纳")
    assert read.issues[0].description == "培训人次有误" and read.submitted_late
    listed = partner.ListAnnualReports(api.ListAnnualReportsRequest(state=api.ANNUAL_REPORT_STATE_ACCEPTED))
    assert [r.name for r in listed.annual_reports] == [report.name]

    check = partner.GetReportCrossCheck(api.GetReportCrossCheckRequest(name=f"{report.name}/crossCheck"))
    lines = {line.figure: line for line in check.figures}
    assert (check.as_of, check.revision) == ("2023-12-31", 2)
    assert (lines["trainees"].reported, lines["trainees"].derived, lines["trainees"].differs) == (6, 0, True)
    assert lines["funds_yuan"].derivable is False and lines["funds_yuan"].differs is False
    assert check.differing_figures == sum(line.differs for line in check.figures) >= 2


def test_a_watch_pushes_each_change_of_the_projection(runtime: Runtime) -> None:
    partner = runtime.stub(Role.PARTNER)
    stream = partner.WatchFederationProgress(api.WatchFederationProgressRequest(as_of="2023-12-31"))
    try:
        first = next(stream)
        assert first.view == api.FEDERATION_PROGRESS_VIEW_BASIC and first.total.enterprises_evaluated == 0
        log = EventLog()
        enterprise = log.enterprise("91150100000000001X", HOHHOT, date(2022, 1, 1))
        log.evaluation(enterprise, 1, HOHHOT, date(2022, 6, 1), 905, date(2025, 5, 31))
        runtime.append(log)
        changed = next(stream)
        while changed.total.enterprises_two_star_or_above == 0:  # the enterprise may arrive first
            changed = next(stream)
        hohhot = next(row for row in changed.leagues if row.league_code == HOHHOT)
        assert (hohhot.enterprises_two_star_or_above, hohhot.star_levels.four) == (1, 1)
    finally:
        stream.cancel()


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[Runtime]:
    issuer = TokenIssuer.generate()
    with ExitStack() as stack:
        host, _ = embedded_reporting(stack, tmp_path / "data", issuer)
        yield Runtime("embedded", host.port, issuer, append=lambda log: None)



def test_bad_input_is_reported_field_by_field(embedded: Runtime) -> None:
    hohhot, region = embedded.stub(Role.LEAGUE, HOHHOT), embedded.stub(Role.REGION)
    assert set(violations(lambda: hohhot.SubmitAnnualReport(api.SubmitAnnualReportRequest(
        league_code="150101", year=2020, figures=events.ReportFigures(trainees=-1), narrative="x" * 20_001)))) == {
        "league_code", "year", "figures.trainees", "narrative"}
    assert set(violations(lambda: region.ReturnAnnualReport(api.ReturnAnnualReportRequest(name="leagues/1/x")))) == {
        "name", "issues"}
    assert set(violations(lambda: region.GetFederationProgress(api.GetFederationProgressRequest(
        as_of="2023-02-30", view=7)))) == {"as_of", "view"}
    assert set(violations(lambda: region.ListAnnualReports(api.ListAnnualReportsRequest(
        league_code="999999", year=1999, state=9)))) == {"league_code", "year", "state"}
    assert set(violations(lambda: region.GetReportCrossCheck(api.GetReportCrossCheckRequest(
        name="leagues/150100/annualReports/2023")))) == {"name"}
    assert set(violations(lambda: region.GetBrandDevelopmentReport(api.GetBrandDevelopmentReportRequest(year=2030)))) == {
        "year"}
    with pytest.raises(grpc.RpcError) as missing:
        region.AcceptAnnualReport(api.AcceptAnnualReportRequest(name="leagues/150100/annualReports/2021"))
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND



def test_steps_recorded_afterwards_carry_their_dates(embedded: Runtime) -> None:
    """Reports handed in on paper are recorded later with the day of each step: lateness, the
    resubmission deadline and the "as of" figures follow those days, not the day of recording."""
    hohhot, region = embedded.stub(Role.LEAGUE, HOHHOT), embedded.stub(Role.REGION)
    figures = events.ReportFigures(private_enterprises=30)
    assert set(violations(lambda: hohhot.SubmitAnnualReport(api.SubmitAnnualReportRequest(
        league_code=HOHHOT, year=2022, figures=figures, submitted_on="2021-12-31")))) == {"submitted_on"}
    assert set(violations(lambda: hohhot.SubmitAnnualReport(api.SubmitAnnualReportRequest(
        league_code=HOHHOT, year=2022, figures=figures, submitted_on="2999-01-01")))) == {"submitted_on"}
    assert set(violations(lambda: hohhot.SubmitAnnualReport(api.SubmitAnnualReportRequest(
        league_code=HOHHOT, year=2022, figures=figures, submitted_on="2023/02/03")))) == {"submitted_on"}

    report = hohhot.SubmitAnnualReport(api.SubmitAnnualReportRequest(
        league_code=HOHHOT, year=2022, figures=figures, submitted_on="2023-02-03"))
    assert (report.due_on, report.late, report.submitted_at.ToDatetime().date()) == ("2023-01-31", True, date(2023, 2, 3))
    early = refusal(lambda: region.ReturnAnnualReport(api.ReturnAnnualReportRequest(
        name=report.name, issues=[events.ReportIssue(description="请核实")], returned_on="2023-02-02")))
    assert early[:2] == (grpc.StatusCode.FAILED_PRECONDITION, "DATE_BEFORE_PREVIOUS_STEP")
    returned = region.ReturnAnnualReport(api.ReturnAnnualReportRequest(
        name=report.name, issues=[events.ReportIssue(description="请核实")], returned_on="2023-02-10"))
    assert returned.resubmit_by == "2023-02-25"
    resubmitted = hohhot.ResubmitAnnualReport(api.ResubmitAnnualReportRequest(
        name=report.name, figures=figures, submitted_on="2023-02-20"))
    assert (resubmitted.revision, resubmitted.due_on, resubmitted.late) == (2, "2023-02-25", False)
    accepted = region.AcceptAnnualReport(api.AcceptAnnualReportRequest(name=report.name, accepted_on="2023-03-01"))
    assert accepted.accepted_at.ToDatetime().date() == date(2023, 3, 1)

    def reports_submitted(day: str) -> int:
        progress = region.GetFederationProgress(api.GetFederationProgressRequest(as_of=day))
        return next(row for row in progress.leagues if row.league_code == HOHHOT).annual_reports_submitted

    region.GetAnnualReport(api.GetAnnualReportRequest(name=report.name, min_version=accepted.version))
    assert (reports_submitted("2023-02-02"), reports_submitted("2023-02-03")) == (0, 1)


def test_lists_page_and_partners_read_only_their_leagues(embedded: Runtime) -> None:
    for league in (HOHHOT, BAOTOU, "150300"):
        embedded.stub(Role.LEAGUE, league).SubmitAnnualReport(api.SubmitAnnualReportRequest(
            league_code=league, year=2022, figures=events.ReportFigures(private_enterprises=10)))
    region = embedded.stub(Role.REGION)
    deadline = time.monotonic() + 30
    while len(region.ListAnnualReports(api.ListAnnualReportsRequest()).annual_reports) < 3:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    first = region.ListAnnualReports(api.ListAnnualReportsRequest(year=2022, page_size=2))
    second = region.ListAnnualReports(api.ListAnnualReportsRequest(year=2022, page_size=2, page_token=first.next_page_token))
    assert [r.league_code for r in [*first.annual_reports, *second.annual_reports]] == [HOHHOT, BAOTOU, "150300"]
    assert second.next_page_token == ""

    partner = api_grpc.ReportingServiceStub(channel(f"127.0.0.1:{embedded.port}",
                                                    embedded.issuer.issue(Role.PARTNER, leagues=(BAOTOU,))))
    assert [r.league_code for r in partner.ListAnnualReports(api.ListAnnualReportsRequest()).annual_reports] == [BAOTOU]
    with pytest.raises(grpc.RpcError) as denied:
        partner.GetAnnualReport(api.GetAnnualReportRequest(name="leagues/150100/annualReports/2022"))
    assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
    progress = partner.GetFederationProgress(api.GetFederationProgressRequest())
    assert [row.league_code for row in progress.leagues] == [BAOTOU]
    assert progress.total.annual_reports_submitted == 3
    with pytest.raises(grpc.RpcError) as anonymous:
        api_grpc.ReportingServiceStub(channel(f"127.0.0.1:{embedded.port}", None)).GetFederationProgress(
            api.GetFederationProgressRequest())
    assert anonymous.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_the_totals_equal_a_count_over_the_documents_on_random_days(tmp_path: Path) -> None:
    """The embedded suite's answers (in-memory totals following the read model) against the brute force: a
    count over the documents, made through a store of its own on the same file."""
    issuer = TokenIssuer.generate()
    with ExitStack() as stack:
        host, infrastructure = embedded_reporting(stack, tmp_path / "data", issuer)
        stores = {service: infrastructure.event_store(service) for service in SOURCES}
        relaying(stack, stores, infrastructure.bus)
        reader = Runtime("embedded", host.port, issuer, lambda log: None).stub(Role.REGION)
        leagues = [row.league_code for row in reader.GetFederationProgress(api.GetFederationProgressRequest()).leagues]
        log = synthetic_programme(seed=23, enterprises=50)
        log.events[:] = [event for event in log.events if event.service in SOURCES]  # no reports: those come by API
        for service in SOURCES:
            log.append_to(service, stores[service])
        end = date(2025, 1, 1)
        wait_for(lambda: progress_figures(reader.GetFederationProgress(api.GetFederationProgressRequest(as_of=end.isoformat()))),
                 expected_figures(log, end, leagues), 120, "the projection catching up")
        docs = infrastructure.documents("reporting")
        stack.callback(docs.close)
        brute_force = ProgressReader(docs, ReportingPolicy())
        rng = random.Random(23)
        for day in [date(2021, 1, 1) + timedelta(days=rng.randint(0, 4 * 365)) for _ in range(25)]:
            answer = reader.GetFederationProgress(api.GetFederationProgressRequest(as_of=day.isoformat()))
            counted_leagues, counted_total = brute_force.rows(brute_force.counted(day), lambda code: True)
            counted = api.FederationProgress(leagues=counted_leagues, total=counted_total)
            assert progress_figures(answer) == progress_figures(counted), day


def test_the_totals_are_loaded_in_the_background_once_the_service_serves(tmp_path: Path) -> None:
    """A restart over a history: the first caller need not load the totals; the service loads them by itself."""
    issuer = TokenIssuer.generate()
    with ExitStack() as stack:
        host, infrastructure = embedded_reporting(stack, tmp_path / "data", issuer)
        stores = {service: infrastructure.event_store(service) for service in SOURCES}
        relaying(stack, stores, infrastructure.bus)
        log = synthetic_programme(seed=5, enterprises=20)
        log.events[:] = [event for event in log.events if event.service in SOURCES]
        for service in SOURCES:
            log.append_to(service, stores[service])
        reader = Runtime("embedded", host.port, issuer, lambda log: None).stub(Role.REGION)
        end = date(2025, 1, 1)
        wait_for(lambda: progress_figures(reader.GetFederationProgress(api.GetFederationProgressRequest(as_of=end.isoformat()))),
                 expected_figures(log, end, leagues := [row.league_code for row in reader.GetFederationProgress(
                     api.GetFederationProgressRequest()).leagues]), 120, "the projection catching up")
    with ExitStack() as stack:
        restarted, _ = embedded_reporting(stack, tmp_path / "data", issuer)
        totals = restarted.definition.warm_up.__self__
        wait_for(lambda: totals.watermark is not None, True, 60, "the totals loading without a query")
        reader = Runtime("embedded", restarted.port, issuer, lambda log: None).stub(Role.REGION)
        assert progress_figures(reader.GetFederationProgress(api.GetFederationProgressRequest(as_of=end.isoformat()))) \
            == expected_figures(log, end, leagues)
