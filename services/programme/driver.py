"""Plays a synthetic programme against a running suite, only through its public gRPC APIs.

Each actor calls with its own token: the region federation, every league federation, every chamber
and every evaluation body. The plan is played year by year in the order its dates require (a
standard is published before a scheme draws on it, declarations are disclosed before they are
ranked); within a step, the independent calls (one chain per enterprise, standard, chamber, ...)
run many at once from a thread pool. Every command carries the date the programme gives it.

Commands that reach a service before its read model has caught up with another service's events
are retried: ABORTED (a concurrent write) and DEADLINE_EXCEEDED (a read-your-writes wait that ran
out) leave nothing behind, so a retry is safe.
"""
from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import grpc
from google.protobuf.message import Message

from fedstd.assessment.v1 import assessment_service_pb2 as assessment
from fedstd.assessment.v1 import assessment_service_pb2_grpc as assessment_grpc
from fedstd.assessment.v1 import events_pb2 as assessment_events
from fedstd.registry.v1 import events_pb2 as registry_events
from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.reporting.v1 import events_pb2 as reporting_events
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from services.common import divisions
from services.common.auth import Role, TokenIssuer
from services.common.client import channel
from services.programme.bars import Bar, ProgressBars
from services.programme.synthetic import (
    FEDERATIONS_REGISTERED,
    PLAN_END,
    PLAN_YEARS,
    REGION,
    SYNTHETIC,
    ChamberSpec,
    EnterpriseSpec,
    GroupStandardSpec,
    KeyField,
    LeaderRound,
    Programme,
    ReportPlan,
    Step,
    TrainingBatchSpec,
    brand_scores,
    forerunner_evaluator,
    participants,
    scheme_calendar,
)

T = TypeVar("T")
M = TypeVar("M", bound=Message)
WORKERS = 16
CALL_TIMEOUT_S = 120.0
RETRIED = (grpc.StatusCode.ABORTED, grpc.StatusCode.DEADLINE_EXCEEDED)
ATTEMPTS = 10
#: At most this many trainees per call (the registry's limit per request).
TRAINEES_PER_CALL = 500
#: How long the read models may take to reflect the last events (a minute, and more for a larger
#: programme), and the polls without change that show the progress projection has.
PATIENCE_S = 60.0
PATIENCE_PER_ENTERPRISE_S = 0.01
SETTLE_QUIET_POLLS = 3
#: Report figures read from the progress under another name; the rest share the progress's names,
#: except those the programme itself knows (group standards by stage) and those only reported.
PROGRESS_NAMES = {"private_enterprises": "private_enterprises_registered",
                  "evaluated_enterprises": "enterprises_evaluated",
                  "two_star_or_above_enterprises": "enterprises_two_star_or_above"}
PROGRAMME_FIGURES = ("group_standards_in_development", "group_standards_under_review", "group_standards_abolished")
REPORTED_ONLY = ("funds_yuan", "awards")
#: Figures the settled projection must show exactly as the programme made them (none depends on a policy).
SETTLED_FIGURES = ("private_enterprises_registered", "pilot_enterprises", "enterprises_evaluated", "self_declarations",
                   "training_batches", "trainees", "group_standards_published", "pilot_chambers")


class ProgrammeError(RuntimeError):
    """A call the programme needs was refused: the programme and the suite disagree."""


def call(method: Callable[..., M], request: Message, timeout: float = CALL_TIMEOUT_S) -> M:
    """One unary call; retried while the suite says it is safe to retry."""
    for attempt in range(ATTEMPTS):
        try:
            return method(request, timeout=timeout)
        except grpc.RpcError as exc:
            if exc.code() in RETRIED and attempt + 1 < ATTEMPTS:
                time.sleep(min(2.0, 0.05 * 2 ** attempt))
                continue
            what = type(request).__name__.removesuffix("Request")
            raise ProgrammeError(f"{what} failed: {exc.code().name}: {exc.details()}") from None
    raise AssertionError("unreachable")


def _page_all(method: Callable[..., Any], request: Message, field_name: str) -> list:
    """Every item of a paged list."""
    items = []
    while True:
        response = call(method, request)
        items.extend(getattr(response, field_name))
        if not response.next_page_token:
            return items
        request.page_token = response.next_page_token


