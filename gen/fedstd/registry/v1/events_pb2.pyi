from fedstd.type.v1 import plan_pb2 as _plan_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class FederationLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FEDERATION_LEVEL_UNSPECIFIED: _ClassVar[FederationLevel]
    FEDERATION_LEVEL_REGION: _ClassVar[FederationLevel]
    FEDERATION_LEVEL_LEAGUE: _ClassVar[FederationLevel]
    FEDERATION_LEVEL_COUNTY: _ClassVar[FederationLevel]

class CommitteeGroup(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    COMMITTEE_GROUP_UNSPECIFIED: _ClassVar[CommitteeGroup]
    COMMITTEE_GROUP_EXPERTS: _ClassVar[CommitteeGroup]
    COMMITTEE_GROUP_CHAMBERS: _ClassVar[CommitteeGroup]
    COMMITTEE_GROUP_ENTERPRISES: _ClassVar[CommitteeGroup]
    COMMITTEE_GROUP_LOCALITIES: _ClassVar[CommitteeGroup]
    COMMITTEE_GROUP_SECRETARIAT: _ClassVar[CommitteeGroup]

class SizeClass(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SIZE_CLASS_UNSPECIFIED: _ClassVar[SizeClass]
    SIZE_CLASS_LARGE: _ClassVar[SizeClass]
    SIZE_CLASS_MEDIUM: _ClassVar[SizeClass]
    SIZE_CLASS_SMALL: _ClassVar[SizeClass]
    SIZE_CLASS_MICRO: _ClassVar[SizeClass]

class PeriodicReviewOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PERIODIC_REVIEW_OUTCOME_UNSPECIFIED: _ClassVar[PeriodicReviewOutcome]
    PERIODIC_REVIEW_OUTCOME_CONTINUE: _ClassVar[PeriodicReviewOutcome]
    PERIODIC_REVIEW_OUTCOME_REVISE: _ClassVar[PeriodicReviewOutcome]
    PERIODIC_REVIEW_OUTCOME_ABOLISH: _ClassVar[PeriodicReviewOutcome]

class StandardLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    STANDARD_LEVEL_UNSPECIFIED: _ClassVar[StandardLevel]
    STANDARD_LEVEL_NATIONAL: _ClassVar[StandardLevel]
    STANDARD_LEVEL_INDUSTRY: _ClassVar[StandardLevel]
    STANDARD_LEVEL_LOCAL: _ClassVar[StandardLevel]

class DeclaredStandardKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DECLARED_STANDARD_KIND_UNSPECIFIED: _ClassVar[DeclaredStandardKind]
    DECLARED_STANDARD_KIND_ENTERPRISE: _ClassVar[DeclaredStandardKind]
    DECLARED_STANDARD_KIND_GROUP: _ClassVar[DeclaredStandardKind]
    DECLARED_STANDARD_KIND_NATIONAL: _ClassVar[DeclaredStandardKind]
    DECLARED_STANDARD_KIND_INDUSTRY: _ClassVar[DeclaredStandardKind]
    DECLARED_STANDARD_KIND_LOCAL: _ClassVar[DeclaredStandardKind]

class IndicatorKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INDICATOR_KIND_UNSPECIFIED: _ClassVar[IndicatorKind]
    INDICATOR_KIND_FUNCTIONAL: _ClassVar[IndicatorKind]
    INDICATOR_KIND_PERFORMANCE: _ClassVar[IndicatorKind]

class TrainingFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TRAINING_FORMAT_UNSPECIFIED: _ClassVar[TrainingFormat]
    TRAINING_FORMAT_LECTURE: _ClassVar[TrainingFormat]
    TRAINING_FORMAT_FORUM: _ClassVar[TrainingFormat]
    TRAINING_FORMAT_EXPERIENCE_EXCHANGE: _ClassVar[TrainingFormat]
FEDERATION_LEVEL_UNSPECIFIED: FederationLevel
FEDERATION_LEVEL_REGION: FederationLevel
FEDERATION_LEVEL_LEAGUE: FederationLevel
FEDERATION_LEVEL_COUNTY: FederationLevel
COMMITTEE_GROUP_UNSPECIFIED: CommitteeGroup
COMMITTEE_GROUP_EXPERTS: CommitteeGroup
COMMITTEE_GROUP_CHAMBERS: CommitteeGroup
COMMITTEE_GROUP_ENTERPRISES: CommitteeGroup
COMMITTEE_GROUP_LOCALITIES: CommitteeGroup
COMMITTEE_GROUP_SECRETARIAT: CommitteeGroup
SIZE_CLASS_UNSPECIFIED: SizeClass
SIZE_CLASS_LARGE: SizeClass
SIZE_CLASS_MEDIUM: SizeClass
SIZE_CLASS_SMALL: SizeClass
SIZE_CLASS_MICRO: SizeClass
PERIODIC_REVIEW_OUTCOME_UNSPECIFIED: PeriodicReviewOutcome
PERIODIC_REVIEW_OUTCOME_CONTINUE: PeriodicReviewOutcome
PERIODIC_REVIEW_OUTCOME_REVISE: PeriodicReviewOutcome
PERIODIC_REVIEW_OUTCOME_ABOLISH: PeriodicReviewOutcome
STANDARD_LEVEL_UNSPECIFIED: StandardLevel
STANDARD_LEVEL_NATIONAL: StandardLevel
STANDARD_LEVEL_INDUSTRY: StandardLevel
STANDARD_LEVEL_LOCAL: StandardLevel
DECLARED_STANDARD_KIND_UNSPECIFIED: DeclaredStandardKind
DECLARED_STANDARD_KIND_ENTERPRISE: DeclaredStandardKind
DECLARED_STANDARD_KIND_GROUP: DeclaredStandardKind
DECLARED_STANDARD_KIND_NATIONAL: DeclaredStandardKind
DECLARED_STANDARD_KIND_INDUSTRY: DeclaredStandardKind
DECLARED_STANDARD_KIND_LOCAL: DeclaredStandardKind
INDICATOR_KIND_UNSPECIFIED: IndicatorKind
INDICATOR_KIND_FUNCTIONAL: IndicatorKind
INDICATOR_KIND_PERFORMANCE: IndicatorKind
TRAINING_FORMAT_UNSPECIFIED: TrainingFormat
TRAINING_FORMAT_LECTURE: TrainingFormat
TRAINING_FORMAT_FORUM: TrainingFormat
TRAINING_FORMAT_EXPERIENCE_EXCHANGE: TrainingFormat

class FederationRegistered(_message.Message):
    __slots__ = ("federation", "division_code", "level", "name", "parent_federation", "registered_on")
    FEDERATION_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_FEDERATION_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    federation: str
    division_code: str
    level: FederationLevel
    name: str
    parent_federation: str
    registered_on: str
    def __init__(self, federation: _Optional[str] = ..., division_code: _Optional[str] = ..., level: _Optional[_Union[FederationLevel, str]] = ..., name: _Optional[str] = ..., parent_federation: _Optional[str] = ..., registered_on: _Optional[str] = ...) -> None: ...

class CommitteeMemberAppointed(_message.Message):
    __slots__ = ("member", "person_name", "organisation", "group", "appointed_on")
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    PERSON_NAME_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    APPOINTED_ON_FIELD_NUMBER: _ClassVar[int]
    member: str
    person_name: str
    organisation: str
    group: CommitteeGroup
    appointed_on: str
    def __init__(self, member: _Optional[str] = ..., person_name: _Optional[str] = ..., organisation: _Optional[str] = ..., group: _Optional[_Union[CommitteeGroup, str]] = ..., appointed_on: _Optional[str] = ...) -> None: ...

class CommitteeMemberRemoved(_message.Message):
    __slots__ = ("member", "removed_on", "reason")
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    REMOVED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    member: str
    removed_on: str
    reason: str
    def __init__(self, member: _Optional[str] = ..., removed_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ChamberRegistered(_message.Message):
    __slots__ = ("chamber", "org_code", "name", "federation", "league_code", "plan_sectors", "registered_on")
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    FEDERATION_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    chamber: str
    org_code: str
    name: str
    federation: str
    league_code: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    registered_on: str
    def __init__(self, chamber: _Optional[str] = ..., org_code: _Optional[str] = ..., name: _Optional[str] = ..., federation: _Optional[str] = ..., league_code: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., registered_on: _Optional[str] = ...) -> None: ...

class ChamberSelectedAsPilot(_message.Message):
    __slots__ = ("chamber", "year", "selected_on")
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    SELECTED_ON_FIELD_NUMBER: _ClassVar[int]
    chamber: str
    year: int
    selected_on: str
    def __init__(self, chamber: _Optional[str] = ..., year: _Optional[int] = ..., selected_on: _Optional[str] = ...) -> None: ...

class ChamberCommitmentDeclared(_message.Message):
    __slots__ = ("chamber", "declared_on", "statement")
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    DECLARED_ON_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_FIELD_NUMBER: _ClassVar[int]
    chamber: str
    declared_on: str
    statement: str
    def __init__(self, chamber: _Optional[str] = ..., declared_on: _Optional[str] = ..., statement: _Optional[str] = ...) -> None: ...

class ChamberRegisteredOnPlatform(_message.Message):
    __slots__ = ("chamber", "registered_on", "platform_account")
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    chamber: str
    registered_on: str
    platform_account: str
    def __init__(self, chamber: _Optional[str] = ..., registered_on: _Optional[str] = ..., platform_account: _Optional[str] = ...) -> None: ...

class ChamberGoodBehaviourRecorded(_message.Message):
    __slots__ = ("chamber", "assessment", "conforms", "grade", "score", "max_score", "evaluated_on")
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    CONFORMS_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    MAX_SCORE_FIELD_NUMBER: _ClassVar[int]
    EVALUATED_ON_FIELD_NUMBER: _ClassVar[int]
    chamber: str
    assessment: str
    conforms: bool
    grade: str
    score: int
    max_score: int
    evaluated_on: str
    def __init__(self, chamber: _Optional[str] = ..., assessment: _Optional[str] = ..., conforms: _Optional[bool] = ..., grade: _Optional[str] = ..., score: _Optional[int] = ..., max_score: _Optional[int] = ..., evaluated_on: _Optional[str] = ...) -> None: ...

class ChamberGoodBehaviourRevoked(_message.Message):
    __slots__ = ("chamber", "assessment", "revoked_on", "reason")
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    chamber: str
    assessment: str
    revoked_on: str
    reason: str
    def __init__(self, chamber: _Optional[str] = ..., assessment: _Optional[str] = ..., revoked_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class EnterpriseRegistered(_message.Message):
    __slots__ = ("enterprise", "uscc", "name", "division_code", "league_code", "is_private", "industry_section", "industry_division", "plan_sectors", "size_class", "registered_on")
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    USCC_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    IS_PRIVATE_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_SECTION_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_DIVISION_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    SIZE_CLASS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    enterprise: str
    uscc: str
    name: str
    division_code: str
    league_code: str
    is_private: bool
    industry_section: str
    industry_division: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    size_class: SizeClass
    registered_on: str
    def __init__(self, enterprise: _Optional[str] = ..., uscc: _Optional[str] = ..., name: _Optional[str] = ..., division_code: _Optional[str] = ..., league_code: _Optional[str] = ..., is_private: _Optional[bool] = ..., industry_section: _Optional[str] = ..., industry_division: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., size_class: _Optional[_Union[SizeClass, str]] = ..., registered_on: _Optional[str] = ...) -> None: ...

class EnterpriseDetailsChanged(_message.Message):
    __slots__ = ("enterprise", "name", "division_code", "league_code", "industry_section", "industry_division", "plan_sectors", "size_class", "changed_on")
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_SECTION_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_DIVISION_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    SIZE_CLASS_FIELD_NUMBER: _ClassVar[int]
    CHANGED_ON_FIELD_NUMBER: _ClassVar[int]
    enterprise: str
    name: str
    division_code: str
    league_code: str
    industry_section: str
    industry_division: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    size_class: SizeClass
    changed_on: str
    def __init__(self, enterprise: _Optional[str] = ..., name: _Optional[str] = ..., division_code: _Optional[str] = ..., league_code: _Optional[str] = ..., industry_section: _Optional[str] = ..., industry_division: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., size_class: _Optional[_Union[SizeClass, str]] = ..., changed_on: _Optional[str] = ...) -> None: ...

class EnterpriseJoinedChamber(_message.Message):
    __slots__ = ("enterprise", "chamber", "joined_on")
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    JOINED_ON_FIELD_NUMBER: _ClassVar[int]
    enterprise: str
    chamber: str
    joined_on: str
    def __init__(self, enterprise: _Optional[str] = ..., chamber: _Optional[str] = ..., joined_on: _Optional[str] = ...) -> None: ...

class EnterpriseLeftChamber(_message.Message):
    __slots__ = ("enterprise", "chamber", "left_on")
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    LEFT_ON_FIELD_NUMBER: _ClassVar[int]
    enterprise: str
    chamber: str
    left_on: str
    def __init__(self, enterprise: _Optional[str] = ..., chamber: _Optional[str] = ..., left_on: _Optional[str] = ...) -> None: ...

class EnterpriseEnrolledInBrandPilot(_message.Message):
    __slots__ = ("enterprise", "league_code", "year", "enrolled_on")
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    ENROLLED_ON_FIELD_NUMBER: _ClassVar[int]
    enterprise: str
    league_code: str
    year: int
    enrolled_on: str
    def __init__(self, enterprise: _Optional[str] = ..., league_code: _Optional[str] = ..., year: _Optional[int] = ..., enrolled_on: _Optional[str] = ...) -> None: ...

class EnterpriseWithdrewFromBrandPilot(_message.Message):
    __slots__ = ("enterprise", "withdrawn_on", "reason")
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    enterprise: str
    withdrawn_on: str
    reason: str
    def __init__(self, enterprise: _Optional[str] = ..., withdrawn_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GroupStandardProposed(_message.Message):
    __slots__ = ("group_standard", "org_code", "title", "scope", "league_code", "plan_sectors", "proposed_on", "forerunner_year", "forerunner_key_field")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_ON_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_YEAR_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    org_code: str
    title: str
    scope: str
    league_code: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    proposed_on: str
    forerunner_year: int
    forerunner_key_field: str
    def __init__(self, group_standard: _Optional[str] = ..., org_code: _Optional[str] = ..., title: _Optional[str] = ..., scope: _Optional[str] = ..., league_code: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., proposed_on: _Optional[str] = ..., forerunner_year: _Optional[int] = ..., forerunner_key_field: _Optional[str] = ...) -> None: ...

class GroupStandardApprovedForDrafting(_message.Message):
    __slots__ = ("group_standard", "approved_on")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    APPROVED_ON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    approved_on: str
    def __init__(self, group_standard: _Optional[str] = ..., approved_on: _Optional[str] = ...) -> None: ...

class GroupStandardDraftingStarted(_message.Message):
    __slots__ = ("group_standard", "started_on", "drafting_units")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    DRAFTING_UNITS_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    started_on: str
    drafting_units: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, group_standard: _Optional[str] = ..., started_on: _Optional[str] = ..., drafting_units: _Optional[_Iterable[str]] = ...) -> None: ...

class GroupStandardCommentOpened(_message.Message):
    __slots__ = ("group_standard", "opened_on", "closes_on")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    OPENED_ON_FIELD_NUMBER: _ClassVar[int]
    CLOSES_ON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    opened_on: str
    closes_on: str
    def __init__(self, group_standard: _Optional[str] = ..., opened_on: _Optional[str] = ..., closes_on: _Optional[str] = ...) -> None: ...

class GroupStandardTechnicallyReviewed(_message.Message):
    __slots__ = ("group_standard", "reviewed_on", "comments_received", "votes_for", "votes_cast", "passed")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_ON_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    VOTES_FOR_FIELD_NUMBER: _ClassVar[int]
    VOTES_CAST_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    reviewed_on: str
    comments_received: int
    votes_for: int
    votes_cast: int
    passed: bool
    def __init__(self, group_standard: _Optional[str] = ..., reviewed_on: _Optional[str] = ..., comments_received: _Optional[int] = ..., votes_for: _Optional[int] = ..., votes_cast: _Optional[int] = ..., passed: _Optional[bool] = ...) -> None: ...

class GroupStandardApproved(_message.Message):
    __slots__ = ("group_standard", "approved_on")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    APPROVED_ON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    approved_on: str
    def __init__(self, group_standard: _Optional[str] = ..., approved_on: _Optional[str] = ...) -> None: ...

class StandardPublished(_message.Message):
    __slots__ = ("group_standard", "number", "org_code", "title", "league_code", "published_on", "effective_on", "plan_sectors", "sequence", "year", "forerunner_year", "forerunner_key_field", "review_due_on")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_ON_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_YEAR_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    REVIEW_DUE_ON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    number: str
    org_code: str
    title: str
    league_code: str
    published_on: str
    effective_on: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    sequence: int
    year: int
    forerunner_year: int
    forerunner_key_field: str
    review_due_on: str
    def __init__(self, group_standard: _Optional[str] = ..., number: _Optional[str] = ..., org_code: _Optional[str] = ..., title: _Optional[str] = ..., league_code: _Optional[str] = ..., published_on: _Optional[str] = ..., effective_on: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., sequence: _Optional[int] = ..., year: _Optional[int] = ..., forerunner_year: _Optional[int] = ..., forerunner_key_field: _Optional[str] = ..., review_due_on: _Optional[str] = ...) -> None: ...

class GroupStandardPeriodicReviewStarted(_message.Message):
    __slots__ = ("group_standard", "started_on")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    started_on: str
    def __init__(self, group_standard: _Optional[str] = ..., started_on: _Optional[str] = ...) -> None: ...

class GroupStandardPeriodicReviewConcluded(_message.Message):
    __slots__ = ("group_standard", "outcome", "concluded_on", "report", "next_review_due_on")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    CONCLUDED_ON_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    NEXT_REVIEW_DUE_ON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    outcome: PeriodicReviewOutcome
    concluded_on: str
    report: str
    next_review_due_on: str
    def __init__(self, group_standard: _Optional[str] = ..., outcome: _Optional[_Union[PeriodicReviewOutcome, str]] = ..., concluded_on: _Optional[str] = ..., report: _Optional[str] = ..., next_review_due_on: _Optional[str] = ...) -> None: ...

class GroupStandardAbolished(_message.Message):
    __slots__ = ("group_standard", "abolished_on", "reason")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    ABOLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    abolished_on: str
    reason: str
    def __init__(self, group_standard: _Optional[str] = ..., abolished_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GroupStandardConversionRequested(_message.Message):
    __slots__ = ("group_standard", "request_id", "target_level", "requested_on")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_LEVEL_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_ON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    request_id: str
    target_level: StandardLevel
    requested_on: str
    def __init__(self, group_standard: _Optional[str] = ..., request_id: _Optional[str] = ..., target_level: _Optional[_Union[StandardLevel, str]] = ..., requested_on: _Optional[str] = ...) -> None: ...

class GroupStandardConversionDecided(_message.Message):
    __slots__ = ("group_standard", "request_id", "accepted", "decided_on", "converted_number", "reason")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    CONVERTED_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    request_id: str
    accepted: bool
    decided_on: str
    converted_number: str
    reason: str
    def __init__(self, group_standard: _Optional[str] = ..., request_id: _Optional[str] = ..., accepted: _Optional[bool] = ..., decided_on: _Optional[str] = ..., converted_number: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GroupStandardTranslated(_message.Message):
    __slots__ = ("group_standard", "language", "translator", "published_on")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TRANSLATOR_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    language: str
    translator: str
    published_on: str
    def __init__(self, group_standard: _Optional[str] = ..., language: _Optional[str] = ..., translator: _Optional[str] = ..., published_on: _Optional[str] = ...) -> None: ...

class LeaderRecommended(_message.Message):
    __slots__ = ("group_standard", "year", "recommended_on", "league_code", "number", "org_code", "title")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDED_ON_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    year: int
    recommended_on: str
    league_code: str
    number: str
    org_code: str
    title: str
    def __init__(self, group_standard: _Optional[str] = ..., year: _Optional[int] = ..., recommended_on: _Optional[str] = ..., league_code: _Optional[str] = ..., number: _Optional[str] = ..., org_code: _Optional[str] = ..., title: _Optional[str] = ...) -> None: ...

class LeaderListed(_message.Message):
    __slots__ = ("group_standard", "year", "listed_on")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    LISTED_ON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    year: int
    listed_on: str
    def __init__(self, group_standard: _Optional[str] = ..., year: _Optional[int] = ..., listed_on: _Optional[str] = ...) -> None: ...

class LeaderRevoked(_message.Message):
    __slots__ = ("group_standard", "year", "revoked_on", "reason")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    year: int
    revoked_on: str
    reason: str
    def __init__(self, group_standard: _Optional[str] = ..., year: _Optional[int] = ..., revoked_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class StandardNumberClaimed(_message.Message):
    __slots__ = ("claim", "number", "owner", "claimed_on")
    CLAIM_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    CLAIMED_ON_FIELD_NUMBER: _ClassVar[int]
    claim: str
    number: str
    owner: str
    claimed_on: str
    def __init__(self, claim: _Optional[str] = ..., number: _Optional[str] = ..., owner: _Optional[str] = ..., claimed_on: _Optional[str] = ...) -> None: ...

class StandardNumberReleased(_message.Message):
    __slots__ = ("claim", "number", "owner", "released_on")
    CLAIM_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    RELEASED_ON_FIELD_NUMBER: _ClassVar[int]
    claim: str
    number: str
    owner: str
    released_on: str
    def __init__(self, claim: _Optional[str] = ..., number: _Optional[str] = ..., owner: _Optional[str] = ..., released_on: _Optional[str] = ...) -> None: ...

class DeclaredProduct(_message.Message):
    __slots__ = ("name", "generic_name", "brand", "model", "specification")
    NAME_FIELD_NUMBER: _ClassVar[int]
    GENERIC_NAME_FIELD_NUMBER: _ClassVar[int]
    BRAND_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    SPECIFICATION_FIELD_NUMBER: _ClassVar[int]
    name: str
    generic_name: str
    brand: str
    model: str
    specification: str
    def __init__(self, name: _Optional[str] = ..., generic_name: _Optional[str] = ..., brand: _Optional[str] = ..., model: _Optional[str] = ..., specification: _Optional[str] = ...) -> None: ...

class DeclaredIndicator(_message.Message):
    __slots__ = ("name", "value", "unit", "kind", "test_method")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TEST_METHOD_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: float
    unit: str
    kind: IndicatorKind
    test_method: str
    def __init__(self, name: _Optional[str] = ..., value: _Optional[float] = ..., unit: _Optional[str] = ..., kind: _Optional[_Union[IndicatorKind, str]] = ..., test_method: _Optional[str] = ...) -> None: ...

class DeclarationContent(_message.Message):
    __slots__ = ("standard_number", "standard_name", "kind", "products", "indicators", "plan_sectors", "key_field")
    STANDARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    STANDARD_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PRODUCTS_FIELD_NUMBER: _ClassVar[int]
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    standard_number: str
    standard_name: str
    kind: DeclaredStandardKind
    products: _containers.RepeatedCompositeFieldContainer[DeclaredProduct]
    indicators: _containers.RepeatedCompositeFieldContainer[DeclaredIndicator]
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    key_field: str
    def __init__(self, standard_number: _Optional[str] = ..., standard_name: _Optional[str] = ..., kind: _Optional[_Union[DeclaredStandardKind, str]] = ..., products: _Optional[_Iterable[_Union[DeclaredProduct, _Mapping]]] = ..., indicators: _Optional[_Iterable[_Union[DeclaredIndicator, _Mapping]]] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., key_field: _Optional[str] = ...) -> None: ...

class StandardSelfDeclared(_message.Message):
    __slots__ = ("declaration", "enterprise", "league_code", "content", "disclosed_on")
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    DISCLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    declaration: str
    enterprise: str
    league_code: str
    content: DeclarationContent
    disclosed_on: str
    def __init__(self, declaration: _Optional[str] = ..., enterprise: _Optional[str] = ..., league_code: _Optional[str] = ..., content: _Optional[_Union[DeclarationContent, _Mapping]] = ..., disclosed_on: _Optional[str] = ...) -> None: ...

class SelfDeclarationUpdated(_message.Message):
    __slots__ = ("declaration", "content", "updated_on")
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_ON_FIELD_NUMBER: _ClassVar[int]
    declaration: str
    content: DeclarationContent
    updated_on: str
    def __init__(self, declaration: _Optional[str] = ..., content: _Optional[_Union[DeclarationContent, _Mapping]] = ..., updated_on: _Optional[str] = ...) -> None: ...

class SelfDeclarationWithdrawn(_message.Message):
    __slots__ = ("declaration", "withdrawn_on", "reason")
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    declaration: str
    withdrawn_on: str
    reason: str
    def __init__(self, declaration: _Optional[str] = ..., withdrawn_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ForerunnerListed(_message.Message):
    __slots__ = ("forerunner_list", "year", "key_field", "scheme", "declaration", "enterprise", "league_code", "rank", "listed_on", "valid_until", "assessment")
    FORERUNNER_LIST_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    SCHEME_FIELD_NUMBER: _ClassVar[int]
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    LISTED_ON_FIELD_NUMBER: _ClassVar[int]
    VALID_UNTIL_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    forerunner_list: str
    year: int
    key_field: str
    scheme: str
    declaration: str
    enterprise: str
    league_code: str
    rank: int
    listed_on: str
    valid_until: str
    assessment: str
    def __init__(self, forerunner_list: _Optional[str] = ..., year: _Optional[int] = ..., key_field: _Optional[str] = ..., scheme: _Optional[str] = ..., declaration: _Optional[str] = ..., enterprise: _Optional[str] = ..., league_code: _Optional[str] = ..., rank: _Optional[int] = ..., listed_on: _Optional[str] = ..., valid_until: _Optional[str] = ..., assessment: _Optional[str] = ...) -> None: ...

class ForerunnerRevoked(_message.Message):
    __slots__ = ("forerunner_list", "declaration", "revoked_on", "reason", "assessment")
    FORERUNNER_LIST_FIELD_NUMBER: _ClassVar[int]
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    forerunner_list: str
    declaration: str
    revoked_on: str
    reason: str
    assessment: str
    def __init__(self, forerunner_list: _Optional[str] = ..., declaration: _Optional[str] = ..., revoked_on: _Optional[str] = ..., reason: _Optional[str] = ..., assessment: _Optional[str] = ...) -> None: ...

class ForerunnerAssessmentLinked(_message.Message):
    __slots__ = ("link", "assessment", "forerunner_list", "declaration")
    LINK_FIELD_NUMBER: _ClassVar[int]
    ASSESSMENT_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_LIST_FIELD_NUMBER: _ClassVar[int]
    DECLARATION_FIELD_NUMBER: _ClassVar[int]
    link: str
    assessment: str
    forerunner_list: str
    declaration: str
    def __init__(self, link: _Optional[str] = ..., assessment: _Optional[str] = ..., forerunner_list: _Optional[str] = ..., declaration: _Optional[str] = ...) -> None: ...

class Trainee(_message.Message):
    __slots__ = ("person_name", "enterprise")
    PERSON_NAME_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    person_name: str
    enterprise: str
    def __init__(self, person_name: _Optional[str] = ..., enterprise: _Optional[str] = ...) -> None: ...

class TrainingBatchHeld(_message.Message):
    __slots__ = ("training_batch", "league_code", "format", "title", "held_on", "organiser", "trainees")
    TRAINING_BATCH_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    ORGANISER_FIELD_NUMBER: _ClassVar[int]
    TRAINEES_FIELD_NUMBER: _ClassVar[int]
    training_batch: str
    league_code: str
    format: TrainingFormat
    title: str
    held_on: str
    organiser: str
    trainees: _containers.RepeatedCompositeFieldContainer[Trainee]
    def __init__(self, training_batch: _Optional[str] = ..., league_code: _Optional[str] = ..., format: _Optional[_Union[TrainingFormat, str]] = ..., title: _Optional[str] = ..., held_on: _Optional[str] = ..., organiser: _Optional[str] = ..., trainees: _Optional[_Iterable[_Union[Trainee, _Mapping]]] = ...) -> None: ...

class TraineesRecorded(_message.Message):
    __slots__ = ("training_batch", "trainees")
    TRAINING_BATCH_FIELD_NUMBER: _ClassVar[int]
    TRAINEES_FIELD_NUMBER: _ClassVar[int]
    training_batch: str
    trainees: _containers.RepeatedCompositeFieldContainer[Trainee]
    def __init__(self, training_batch: _Optional[str] = ..., trainees: _Optional[_Iterable[_Union[Trainee, _Mapping]]] = ...) -> None: ...
