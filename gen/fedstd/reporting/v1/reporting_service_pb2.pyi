import datetime

from fedstd.reporting.v1 import events_pb2 as _events_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AnnualReportState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ANNUAL_REPORT_STATE_UNSPECIFIED: _ClassVar[AnnualReportState]
    ANNUAL_REPORT_STATE_SUBMITTED: _ClassVar[AnnualReportState]
ANNUAL_REPORT_STATE_UNSPECIFIED: AnnualReportState
ANNUAL_REPORT_STATE_SUBMITTED: AnnualReportState

class AnnualReport(_message.Message):
    __slots__ = ("name", "league_code", "year", "figures", "narrative", "state", "submitted_at", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    league_code: str
    year: int
    figures: _events_pb2.ReportFigures
    narrative: str
    state: AnnualReportState
    submitted_at: _timestamp_pb2.Timestamp
    version: int
    def __init__(self, name: _Optional[str] = ..., league_code: _Optional[str] = ..., year: _Optional[int] = ..., figures: _Optional[_Union[_events_pb2.ReportFigures, _Mapping]] = ..., narrative: _Optional[str] = ..., state: _Optional[_Union[AnnualReportState, str]] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version: _Optional[int] = ...) -> None: ...

class SubmitAnnualReportRequest(_message.Message):
    __slots__ = ("league_code", "year", "figures", "narrative")
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    league_code: str
    year: int
    figures: _events_pb2.ReportFigures
    narrative: str
    def __init__(self, league_code: _Optional[str] = ..., year: _Optional[int] = ..., figures: _Optional[_Union[_events_pb2.ReportFigures, _Mapping]] = ..., narrative: _Optional[str] = ...) -> None: ...

class GetAnnualReportRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class GetFederationProgressRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class LeagueProgress(_message.Message):
    __slots__ = ("league_code", "league_name", "group_standards_published", "enterprises_evaluated", "enterprises_two_star_or_above", "private_enterprises_reported", "two_star_share", "target_met", "annual_reports_submitted")
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_NAME_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARDS_PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISES_EVALUATED_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISES_TWO_STAR_OR_ABOVE_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_ENTERPRISES_REPORTED_FIELD_NUMBER: _ClassVar[int]
    TWO_STAR_SHARE_FIELD_NUMBER: _ClassVar[int]
    TARGET_MET_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_REPORTS_SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    league_code: str
    league_name: str
    group_standards_published: int
    enterprises_evaluated: int
    enterprises_two_star_or_above: int
    private_enterprises_reported: int
    two_star_share: float
    target_met: bool
    annual_reports_submitted: int
    def __init__(self, league_code: _Optional[str] = ..., league_name: _Optional[str] = ..., group_standards_published: _Optional[int] = ..., enterprises_evaluated: _Optional[int] = ..., enterprises_two_star_or_above: _Optional[int] = ..., private_enterprises_reported: _Optional[int] = ..., two_star_share: _Optional[float] = ..., target_met: _Optional[bool] = ..., annual_reports_submitted: _Optional[int] = ...) -> None: ...

class FederationProgress(_message.Message):
    __slots__ = ("leagues", "total", "target_share", "computed_at")
    LEAGUES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    TARGET_SHARE_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    leagues: _containers.RepeatedCompositeFieldContainer[LeagueProgress]
    total: LeagueProgress
    target_share: float
    computed_at: _timestamp_pb2.Timestamp
    def __init__(self, leagues: _Optional[_Iterable[_Union[LeagueProgress, _Mapping]]] = ..., total: _Optional[_Union[LeagueProgress, _Mapping]] = ..., target_share: _Optional[float] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