class Actors:
    """A channel per caller and service, made on first use: each actor calls with its own token."""

    def __init__(self, host: str, ports: dict[str, int], issuer: TokenIssuer):
        self.host = host
        self.ports = ports
        self.issuer = issuer
        self._channels: dict[tuple[str, Role, str], grpc.Channel] = {}
        self._lock = threading.Lock()

    def _channel(self, service: str, role: Role, scope: str) -> grpc.Channel:
        key = (service, role, scope)
        with self._lock:
            if key not in self._channels:
                self._channels[key] = channel(f"{self.host}:{self.ports[service]}", self.issuer.issue(role, scope))
            return self._channels[key]

    def registry(self, role: Role = Role.REGION, scope: str = "") -> registry_grpc.RegistryServiceStub:
        return registry_grpc.RegistryServiceStub(self._channel("registry", role, scope))

    def assessment(self, role: Role = Role.REGION, scope: str = "") -> assessment_grpc.AssessmentServiceStub:
        return assessment_grpc.AssessmentServiceStub(self._channel("assessment", role, scope))

    def reporting(self, role: Role = Role.REGION, scope: str = "") -> reporting_grpc.ReportingServiceStub:
        return reporting_grpc.ReportingServiceStub(self._channel("reporting", role, scope))

    def league(self, league_code: str) -> registry_grpc.RegistryServiceStub:
        """The league federation's registry client; the region acts for its own (150000) resources."""
        return self.registry(Role.LEAGUE, league_code) if league_code != REGION else self.registry()

    def wait_ready(self, timeout: float = 30.0) -> None:
        for service in ("registry", "assessment", "reporting"):
            grpc.channel_ready_future(self._channel(service, Role.REGION, "")).result(timeout=timeout)

    def close(self) -> None:
        with self._lock:
            for open_channel in self._channels.values():
                open_channel.close()
            self._channels.clear()


@dataclass
class Outcome:
    """What the programme left behind, read back from the suite at the end."""

    progress: reporting.FederationProgress
    reports: list[reporting.AnnualReport]
    report_files: list[Path] = field(default_factory=list)


