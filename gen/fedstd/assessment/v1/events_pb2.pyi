from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AssessmentKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ASSESSMENT_KIND_UNSPECIFIED: _ClassVar[AssessmentKind]
    ASSESSMENT_KIND_BRAND: _ClassVar[AssessmentKind]

class StarLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STAR_LEVEL_UNSPECIFIED: _ClassVar[StarLevel]
    STAR_LEVEL_NONE: _ClassVar[StarLevel]
    STAR_LEVEL_TWO: _ClassVar[StarLevel]
    STAR_LEVEL_THREE: _ClassVar[StarLevel]
    STAR_LEVEL_FOUR: _ClassVar[StarLevel]
    STAR_LEVEL_FIVE: _ClassVar[StarLevel]
ASSESSMENT_KIND_UNSPECIFIED: AssessmentKind
ASSESSMENT_KIND_BRAND: AssessmentKind
STAR_LEVEL_UNSPECIFIED: StarLevel
STAR_LEVEL_NONE: StarLevel
STAR_LEVEL_TWO: StarLevel
STAR_LEVEL_THREE: StarLevel
STAR_LEVEL_FOUR: StarLevel
STAR_LEVEL_FIVE: StarLevel

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

class BrandResult(_message.Message):
    __slots__ = ("scores", "total_score", "star_level", "valid_until", "evaluator")
    SCORES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SCORE_FIELD_NUMBER: _ClassVar[int]
    STAR_LEVEL_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    scores: BrandScores
    total_score: int
    star_level: StarLevel
    valid_until: str
    evaluator: str
    def __init__(self, scores: _Optional[_Union[BrandScores, _Mapping]] = ..., total_score: _Optional[int] = ..., star_level: _Optional[_Union[StarLevel, str]] = ..., valid_until: _Optional[str] = ..., evaluator: _Optional[str] = ...) -> None: ...

class AssessmentCompleted(_message.Message):
    __slots__ = ("assessment", "kind", "subject", "league_code", "completed_on", "brand")
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_ON_FIELD_NUMBER: _ClassVar[int]
    BRAND_FIELD_NUMBER: _ClassVar[int]
    assessment: str
    kind: AssessmentKind
    subject: str
    league_code: str
    completed_on: str
    brand: BrandResult
    def __init__(self, assessment: _Optional[str] = ..., kind: _Optional[_Union[AssessmentKind, str]] = ..., subject: _Optional[str] = ..., league_code: _Optional[str] = ..., completed_on: _Optional[str] = ..., brand: _Optional[_Union[BrandResult, _Mapping]] = ...) -> None: ...
