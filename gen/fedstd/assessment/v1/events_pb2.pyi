from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AssessmentKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ASSESSMENT_KIND_UNSPECIFIED: _ClassVar[AssessmentKind]
    ASSESSMENT_KIND_BRAND: _ClassVar[AssessmentKind]
    ASSESSMENT_KIND_FORERUNNER: _ClassVar[AssessmentKind]
    ASSESSMENT_KIND_GOOD_BEHAVIOUR: _ClassVar[AssessmentKind]
    ASSESSMENT_KIND_LEADER_REVIEW: _ClassVar[AssessmentKind]

class StarLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STAR_LEVEL_UNSPECIFIED: _ClassVar[StarLevel]
    STAR_LEVEL_NONE: _ClassVar[StarLevel]
    STAR_LEVEL_TWO: _ClassVar[StarLevel]
    STAR_LEVEL_THREE: _ClassVar[StarLevel]
    STAR_LEVEL_FOUR: _ClassVar[StarLevel]
    STAR_LEVEL_FIVE: _ClassVar[StarLevel]

class IndicatorDirection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INDICATOR_DIRECTION_UNSPECIFIED: _ClassVar[IndicatorDirection]
    INDICATOR_DIRECTION_HIGHER_IS_BETTER: _ClassVar[IndicatorDirection]
    INDICATOR_DIRECTION_LOWER_IS_BETTER: _ClassVar[IndicatorDirection]
ASSESSMENT_KIND_UNSPECIFIED: AssessmentKind
ASSESSMENT_KIND_BRAND: AssessmentKind
ASSESSMENT_KIND_FORERUNNER: AssessmentKind
ASSESSMENT_KIND_GOOD_BEHAVIOUR: AssessmentKind
ASSESSMENT_KIND_LEADER_REVIEW: AssessmentKind
STAR_LEVEL_UNSPECIFIED: StarLevel
STAR_LEVEL_NONE: StarLevel
STAR_LEVEL_TWO: StarLevel
STAR_LEVEL_THREE: StarLevel
STAR_LEVEL_FOUR: StarLevel
STAR_LEVEL_FIVE: StarLevel
INDICATOR_DIRECTION_UNSPECIFIED: IndicatorDirection
INDICATOR_DIRECTION_HIGHER_IS_BETTER: IndicatorDirection
INDICATOR_DIRECTION_LOWER_IS_BETTER: IndicatorDirection

class BrandScores(_message.Message):
    __slots__ = ("capability", "quality", "reputation", "culture", "influence")
    CAPABILITY_FIELD_NUMBER: _ClassVar[int]
    QUALITY_FIELD_NUMBER: _ClassVar[int]
    REPUTATION_FIELD_NUMBER: _ClassVar[int]
    CULTURE_FIELD_NUMBER: _ClassVar[int]
    INFLUENCE_FIELD_NUMBER: _ClassVar[int]
    capability: int
    quality: int
    reputation: int
    culture: int
    influence: int
    def __init__(self, capability: _Optional[int] = ..., quality: _Optional[int] = ..., reputation: _Optional[int] = ..., culture: _Optional[int] = ..., influence: _Optional[int] = ...) -> None: ...

class IndicatorScore(_message.Message):
    __slots__ = ("indicator", "points")
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    indicator: str
    points: float
    def __init__(self, indicator: _Optional[str] = ..., points: _Optional[float] = ...) -> None: ...

class BrandResult(_message.Message):
    __slots__ = ("scores", "total_score", "star_level", "valid_until", "evaluator", "indicator_scores")
    SCORES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SCORE_FIELD_NUMBER: _ClassVar[int]
    STAR_LEVEL_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_SCORES_FIELD_NUMBER: _ClassVar[int]
    scores: BrandScores
    total_score: int
    star_level: StarLevel
    valid_until: str
    evaluator: str
    indicator_scores: _containers.RepeatedCompositeFieldContainer[IndicatorScore]
    def __init__(self, scores: _Optional[_Union[BrandScores, _Mapping]] = ..., total_score: _Optional[int] = ..., star_level: _Optional[_Union[StarLevel, str]] = ..., valid_until: _Optional[str] = ..., evaluator: _Optional[str] = ..., indicator_scores: _Optional[_Iterable[_Union[IndicatorScore, _Mapping]]] = ...) -> None: ...

class ForerunnerResult(_message.Message):
    __slots__ = ("scheme", "year", "key_field", "declaration", "rank", "score", "listed", "valid_until", "enterprise", "evaluator")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    LISTED_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    year: int
    key_field: str
    declaration: str
    rank: int
    score: float
    listed: bool
    valid_until: str
    enterprise: str
    evaluator: str
    def __init__(self, scheme: _Optional[str] = ..., year: _Optional[int] = ..., key_field: _Optional[str] = ..., declaration: _Optional[str] = ..., rank: _Optional[int] = ..., score: _Optional[float] = ..., listed: _Optional[bool] = ..., valid_until: _Optional[str] = ..., enterprise: _Optional[str] = ..., evaluator: _Optional[str] = ...) -> None: ...