class Driver:
    def __init__(self, actors: Actors, programme: Programme, bars: ProgressBars, workers: int = WORKERS):
        self.actors = actors
        self.programme = programme
        self.bars = bars
        self.workers = workers
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="programme")
        #: The latest registry version seen per group standard (read-your-writes for assessment).
        self.standard_versions: dict[str, int] = {}
        self.patience = PATIENCE_S + PATIENCE_PER_ENTERPRISE_S * len(programme.enterprises)

    # ------------------------------------------------------------------ plumbing

    def parallel(self, label: str, items: Sequence[T], action: Callable[[T], None]) -> None:
        """Runs `action` for every item, many at once, with a progress bar; the first failure stops it."""
        if not items:
            return
        bar = self.bars.bar(label, len(items))
        pending: set[Future] = set()
        try:
            for item in items:
                pending.add(self.pool.submit(action, item))
                if len(pending) >= 4 * self.workers:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    self._finished(done, bar)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                self._finished(done, bar)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
        bar.finish()

    @staticmethod
    def _finished(done: Iterable[Future], bar: Bar) -> None:
        for future in done:
            future.result()
            bar.advance()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    # ------------------------------------------------------------------ the programme

    def run(self) -> None:
        self.launch()
        for year in PLAN_YEARS:
            self.year(year)
        self.settle()
        self.annual_reports()

    def launch(self) -> None:
        """工作启动阶段 (2021-09): the three levels of federations and the standardization work committee."""
        region = self.actors.registry()
        leagues = [league.code for league in self.programme.leagues]
        counties = [county for league in self.programme.leagues for county in league.counties]
        for label, codes, day in (("federations: region", [REGION], FEDERATIONS_REGISTERED[0]),
                                  ("federations: leagues", leagues, FEDERATIONS_REGISTERED[1]),
                                  ("federations: banners/counties", counties, FEDERATIONS_REGISTERED[2])):
            self.parallel(label, codes, lambda code, day=day: call(region.RegisterFederation, registry.RegisterFederationRequest(
                division_code=code, registered_on=day.isoformat())))
        self.parallel("committee members", self.programme.committee, lambda m: call(
            region.AppointCommitteeMember, registry.AppointCommitteeMemberRequest(
                member_id=m.member_id, person_name=m.person_name, organisation=m.organisation, group=m.group,
                appointed_on=m.appointed_on.isoformat())))

    def year(self, year: int) -> None:
        chambers = self.programme.chambers
        self.parallel(f"{year} chambers registered", [c for c in chambers if c.registered_on.year == year], self.register_chamber)
        self.parallel(f"{year} pilot chambers", [c for c in chambers if c.pilot_on
                                                 and year in (c.pilot_on.year, c.commitment_on.year, c.platform_on.year)],
                      lambda c: self.pilot_chamber(c, year))
        self.parallel(f"{year} group standards", [s for s in self.programme.standards if any(t.on.year == year for t in s.steps)],
                      lambda s: self.standard_steps(s, year))
        self.parallel(f"{year} enterprises (registry)", [e for e in self.programme.enterprises if _registry_dates(e, year)],
                      lambda e: self.enterprise_registry(e, year))
        self.parallel(f"{year} forerunner schemes", [k for k in self.programme.key_fields if k.year == year], self.forerunner)
        self.parallel(f"{year} brand evaluations", [e for e in self.programme.enterprises
                                                    if any(year in _evaluation_years(v) for v in e.evaluations)],
                      lambda e: self.brand_evaluations(e, year))
        for leader_round in self.programme.leader_rounds:
            if leader_round.year == year:
                self.leaders(leader_round)
        self.parallel(f"{year} training batches", [b for b in self.programme.training if b.held_on.year == year], self.training)
        removed = [m for m in self.programme.committee if m.removed_on and m.removed_on.year == year]
        self.parallel(f"{year} committee changes", removed, lambda m: call(
            self.actors.registry().RemoveCommitteeMember, registry.RemoveCommitteeMemberRequest(
                name=f"committee/members/{m.member_id}", removed_on=m.removed_on.isoformat(), reason="工作调动" + SYNTHETIC)))

    # ------------------------------------------------------------------ chambers and group standards

    def register_chamber(self, chamber: ChamberSpec) -> None:
        call(self.actors.league(chamber.league_code).RegisterChamber, registry.RegisterChamberRequest(
            org_code=chamber.org_code, display_name=chamber.name, federation=chamber.federation,
            plan_sectors=chamber.plan_sectors, registered_on=chamber.registered_on.isoformat()))

    def pilot_chamber(self, chamber: ChamberSpec, year: int) -> None:
        """The region selects the pilot; the chamber declares its commitment and registers on the platform."""
        name = f"chambers/{chamber.org_code}"
        own = self.actors.registry(Role.CHAMBER, chamber.org_code)
        if chamber.pilot_on.year == year:
            call(self.actors.registry().SelectChamberAsPilot, registry.SelectChamberAsPilotRequest(
                name=name, year=year, selected_on=chamber.pilot_on.isoformat()))
        if chamber.commitment_on.year == year:
            call(own.DeclareChamberCommitment, registry.DeclareChamberCommitmentRequest(
                name=name, declared_on=chamber.commitment_on.isoformat(),
                statement="本商会承诺遵守团体标准化良好行为要求，对所发布团体标准的合规性负责" + SYNTHETIC))
        if chamber.platform_on.year == year:
            call(own.RegisterChamberOnPlatform, registry.RegisterChamberOnPlatformRequest(
                name=name, registered_on=chamber.platform_on.isoformat(), platform_account=f"ttbz-{chamber.org_code.lower()}"))

    def standard_steps(self, standard: GroupStandardSpec, year: int) -> None:
        """The standard's steps dated in the year, in date order: the chamber's, and the region's decisions."""
        chamber = self.actors.registry(Role.CHAMBER, standard.org_code)
        region = self.actors.registry()
        name = standard.name
        for step in standard.steps:
            if step.on.year != year:
                continue
            on = step.on.isoformat()
            answer = self._standard_step(standard, step, on, chamber, region)
            self.standard_versions[name] = max(self.standard_versions.get(name, 0), answer.version)

    def _standard_step(self, standard: GroupStandardSpec, step: Step, on: str, chamber: registry_grpc.RegistryServiceStub,
                       region: registry_grpc.RegistryServiceStub) -> Message:
        name = standard.name
        match step.action:
            case "propose":
                return call(chamber.ProposeGroupStandard, registry.ProposeGroupStandardRequest(
                    parent=f"chambers/{standard.org_code}", standard_id=standard.standard_id, title=standard.title,
                    scope=standard.scope, plan_sectors=standard.plan_sectors, proposed_on=on,
                    forerunner_year=standard.forerunner_year, forerunner_key_field=standard.key_field))
            case "approve_for_drafting":
                return call(chamber.ApproveGroupStandardForDrafting, registry.ApproveGroupStandardForDraftingRequest(
                    name=name, approved_on=on))
            case "start_drafting":
                return call(chamber.StartGroupStandardDrafting, registry.StartGroupStandardDraftingRequest(
                    name=name, started_on=on, drafting_units=step.args[0]))
            case "open_comment":
                return call(chamber.OpenGroupStandardComment, registry.OpenGroupStandardCommentRequest(
                    name=name, opened_on=on, closes_on=step.args[0].isoformat()))
            case "review":
                comments, votes_for, votes_cast = step.args
                return call(chamber.ReviewGroupStandard, registry.ReviewGroupStandardRequest(
                    name=name, reviewed_on=on, comments_received=comments, votes_for=votes_for, votes_cast=votes_cast))
            case "approve":
                return call(chamber.ApproveGroupStandard, registry.ApproveGroupStandardRequest(name=name, approved_on=on))
            case "publish":
                sequence, effective_on = step.args
                return call(chamber.PublishGroupStandard, registry.PublishGroupStandardRequest(
                    name=name, sequence=sequence, sequence_digits=3, published_on=on, effective_on=effective_on.isoformat()))
            case "translate":
                language, translator = step.args
                return call(chamber.RecordGroupStandardTranslation, registry.RecordGroupStandardTranslationRequest(
                    name=name, language=language, translator=translator, published_on=on))
            case "request_conversion":
                request_id, level = step.args
                return call(chamber.RequestGroupStandardConversion, registry.RequestGroupStandardConversionRequest(
                    name=name, request_id=request_id, target_level=level, requested_on=on))
            case "decide_conversion":
                request_id, accepted, outcome = step.args
                return call(region.DecideGroupStandardConversion, registry.DecideGroupStandardConversionRequest(
                    name=name, request_id=request_id, accepted=accepted, decided_on=on,
                    converted_number=outcome if accepted else "", reason="" if accepted else outcome))
            case "start_review":
                return call(chamber.StartGroupStandardPeriodicReview, registry.StartGroupStandardPeriodicReviewRequest(
                    name=name, started_on=on))
            case "conclude_review":
                outcome, report = step.args
                return call(chamber.ConcludeGroupStandardPeriodicReview, registry.ConcludeGroupStandardPeriodicReviewRequest(
                    name=name, outcome=outcome, concluded_on=on, report=report))
            case "abolish":
                return call(chamber.AbolishGroupStandard, registry.AbolishGroupStandardRequest(
                    name=name, abolished_on=on, reason=step.args[0]))
            case "recommend_leader":
                return call(region.RecommendLeader, registry.RecommendLeaderRequest(
                    group_standard=name, year=step.args[0], recommended_on=on))
        raise ValueError(f"unknown step {step.action!r}")

    # ------------------------------------------------------------------ enterprises

    def enterprise_registry(self, enterprise: EnterpriseSpec, year: int) -> None:
        """The league federation's steps for one enterprise in the year, in date order."""
        league = self.actors.league(enterprise.league_code)
        name = enterprise.name_ref
        for on, action, detail in sorted(_registry_dates(enterprise, year), key=lambda item: (item[0], item[1])):
            day = on.isoformat()
            if action == "0-register":
                call(league.RegisterEnterprise, registry.RegisterEnterpriseRequest(
                    uscc=enterprise.uscc, display_name=enterprise.name, division_code=enterprise.division_code,
                    is_private=enterprise.is_private, industry_section=enterprise.section,
                    industry_division=enterprise.industry_division, plan_sectors=enterprise.plan_sectors,
                    size_class=enterprise.size_class, registered_on=day))
            elif action == "1-join":
                call(league.JoinChamber, registry.JoinChamberRequest(name=name, chamber=f"chambers/{enterprise.chamber}",
                                                                     joined_on=day))
            elif action == "2-enrol":
                call(league.EnrolInBrandPilot, registry.EnrolInBrandPilotRequest(name=name, year=on.year, enrolled_on=day))
            elif action == "3-withdraw-pilot":
                call(league.WithdrawFromBrandPilot, registry.WithdrawFromBrandPilotRequest(
                    name=name, withdrawn_on=day, reason="企业经营调整，自愿退出" + SYNTHETIC))
            elif action == "4-declare":
                call(league.DeclareStandard, registry.DeclareStandardRequest(
                    parent=name, declaration_id=detail.declaration_id, content=_content(enterprise, detail), disclosed_on=day))
            elif action == "5-withdraw-declaration":
                call(league.WithdrawSelfDeclaration, registry.WithdrawSelfDeclarationRequest(
                    name=f"{name}/declarations/{detail.declaration_id}", withdrawn_on=day, reason="产品停产" + SYNTHETIC))

    def brand_evaluations(self, enterprise: EnterpriseSpec, year: int) -> None:
        """The evaluation bodies' evaluations (and revocations) of one enterprise in the year."""
        for n, evaluation in enumerate(enterprise.evaluations, start=1):
            body = self.actors.assessment(Role.EVALUATOR, evaluation.evaluator)
            if evaluation.evaluated_on.year == year:
                capability, quality, reputation, culture, influence = brand_scores(evaluation.total)
                call(body.RecordBrandEvaluation, assessment.RecordBrandEvaluationRequest(
                    uscc=enterprise.uscc, evaluator=f"evaluators/{evaluation.evaluator}",
                    scores=assessment_events.BrandScores(capability=capability, quality=quality, reputation=reputation,
                                                         culture=culture, influence=influence),
                    evaluated_on=evaluation.evaluated_on.isoformat(), enterprise_version=1))
            if evaluation.revoked_on and evaluation.revoked_on.year == year:
                call(body.RevokeAssessment, assessment.RevokeAssessmentRequest(
                    name=f"{enterprise.name_ref}/brandEvaluations/{n}", revoked_on=evaluation.revoked_on.isoformat(),
                    reason="监督抽查发现产品质量问题，撤销星级" + SYNTHETIC))

    # ------------------------------------------------------------------ forerunners and leaders

    def forerunner(self, key_field: KeyField) -> None:
        """The key field's scheme from publication to the final list (and, in the final year, one
        dynamic adjustment): ranking, shortlist, commitment letters, public notice."""
        standard = next(s for s in self.programme.standards
                        if (s.forerunner_year, s.key_field) == (key_field.year, key_field.name))
        calendar = scheme_calendar(key_field.year, standard.published_on)
        evaluator = forerunner_evaluator(key_field.org_code)
        body = self.actors.assessment(Role.EVALUATOR, evaluator)
        scheme = f"forerunnerSchemes/{key_field.scheme_id}"
        kind, value = key_field.rule
        published = call(body.PublishForerunnerScheme, assessment.PublishForerunnerSchemeRequest(
            scheme_id=key_field.scheme_id, year=key_field.year, key_field=key_field.name, group_standard=standard.name,
            evaluator=f"evaluators/{evaluator}", published_on=calendar.published_on.isoformat(),
            core_indicators=[assessment_events.CoreIndicator(
                name=i.name, unit=i.unit, weight=i.weight,
                direction=(assessment_events.INDICATOR_DIRECTION_HIGHER_IS_BETTER if i.higher_is_better
                           else assessment_events.INDICATOR_DIRECTION_LOWER_IS_BETTER)) for i in key_field.indicators],
            selection_rule=assessment_events.SelectionRule(**{kind: value}),
            group_standard_version=self.standard_versions[standard.name]))
        call(body.GetForerunnerScheme, assessment.GetForerunnerSchemeRequest(name=scheme, min_version=published.version))
        self._wait_for_candidates(body, scheme, len(participants(self.programme, key_field)))
        ranked = call(body.RankForerunnerScheme, assessment.RankForerunnerSchemeRequest(
            scheme=scheme, published_on=calendar.ranked_on.isoformat()))
        shortlist = [entry for entry in ranked.entries if entry.shortlisted]
        # The last of a longer shortlist sends no commitment letter; one more is dropped after an objection.
        committed = shortlist[:-1] if len(shortlist) >= 3 else shortlist
        for place, entry in enumerate(committed):
            call(body.RecordForerunnerCommitment, assessment.RecordForerunnerCommitmentRequest(
                scheme=scheme, declaration=entry.declaration, received_on=calendar.commitment_on(place).isoformat()))
        if not committed:
            return
        call(body.OpenForerunnerPublicNotice, assessment.OpenForerunnerPublicNoticeRequest(
            scheme=scheme, opened_on=calendar.notice_opens_on.isoformat(), closes_on=calendar.notice_closes_on.isoformat()))
        final = call(body.FinalizeForerunnerList, assessment.FinalizeForerunnerListRequest(
            scheme=scheme, finalized_on=calendar.finalized_on.isoformat(),
            excluded_declarations=[committed[-1].declaration] if len(committed) >= 4 else []))
        listed = [entry for entry in final.entries if entry.listed]
        if key_field.year == PLAN_YEARS[-1] and len(listed) >= 3:
            call(body.RevokeAssessment, assessment.RevokeAssessmentRequest(
                name=listed[-1].name, revoked_on=calendar.adjusted_on.isoformat(),
                reason="动态调整：企业标准指标下调" + SYNTHETIC))

    def _wait_for_candidates(self, body: assessment_grpc.AssessmentServiceStub, scheme: str, expected: int) -> None:
        """Ranking compares what assessment has learnt of the declarations: wait until it knows them all."""
        deadline = time.monotonic() + self.patience
        while True:
            known = len(_page_all(body.ListForerunnerCandidates,
                                  assessment.ListForerunnerCandidatesRequest(scheme=scheme, page_size=1000), "candidates"))
            if known == expected:
                return
            if known > expected or time.monotonic() > deadline:
                raise ProgrammeError(f"{scheme}: assessment knows {known} candidate declarations, the programme made {expected}")
            time.sleep(0.2)

    def leaders(self, leader_round: LeaderRound) -> None:
        """The experts score the recommended standards; the region publishes the shortlist, and records
        the national listing of the best half of it."""
        region = self.actors.assessment()
        year = leader_round.year
        self.parallel(f"{year} leader review scores", leader_round.scores, lambda score: call(
            region.RecordLeaderReviewScore, assessment.RecordLeaderReviewScoreRequest(
                year=year, group_standard=score[0], expert=score[1], internal=score[2], score=score[3],
                recorded_on=score[4].isoformat(), group_standard_version=self.standard_versions[score[0]])))
        if not leader_round.scores:
            return
        review = call(region.PublishLeaderShortlist, assessment.PublishLeaderShortlistRequest(
            year=year, shortlist_size=leader_round.shortlist_size, published_on=leader_round.shortlist_on.isoformat()))
        shortlisted = [result.group_standard for result in review.standings if result.shortlisted]
        self.parallel(f"{year} leaders listed", shortlisted[: math.ceil(len(shortlisted) / 2)], lambda standard: call(
            self.actors.registry().RecordLeaderListing, registry.RecordLeaderListingRequest(
                name=f"{standard}/leaders/{year}", listed_on=leader_round.listed_on.isoformat())))

    # ------------------------------------------------------------------ training

    def training(self, batch: TrainingBatchSpec) -> None:
        league = self.actors.league(batch.league_code)
        trainees = [registry_events.Trainee(person_name=person, enterprise=f"enterprises/{uscc}") for person, uscc in batch.trainees]
        call(league.RecordTrainingBatch, registry.RecordTrainingBatchRequest(
            batch_id=batch.batch_id, league_code=batch.league_code, format=batch.format, title=batch.title,
            held_on=batch.held_on.isoformat(), organiser=batch.organiser, trainees=trainees[:TRAINEES_PER_CALL]))
        for start in range(TRAINEES_PER_CALL, len(trainees), TRAINEES_PER_CALL):
            call(league.RecordTrainees, registry.RecordTraineesRequest(
                name=f"trainingBatches/{batch.batch_id}", trainees=trainees[start:start + TRAINEES_PER_CALL]))

    # ------------------------------------------------------------------ the end

    def settle(self) -> reporting.FederationProgress:
        """Waits until the progress projection shows every event: the figures the programme made are
        there, and nothing changes for a while (forerunner listings travel through two services)."""
        expected = self.programme.figures_on(PLAN_END)[REGION]
        reporter = self.actors.reporting()
        deadline = time.monotonic() + self.patience
        quiet, last = 0, None
        started = time.monotonic()
        while True:
            progress = call(reporter.GetFederationProgress, reporting.GetFederationProgressRequest(
                as_of=PLAN_END.isoformat(), view=reporting.FEDERATION_PROGRESS_VIEW_BASIC))
            progress.ClearField("computed_at")
            complete = all(getattr(progress.total, figure) == expected[figure] for figure in SETTLED_FIGURES)
            quiet = quiet + 1 if complete and progress == last else 0
            last = progress
            if quiet >= SETTLE_QUIET_POLLS:
                self.bars.note(f"{'progress projection settled':<34} {time.monotonic() - started:6.1f}s")
                return progress
            if time.monotonic() > deadline:
                missing = {f: (getattr(progress.total, f), expected[f]) for f in SETTLED_FIGURES
                           if getattr(progress.total, f) != expected[f]}
                raise ProgrammeError(f"the progress projection did not settle; (shown, made): {missing}")
            time.sleep(0.5)

    def annual_reports(self) -> None:
        """Each league reports each year; the region cross-checks every report against the suite's
        own figures, returns those that differ, and accepts the corrected ones."""
        plans = {(plan.league_code, plan.year): plan for plan in self.programme.reports}
        for year in PLAN_YEARS:
            end = date(year, 12, 31)
            rows = {row.league_code: row for row in call(self.actors.reporting().GetFederationProgress,
                                                         reporting.GetFederationProgressRequest(
                                                             as_of=end.isoformat(),
                                                             view=reporting.FEDERATION_PROGRESS_VIEW_BASIC)).leagues}
            known = self.programme.figures_on(end)
            self.parallel(f"{year} annual reports", [plans[(league.code, year)] for league in self.programme.leagues],
                          lambda plan: self.annual_report(plan, rows[plan.league_code], known[plan.league_code]))

    def annual_report(self, plan: ReportPlan, row: reporting.LeagueProgress, known: dict[str, int]) -> None:
        league = self.actors.reporting(Role.LEAGUE, plan.league_code)
        region = self.actors.reporting()
        figures = reporting_events.ReportFigures()
        for figure in reporting_events.ReportFigures.DESCRIPTOR.fields:
            if figure.name in PROGRAMME_FIGURES:
                value = known[figure.name]
            elif figure.name in REPORTED_ONLY:
                value = getattr(plan, figure.name)
            else:
                value = getattr(row, PROGRESS_NAMES.get(figure.name, figure.name))
            setattr(figures, figure.name, value)
        correct = reporting_events.ReportFigures()
        correct.CopyFrom(figures)
        if plan.mistake:
            setattr(figures, plan.mistake, getattr(figures, plan.mistake) + plan.mistake_delta)
        report = call(league.SubmitAnnualReport, reporting.SubmitAnnualReportRequest(
            league_code=plan.league_code, year=plan.year, figures=figures, narrative=_narrative(plan, row),
            submitted_on=plan.submitted_on.isoformat()))
        if plan.outcome == "submitted":
            return
        check = call(region.GetReportCrossCheck, reporting.GetReportCrossCheckRequest(
            name=f"{report.name}/crossCheck", min_version=report.version))
        issues = [reporting_events.ReportIssue(
            figure=line.figure, description=f"上报{line.reported}，与系统核对数{line.derived}不符，请核实" + SYNTHETIC)
            for line in check.figures if line.differs]
        if issues:
            call(region.ReturnAnnualReport, reporting.ReturnAnnualReportRequest(
                name=report.name, issues=issues, returned_on=plan.returned_on.isoformat()))
            if plan.outcome == "returned":
                return
            for line in check.figures:
                if line.differs:
                    setattr(correct, line.figure, line.derived)
            report = call(league.ResubmitAnnualReport, reporting.ResubmitAnnualReportRequest(
                name=report.name, figures=correct, narrative=_narrative(plan, row) + "（已按核对意见更正）",
                submitted_on=plan.resubmitted_on.isoformat()))
        call(region.AcceptAnnualReport, reporting.AcceptAnnualReportRequest(
            name=report.name, remarks="同意" + SYNTHETIC, accepted_on=plan.accepted_on.isoformat()))

    def outcome(self, out_dir: Path) -> Outcome:
        """The progress at the plan's end, every annual report, and the brand development report of each year in `out_dir`."""
        reporter = self.actors.reporting()
        reports = _page_all(reporter.ListAnnualReports, reporting.ListAnnualReportsRequest(page_size=1000), "annual_reports")
        # The last answers of the reports' commands may still be on their way to the read model.
        expected = {(plan.league_code, plan.year): plan.outcome for plan in self.programme.reports}
        deadline = time.monotonic() + self.patience
        while any(_state_word(r.state) != expected[(r.league_code, r.year)] for r in reports) or len(reports) < len(expected):
            if time.monotonic() > deadline:
                raise ProgrammeError("the annual reports' read model did not catch up")
            time.sleep(0.2)
            reports = _page_all(reporter.ListAnnualReports, reporting.ListAnnualReportsRequest(page_size=1000), "annual_reports")
        progress = call(reporter.GetFederationProgress, reporting.GetFederationProgressRequest(
            as_of=PLAN_END.isoformat(), view=reporting.FEDERATION_PROGRESS_VIEW_BASIC))
        out_dir.mkdir(parents=True, exist_ok=True)
        files = []
        bar = self.bars.bar("brand development reports", len(PLAN_YEARS))
        for year in PLAN_YEARS:
            report = call(reporter.GetBrandDevelopmentReport, reporting.GetBrandDevelopmentReportRequest(year=year))
            path = out_dir / report.filename
            path.write_bytes(report.content)
            files.append(path)
            bar.advance()
        bar.finish()
        return Outcome(progress, reports, files)


