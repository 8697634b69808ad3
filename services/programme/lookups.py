"""The main questions asked of a running suite by hand: a league, an enterprise, a group standard.

Each lookup calls the public gRPC queries of the services that hold the answer and returns it twice:
as readable text (tables) and as a JSON-ready dict (`fedstd ... --json`).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from google.protobuf.json_format import MessageToDict
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

from fedstd.assessment.v1 import assessment_service_pb2 as assessment
from fedstd.assessment.v1 import assessment_service_pb2_grpc as assessment_grpc
from fedstd.assessment.v1 import events_pb2 as assessment_events
from fedstd.registry.v1 import events_pb2 as registry_events
from fedstd.registry.v1 import registry_service_pb2 as registry
from fedstd.registry.v1 import registry_service_pb2_grpc as registry_grpc
from fedstd.reporting.v1 import reporting_service_pb2 as reporting
from fedstd.reporting.v1 import reporting_service_pb2_grpc as reporting_grpc
from fedstd.type.v1 import plan_pb2 as plan
from services.common.client import ClientTls, channel
from services.programme.tables import fields, percent, render, report_state

CHINA = timezone(timedelta(hours=8))
PAGE = 1000


@dataclass
class Stubs:
    registry: registry_grpc.RegistryServiceStub
    assessment: assessment_grpc.AssessmentServiceStub
    reporting: reporting_grpc.ReportingServiceStub
    timeout: float = 30.0


@contextmanager
def connect(host: str, ports: Mapping[str, int], token: str, timeout: float,
            tls: ClientTls | None = None) -> Iterator[Stubs]:
    """Clients of the three services at `host`, calling with `token` (over TLS with `tls`)."""
    channels = {service: channel(f"{host}:{ports[service]}", token, tls) for service in ("registry", "assessment", "reporting")}
    try:
        yield Stubs(registry_grpc.RegistryServiceStub(channels["registry"]),
                    assessment_grpc.AssessmentServiceStub(channels["assessment"]),
                    reporting_grpc.ReportingServiceStub(channels["reporting"]), timeout)
    finally:
        for open_channel in channels.values():
            open_channel.close()


@dataclass
class Answer:
    text: str
    data: dict[str, Any]


def _dict(message: Message) -> dict[str, Any]:
    return MessageToDict(message, preserving_proto_field_name=True)


def _all(method: Callable[..., Any], request: Message, items: str, timeout: float) -> list:
    found = []
    while True:
        response = method(request, timeout=timeout)
        found.extend(getattr(response, items))
        if not response.next_page_token:
            return found
        request.page_token = response.next_page_token


def _enum(enum_type: Any, value: int, prefix: str) -> str:
    return enum_type.Name(value).removeprefix(prefix).lower().replace("_", " ")


def _moment(stamp: Timestamp) -> str:
    return stamp.ToDatetime(tzinfo=CHINA).strftime("%Y-%m-%d %H:%M") if stamp.seconds else ""


def _sectors(sectors) -> str:
    return ", ".join(_enum(plan.PlanSector, s, "PLAN_SECTOR_") for s in sectors)


def _section(title: str, body: str) -> str:
    return f"\n{title}\n{body}"


# ---------------------------------------------------------------------------------------------


def league(stubs: Stubs, league_code: str, as_of: str) -> Answer:
    """A league's progress on a day, its annual reports, chambers and group standards."""
    progress = stubs.reporting.GetFederationProgress(reporting.GetFederationProgressRequest(
        as_of=as_of, view=reporting.FEDERATION_PROGRESS_VIEW_BASIC), timeout=stubs.timeout)
    row = next((r for r in progress.leagues if r.league_code == league_code), None)
    if row is None:
        raise LookupError(f"the token does not read league {league_code}")
    reports = _all(stubs.reporting.ListAnnualReports, reporting.ListAnnualReportsRequest(
        league_code=league_code, page_size=PAGE), "annual_reports", stubs.timeout)
    chambers = _all(stubs.registry.ListChambers, registry.ListChambersRequest(
        league_code=league_code, page_size=PAGE), "chambers", stubs.timeout)
    standards = _all(stubs.registry.ListGroupStandards, registry.ListGroupStandardsRequest(
        league_code=league_code, as_of=progress.as_of, page_size=PAGE), "group_standards", stubs.timeout)

    stars = row.star_levels
    summary = fields([
        ("private enterprises (registry)", row.private_enterprises_registered),
        ("in the brand pilot", row.pilot_enterprises),
        ("evaluated (GB/T 27925)", row.enterprises_evaluated),
        ("two-star or above", f"{row.enterprises_two_star_or_above} = {percent(row.two_star_share_registered)} of the "
                              f"registry's private enterprises (target {progress.target_share:.0%}: "
                              f"{'met' if row.two_star_share_registered >= progress.target_share else 'not met'})"),
        ("star levels", f"five {stars.five} · four {stars.four} · three {stars.three} · two {stars.two} · "
                        f"below two {stars.none}"),
        ("self-declarations", row.self_declarations),
        ("forerunners (listed · ranked)", f"{row.forerunners} · {row.forerunner_participants}"),
        ("group standards published", row.group_standards_published),
        ("pilot chambers", row.pilot_chambers),
        ("training (batches · trainees)", f"{row.training_batches} · {row.trainees}"),
    ])
    report_rows = [(r.year, report_state(r.state), r.revision, _moment(r.submitted_at), r.due_on, "yes" if r.late else "",
                    len(r.issues)) for r in sorted(reports, key=lambda r: r.year)]
    chamber_rows = [(c.org_code, c.display_name, c.pilot_year or "", c.platform_registered_on, c.registered_on)
                    for c in chambers]
    states = Counter(_enum(registry.GroupStandardState, s.state, "GROUP_STANDARD_STATE_") for s in standards)
    standard_rows = [(s.number or "-", s.title, _enum(registry.GroupStandardState, s.state, "GROUP_STANDARD_STATE_"),
                      s.published_on) for s in standards]
    text = (f"{row.league_name} ({league_code}) as of {progress.as_of}\n{summary}"
            + _section("annual reports", render(("year", "state", "revision", "submitted", "due", "late", "issues"),
                                                report_rows, (True, False, True, False, False, False, True)))
            + _section(f"chambers ({len(chambers)})", render(("org code", "name", "pilot year", "on the platform", "registered"),
                                                             chamber_rows))
            + _section(f"group standards ({', '.join(f'{n} {state}' for state, n in sorted(states.items()))})",
                       render(("number", "title", "state", "published"), standard_rows)))
    data = {"progress": _dict(row), "as_of": progress.as_of, "annual_reports": [_dict(r) for r in reports],
            "chambers": [_dict(c) for c in chambers], "group_standards": [_dict(s) for s in standards]}
    return Answer(text, data)