class ChecklistGroupScore(_message.Message):
    __slots__ = ("group", "points", "max_points")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    MAX_POINTS_FIELD_NUMBER: _ClassVar[int]
    group: str
    points: int
    max_points: int
    def __init__(self, group: _Optional[str] = ..., points: _Optional[int] = ..., max_points: _Optional[int] = ...) -> None: ...

class GoodBehaviourResult(_message.Message):
    __slots__ = ("checklist", "groups", "total_points", "max_points", "conforms", "grade", "evaluator")
    CHECKLIST_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_POINTS_FIELD_NUMBER: _ClassVar[int]
    MAX_POINTS_FIELD_NUMBER: _ClassVar[int]
    CONFORMS_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    checklist: str
    groups: _containers.RepeatedCompositeFieldContainer[ChecklistGroupScore]
    total_points: int
    max_points: int
    conforms: bool
    grade: str
    evaluator: str
    def __init__(self, checklist: _Optional[str] = ..., groups: _Optional[_Iterable[_Union[ChecklistGroupScore, _Mapping]]] = ..., total_points: _Optional[int] = ..., max_points: _Optional[int] = ..., conforms: _Optional[bool] = ..., grade: _Optional[str] = ..., evaluator: _Optional[str] = ...) -> None: ...

class LeaderReviewResult(_message.Message):
    __slots__ = ("year", "group_standard", "internal_average", "external_average", "combined_score", "rank", "shortlisted")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    INTERNAL_AVERAGE_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_AVERAGE_FIELD_NUMBER: _ClassVar[int]
    COMBINED_SCORE_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    SHORTLISTED_FIELD_NUMBER: _ClassVar[int]
    year: int
    group_standard: str
    internal_average: float
    external_average: float
    combined_score: float
    rank: int
    shortlisted: bool
    def __init__(self, year: _Optional[int] = ..., group_standard: _Optional[str] = ..., internal_average: _Optional[float] = ..., external_average: _Optional[float] = ..., combined_score: _Optional[float] = ..., rank: _Optional[int] = ..., shortlisted: _Optional[bool] = ...) -> None: ...

class AssessmentCompleted(_message.Message):
    __slots__ = ("assessment", "kind", "subject", "league_code", "completed_on", "brand", "forerunner", "good_behaviour", "leader_review")
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_ON_FIELD_NUMBER: _ClassVar[int]
    BRAND_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_FIELD_NUMBER: _ClassVar[int]
    GOOD_BEHAVIOUR_FIELD_NUMBER: _ClassVar[int]
    LEADER_REVIEW_FIELD_NUMBER: _ClassVar[int]
    assessment: str
    kind: AssessmentKind
    subject: str
    league_code: str
    completed_on: str
    brand: BrandResult
    forerunner: ForerunnerResult
    good_behaviour: GoodBehaviourResult
    leader_review: LeaderReviewResult
    def __init__(self, assessment: _Optional[str] = ..., kind: _Optional[_Union[AssessmentKind, str]] = ..., subject: _Optional[str] = ..., league_code: _Optional[str] = ..., completed_on: _Optional[str] = ..., brand: _Optional[_Union[BrandResult, _Mapping]] = ..., forerunner: _Optional[_Union[ForerunnerResult, _Mapping]] = ..., good_behaviour: _Optional[_Union[GoodBehaviourResult, _Mapping]] = ..., leader_review: _Optional[_Union[LeaderReviewResult, _Mapping]] = ...) -> None: ...

