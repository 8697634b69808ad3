from fedstd.assessment.v1 import events_pb2 as _events_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AssessmentState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ASSESSMENT_STATE_UNSPECIFIED: _ClassVar[AssessmentState]
    ASSESSMENT_STATE_CURRENT: _ClassVar[AssessmentState]
    ASSESSMENT_STATE_SUPERSEDED: _ClassVar[AssessmentState]
    ASSESSMENT_STATE_REVOKED: _ClassVar[AssessmentState]

class BrandLevelStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BRAND_LEVEL_STATUS_UNSPECIFIED: _ClassVar[BrandLevelStatus]
    BRAND_LEVEL_STATUS_VALID: _ClassVar[BrandLevelStatus]
    BRAND_LEVEL_STATUS_NOT_EVALUATED: _ClassVar[BrandLevelStatus]
    BRAND_LEVEL_STATUS_EXPIRED: _ClassVar[BrandLevelStatus]
    BRAND_LEVEL_STATUS_REVOKED: _ClassVar[BrandLevelStatus]

class ForerunnerSchemeState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FORERUNNER_SCHEME_STATE_UNSPECIFIED: _ClassVar[ForerunnerSchemeState]
    FORERUNNER_SCHEME_STATE_PUBLISHED: _ClassVar[ForerunnerSchemeState]
    FORERUNNER_SCHEME_STATE_SHORTLISTED: _ClassVar[ForerunnerSchemeState]
    FORERUNNER_SCHEME_STATE_PUBLIC_NOTICE: _ClassVar[ForerunnerSchemeState]
    FORERUNNER_SCHEME_STATE_FINALIZED: _ClassVar[ForerunnerSchemeState]

class LeaderReviewState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LEADER_REVIEW_STATE_UNSPECIFIED: _ClassVar[LeaderReviewState]
    LEADER_REVIEW_STATE_SCORING: _ClassVar[LeaderReviewState]
    LEADER_REVIEW_STATE_SHORTLISTED: _ClassVar[LeaderReviewState]
ASSESSMENT_STATE_UNSPECIFIED: AssessmentState
ASSESSMENT_STATE_CURRENT: AssessmentState
ASSESSMENT_STATE_SUPERSEDED: AssessmentState
ASSESSMENT_STATE_REVOKED: AssessmentState
BRAND_LEVEL_STATUS_UNSPECIFIED: BrandLevelStatus
BRAND_LEVEL_STATUS_VALID: BrandLevelStatus
BRAND_LEVEL_STATUS_NOT_EVALUATED: BrandLevelStatus
BRAND_LEVEL_STATUS_EXPIRED: BrandLevelStatus
BRAND_LEVEL_STATUS_REVOKED: BrandLevelStatus
FORERUNNER_SCHEME_STATE_UNSPECIFIED: ForerunnerSchemeState
FORERUNNER_SCHEME_STATE_PUBLISHED: ForerunnerSchemeState
FORERUNNER_SCHEME_STATE_SHORTLISTED: ForerunnerSchemeState
FORERUNNER_SCHEME_STATE_PUBLIC_NOTICE: ForerunnerSchemeState
FORERUNNER_SCHEME_STATE_FINALIZED: ForerunnerSchemeState
LEADER_REVIEW_STATE_UNSPECIFIED: LeaderReviewState
LEADER_REVIEW_STATE_SCORING: LeaderReviewState
LEADER_REVIEW_STATE_SHORTLISTED: LeaderReviewState

