import datetime

from fedstd.assessment.v1 import events_pb2 as _events_pb2
from fedstd.reporting.v1 import events_pb2 as _events_pb2_1
from fedstd.type.v1 import plan_pb2 as _plan_pb2
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
    ANNUAL_REPORT_STATE_RETURNED: _ClassVar[AnnualReportState]
    ANNUAL_REPORT_STATE_ACCEPTED: _ClassVar[AnnualReportState]

class PlanPhase(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLAN_PHASE_UNSPECIFIED: _ClassVar[PlanPhase]
    PLAN_PHASE_NOT_STARTED: _ClassVar[PlanPhase]
    PLAN_PHASE_LAUNCH: _ClassVar[PlanPhase]
    PLAN_PHASE_IMPLEMENTATION: _ClassVar[PlanPhase]
    PLAN_PHASE_EVALUATION: _ClassVar[PlanPhase]
    PLAN_PHASE_CONCLUDED: _ClassVar[PlanPhase]

class FederationProgressView(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FEDERATION_PROGRESS_VIEW_UNSPECIFIED: _ClassVar[FederationProgressView]
    FEDERATION_PROGRESS_VIEW_BASIC: _ClassVar[FederationProgressView]
    FEDERATION_PROGRESS_VIEW_FULL: _ClassVar[FederationProgressView]
ANNUAL_REPORT_STATE_UNSPECIFIED: AnnualReportState
ANNUAL_REPORT_STATE_SUBMITTED: AnnualReportState
ANNUAL_REPORT_STATE_RETURNED: AnnualReportState
ANNUAL_REPORT_STATE_ACCEPTED: AnnualReportState
PLAN_PHASE_UNSPECIFIED: PlanPhase
PLAN_PHASE_NOT_STARTED: PlanPhase
PLAN_PHASE_LAUNCH: PlanPhase
PLAN_PHASE_IMPLEMENTATION: PlanPhase
PLAN_PHASE_EVALUATION: PlanPhase
PLAN_PHASE_CONCLUDED: PlanPhase
FEDERATION_PROGRESS_VIEW_UNSPECIFIED: FederationProgressView
FEDERATION_PROGRESS_VIEW_BASIC: FederationProgressView
FEDERATION_PROGRESS_VIEW_FULL: FederationProgressView

class AnnualReport(_message.Message):
    __slots__ = ("name", "league_code", "year", "figures", "narrative", "state", "submitted_at", "version", "revision", "due_on", "late", "issues", "returned_at", "resubmit_by", "accepted_at", "remarks", "submitted_late")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_AT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    RETURNED_AT_FIELD_NUMBER: _ClassVar[int]
    RESUBMIT_BY_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_AT_FIELD_NUMBER: _ClassVar[int]
    REMARKS_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_LATE_FIELD_NUMBER: _ClassVar[int]
    name: str
    league_code: str
    year: int
    figures: _events_pb2_1.ReportFigures
    narrative: str
    state: AnnualReportState
    submitted_at: _timestamp_pb2.Timestamp
    version: int
    revision: int
    due_on: str
    late: bool
    issues: _containers.RepeatedCompositeFieldContainer[_events_pb2_1.ReportIssue]
    returned_at: _timestamp_pb2.Timestamp
    resubmit_by: str
    accepted_at: _timestamp_pb2.Timestamp
    remarks: str
    submitted_late: bool
    def __init__(self, name: _Optional[str] = ..., league_code: _Optional[str] = ..., year: _Optional[int] = ..., figures: _Optional[_Union[_events_pb2_1.ReportFigures, _Mapping]] = ..., narrative: _Optional[str] = ..., state: _Optional[_Union[AnnualReportState, str]] = ..., submitted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., version: _Optional[int] = ..., revision: _Optional[int] = ..., due_on: _Optional[str] = ..., late: _Optional[bool] = ..., issues: _Optional[_Iterable[_Union[_events_pb2_1.ReportIssue, _Mapping]]] = ..., returned_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resubmit_by: _Optional[str] = ..., accepted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., remarks: _Optional[str] = ..., submitted_late: _Optional[bool] = ...) -> None: ...

class SubmitAnnualReportRequest(_message.Message):
    __slots__ = ("league_code", "year", "figures", "narrative", "submitted_on")
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_ON_FIELD_NUMBER: _ClassVar[int]
    league_code: str
    year: int
    figures: _events_pb2_1.ReportFigures
    narrative: str
    submitted_on: str
    def __init__(self, league_code: _Optional[str] = ..., year: _Optional[int] = ..., figures: _Optional[_Union[_events_pb2_1.ReportFigures, _Mapping]] = ..., narrative: _Optional[str] = ..., submitted_on: _Optional[str] = ...) -> None: ...

class ResubmitAnnualReportRequest(_message.Message):
    __slots__ = ("name", "figures", "narrative", "submitted_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    NARRATIVE_FIELD_NUMBER: _ClassVar[int]
    SUBMITTED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    figures: _events_pb2_1.ReportFigures
    narrative: str
    submitted_on: str
    def __init__(self, name: _Optional[str] = ..., figures: _Optional[_Union[_events_pb2_1.ReportFigures, _Mapping]] = ..., narrative: _Optional[str] = ..., submitted_on: _Optional[str] = ...) -> None: ...

class ReturnAnnualReportRequest(_message.Message):
    __slots__ = ("name", "issues", "returned_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ISSUES_FIELD_NUMBER: _ClassVar[int]
    RETURNED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    issues: _containers.RepeatedCompositeFieldContainer[_events_pb2_1.ReportIssue]
    returned_on: str
    def __init__(self, name: _Optional[str] = ..., issues: _Optional[_Iterable[_Union[_events_pb2_1.ReportIssue, _Mapping]]] = ..., returned_on: _Optional[str] = ...) -> None: ...

class AcceptAnnualReportRequest(_message.Message):
    __slots__ = ("name", "remarks", "accepted_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REMARKS_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    remarks: str
    accepted_on: str
    def __init__(self, name: _Optional[str] = ..., remarks: _Optional[str] = ..., accepted_on: _Optional[str] = ...) -> None: ...

class GetAnnualReportRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class ListAnnualReportsRequest(_message.Message):
    __slots__ = ("league_code", "year", "state", "page_size", "page_token")
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    league_code: str
    year: int
    state: AnnualReportState
    page_size: int
    page_token: str
    def __init__(self, league_code: _Optional[str] = ..., year: _Optional[int] = ..., state: _Optional[_Union[AnnualReportState, str]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListAnnualReportsResponse(_message.Message):
    __slots__ = ("annual_reports", "next_page_token")
    ANNUAL_REPORTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    annual_reports: _containers.RepeatedCompositeFieldContainer[AnnualReport]
    next_page_token: str
    def __init__(self, annual_reports: _Optional[_Iterable[_Union[AnnualReport, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetReportCrossCheckRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class FigureCheck(_message.Message):
    __slots__ = ("figure", "reported", "derivable", "derived", "difference", "differs")
    FIGURE_FIELD_NUMBER: _ClassVar[int]
    REPORTED_FIELD_NUMBER: _ClassVar[int]
    DERIVABLE_FIELD_NUMBER: _ClassVar[int]
    DERIVED_FIELD_NUMBER: _ClassVar[int]
    DIFFERENCE_FIELD_NUMBER: _ClassVar[int]
    DIFFERS_FIELD_NUMBER: _ClassVar[int]
    figure: str
    reported: int
    derivable: bool
    derived: int
    difference: int
    differs: bool
    def __init__(self, figure: _Optional[str] = ..., reported: _Optional[int] = ..., derivable: _Optional[bool] = ..., derived: _Optional[int] = ..., difference: _Optional[int] = ..., differs: _Optional[bool] = ...) -> None: ...

class ReportCrossCheck(_message.Message):
    __slots__ = ("name", "report", "revision", "as_of", "figures", "differing_figures")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    DIFFERING_FIGURES_FIELD_NUMBER: _ClassVar[int]
    name: str
    report: str
    revision: int
    as_of: str
    figures: _containers.RepeatedCompositeFieldContainer[FigureCheck]
    differing_figures: int
    def __init__(self, name: _Optional[str] = ..., report: _Optional[str] = ..., revision: _Optional[int] = ..., as_of: _Optional[str] = ..., figures: _Optional[_Iterable[_Union[FigureCheck, _Mapping]]] = ..., differing_figures: _Optional[int] = ...) -> None: ...

class GetFederationProgressRequest(_message.Message):
    __slots__ = ("as_of", "view")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    as_of: str
    view: FederationProgressView
    def __init__(self, as_of: _Optional[str] = ..., view: _Optional[_Union[FederationProgressView, str]] = ...) -> None: ...

class WatchFederationProgressRequest(_message.Message):
    __slots__ = ("as_of", "view")
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    as_of: str
    view: FederationProgressView
    def __init__(self, as_of: _Optional[str] = ..., view: _Optional[_Union[FederationProgressView, str]] = ...) -> None: ...

class StarLevelCounts(_message.Message):
    __slots__ = ("none", "two", "three", "four", "five")
    NONE_FIELD_NUMBER: _ClassVar[int]
    TWO_FIELD_NUMBER: _ClassVar[int]
    THREE_FIELD_NUMBER: _ClassVar[int]
    FOUR_FIELD_NUMBER: _ClassVar[int]
    FIVE_FIELD_NUMBER: _ClassVar[int]
    none: int
    two: int
    three: int
    four: int
    five: int
    def __init__(self, none: _Optional[int] = ..., two: _Optional[int] = ..., three: _Optional[int] = ..., four: _Optional[int] = ..., five: _Optional[int] = ...) -> None: ...

class LeagueProgress(_message.Message):
    __slots__ = ("league_code", "league_name", "group_standards_published", "enterprises_evaluated", "enterprises_two_star_or_above", "private_enterprises_reported", "two_star_share", "target_met", "annual_reports_submitted", "private_enterprises_registered", "two_star_share_registered", "star_levels", "pilot_enterprises", "forerunners", "forerunner_participants", "self_declarations", "group_standards_converted", "group_standards_translated", "leader_recommendations", "leaders_listed", "pilot_chambers", "pilot_chambers_evaluated", "pilot_chambers_conforming", "training_batches", "trainees", "annual_reports_accepted", "annual_reports_late", "expected_share", "on_track")
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_NAME_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARDS_PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISES_EVALUATED_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISES_TWO_STAR_OR_ABOVE_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_ENTERPRISES_REPORTED_FIELD_NUMBER: _ClassVar[int]
    TWO_STAR_SHARE_FIELD_NUMBER: _ClassVar[int]
    TARGET_MET_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_REPORTS_SUBMITTED_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_ENTERPRISES_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    TWO_STAR_SHARE_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    STAR_LEVELS_FIELD_NUMBER: _ClassVar[int]
    PILOT_ENTERPRISES_FIELD_NUMBER: _ClassVar[int]
    FORERUNNERS_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_PARTICIPANTS_FIELD_NUMBER: _ClassVar[int]
    SELF_DECLARATIONS_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARDS_CONVERTED_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARDS_TRANSLATED_FIELD_NUMBER: _ClassVar[int]
    LEADER_RECOMMENDATIONS_FIELD_NUMBER: _ClassVar[int]
    LEADERS_LISTED_FIELD_NUMBER: _ClassVar[int]
    PILOT_CHAMBERS_FIELD_NUMBER: _ClassVar[int]
    PILOT_CHAMBERS_EVALUATED_FIELD_NUMBER: _ClassVar[int]
    PILOT_CHAMBERS_CONFORMING_FIELD_NUMBER: _ClassVar[int]
    TRAINING_BATCHES_FIELD_NUMBER: _ClassVar[int]
    TRAINEES_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_REPORTS_ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    ANNUAL_REPORTS_LATE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_SHARE_FIELD_NUMBER: _ClassVar[int]
    ON_TRACK_FIELD_NUMBER: _ClassVar[int]
    league_code: str
    league_name: str
    group_standards_published: int
    enterprises_evaluated: int
    enterprises_two_star_or_above: int
    private_enterprises_reported: int
    two_star_share: float
    target_met: bool
    annual_reports_submitted: int
    private_enterprises_registered: int
    two_star_share_registered: float
    star_levels: StarLevelCounts
    pilot_enterprises: int
    forerunners: int
    forerunner_participants: int
    self_declarations: int
    group_standards_converted: int
    group_standards_translated: int
    leader_recommendations: int
    leaders_listed: int
    pilot_chambers: int
    pilot_chambers_evaluated: int
    pilot_chambers_conforming: int
    training_batches: int
    trainees: int
    annual_reports_accepted: int
    annual_reports_late: int
    expected_share: float
    on_track: bool
    def __init__(self, league_code: _Optional[str] = ..., league_name: _Optional[str] = ..., group_standards_published: _Optional[int] = ..., enterprises_evaluated: _Optional[int] = ..., enterprises_two_star_or_above: _Optional[int] = ..., private_enterprises_reported: _Optional[int] = ..., two_star_share: _Optional[float] = ..., target_met: _Optional[bool] = ..., annual_reports_submitted: _Optional[int] = ..., private_enterprises_registered: _Optional[int] = ..., two_star_share_registered: _Optional[float] = ..., star_levels: _Optional[_Union[StarLevelCounts, _Mapping]] = ..., pilot_enterprises: _Optional[int] = ..., forerunners: _Optional[int] = ..., forerunner_participants: _Optional[int] = ..., self_declarations: _Optional[int] = ..., group_standards_converted: _Optional[int] = ..., group_standards_translated: _Optional[int] = ..., leader_recommendations: _Optional[int] = ..., leaders_listed: _Optional[int] = ..., pilot_chambers: _Optional[int] = ..., pilot_chambers_evaluated: _Optional[int] = ..., pilot_chambers_conforming: _Optional[int] = ..., training_batches: _Optional[int] = ..., trainees: _Optional[int] = ..., annual_reports_accepted: _Optional[int] = ..., annual_reports_late: _Optional[int] = ..., expected_share: _Optional[float] = ..., on_track: _Optional[bool] = ...) -> None: ...

class SectorProgress(_message.Message):
    __slots__ = ("sector", "sector_name", "private_enterprises_registered", "enterprises_two_star_or_above", "two_star_share_registered", "group_standards_published")
    SECTOR_FIELD_NUMBER: _ClassVar[int]
    SECTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_ENTERPRISES_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISES_TWO_STAR_OR_ABOVE_FIELD_NUMBER: _ClassVar[int]
    TWO_STAR_SHARE_REGISTERED_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARDS_PUBLISHED_FIELD_NUMBER: _ClassVar[int]
    sector: _plan_pb2.PlanSector
    sector_name: str
    private_enterprises_registered: int
    enterprises_two_star_or_above: int
    two_star_share_registered: float
    group_standards_published: int
    def __init__(self, sector: _Optional[_Union[_plan_pb2.PlanSector, str]] = ..., sector_name: _Optional[str] = ..., private_enterprises_registered: _Optional[int] = ..., enterprises_two_star_or_above: _Optional[int] = ..., two_star_share_registered: _Optional[float] = ..., group_standards_published: _Optional[int] = ...) -> None: ...

class YearProgress(_message.Message):
    __slots__ = ("year", "as_of", "total", "leagues")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    LEAGUES_FIELD_NUMBER: _ClassVar[int]
    year: int
    as_of: str
    total: LeagueProgress
    leagues: _containers.RepeatedCompositeFieldContainer[LeagueProgress]
    def __init__(self, year: _Optional[int] = ..., as_of: _Optional[str] = ..., total: _Optional[_Union[LeagueProgress, _Mapping]] = ..., leagues: _Optional[_Iterable[_Union[LeagueProgress, _Mapping]]] = ...) -> None: ...

class Commendation(_message.Message):
    __slots__ = ("enterprise", "league_code", "reached_on", "star_level", "total_score", "assessment", "rank")
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    REACHED_ON_FIELD_NUMBER: _ClassVar[int]
    STAR_LEVEL_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SCORE_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    enterprise: str
    league_code: str
    reached_on: str
    star_level: _events_pb2.StarLevel
    total_score: int
    assessment: str
    rank: int
    def __init__(self, enterprise: _Optional[str] = ..., league_code: _Optional[str] = ..., reached_on: _Optional[str] = ..., star_level: _Optional[_Union[_events_pb2.StarLevel, str]] = ..., total_score: _Optional[int] = ..., assessment: _Optional[str] = ..., rank: _Optional[int] = ...) -> None: ...

class FederationProgress(_message.Message):
    __slots__ = ("leagues", "total", "target_share", "computed_at", "as_of", "phase", "expected_share", "sectors", "years", "commendations", "view")
    LEAGUES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    TARGET_SHARE_FIELD_NUMBER: _ClassVar[int]
    COMPUTED_AT_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    PHASE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_SHARE_FIELD_NUMBER: _ClassVar[int]
    SECTORS_FIELD_NUMBER: _ClassVar[int]
    YEARS_FIELD_NUMBER: _ClassVar[int]
    COMMENDATIONS_FIELD_NUMBER: _ClassVar[int]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    leagues: _containers.RepeatedCompositeFieldContainer[LeagueProgress]
    total: LeagueProgress
    target_share: float
    computed_at: _timestamp_pb2.Timestamp
    as_of: str
    phase: PlanPhase
    expected_share: float
    sectors: _containers.RepeatedCompositeFieldContainer[SectorProgress]
    years: _containers.RepeatedCompositeFieldContainer[YearProgress]
    commendations: _containers.RepeatedCompositeFieldContainer[Commendation]
    view: FederationProgressView
    def __init__(self, leagues: _Optional[_Iterable[_Union[LeagueProgress, _Mapping]]] = ..., total: _Optional[_Union[LeagueProgress, _Mapping]] = ..., target_share: _Optional[float] = ..., computed_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., as_of: _Optional[str] = ..., phase: _Optional[_Union[PlanPhase, str]] = ..., expected_share: _Optional[float] = ..., sectors: _Optional[_Iterable[_Union[SectorProgress, _Mapping]]] = ..., years: _Optional[_Iterable[_Union[YearProgress, _Mapping]]] = ..., commendations: _Optional[_Iterable[_Union[Commendation, _Mapping]]] = ..., view: _Optional[_Union[FederationProgressView, str]] = ...) -> None: ...

class GetBrandDevelopmentReportRequest(_message.Message):
    __slots__ = ("year",)
    YEAR_FIELD_NUMBER: _ClassVar[int]
    year: int
    def __init__(self, year: _Optional[int] = ...) -> None: ...

class BrandDevelopmentReport(_message.Message):
    __slots__ = ("year", "as_of", "content_type", "content", "filename")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    FILENAME_FIELD_NUMBER: _ClassVar[int]
    year: int
    as_of: str
    content_type: str
    content: bytes
    filename: str
    def __init__(self, year: _Optional[int] = ..., as_of: _Optional[str] = ..., content_type: _Optional[str] = ..., content: _Optional[bytes] = ..., filename: _Optional[str] = ...) -> None: ...