class AssessmentRevoked(_message.Message):
    __slots__ = ("assessment", "kind", "subject", "league_code", "revoked_on", "reason")
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    assessment: str
    kind: AssessmentKind
    subject: str
    league_code: str
    revoked_on: str
    reason: str
    def __init__(self, assessment: _Optional[str] = ..., kind: _Optional[_Union[AssessmentKind, str]] = ..., subject: _Optional[str] = ..., league_code: _Optional[str] = ..., revoked_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CoreIndicator(_message.Message):
    __slots__ = ("name", "unit", "direction", "weight")
    NAME_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    name: str
    unit: str
    direction: IndicatorDirection
    weight: float
    def __init__(self, name: _Optional[str] = ..., unit: _Optional[str] = ..., direction: _Optional[_Union[IndicatorDirection, str]] = ..., weight: _Optional[float] = ...) -> None: ...

class SelectionRule(_message.Message):
    __slots__ = ("top_n", "top_percent", "min_score")
    TOP_N_FIELD_NUMBER: _ClassVar[int]
    TOP_PERCENT_FIELD_NUMBER: _ClassVar[int]
    MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    top_n: int
    top_percent: float
    min_score: float
    def __init__(self, top_n: _Optional[int] = ..., top_percent: _Optional[float] = ..., min_score: _Optional[float] = ...) -> None: ...

class ForerunnerSchemePublished(_message.Message):
    __slots__ = ("scheme", "year", "key_field", "group_standard", "evaluator", "core_indicators", "selection_rule", "published_on")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    CORE_INDICATORS_FIELD_NUMBER: _ClassVar[int]
    SELECTION_RULE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    year: int
    key_field: str
    group_standard: str
    evaluator: str
    core_indicators: _containers.RepeatedCompositeFieldContainer[CoreIndicator]
    selection_rule: SelectionRule
    published_on: str
    def __init__(self, scheme: _Optional[str] = ..., year: _Optional[int] = ..., key_field: _Optional[str] = ..., group_standard: _Optional[str] = ..., evaluator: _Optional[str] = ..., core_indicators: _Optional[_Iterable[_Union[CoreIndicator, _Mapping]]] = ..., selection_rule: _Optional[_Union[SelectionRule, _Mapping]] = ..., published_on: _Optional[str] = ...) -> None: ...

class RankedStandard(_message.Message):
    __slots__ = ("declaration", "enterprise", "league_code", "score", "rank")
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    declaration: str
    enterprise: str
    league_code: str
    score: float
    rank: int
    def __init__(self, declaration: _Optional[str] = ..., enterprise: _Optional[str] = ..., league_code: _Optional[str] = ..., score: _Optional[float] = ..., rank: _Optional[int] = ...) -> None: ...

class ForerunnerRankingPublished(_message.Message):
    __slots__ = ("scheme", "ranking", "published_on")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    RANKING_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    ranking: _containers.RepeatedCompositeFieldContainer[RankedStandard]
    published_on: str
    def __init__(self, scheme: _Optional[str] = ..., ranking: _Optional[_Iterable[_Union[RankedStandard, _Mapping]]] = ..., published_on: _Optional[str] = ...) -> None: ...

class ForerunnerShortlistPublished(_message.Message):
    __slots__ = ("scheme", "shortlist", "published_on")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    SHORTLIST_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    shortlist: _containers.RepeatedCompositeFieldContainer[RankedStandard]
    published_on: str
    def __init__(self, scheme: _Optional[str] = ..., shortlist: _Optional[_Iterable[_Union[RankedStandard, _Mapping]]] = ..., published_on: _Optional[str] = ...) -> None: ...

class ForerunnerCommitmentReceived(_message.Message):
    __slots__ = ("scheme", "declaration", "received_on")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    declaration: str
    received_on: str
    def __init__(self, scheme: _Optional[str] = ..., declaration: _Optional[str] = ..., received_on: _Optional[str] = ...) -> None: ...

class ForerunnerPublicNoticeOpened(_message.Message):
    __slots__ = ("scheme", "opened_on", "closes_on")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    OPENED_ON_FIELD_NUMBER: _ClassVar[int]
    CLOSES_ON_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    opened_on: str
    closes_on: str
    def __init__(self, scheme: _Optional[str] = ..., opened_on: _Optional[str] = ..., closes_on: _Optional[str] = ...) -> None: ...

class ForerunnerListFinalized(_message.Message):
    __slots__ = ("scheme", "listed", "finalized_on")
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    LISTED_FIELD_NUMBER: _ClassVar[int]
    FINALIZED_ON_FIELD_NUMBER: _ClassVar[int]
    scheme: str
    listed: _containers.RepeatedCompositeFieldContainer[RankedStandard]
    finalized_on: str
    def __init__(self, scheme: _Optional[str] = ..., listed: _Optional[_Iterable[_Union[RankedStandard, _Mapping]]] = ..., finalized_on: _Optional[str] = ...) -> None: ...

class LeaderReviewScoreRecorded(_message.Message):
    __slots__ = ("leader_review", "group_standard", "expert", "internal", "score", "league_code", "recorded_on")
    LEADER_REVIEW_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    EXPERT_FIELD_NUMBER: _ClassVar[int]
    INTERNAL_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_ON_FIELD_NUMBER: _ClassVar[int]
    leader_review: str
    group_standard: str
    expert: str
    internal: bool
    score: float
    league_code: str
    recorded_on: str
    def __init__(self, leader_review: _Optional[str] = ..., group_standard: _Optional[str] = ..., expert: _Optional[str] = ..., internal: _Optional[bool] = ..., score: _Optional[float] = ..., league_code: _Optional[str] = ..., recorded_on: _Optional[str] = ...) -> None: ...

class LeaderShortlistPublished(_message.Message):
    __slots__ = ("leader_review", "year", "shortlist", "published_on")
    LEADER_REVIEW_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    SHORTLIST_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    leader_review: str
    year: int
    shortlist: _containers.RepeatedCompositeFieldContainer[LeaderReviewResult]
    published_on: str
    def __init__(self, leader_review: _Optional[str] = ..., year: _Optional[int] = ..., shortlist: _Optional[_Iterable[_Union[LeaderReviewResult, _Mapping]]] = ..., published_on: _Optional[str] = ...) -> None: ...