def enterprise(stubs: Stubs, uscc: str, as_of: str) -> Answer:
    """An enterprise: its registration, brand level on a day, evaluations, self-declarations, forerunner listings."""
    name = f"enterprises/{uscc}"
    as_of = as_of or datetime.now(CHINA).date().isoformat()
    found = stubs.registry.GetEnterprise(registry.GetEnterpriseRequest(name=name), timeout=stubs.timeout)
    level = stubs.assessment.GetBrandLevel(assessment.GetBrandLevelRequest(enterprise=name, as_of=as_of), timeout=stubs.timeout)
    evaluations = _all(stubs.assessment.ListAssessments, assessment.ListAssessmentsRequest(
        subject=name, kind=assessment_events.ASSESSMENT_KIND_BRAND, league_code=found.league_code, page_size=PAGE),
        "assessments", stubs.timeout)
    declarations = _all(stubs.registry.ListSelfDeclarations, registry.ListSelfDeclarationsRequest(
        enterprise=name, page_size=PAGE), "self_declarations", stubs.timeout)
    forerunners = _all(stubs.registry.ListForerunners, registry.ListForerunnersRequest(
        enterprise=name, as_of=as_of, page_size=PAGE), "forerunners", stubs.timeout)

    pilot = (f"enrolled {found.brand_pilot_enrolled_on} ({found.brand_pilot_year})" if found.brand_pilot_year else "no")
    if found.brand_pilot_withdrawn_on:
        pilot += f", withdrew {found.brand_pilot_withdrawn_on}"
    rows = [
        ("USCC", found.uscc), ("division", found.division_code), ("league", found.league_code),
        ("private", "yes" if found.is_private else "no"),
        ("industry (GB/T 4754)", f"{found.industry_section}{found.industry_division}"),
        ("plan sectors", _sectors(found.plan_sectors)), ("size", _enum(registry_events.SizeClass, found.size_class, "SIZE_CLASS_")),
        ("registered", found.registered_on), ("chambers", ", ".join(m.chamber for m in found.chambers)),
        ("brand pilot", pilot),
    ]
    rows.append((f"brand level on {as_of}",
                 f"{_enum(assessment_events.StarLevel, level.star_level, 'STAR_LEVEL_')} "
                 f"({_enum(assessment.BrandLevelStatus, level.status, 'BRAND_LEVEL_STATUS_')}"
                 + (f", {level.total_score} points, valid until {level.valid_until}" if level.evaluation else "") + ")"))
    evaluation_rows = [(a.name.rpartition("/")[2], a.completed_on, a.brand.total_score,
                        _enum(assessment_events.StarLevel, a.brand.star_level, "STAR_LEVEL_"), a.brand.valid_until,
                        _enum(assessment.AssessmentState, a.state, "ASSESSMENT_STATE_"), a.brand.evaluator.removeprefix("evaluators/"))
                       for a in sorted(evaluations, key=lambda a: a.completed_on)]
    declaration_rows = [(d.content.standard_number, d.content.standard_name, d.content.key_field,
                         _enum(registry.SelfDeclarationState, d.state, "SELF_DECLARATION_STATE_"), d.disclosed_on) for d in declarations]
    forerunner_rows = [(f.year, f.key_field, f.rank, f.listed_on, f.valid_until,
                        _enum(registry.ForerunnerState, f.state, "FORERUNNER_STATE_")) for f in forerunners]
    text = (f"{found.display_name} ({found.name})\n{fields(rows)}"
            + _section("brand evaluations (GB/T 27925)", render(
                ("n", "evaluated", "points", "level", "valid until", "state", "evaluation body"), evaluation_rows,
                (True, False, True, False, False, False, False)))
            + _section("self-declared standards", render(("number", "name", "key field", "state", "disclosed"), declaration_rows))
            + _section("forerunner listings", render(("year", "key field", "rank", "listed", "valid until", "state"),
                                                     forerunner_rows)))
    data = {"enterprise": _dict(found), "brand_level": _dict(level),
            "brand_evaluations": [_dict(a) for a in evaluations], "self_declarations": [_dict(d) for d in declarations],
            "forerunners": [_dict(f) for f in forerunners]}
    return Answer(text, data)


