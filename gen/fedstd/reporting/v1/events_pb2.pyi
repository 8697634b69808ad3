import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ReportFigures(_message.Message):
    __slots__ = ("private_enterprises", "pilot_enterprises", "evaluated_enterprises", "two_star_or_above_enterprises", "training_batches", "trainees", "self_declarations", "forerunners", "pilot_chambers", "group_standards_published", "forerunner_participants", "pilot_chambers_conforming", "group_standards_in_development", "group_standards_under_review", "group_standards_abolished", "group_standards_converted", "group_standards_translated", "leader_recommendations", "leaders_listed", "funds_yuan", "awards")
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
    FORERUNNER_PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    PILOT_CHAMBERS_CONFORMING_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARDS_IN_DEVELOPMENT_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARDS_UNDER_REVIEW_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARDS_ABOLISHED_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARDS_CONVERTED_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARDS_TRANSLATED_FIELD_NUMBER: _ClassVar[int]
    LEADER_RECOMMENDATIONS_FIELD_NUMBER: _ClassVar[int]
    LEADERS_LISTED_FIELD_NUMBER: _ClassVar[int]
    FUNDS_YUAN_FIELD_NUMBER: _ClassVar[int]
    AWARDS_FIELD_NUMBER: _ClassVar[int]
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
    forerunner_participants: int
    pilot_chambers_conforming: int
    group_standards_in_development: int
    group_standards_under_review: int
    group_standards_abolished: int
    group_standards_converted: int
    group_standards_translated: int
    leader_recommendations: int
    leaders_listed: int
    funds_yuan: int
    awards: int
    def __init__(self, private_enterprises: _Optional[int] = ..., pilot_enterprises: _Optional[int] = ..., evaluated_enterprises: _Optional[int] = ..., two_star_or_above_enterprises: _Optional[int] = ..., training_batches: _Optional[int] = ..., trainees: _Optional[int] = ..., self_declarations: _Optional[int] = ..., forerunners: _Optional[int] = ..., pilot_chambers: _Optional[int] = ..., group_standards_published: _Optional[int] = ..., forerunner_participants: _Optional[int] = ..., pilot_chambers_conforming: _Optional[int] = ..., group_standards_in_development: _Optional[int] = ..., group_standards_under_review: _Optional[int] = ..., group_standards_abolished: _Optional[int] = ..., group_standards_converted: _Optional[int] = ..., group_standards_translated: _Optional[int] = ..., leader_recommendations: _Optional[int] = ..., leaders_listed: _Optional[int] = ..., funds_yuan: _Optional[int] = ..., awards: _Optional[int] = ...) -> None: ...

class ReportIssue(_message.Message):
    __slots__ = ("figure", "description")
    FIGURE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    figure: str
    description: str
    def __init__(self, figure: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class ReportSubmitted(_message.Message):
    __slots__ = ("report", "league_code", "year", "figures", "narrative", "submitted_at", "due_on", "late")
    REPORT_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    report: str
    league_code: str
    year: int
    figures: ReportFigures
    narrative: str
    submitted_at: _timestamp_pb2.Timestamp
    due_on: str
    late: bool
    def __init__(self, report: _Optional[str] = ..., league_code: _Optional[str] = ..., year: _Optional[int] = ..., figures: _Optional[_Union[ReportFigures, _Mapping]] = ..., narrative: _Optional[str] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., due_on: _Optional[str] = ..., late: _Optional[bool] = ...) -> None: ...

class ReportReturned(_message.Message):
    __slots__ = ("report", "league_code", "year", "revision", "issues", "returned_at", "resubmit_by")
    REPORT_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    RETURNED_AT_FIELD_NUMBER: _ClassVar[int]
    RESUBMIT_BY_FIELD_NUMBER: _ClassVar[int]
    report: str
    league_code: str
    year: int
    revision: int
    issues: _containers.RepeatedCompositeFieldContainer[ReportIssue]
    returned_at: _timestamp_pb2.Timestamp
    resubmit_by: str
    def __init__(self, report: _Optional[str] = ..., league_code: _Optional[str] = ..., year: _Optional[int] = ..., revision: _Optional[int] = ..., issues: _Optional[_Iterable[_Union[ReportIssue, _Mapping]]] = ..., returned_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resubmit_by: _Optional[str] = ...) -> None: ...

class ReportResubmitted(_message.Message):
    __slots__ = ("report", "league_code", "year", "revision", "figures", "narrative", "submitted_at", "due_on", "late")
    REPORT_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    report: str
    league_code: str
    year: int
    revision: int
    figures: ReportFigures
    narrative: str
    submitted_at: _timestamp_pb2.Timestamp
    due_on: str
    late: bool
    def __init__(self, report: _Optional[str] = ..., league_code: _Optional[str] = ..., year: _Optional[int] = ..., revision: _Optional[int] = ..., figures: _Optional[_Union[ReportFigures, _Mapping]] = ..., narrative: _Optional[str] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., due_on: _Optional[str] = ..., late: _Optional[bool] = ...) -> None: ...

class ReportAccepted(_message.Message):
    __slots__ = ("report", "league_code", "year", "revision", "accepted_at", "remarks")
    REPORT_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_AT_FIELD_NUMBER: _ClassVar[int]
    REMARKS_FIELD_NUMBER: _ClassVar[int]
    report: str
    league_code: str
    year: int
    revision: int
    accepted_at: _timestamp_pb2.Timestamp
    remarks: str
    def __init__(self, report: _Optional[str] = ..., league_code: _Optional[str] = ..., year: _Optional[int] = ..., revision: _Optional[int] = ..., accepted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., remarks: _Optional[str] = ...) -> None: ...