class BrandEvaluation(_message.Message):
    __slots__ = ("name", "uscc", "league_code", "result", "evaluated_on", "version", "state", "revoked_on", "revocation_reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    USCC_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    EVALUATED_ON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    REVOCATION_REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    uscc: str
    league_code: str
    result: _events_pb2.BrandResult
    evaluated_on: str
    version: int
    state: AssessmentState
    revoked_on: str
    revocation_reason: str
    def __init__(self, name: _Optional[str] = ..., uscc: _Optional[str] = ..., league_code: _Optional[str] = ..., result: _Optional[_Union[_events_pb2.BrandResult, _Mapping]] = ..., evaluated_on: _Optional[str] = ..., version: _Optional[int] = ..., state: _Optional[_Union[AssessmentState, str]] = ..., revoked_on: _Optional[str] = ..., revocation_reason: _Optional[str] = ...) -> None: ...

class RecordBrandEvaluationRequest(_message.Message):
    __slots__ = ("uscc", "division_code", "evaluator", "scores", "evaluated_on", "enterprise_version", "indicator_scores")
    USCC_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    EVALUATED_ON_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_VERSION_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_SCORES_FIELD_NUMBER: _ClassVar[int]
    uscc: str
    division_code: str
    evaluator: str
    scores: _events_pb2.BrandScores
    evaluated_on: str
    enterprise_version: int
    indicator_scores: _containers.RepeatedCompositeFieldContainer[_events_pb2.IndicatorScore]
    def __init__(self, uscc: _Optional[str] = ..., division_code: _Optional[str] = ..., evaluator: _Optional[str] = ..., scores: _Optional[_Union[_events_pb2.BrandScores, _Mapping]] = ..., evaluated_on: _Optional[str] = ..., enterprise_version: _Optional[int] = ..., indicator_scores: _Optional[_Iterable[_Union[_events_pb2.IndicatorScore, _Mapping]]] = ...) -> None: ...

class GetBrandEvaluationRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class BrandLevel(_message.Message):
    __slots__ = ("enterprise", "as_of", "star_level", "status", "evaluation", "valid_until", "total_score")
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    STAR_LEVEL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    EVALUATION_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SCORE_FIELD_NUMBER: _ClassVar[int]
    enterprise: str
    as_of: str
    star_level: _events_pb2.StarLevel
    status: BrandLevelStatus
    evaluation: str
    valid_until: str
    total_score: int
    def __init__(self, enterprise: _Optional[str] = ..., as_of: _Optional[str] = ..., star_level: _Optional[_Union[_events_pb2.StarLevel, str]] = ..., status: _Optional[_Union[BrandLevelStatus, str]] = ..., evaluation: _Optional[str] = ..., valid_until: _Optional[str] = ..., total_score: _Optional[int] = ...) -> None: ...

class GetBrandLevelRequest(_message.Message):
    __slots__ = ("enterprise", "as_of", "min_version")
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    enterprise: str
    as_of: str
    min_version: int
    def __init__(self, enterprise: _Optional[str] = ..., as_of: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class ForerunnerEntry(_message.Message):
    __slots__ = ("name", "declaration", "enterprise", "league_code", "score", "rank", "shortlisted", "commitment_received_on", "listed", "revoked_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    SHORTLISTED_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    LISTED_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    declaration: str
    enterprise: str
    league_code: str
    score: float
    rank: int
    shortlisted: bool
    commitment_received_on: str
    listed: bool
    revoked_on: str
    def __init__(self, name: _Optional[str] = ..., declaration: _Optional[str] = ..., enterprise: _Optional[str] = ..., league_code: _Optional[str] = ..., score: _Optional[float] = ..., rank: _Optional[int] = ..., shortlisted: _Optional[bool] = ..., commitment_received_on: _Optional[str] = ..., listed: _Optional[bool] = ..., revoked_on: _Optional[str] = ...) -> None: ...

class ForerunnerScheme(_message.Message):
    __slots__ = ("name", "year", "key_field", "group_standard", "evaluator", "core_indicators", "selection_rule", "published_on", "state", "entries", "notice_opened_on", "notice_closes_on", "finalized_on", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    CORE_INDICATORS_FIELD_NUMBER: _ClassVar[int]
    SELECTION_RULE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NOTICE_OPENED_ON_FIELD_NUMBER: _ClassVar[int]
    NOTICE_CLOSES_ON_FIELD_NUMBER: _ClassVar[int]
    FINALIZED_ON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    year: int
    key_field: str
    group_standard: str
    evaluator: str
    core_indicators: _containers.RepeatedCompositeFieldContainer[_events_pb2.CoreIndicator]
    selection_rule: _events_pb2.SelectionRule
    published_on: str
    state: ForerunnerSchemeState
    entries: _containers.RepeatedCompositeFieldContainer[ForerunnerEntry]
    notice_opened_on: str
    notice_closes_on: str
    finalized_on: str
    version: int
    def __init__(self, name: _Optional[str] = ..., year: _Optional[int] = ..., key_field: _Optional[str] = ..., group_standard: _Optional[str] = ..., evaluator: _Optional[str] = ..., core_indicators: _Optional[_Iterable[_Union[_events_pb2.CoreIndicator, _Mapping]]] = ..., selection_rule: _Optional[_Union[_events_pb2.SelectionRule, _Mapping]] = ..., published_on: _Optional[str] = ..., state: _Optional[_Union[ForerunnerSchemeState, str]] = ..., entries: _Optional[_Iterable[_Union[ForerunnerEntry, _Mapping]]] = ..., notice_opened_on: _Optional[str] = ..., notice_closes_on: _Optional[str] = ..., finalized_on: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class PublishForerunnerSchemeRequest(_message.Message):
    __slots__ = ("scheme_id", "year", "key_field", "group_standard", "evaluator", "core_indicators", "selection_rule", "published_on", "group_standard_version")
    SCHEME_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    CORE_INDICATORS_FIELD_NUMBER: _ClassVar[int]
    SELECTION_RULE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARD_VERSION_FIELD_NUMBER: _ClassVar[int]
    scheme_id: str
    year: int
    key_field: str
    group_standard: str
    evaluator: str
    core_indicators: _containers.RepeatedCompositeFieldContainer[_events_pb2.CoreIndicator]
    selection_rule: _events_pb2.SelectionRule
    published_on: str
    group_standard_version: int
    def __init__(self, scheme_id: _Optional[str] = ..., year: _Optional[int] = ..., key_field: _Optional[str] = ..., group_standard: _Optional[str] = ..., evaluator: _Optional[str] = ..., core_indicators: _Optional[_Iterable[_Union[_events_pb2.CoreIndicator, _Mapping]]] = ..., selection_rule: _Optional[_Union[_events_pb2.SelectionRule, _Mapping]] = ..., published_on: _Optional[str] = ..., group_standard_version: _Optional[int] = ...) -> None: ...

class GetForerunnerSchemeRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class ListForerunnerSchemesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "year", "key_field", "evaluator")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    year: int
    key_field: str
    evaluator: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., year: _Optional[int] = ..., key_field: _Optional[str] = ..., evaluator: _Optional[str] = ...) -> None: ...

class ListForerunnerSchemesResponse(_message.Message):
    __slots__ = ("forerunner_schemes", "next_page_token")
    FORERUNNER_SCHEMES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    forerunner_schemes: _containers.RepeatedCompositeFieldContainer[ForerunnerScheme]
    next_page_token: str
    def __init__(self, forerunner_schemes: _Optional[_Iterable[_Union[ForerunnerScheme, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class IndicatorComparison(_message.Message):
    __slots__ = ("indicator", "unit", "declared", "value")
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    DECLARED_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    indicator: str
    unit: str
    declared: bool
    value: float
    def __init__(self, indicator: _Optional[str] = ..., unit: _Optional[str] = ..., declared: _Optional[bool] = ..., value: _Optional[float] = ...) -> None: ...

class ForerunnerCandidate(_message.Message):
    __slots__ = ("declaration", "enterprise", "league_code", "standard_number", "standard_name", "indicators", "declaration_version")
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    STANDARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    STANDARD_NAME_FIELD_NUMBER: _ClassVar[int]
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    DECLARATION_VERSION_FIELD_NUMBER: _ClassVar[int]
    declaration: str
    enterprise: str
    league_code: str
    standard_number: str
    standard_name: str
    indicators: _containers.RepeatedCompositeFieldContainer[IndicatorComparison]
    declaration_version: int
    def __init__(self, declaration: _Optional[str] = ..., enterprise: _Optional[str] = ..., league_code: _Optional[str] = ..., standard_number: _Optional[str] = ..., standard_name: _Optional[str] = ..., indicators: _Optional[_Iterable[_Union[IndicatorComparison, _Mapping]]] = ..., declaration_version: _Optional[int] = ...) -> None: ...

class ListForerunnerCandidatesRequest(_message.Message):
    __slots__ = ("scheme", "page_size", "page_token")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    page_size: int
    page_token: str
    def __init__(self, scheme: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListForerunnerCandidatesResponse(_message.Message):
    __slots__ = ("candidates", "next_page_token")
    CANDIDATES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    candidates: _containers.RepeatedCompositeFieldContainer[ForerunnerCandidate]
    next_page_token: str
    def __init__(self, candidates: _Optional[_Iterable[_Union[ForerunnerCandidate, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RankForerunnerSchemeRequest(_message.Message):
    __slots__ = ("scheme", "published_on")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    published_on: str
    def __init__(self, scheme: _Optional[str] = ..., published_on: _Optional[str] = ...) -> None: ...

class RecordForerunnerCommitmentRequest(_message.Message):
    __slots__ = ("scheme", "declaration", "received_on")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    declaration: str
    received_on: str
    def __init__(self, scheme: _Optional[str] = ..., declaration: _Optional[str] = ..., received_on: _Optional[str] = ...) -> None: ...

class OpenForerunnerPublicNoticeRequest(_message.Message):
    __slots__ = ("scheme", "opened_on", "closes_on")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    OPENED_ON_FIELD_NUMBER: _ClassVar[int]
    CLOSES_ON_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    opened_on: str
    closes_on: str
    def __init__(self, scheme: _Optional[str] = ..., opened_on: _Optional[str] = ..., closes_on: _Optional[str] = ...) -> None: ...

class FinalizeForerunnerListRequest(_message.Message):
    __slots__ = ("scheme", "finalized_on", "excluded_declarations")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    FINALIZED_ON_FIELD_NUMBER: _ClassVar[int]
    EXCLUDED_DECLARATIONS_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    finalized_on: str
    excluded_declarations: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, scheme: _Optional[str] = ..., finalized_on: _Optional[str] = ..., excluded_declarations: _Optional[_Iterable[str]] = ...) -> None: ...

class ChecklistGroupPoints(_message.Message):
    __slots__ = ("group", "points")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    group: str
    points: int
    def __init__(self, group: _Optional[str] = ..., points: _Optional[int] = ...) -> None: ...

class RecordGoodBehaviourEvaluationRequest(_message.Message):
    __slots__ = ("chamber", "evaluator", "checklist", "groups", "evaluated_on", "chamber_version")
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    CHECKLIST_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    EVALUATED_ON_FIELD_NUMBER: _ClassVar[int]
    CHAMBER_VERSION_FIELD_NUMBER: _ClassVar[int]
    chamber: str
    evaluator: str
    checklist: str
    groups: _containers.RepeatedCompositeFieldContainer[ChecklistGroupPoints]
    evaluated_on: str
    chamber_version: int
    def __init__(self, chamber: _Optional[str] = ..., evaluator: _Optional[str] = ..., checklist: _Optional[str] = ..., groups: _Optional[_Iterable[_Union[ChecklistGroupPoints, _Mapping]]] = ..., evaluated_on: _Optional[str] = ..., chamber_version: _Optional[int] = ...) -> None: ...

class LeaderReview(_message.Message):
    __slots__ = ("name", "year", "state", "standings", "shortlist_published_on", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STANDINGS_FIELD_NUMBER: _ClassVar[int]
    SHORTLIST_PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    year: int
    state: LeaderReviewState
    standings: _containers.RepeatedCompositeFieldContainer[_events_pb2.LeaderReviewResult]
    shortlist_published_on: str
    version: int
    def __init__(self, name: _Optional[str] = ..., year: _Optional[int] = ..., state: _Optional[_Union[LeaderReviewState, str]] = ..., standings: _Optional[_Iterable[_Union[_events_pb2.LeaderReviewResult, _Mapping]]] = ..., shortlist_published_on: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class RecordLeaderReviewScoreRequest(_message.Message):
    __slots__ = ("year", "group_standard", "expert", "internal", "score", "recorded_on", "group_standard_version")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    EXPERT_FIELD_NUMBER: _ClassVar[int]
    INTERNAL_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_ON_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARD_VERSION_FIELD_NUMBER: _ClassVar[int]
    year: int
    group_standard: str
    expert: str
    internal: bool
    score: float
    recorded_on: str
    group_standard_version: int
    def __init__(self, year: _Optional[int] = ..., group_standard: _Optional[str] = ..., expert: _Optional[str] = ..., internal: _Optional[bool] = ..., score: _Optional[float] = ..., recorded_on: _Optional[str] = ..., group_standard_version: _Optional[int] = ...) -> None: ...

class PublishLeaderShortlistRequest(_message.Message):
    __slots__ = ("year", "shortlist_size", "published_on")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    SHORTLIST_SIZE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    year: int
    shortlist_size: int
    published_on: str
    def __init__(self, year: _Optional[int] = ..., shortlist_size: _Optional[int] = ..., published_on: _Optional[str] = ...) -> None: ...

class GetLeaderReviewRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class Assessment(_message.Message):
    __slots__ = ("name", "kind", "subject", "league_code", "completed_on", "brand", "forerunner", "good_behaviour", "leader_review", "state", "revoked_on", "revocation_reason", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_ON_FIELD_NUMBER: _ClassVar[int]
    BRAND_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_FIELD_NUMBER: _ClassVar[int]
    GOOD_BEHAVIOUR_FIELD_NUMBER: _ClassVar[int]
    LEADER_REVIEW_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    REVOCATION_REASON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    kind: _events_pb2.AssessmentKind
    subject: str
    league_code: str
    completed_on: str
    brand: _events_pb2.BrandResult
    forerunner: _events_pb2.ForerunnerResult
    good_behaviour: _events_pb2.GoodBehaviourResult
    leader_review: _events_pb2.LeaderReviewResult
    state: AssessmentState
    revoked_on: str
    revocation_reason: str
    version: int
    def __init__(self, name: _Optional[str] = ..., kind: _Optional[_Union[_events_pb2.AssessmentKind, str]] = ..., subject: _Optional[str] = ..., league_code: _Optional[str] = ..., completed_on: _Optional[str] = ..., brand: _Optional[_Union[_events_pb2.BrandResult, _Mapping]] = ..., forerunner: _Optional[_Union[_events_pb2.ForerunnerResult, _Mapping]] = ..., good_behaviour: _Optional[_Union[_events_pb2.GoodBehaviourResult, _Mapping]] = ..., leader_review: _Optional[_Union[_events_pb2.LeaderReviewResult, _Mapping]] = ..., state: _Optional[_Union[AssessmentState, str]] = ..., revoked_on: _Optional[str] = ..., revocation_reason: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class RevokeAssessmentRequest(_message.Message):
    __slots__ = ("name", "revoked_on", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    revoked_on: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., revoked_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetAssessmentRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class ListAssessmentsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "kind", "subject", "league_code", "scheme", "year", "star_level", "evaluator", "state")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STAR_LEVEL_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    kind: _events_pb2.AssessmentKind
    subject: str
    league_code: str
    scheme: str
    year: int
    star_level: _events_pb2.StarLevel
    evaluator: str
    state: AssessmentState
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., kind: _Optional[_Union[_events_pb2.AssessmentKind, str]] = ..., subject: _Optional[str] = ..., league_code: _Optional[str] = ..., scheme: _Optional[str] = ..., year: _Optional[int] = ..., star_level: _Optional[_Union[_events_pb2.StarLevel, str]] = ..., evaluator: _Optional[str] = ..., state: _Optional[_Union[AssessmentState, str]] = ...) -> None: ...

class ListAssessmentsResponse(_message.Message):
    __slots__ = ("assessments", "next_page_token")
    ASSESSMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    assessments: _containers.RepeatedCompositeFieldContainer[Assessment]
    next_page_token: str
    def __init__(self, assessments: _Optional[_Iterable[_Union[Assessment, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