def standard(stubs: Stubs, number_or_name: str, as_of: str) -> Answer:
    """A group standard by number (`T/NMB 14—2023`, a hyphen will do) or resource name: its lifecycle,
    side processes, leader recommendations and, for a forerunner standard, the schemes drawn from it."""
    by_name = number_or_name.startswith("chambers/")
    found = stubs.registry.GetGroupStandard(registry.GetGroupStandardRequest(
        name=number_or_name if by_name else "", number="" if by_name else number_or_name, as_of=as_of),
        timeout=stubs.timeout)
    leaders = [leader for leader in _all(stubs.registry.ListLeaders, registry.ListLeadersRequest(
        league_code=found.league_code if found.league_code != "150000" else "", page_size=PAGE), "leaders", stubs.timeout)
        if leader.group_standard == found.name]
    schemes = []
    if found.forerunner_year:
        schemes = [s for s in _all(stubs.assessment.ListForerunnerSchemes, assessment.ListForerunnerSchemesRequest(
            year=found.forerunner_year, key_field=found.forerunner_key_field, page_size=PAGE), "forerunner_schemes",
            stubs.timeout) if s.group_standard == found.name]

    state = _enum(registry.GroupStandardState, found.state, "GROUP_STANDARD_STATE_")
    rows = [("number", found.number or "(not published)"), ("chamber", found.org_code), ("league", found.league_code),
            ("state", state + (f" on {as_of}" if as_of else "")), ("scope", found.scope),
            ("plan sectors", _sectors(found.plan_sectors))]
    if found.forerunner_year:
        rows.append(("forerunner key field", f"{found.forerunner_key_field} ({found.forerunner_year})"))
    steps = [("proposed", found.proposed_on), ("approved for drafting", found.approved_for_drafting_on),
             ("drafting started", found.drafting_started_on),
             ("public comment", f"{found.comment_opened_on} to {found.comment_closes_on}" if found.comment_opened_on else ""),
             ("technical review", f"{found.reviewed_on}: {found.votes_for} of {found.votes_cast} votes for, "
                                  f"{found.comments_received} comments, {'passed' if found.review_passed else 'failed'}"
                                  if found.reviewed_on else ""),
             ("approved", found.approved_on), ("published", found.published_on), ("in force from", found.effective_on),
             ("periodic review due", found.review_due_on),
             ("periodic review", f"{found.periodic_review_started_on} to {found.periodic_review_concluded_on or '…'}"
                                 + (f" ({_enum(registry_events.PeriodicReviewOutcome, found.periodic_review_outcome, 'PERIODIC_REVIEW_OUTCOME_')})"
                                    if found.periodic_review_outcome else "") if found.periodic_review_started_on else ""),
             ("abolished", f"{found.abolished_on} ({found.abolition_reason})" if found.abolished_on else "")]
    conversion_rows = [(c.request_id, _enum(registry_events.StandardLevel, c.target_level, "STANDARD_LEVEL_"), c.requested_on,
                        _enum(registry.ConversionState, c.state, "CONVERSION_STATE_"), c.decided_on, c.converted_number or c.reason)
                       for c in found.conversions]
    translation_rows = [(t.language, t.translator, t.published_on) for t in found.translations]
    leader_rows = [(leader.year, _enum(registry.LeaderState, leader.state, "LEADER_STATE_"), leader.recommended_on, leader.listed_on)
                   for leader in leaders]
    text = (f"{found.title} ({found.name})\n{fields(rows)}"
            + _section("lifecycle", fields([(label, value) for label, value in steps if value]))
            + _section("conversions", render(("request", "to", "requested", "state", "decided", "number or reason"),
                                             conversion_rows))
            + _section("foreign-language versions", render(("language", "translator", "published"), translation_rows))
            + _section("leader (领先者) recommendations", render(("year", "state", "recommended", "listed"), leader_rows)))
    if found.forerunner_year:
        scheme_rows = [(s.name, _enum(assessment.ForerunnerSchemeState, s.state, "FORERUNNER_SCHEME_STATE_"), s.published_on, s.finalized_on)
                       for s in schemes]
        text += _section("forerunner schemes drawn from it", render(("scheme", "state", "published", "finalized"), scheme_rows))
    data = {"group_standard": _dict(found), "leaders": [_dict(leader) for leader in leaders],
            "forerunner_schemes": [_dict(s) for s in schemes]}
    return Answer(text, data)
