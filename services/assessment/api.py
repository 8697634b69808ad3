"""The assessment service's gRPC API.

Commands validate every field at the edge, authorize the caller (an evaluation body acts only for
its own evaluations and the schemes it runs; leader reviews are the region federation's), check
what assessment knows of the registry, then go through an aggregate. Queries read read models only.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import grpc
from google.protobuf.json_format import ParseDict

from fedstd.assessment.v1 import assessment_service_pb2 as api
from fedstd.assessment.v1 import assessment_service_pb2_grpc as api_grpc
from fedstd.assessment.v1 import events_pb2 as events
from fedstd.registry.v1 import events_pb2 as registry_events
from services.assessment import scoring
from services.assessment.domain import (
    BrandEvaluations,
    EvaluationHistory,
    ForerunnerScheme,
    GoodBehaviourEvaluations,
    LeaderReview,
    SchemePhase,
    brand_stream,
    forerunner_result_name,
    good_behaviour_stream,
    leader_review_name,
    scheme_name,
)
from services.assessment.policy import AssessmentPolicy
from services.assessment.projections import (
    ASSESSMENTS,
    FORERUNNER_ENTRIES,
    FORERUNNER_SCHEMES,
    HISTORIES,
    KNOWN_CHAMBERS,
    KNOWN_DECLARATIONS,
    KNOWN_ENTERPRISES,
    KNOWN_GROUP_STANDARDS,
    KNOWN_LEADER_RECOMMENDATIONS,
    LEADER_REVIEWS,
    LEADER_SCORES,
    leader_recommendation_key,
    stream_collection,
)
from services.common import validation
from services.common.aggregate import Aggregate, Repository
from services.common.auth import PermissionDeniedError, Role, require_evaluator, require_reader, require_role
from services.common.errors import FailedPreconditionError, FieldViolation, NotFoundError, ValidationError, Violations
from services.common.eventstore import EventStore
from services.common.grpc_server import command_metadata
from services.common.names import CHAMBER, DECLARATION, ENTERPRISE, GROUP_STANDARD, ORG, USCC, check_name
from services.common.projection import read_document, wait_for_version
from services.common.readmodel import DocumentStore
from services.common.readmodel.base import Filter

#: The assessment's own ids (evaluators, experts, parts of result names).
ID = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
EVALUATOR = re.compile(rf"evaluators/(?P<id>{ID})")
SCHEME_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
SCHEME = re.compile(r"forerunnerSchemes/[a-z0-9][a-z0-9-]{0,63}")
CHECKLIST = re.compile(r"checklists/(?P<id>[a-z0-9][a-z0-9.-]{0,63})")
EXPERT = re.compile(ID)
LEADER_REVIEW = re.compile(r"leaderReviews/(?P<year>\d{4})")
BRAND_EVALUATION = re.compile(rf"enterprises/(?P<uscc>{USCC})/brandEvaluations/(?P<n>-|[1-9]\d{{0,8}})")
GOOD_BEHAVIOUR_EVALUATION = re.compile(rf"chambers/{ORG}/goodBehaviourEvaluations/[1-9]\d{{0,8}}")
FORERUNNER_RESULT = re.compile(rf"(?P<scheme>{SCHEME.pattern})/results/{USCC}-{ID}")
LEADER_RESULT = re.compile(rf"(?P<review>{LEADER_REVIEW.pattern})/results/{ORG}\.{ID}")
YEARS = range(2000, 2101)
MAX_KEY_FIELD = 200
MAX_UNIT = 50
PAGE = 500

STATES = {"current": api.ASSESSMENT_STATE_CURRENT, "superseded": api.ASSESSMENT_STATE_SUPERSEDED,
          "revoked": api.ASSESSMENT_STATE_REVOKED}
STATE_FILTERS: dict[int, Filter] = {
    api.ASSESSMENT_STATE_CURRENT: {"revoked": False, "superseded": False},
    api.ASSESSMENT_STATE_SUPERSEDED: {"revoked": False, "superseded": True},
    api.ASSESSMENT_STATE_REVOKED: {"revoked": True},
}
PHASES = {
    SchemePhase.PUBLISHED: api.FORERUNNER_SCHEME_STATE_PUBLISHED,
    SchemePhase.SHORTLISTED: api.FORERUNNER_SCHEME_STATE_SHORTLISTED,
    SchemePhase.IN_PUBLIC_NOTICE: api.FORERUNNER_SCHEME_STATE_PUBLIC_NOTICE,
    SchemePhase.FINALIZED: api.FORERUNNER_SCHEME_STATE_FINALIZED,
}
LEVEL_STATUSES = {
    scoring.LevelStatus.VALID: api.BRAND_LEVEL_STATUS_VALID,
    scoring.LevelStatus.NOT_EVALUATED: api.BRAND_LEVEL_STATUS_NOT_EVALUATED,
    scoring.LevelStatus.EXPIRED: api.BRAND_LEVEL_STATUS_EXPIRED,
    scoring.LevelStatus.REVOKED: api.BRAND_LEVEL_STATUS_REVOKED,
}


# -- field checks ---------------------------------------------------------------------------------


def _check_evaluator(violations: Violations, field: str, value: str) -> str:
    match = check_name(violations, field, value, EVALUATOR, "evaluators/{evaluator_id}")
    return match["id"] if match else ""


def _check_version(violations: Violations, field: str, value: int) -> None:
    violations.check(value >= 0, field, "must not be negative")


def _evaluator_id(resource: str) -> str:
    return resource.removeprefix("evaluators/")


def _require_reader_of(league_code: str) -> None:
    """Any authenticated caller reads; a partner limited to some leagues must name one of them."""
    caller = require_reader(league_code or None)
    if not league_code and caller.role == Role.PARTNER and caller.leagues:
        raise PermissionDeniedError(f"{caller.subject} reads only leagues {', '.join(caller.leagues)}: name one")


def _state(document: dict) -> int:
    if document.get("revoked"):
        return api.ASSESSMENT_STATE_REVOKED
    return api.ASSESSMENT_STATE_SUPERSEDED if document.get("superseded") else api.ASSESSMENT_STATE_CURRENT


# -- messages from read-model documents and from aggregates -----------------------------------------


def _assessment(completed: events.AssessmentCompleted, version: int, state: int, revoked_on: str = "",
                revocation_reason: str = "") -> api.Assessment:
    message = api.Assessment(
        name=completed.assessment, kind=completed.kind, subject=completed.subject, league_code=completed.league_code,
        completed_on=completed.completed_on, state=state, revoked_on=revoked_on, revocation_reason=revocation_reason,
        version=version,
    )
    kind = completed.WhichOneof("result")
    getattr(message, kind).CopyFrom(getattr(completed, kind))
    return message


def assessment_message(document: dict) -> api.Assessment:
    completed = events.AssessmentCompleted(
        assessment=document["name"], kind=document["kind"], subject=document["subject"],
        league_code=document["league_code"], completed_on=document["completed_on"])
    ParseDict(document["result"], getattr(completed, document["result_kind"]))
    return _assessment(completed, document["_version"], _state(document), document.get("revoked_on", ""),
                       document.get("revocation_reason", ""))


def brand_message(document: dict) -> api.BrandEvaluation:
    return api.BrandEvaluation(
        name=document["name"], uscc=document["subject"].removeprefix("enterprises/"),
        league_code=document["league_code"], result=ParseDict(document["result"], events.BrandResult()),
        evaluated_on=document["completed_on"], version=document["_version"], state=_state(document),
        revoked_on=document.get("revoked_on", ""), revocation_reason=document.get("revocation_reason", ""),
    )


def _scheme_fields(scheme: events.ForerunnerSchemePublished, version: int) -> api.ForerunnerScheme:
    return api.ForerunnerScheme(
        name=scheme.scheme, year=scheme.year, key_field=scheme.key_field, group_standard=scheme.group_standard,
        evaluator=scheme.evaluator, core_indicators=scheme.core_indicators, selection_rule=scheme.selection_rule,
        published_on=scheme.published_on, version=version,
    )


def scheme_from_aggregate(scheme: ForerunnerScheme) -> api.ForerunnerScheme:
    assert scheme.published is not None
    message = _scheme_fields(scheme.published, scheme.version)
    message.state = PHASES[scheme.phase]
    if scheme.notice is not None:
        message.notice_opened_on, message.notice_closes_on = scheme.notice.opened_on, scheme.notice.closes_on
    message.finalized_on = scheme.finalized_on
    for ranked in scheme.ranking:
        declaration = ranked.declaration
        message.entries.add(
            name=forerunner_result_name(scheme.stream_id, declaration), declaration=declaration,
            enterprise=ranked.enterprise, league_code=ranked.league_code, score=ranked.score, rank=ranked.rank,
            shortlisted=declaration in scheme.shortlisted, commitment_received_on=scheme.commitments.get(declaration, ""),
            listed=declaration in scheme.listed,
            revoked_on=scheme.revocations[declaration].revoked_on if declaration in scheme.revocations else "",
        )
    return message


def scheme_from_documents(document: dict, entries: list[dict]) -> api.ForerunnerScheme:
    published = events.ForerunnerSchemePublished(
        scheme=document["_key"], year=document["year"], key_field=document["key_field"],
        group_standard=document["group_standard"], evaluator=document["evaluator"],
        core_indicators=[ParseDict(c, events.CoreIndicator()) for c in document["core_indicators"]],
        selection_rule=ParseDict(document["selection_rule"], events.SelectionRule()),
        published_on=document["published_on"],
    )
    message = _scheme_fields(published, document["_version"])
    message.state = PHASES[SchemePhase(document["phase"])]
    message.notice_opened_on = document.get("notice_opened_on", "")
    message.notice_closes_on = document.get("notice_closes_on", "")
    message.finalized_on = document.get("finalized_on", "")
    for entry in sorted(entries, key=lambda e: (e["rank"], e["declaration"])):
        message.entries.add(
            name=entry["_key"], declaration=entry["declaration"], enterprise=entry["enterprise"],
            league_code=entry["league_code"], score=entry["score"], rank=entry["rank"],
            shortlisted=entry["shortlisted"], commitment_received_on=entry.get("commitment_received_on", ""),
            listed=entry["listed"], revoked_on=entry.get("revoked_on", ""),
        )
    return message


def leader_review_message(name: str, year: int, version: int, scores: list[scoring.ExpertScore],
                          shortlist_published_on: str, shortlisted: set[str]) -> api.LeaderReview:
    standings = scoring.leader_standings(year, scores)
    for result in standings:
        result.shortlisted = result.group_standard in shortlisted
    return api.LeaderReview(
        name=name, year=year, standings=standings, shortlist_published_on=shortlist_published_on, version=version,
        state=api.LEADER_REVIEW_STATE_SHORTLISTED if shortlist_published_on else api.LEADER_REVIEW_STATE_SCORING,
    )


class AssessmentApi(api_grpc.AssessmentServiceServicer):
    def __init__(self, store: EventStore, docs: DocumentStore, policy: AssessmentPolicy, read_timeout: float):
        self.brand = Repository(store, BrandEvaluations)
        self.good_behaviour = Repository(store, GoodBehaviourEvaluations)
        self.schemes = Repository(store, ForerunnerScheme)
        self.leader_reviews = Repository(store, LeaderReview)
        self.docs = docs
        self.policy = policy
        self.read_timeout = read_timeout

    # -- what assessment knows of the registry ------------------------------------------------------

    def _registry_document(self, collection: str, name: str, version: int) -> dict:
        """The registry resource as assessment knows it ({} when unknown), once it has seen `version`."""
        return wait_for_version(self.docs, collection, name, version, self.read_timeout) or {}

    def _registered(self, collection: str, name: str, version: int, reason: str) -> dict:
        document = self._registry_document(collection, name, version)
        if not document.get("registered"):
            raise FailedPreconditionError(reason, f"{name} is not registered (assessment learns it from the registry's "
                                                  "events; pass its registry version to wait for a recent registration)")
        return document

    def _published_group_standard(self, name: str, version: int) -> dict:
        document = self._registry_document(KNOWN_GROUP_STANDARDS, name, version)
        if document.get("state") not in ("published", "abolished"):
            raise FailedPreconditionError("GROUP_STANDARD_NOT_PUBLISHED", f"{name} is not a published group standard")
        if document["state"] == "abolished":
            raise FailedPreconditionError("GROUP_STANDARD_ABOLISHED",
                                          f"{name} was abolished on {document.get('abolished_on', '')}")
        return document

    def _all(self, collection: str, where: Filter) -> Iterator[dict]:
        after = ""
        while page := self.docs.find(collection, where, after_key=after, limit=PAGE):
            yield from page
            after = page[-1]["_key"]

    def _save(self, repository: Repository, aggregate: Aggregate, context: grpc.ServicerContext) -> None:
        repository.save(aggregate, command_metadata(context))

    # -- brand ----------------------------------------------------------------------------------------

    def RecordBrandEvaluation(self, request: api.RecordBrandEvaluationRequest, context: grpc.ServicerContext) -> api.BrandEvaluation:
        violations = Violations()
        uscc = validation.check_uscc(violations, "uscc", request.uscc)
        evaluator_id = _check_evaluator(violations, "evaluator", request.evaluator)
        violations.check(request.HasField("scores"), "scores", "required: the five first-level scores")
        for dimension, cap in scoring.DIMENSION_CAPS.items():
            violations.check(0 <= getattr(request.scores, dimension) <= cap, f"scores.{dimension}", f"must be from 0 to {cap}")
        evaluated_on = validation.check_date(violations, "evaluated_on", request.evaluated_on)
        _check_version(violations, "enterprise_version", request.enterprise_version)
        violations.raise_if_any()
        require_evaluator(evaluator_id)
        if request.indicator_scores:
            if not self.policy.brand_indicator_weights:
                raise FailedPreconditionError("INDICATOR_WEIGHTS_NOT_CONFIGURED",
                                              "no second-level indicator weights are configured: send first-level scores only")
            for field, problem in scoring.indicator_score_problems(
                    request.scores, request.indicator_scores, self.policy.brand_indicator_weights):
                violations.add(field, problem)
            violations.raise_if_any()

        enterprise = self._registered(KNOWN_ENTERPRISES, f"enterprises/{uscc}", request.enterprise_version,
                                      "ENTERPRISE_NOT_REGISTERED")
        if self.policy.brand_requires_pilot_enrolment and (
                not enterprise.get("brand_pilot_year") or enterprise.get("brand_pilot_withdrawn_on")):
            raise FailedPreconditionError("ENTERPRISE_NOT_IN_BRAND_PILOT", f"enterprises/{uscc} is not enrolled in the "
                                                                           "brand pilot, which this deployment requires")
        history = self.brand.load(brand_stream(uscc))
        event = history.record(uscc, enterprise["league_code"], request.evaluator, request.scores,
                               request.indicator_scores, evaluated_on, self.policy)
        self._save(self.brand, history, context)
        return api.BrandEvaluation(
            name=event.assessment, uscc=uscc, league_code=event.league_code, result=event.brand,
            evaluated_on=event.completed_on, version=history.version, state=api.ASSESSMENT_STATE_CURRENT,
        )

    def GetBrandEvaluation(self, request: api.GetBrandEvaluationRequest, context: grpc.ServicerContext) -> api.BrandEvaluation:
        violations = Violations()
        match = check_name(violations, "name", request.name, BRAND_EVALUATION,
                            "enterprises/{uscc}/brandEvaluations/{n or -}")
        _check_version(violations, "min_version", request.min_version)
        violations.raise_if_any()
        history = wait_for_version(self.docs, HISTORIES, brand_stream(match["uscc"]), request.min_version, self.read_timeout)
        name = (history or {}).get("latest", request.name) if match["n"] == "-" else request.name
        document = self.docs.get(ASSESSMENTS, name)
        if document is None:
            raise NotFoundError(f"{request.name} not found")
        _require_reader_of(document["league_code"])
        return brand_message(document)

    def GetBrandLevel(self, request: api.GetBrandLevelRequest, context: grpc.ServicerContext) -> api.BrandLevel:
        violations = Violations()
        match = check_name(violations, "enterprise", request.enterprise, ENTERPRISE, "enterprises/{uscc}")
        as_of = validation.check_date(violations, "as_of", request.as_of)
        _check_version(violations, "min_version", request.min_version)
        violations.raise_if_any()
        history = wait_for_version(self.docs, HISTORIES, brand_stream(match["uscc"]), request.min_version, self.read_timeout)
        _require_reader_of((history or {}).get("league_code", ""))
        evaluations = [
            scoring.DatedEvaluation(
                name=d["name"], sequence=int(d["name"].rpartition("/")[2]), evaluated_on=d["completed_on"],
                valid_until=d["result"]["valid_until"], revoked_on=d.get("revoked_on", ""), star_level=d["star_level"],
                total_score=d["result"].get("total_score", 0),
            )
            for d in self._all(ASSESSMENTS, {"subject": request.enterprise, "kind": events.ASSESSMENT_KIND_BRAND})
        ]
        status, deciding = scoring.level_on(evaluations, as_of.isoformat())
        level = api.BrandLevel(enterprise=request.enterprise, as_of=request.as_of, status=LEVEL_STATUSES[status],
                               star_level=events.STAR_LEVEL_NONE)
        if deciding is not None:
            level.evaluation, level.valid_until, level.total_score = deciding.name, deciding.valid_until, deciding.total_score
            if status == scoring.LevelStatus.VALID:
                level.star_level = deciding.star_level
        return level

    # -- forerunner -----------------------------------------------------------------------------------

    def PublishForerunnerScheme(self, request: api.PublishForerunnerSchemeRequest, context: grpc.ServicerContext) -> api.ForerunnerScheme:
        violations = Violations()
        violations.check(bool(SCHEME_ID.fullmatch(request.scheme_id)), "scheme_id",
                         "1 to 64 lower-case letters, digits or '-', starting with a letter or digit")
        violations.check(request.year in YEARS, "year", "must be from 2000 to 2100")
        validation.check_text(violations, "key_field", request.key_field, max_length=MAX_KEY_FIELD)
        check_name(violations, "group_standard", request.group_standard, GROUP_STANDARD,
                    "chambers/{org_code}/groupStandards/{standard_id}")
        evaluator_id = _check_evaluator(violations, "evaluator", request.evaluator)
        self._check_core_indicators(violations, request.core_indicators)
        self._check_selection_rule(violations, request)
        published_on = validation.check_date(violations, "published_on", request.published_on)
        _check_version(violations, "group_standard_version", request.group_standard_version)
        violations.raise_if_any()
        require_evaluator(evaluator_id)

        standard = self._published_group_standard(request.group_standard, request.group_standard_version)
        key_field = request.key_field.strip()
        if (standard.get("forerunner_year"), standard.get("forerunner_key_field")) != (request.year, key_field):
            raise FailedPreconditionError(
                "NOT_A_FORERUNNER_STANDARD",
                f"{request.group_standard} is not a forerunner group standard for {request.year} and {key_field!r}")
        scheme = self.schemes.load(scheme_name(request.scheme_id))
        scheme.publish(request.year, key_field, request.group_standard, request.evaluator, request.core_indicators,
                       request.selection_rule, published_on)
        self._save(self.schemes, scheme, context)
        return scheme_from_aggregate(scheme)

    @staticmethod
    def _check_core_indicators(violations: Violations, indicators) -> None:
        if not violations.check(len(indicators) > 0, "core_indicators", "required: at least one core indicator"):
            return
        names = [indicator.name.strip() for indicator in indicators]
        for i, indicator in enumerate(indicators):
            field = f"core_indicators[{i}]"
            validation.check_text(violations, f"{field}.name", indicator.name, max_length=MAX_KEY_FIELD)
            violations.check(names.count(names[i]) == 1, f"{field}.name", "names must be unique")
            violations.check(len(indicator.unit) <= MAX_UNIT, f"{field}.unit", f"at most {MAX_UNIT} characters")
            violations.check(indicator.direction != events.INDICATOR_DIRECTION_UNSPECIFIED, f"{field}.direction",
                             "required: higher or lower is better")
            violations.check(indicator.weight > 0, f"{field}.weight", "must be positive")
        violations.check(abs(sum(indicator.weight for indicator in indicators) - 1) < 1e-9, "core_indicators",
                         "the weights must add up to 1")

    @staticmethod
    def _check_selection_rule(violations: Violations, request: api.PublishForerunnerSchemeRequest) -> None:
        rule = request.selection_rule
        kind = rule.WhichOneof("rule")
        if kind is None:
            violations.add("selection_rule", "required: top_n, top_percent or min_score")
        elif kind == "top_n":
            violations.check(rule.top_n >= 1, "selection_rule.top_n", "must be at least 1")
        elif kind == "top_percent":
            violations.check(0 < rule.top_percent <= 100, "selection_rule.top_percent", "must be above 0 and at most 100")
        else:
            violations.check(0 <= rule.min_score <= 100, "selection_rule.min_score", "must be from 0 to 100")

    def _load_scheme(self, violations: Violations, name: str) -> ForerunnerScheme:
        """The scheme after the request's fields passed; only its evaluation body (or the region) acts."""
        violations.raise_if_any()
        require_role(Role.REGION, Role.EVALUATOR)  # before the load: other roles learn nothing of the scheme
        scheme = self.schemes.load(name)
        require_evaluator(_evaluator_id(scheme.evaluator))
        return scheme

    def GetForerunnerScheme(self, request: api.GetForerunnerSchemeRequest, context: grpc.ServicerContext) -> api.ForerunnerScheme:
        violations = Violations()
        check_name(violations, "name", request.name, SCHEME, "forerunnerSchemes/{scheme_id}")
        _check_version(violations, "min_version", request.min_version)
        violations.raise_if_any()
        require_reader()
        document = read_document(self.docs, FORERUNNER_SCHEMES, request.name, request.min_version, self.read_timeout)
        if "phase" not in document:
            raise NotFoundError(f"{request.name} not found")
        return scheme_from_documents(document, list(self._all(FORERUNNER_ENTRIES, {"scheme": request.name})))

    def ListForerunnerSchemes(self, request: api.ListForerunnerSchemesRequest, context: grpc.ServicerContext) -> api.ListForerunnerSchemesResponse:
        violations = Violations()
        if request.year:
            violations.check(request.year in YEARS, "year", "must be from 2000 to 2100")
        if request.evaluator:
            _check_evaluator(violations, "evaluator", request.evaluator)
        violations.raise_if_any()
        require_reader()
        query = {"phase": {"$ne": None}}
        for field in ("year", "key_field", "evaluator"):
            if value := getattr(request, field):
                query[field] = value.strip() if isinstance(value, str) else value
        documents, token = self._page(FORERUNNER_SCHEMES, query, request.page_size, request.page_token)
        return api.ListForerunnerSchemesResponse(
            forerunner_schemes=[scheme_from_documents(d, []) for d in documents], next_page_token=token)

    def _page(self, collection: str, query: dict, size: int, token: str) -> tuple[list[dict], str]:
        size = validation.page_size(size)
        after = validation.decode_page_token(token, query)
        documents = self.docs.find(collection, query, after_key=after, limit=size + 1)
        next_token = validation.encode_page_token(documents[size - 1]["_key"], query) if len(documents) > size else ""
        return documents[:size], next_token

    def _candidate_query(self, key_field: str) -> Filter:
        return {"key_field": key_field, "state": "disclosed",
                "standard_kind": registry_events.DECLARED_STANDARD_KIND_ENTERPRISE}

    def ListForerunnerCandidates(self, request: api.ListForerunnerCandidatesRequest, context: grpc.ServicerContext) -> api.ListForerunnerCandidatesResponse:
        violations = Violations()
        check_name(violations, "scheme", request.scheme, SCHEME, "forerunnerSchemes/{scheme_id}")
        violations.raise_if_any()
        require_reader()
        scheme = self.docs.get(FORERUNNER_SCHEMES, request.scheme)
        if scheme is None or "phase" not in scheme:
            raise NotFoundError(f"{request.scheme} not found")
        core = [ParseDict(c, events.CoreIndicator()) for c in scheme["core_indicators"]]
        documents, token = self._page(KNOWN_DECLARATIONS, self._candidate_query(scheme["key_field"]),
                                      request.page_size, request.page_token)
        response = api.ListForerunnerCandidatesResponse(next_page_token=token)
        for document in documents:
            candidate = _candidate(document)
            comparison = response.candidates.add(
                declaration=document["_key"], enterprise=document["enterprise"], league_code=document["league_code"],
                standard_number=document["standard_number"], standard_name=document["standard_name"],
                declaration_version=document["_version"],
            )
            for indicator in core:
                value = candidate.value_of(indicator)
                comparison.indicators.add(indicator=indicator.name, unit=indicator.unit, declared=value is not None,
                                          value=value or 0.0)
        return response

    def RankForerunnerScheme(self, request: api.RankForerunnerSchemeRequest, context: grpc.ServicerContext) -> api.ForerunnerScheme:
        violations = Violations()
        check_name(violations, "scheme", request.scheme, SCHEME, "forerunnerSchemes/{scheme_id}")
        published_on = validation.check_date(violations, "published_on", request.published_on)
        scheme = self._load_scheme(violations, request.scheme)
        candidates = [_candidate(d) for d in self._all(KNOWN_DECLARATIONS, self._candidate_query(scheme.key_field))]
        scheme.rank(candidates, published_on)
        self._save(self.schemes, scheme, context)
        return scheme_from_aggregate(scheme)

    def RecordForerunnerCommitment(self, request: api.RecordForerunnerCommitmentRequest, context: grpc.ServicerContext) -> api.ForerunnerScheme:
        violations = Violations()
        check_name(violations, "scheme", request.scheme, SCHEME, "forerunnerSchemes/{scheme_id}")
        check_name(violations, "declaration", request.declaration, DECLARATION,
                    "enterprises/{uscc}/declarations/{declaration_id}")
        received_on = validation.check_date(violations, "received_on", request.received_on)
        scheme = self._load_scheme(violations, request.scheme)
        scheme.record_commitment(request.declaration, received_on)
        self._save(self.schemes, scheme, context)
        return scheme_from_aggregate(scheme)

    def OpenForerunnerPublicNotice(self, request: api.OpenForerunnerPublicNoticeRequest, context: grpc.ServicerContext) -> api.ForerunnerScheme:
        violations = Violations()
        check_name(violations, "scheme", request.scheme, SCHEME, "forerunnerSchemes/{scheme_id}")
        opened_on = validation.check_date(violations, "opened_on", request.opened_on)
        closes_on = validation.check_date(violations, "closes_on", request.closes_on)
        if opened_on and closes_on:
            violations.check(closes_on >= opened_on, "closes_on", "must not be before opened_on")
        scheme = self._load_scheme(violations, request.scheme)
        scheme.open_public_notice(opened_on, closes_on)
        self._save(self.schemes, scheme, context)
        return scheme_from_aggregate(scheme)

    def FinalizeForerunnerList(self, request: api.FinalizeForerunnerListRequest, context: grpc.ServicerContext) -> api.ForerunnerScheme:
        violations = Violations()
        check_name(violations, "scheme", request.scheme, SCHEME, "forerunnerSchemes/{scheme_id}")
        finalized_on = validation.check_date(violations, "finalized_on", request.finalized_on)
        for i, declaration in enumerate(request.excluded_declarations):
            check_name(violations, f"excluded_declarations[{i}]", declaration, DECLARATION,
                        "enterprises/{uscc}/declarations/{declaration_id}")
        scheme = self._load_scheme(violations, request.scheme)
        # A declaration withdrawn from the registry since the ranking is no longer eligible.
        withdrawn = {d for d in scheme.shortlisted
                     if (self.docs.get(KNOWN_DECLARATIONS, d) or {}).get("state") == "withdrawn"}
        scheme.finalize(finalized_on, set(request.excluded_declarations) | withdrawn, self.policy.forerunner_validity_years)
        self._save(self.schemes, scheme, context)
        return scheme_from_aggregate(scheme)

    # -- good behaviour ---------------------------------------------------------------------------

    def RecordGoodBehaviourEvaluation(self, request: api.RecordGoodBehaviourEvaluationRequest, context: grpc.ServicerContext) -> api.Assessment:
        violations = Violations()
        chamber = check_name(violations, "chamber", request.chamber, CHAMBER, "chambers/{org_code}")
        evaluator_id = _check_evaluator(violations, "evaluator", request.evaluator)
        checklist_name = check_name(violations, "checklist", request.checklist, CHECKLIST, "checklists/{checklist_id}")
        evaluated_on = validation.check_date(violations, "evaluated_on", request.evaluated_on)
        _check_version(violations, "chamber_version", request.chamber_version)
        violations.raise_if_any()
        require_evaluator(evaluator_id)
        checklist = self.policy.checklist(checklist_name["id"])
        if checklist is None:
            raise FailedPreconditionError("CHECKLIST_NOT_CONFIGURED", f"{request.checklist} is not a configured checklist")
        points: dict[str, int] = {}
        for i, item in enumerate(request.groups):
            field = f"groups[{i}]"
            if item.group not in checklist.groups:
                violations.add(f"{field}.group", f"{item.group[:40]!r} is not a group of {request.checklist}")
            elif item.group in points:
                violations.add(f"{field}.group", f"{item.group} is scored twice")
            elif violations.check(0 <= item.points <= checklist.groups[item.group], f"{field}.points",
                                  f"must be from 0 to {checklist.groups[item.group]}"):
                points[item.group] = item.points
        if missing := [g for g in checklist.groups if g not in {item.group for item in request.groups}]:
            violations.add("groups", f"also score {', '.join(missing)}")
        violations.raise_if_any()

        known = self._registered(KNOWN_CHAMBERS, request.chamber, request.chamber_version, "CHAMBER_NOT_REGISTERED")
        history = self.good_behaviour.load(good_behaviour_stream(chamber["org_code"]))
        event = history.record(chamber["org_code"], known["league_code"], request.evaluator, checklist, points, evaluated_on)
        self._save(self.good_behaviour, history, context)
        return _assessment(event, history.version, api.ASSESSMENT_STATE_CURRENT)

    # -- leader review ------------------------------------------------------------------------------

    def RecordLeaderReviewScore(self, request: api.RecordLeaderReviewScoreRequest, context: grpc.ServicerContext) -> api.LeaderReview:
        violations = Violations()
        violations.check(request.year in YEARS, "year", "must be from 2000 to 2100")
        check_name(violations, "group_standard", request.group_standard, GROUP_STANDARD,
                    "chambers/{org_code}/groupStandards/{standard_id}")
        violations.check(bool(EXPERT.fullmatch(request.expert)), "expert", "1 to 64 letters, digits, '.', '_' or '-'")
        violations.check(0 <= request.score <= self.policy.leader_max_score, "score",
                         f"must be from 0 to {self.policy.leader_max_score:g}")
        recorded_on = validation.check_date(violations, "recorded_on", request.recorded_on)
        _check_version(violations, "group_standard_version", request.group_standard_version)
        violations.raise_if_any()
        require_role(Role.REGION)
        standard = self._published_group_standard(request.group_standard, request.group_standard_version)
        if self.docs.get(KNOWN_LEADER_RECOMMENDATIONS, leader_recommendation_key(request.group_standard, request.year)) is None:
            raise FailedPreconditionError("LEADER_NOT_RECOMMENDED",
                                          f"{request.group_standard} was not recommended as a leader for {request.year}")
        review = self.leader_reviews.load(leader_review_name(request.year))
        review.record_score(request.group_standard, standard["league_code"], request.expert, request.internal,
                            request.score, recorded_on)
        self._save(self.leader_reviews, review, context)
        return self._review_message(review, request.year)

    def PublishLeaderShortlist(self, request: api.PublishLeaderShortlistRequest, context: grpc.ServicerContext) -> api.LeaderReview:
        violations = Violations()
        violations.check(request.year in YEARS, "year", "must be from 2000 to 2100")
        violations.check(request.shortlist_size >= 1, "shortlist_size", "must be at least 1")
        published_on = validation.check_date(violations, "published_on", request.published_on)
        violations.raise_if_any()
        require_role(Role.REGION)
        review = self.leader_reviews.load(leader_review_name(request.year))
        review.publish_shortlist(request.year, request.shortlist_size, published_on)
        self._save(self.leader_reviews, review, context)
        return self._review_message(review, request.year)

    @staticmethod
    def _review_message(review: LeaderReview, year: int) -> api.LeaderReview:
        shortlisted = {r.group_standard for r in review.shortlist}
        return leader_review_message(review.stream_id, year, review.version, list(review.scores.values()),
                                     review.shortlist_published_on, shortlisted)

    def GetLeaderReview(self, request: api.GetLeaderReviewRequest, context: grpc.ServicerContext) -> api.LeaderReview:
        violations = Violations()
        match = check_name(violations, "name", request.name, LEADER_REVIEW, "leaderReviews/{year}")
        _check_version(violations, "min_version", request.min_version)
        violations.raise_if_any()
        require_reader()
        document = read_document(self.docs, LEADER_REVIEWS, request.name, request.min_version, self.read_timeout)
        scores = [scoring.ExpertScore(d["group_standard"], d["expert"], d["internal"], d["score"])
                  for d in self._all(LEADER_SCORES, {"leader_review": request.name})]
        return leader_review_message(request.name, int(match["year"]), document["_version"], scores,
                                     document.get("shortlist_published_on", ""), set(document.get("shortlisted", [])))

    # -- every kind -------------------------------------------------------------------------------

    def _history_or_scheme(self, name: str) -> tuple[Repository, EvaluationHistory | ForerunnerScheme]:
        """The aggregate that holds a revocable assessment; INVALID_ARGUMENT for any other name."""
        if match := BRAND_EVALUATION.fullmatch(name):
            if match["n"] != "-":
                return self.brand, self.brand.load(name.rpartition("/")[0])
        elif GOOD_BEHAVIOUR_EVALUATION.fullmatch(name):
            return self.good_behaviour, self.good_behaviour.load(name.rpartition("/")[0])
        elif match := FORERUNNER_RESULT.fullmatch(name):
            return self.schemes, self.schemes.load(match["scheme"])
        raise ValidationError([FieldViolation("name", "must name a brand evaluation, a good-behaviour evaluation or a "
                                                  "forerunner listing (leader review results are not revoked)")])

    def RevokeAssessment(self, request: api.RevokeAssessmentRequest, context: grpc.ServicerContext) -> api.Assessment:
        violations = Violations()
        revoked_on = validation.check_date(violations, "revoked_on", request.revoked_on)
        validation.check_text(violations, "reason", request.reason)
        violations.raise_if_any()
        require_role(Role.REGION, Role.EVALUATOR)  # before the load: other roles learn nothing of the assessment
        repository, aggregate = self._history_or_scheme(request.name)
        require_evaluator(_evaluator_id(aggregate.evaluator_of(request.name)))
        revocation = aggregate.revoke(request.name, revoked_on, request.reason.strip())
        self._save(repository, aggregate, context)
        completed = (aggregate.evaluation(request.name) if isinstance(aggregate, EvaluationHistory)
                     else aggregate.listing(request.name))
        return _assessment(completed, aggregate.version, api.ASSESSMENT_STATE_REVOKED, revocation.revoked_on,
                           revocation.reason)

    def GetAssessment(self, request: api.GetAssessmentRequest, context: grpc.ServicerContext) -> api.Assessment:
        violations = Violations()
        stream = _stream_of(request.name)
        violations.check(stream is not None, "name", "must name an assessment, e.g. enterprises/{uscc}/brandEvaluations/{n}")
        _check_version(violations, "min_version", request.min_version)
        violations.raise_if_any()
        wait_for_version(self.docs, stream_collection(stream), stream, request.min_version, self.read_timeout)
        document = self.docs.get(ASSESSMENTS, request.name)
        if document is None:
            raise NotFoundError(f"{request.name} not found")
        _require_reader_of(document["league_code"])
        return assessment_message(document)

    def ListAssessments(self, request: api.ListAssessmentsRequest, context: grpc.ServicerContext) -> api.ListAssessmentsResponse:
        violations = Violations()
        if request.league_code:
            validation.check_league(violations, "league_code", request.league_code)
        if request.year:
            violations.check(request.year in YEARS, "year", "must be from 2000 to 2100")
        if request.evaluator:
            _check_evaluator(violations, "evaluator", request.evaluator)
        violations.check(request.kind in events.AssessmentKind.values(), "kind", "not a known kind")
        violations.check(request.state in api.AssessmentState.values(), "state", "not a known state")
        violations.check(request.star_level in events.StarLevel.values(), "star_level", "not a known level")
        violations.raise_if_any()
        _require_reader_of(request.league_code)
        query: dict = {}
        for field in ("kind", "subject", "league_code", "scheme", "year", "star_level", "evaluator"):
            if value := getattr(request, field):
                query[field] = value
        query.update(STATE_FILTERS.get(request.state, {}))
        documents, token = self._page(ASSESSMENTS, query, request.page_size, request.page_token)
        return api.ListAssessmentsResponse(assessments=[assessment_message(d) for d in documents], next_page_token=token)


def _candidate(document: dict) -> scoring.Candidate:
    return scoring.Candidate(
        declaration=document["_key"], enterprise=document["enterprise"], league_code=document["league_code"],
        indicators={i["name"]: (i["value"], i["unit"]) for i in document.get("indicators", [])},
    )


def _stream_of(name: str) -> str | None:
    """The stream that holds an assessment."""
    if BRAND_EVALUATION.fullmatch(name) or GOOD_BEHAVIOUR_EVALUATION.fullmatch(name):
        return name.rpartition("/")[0]
    if match := FORERUNNER_RESULT.fullmatch(name):
        return match["scheme"]
    if match := LEADER_RESULT.fullmatch(name):
        return match["review"]
    return None