def _state_word(state: int) -> str:
    return reporting.AnnualReportState.Name(state).removeprefix("ANNUAL_REPORT_STATE_").lower()


def _registry_dates(enterprise: EnterpriseSpec, year: int) -> list[tuple[date, str, Any]]:
    """The league federation's dated steps for the enterprise in the year; the prefix orders a day's steps."""
    steps: list[tuple[date, str, Any]] = [(enterprise.registered_on, "0-register", None)]
    if enterprise.joined_on:
        steps.append((enterprise.joined_on, "1-join", None))
    if enterprise.enrolled_on:
        steps.append((enterprise.enrolled_on, "2-enrol", None))
    if enterprise.withdrawn_on:
        steps.append((enterprise.withdrawn_on, "3-withdraw-pilot", None))
    for declaration in enterprise.declarations:
        steps.append((declaration.disclosed_on, "4-declare", declaration))
        if declaration.withdrawn_on:
            steps.append((declaration.withdrawn_on, "5-withdraw-declaration", declaration))
    return [step for step in steps if step[0].year == year]


def _evaluation_years(evaluation) -> set[int]:
    return {evaluation.evaluated_on.year} | ({evaluation.revoked_on.year} if evaluation.revoked_on else set())


def _content(enterprise: EnterpriseSpec, declaration) -> registry_events.DeclarationContent:
    return registry_events.DeclarationContent(
        standard_number=declaration.number, standard_name=declaration.title, kind=declaration.kind,
        products=[registry_events.DeclaredProduct(name=declaration.product, brand=enterprise.name)],
        indicators=[registry_events.DeclaredIndicator(
            name=name, value=value, unit=unit, kind=registry_events.INDICATOR_KIND_PERFORMANCE, test_method="按标准规定方法")
            for name, value, unit in declaration.indicators],
        plan_sectors=enterprise.plan_sectors, key_field=declaration.key_field)


def _narrative(plan: ReportPlan, row: reporting.LeagueProgress) -> str:
    name = divisions.division(plan.league_code).name_zh
    return (f"{name}{plan.year}年度民营经济领域标准化提升行动实施情况{SYNTHETIC}：登记民营企业{row.private_enterprises_registered}家，"
            f"参与品牌创建试点{row.pilot_enterprises}家，二星级及以上{row.enterprises_two_star_or_above}家；"
            f"举办培训{row.training_batches}期、{row.trainees}人次；商会发布团体标准{row.group_standards_published}项。")


def run_programme(host: str, ports: dict[str, int], issuer: TokenIssuer, programme: Programme, out_dir: Path,
                  bars: ProgressBars, workers: int = WORKERS) -> Outcome:
    """Plays the programme against the suite at `host`/`ports` and reads back what it left."""
    actors = Actors(host, ports, issuer)
    driver = Driver(actors, programme, bars, workers)
    try:
        actors.wait_ready()
        driver.run()
        return driver.outcome(out_dir)
    finally:
        driver.close()
        actors.close()
