import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ReportFigures(_message.Message):
    __slots__ = ("private_enterprises", "pilot_enterprises", "evaluated_enterprises", "two_star_or_above_enterprises", "training_batches", "trainees", "self_declarations", "forerunners", "pilot_chambers", "group_standards_published")
    PRIVATE_ENTERPRISES_FIELD_NUMBER: _ClassVar[int]
    PILOT_ENTERPRISES_FIELD_NUMBER: _ClassVar[int]
    EVALUATED_ENTERPRISES_FIELD_NUMBER: _ClassVar[int]
    TWO_STAR_OR_ABOVE_ENTERPRISES_FIELD_NUMBER: _ClassVar[int]
    TRAINING_BATCHES_FIELD_NUMBER: _ClassVar[int]
    TRAINEES_FIELD_NUMBER: _ClassVar[int]
    SELF_DECLARATIONS_FIELD_NUMBER: _ClassVar[int]
    FORERUNNERS_FIELD_NUMBER: _ClassVar[int]
    PILOT_CHAMBERS_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARDS_PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    private_enterprises: int
    pilot_enterprises: int
    evaluated_enterprises: int
    two_star_or_above_enterprises: int
    training_batches: int
    trainees: int
    self_declarations: int
    forerunners: int
    pilot_chambers: int
    group_standards_published: int
    def __init__(self, private_enterprises: _Optional[int] = ..., pilot_enterprises: _Optional[int] = ..., evaluated_enterprises: _Optional[int] = ..., two_star_or_above_enterprises: _Optional[int] = ..., training_batches: _Optional[int] = ..., trainees: _Optional[int] = ..., self_declarations: _Optional[int] = ..., forerunners: _Optional[int] = ..., pilot_chambers: _Optional[int] = ..., group_standards_published: _Optional[int] = ...) -> None: ...

class ReportSubmitted(_message.Message):
    __slots__ = ("report", "league_code", "year", "figures", "narrative", "submitted_at")
    REPORT_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    report: str
    league_code: str
    year: int
    figures: ReportFigures
    narrative: str
    submitted_at: _timestamp_pb2.Timestamp
    def __init__(self, report: _Optional[str] = ..., league_code: _Optional[str] = ..., year: _Optional[int] = ..., figures: _Optional[_Union[ReportFigures, _Mapping]] = ..., narrative: _Optional[str] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
