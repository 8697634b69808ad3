from fedstd.assessment.v1 import events_pb2 as _events_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BrandEvaluation(_message.Message):
    __slots__ = ("name", "uscc", "league_code", "result", "evaluated_on", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    USCC_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    EVALUATED_ON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    uscc: str
    league_code: str
    result: _events_pb2.BrandResult
    evaluated_on: str
    version: int
    def __init__(self, name: _Optional[str] = ..., uscc: _Optional[str] = ..., league_code: _Optional[str] = ..., result: _Optional[_Union[_events_pb2.BrandResult, _Mapping]] = ..., evaluated_on: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class RecordBrandEvaluationRequest(_message.Message):
    __slots__ = ("uscc", "division_code", "evaluator", "scores", "evaluated_on")
    USCC_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    EVALUATOR_FIELD_NUMBER: _ClassVar[int]
    SCORES_FIELD_NUMBER: _ClassVar[int]
    EVALUATED_ON_FIELD_NUMBER: _ClassVar[int]
    uscc: str
    division_code: str
    evaluator: str
    scores: _events_pb2.BrandScores
    evaluated_on: str
    def __init__(self, uscc: _Optional[str] = ..., division_code: _Optional[str] = ..., evaluator: _Optional[str] = ..., scores: _Optional[_Union[_events_pb2.BrandScores, _Mapping]] = ..., evaluated_on: _Optional[str] = ...) -> None: ...

class GetBrandEvaluationRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...
