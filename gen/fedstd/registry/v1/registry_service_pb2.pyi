from fedstd.registry.v1 import events_pb2 as _events_pb2
from fedstd.type.v1 import plan_pb2 as _plan_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GroupStandardState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GROUP_STANDARD_STATE_UNSPECIFIED: _ClassVar[GroupStandardState]
    GROUP_STANDARD_STATE_PUBLISHED: _ClassVar[GroupStandardState]
    GROUP_STANDARD_STATE_PROPOSED: _ClassVar[GroupStandardState]
    GROUP_STANDARD_STATE_APPROVED_FOR_DRAFTING: _ClassVar[GroupStandardState]
    GROUP_STANDARD_STATE_DRAFTING: _ClassVar[GroupStandardState]
    GROUP_STANDARD_STATE_PUBLIC_COMMENT: _ClassVar[GroupStandardState]
    GROUP_STANDARD_STATE_TECHNICALLY_REVIEWED: _ClassVar[GroupStandardState]
    GROUP_STANDARD_STATE_APPROVED: _ClassVar[GroupStandardState]
    GROUP_STANDARD_STATE_IN_FORCE: _ClassVar[GroupStandardState]
    GROUP_STANDARD_STATE_UNDER_PERIODIC_REVIEW: _ClassVar[GroupStandardState]
    GROUP_STANDARD_STATE_ABOLISHED: _ClassVar[GroupStandardState]

class ConversionState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CONVERSION_STATE_UNSPECIFIED: _ClassVar[ConversionState]
    CONVERSION_STATE_PENDING: _ClassVar[ConversionState]
    CONVERSION_STATE_ACCEPTED: _ClassVar[ConversionState]
    CONVERSION_STATE_REJECTED: _ClassVar[ConversionState]

class LeaderState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LEADER_STATE_UNSPECIFIED: _ClassVar[LeaderState]
    LEADER_STATE_RECOMMENDED: _ClassVar[LeaderState]
    LEADER_STATE_LISTED: _ClassVar[LeaderState]
    LEADER_STATE_REVOKED: _ClassVar[LeaderState]

class SelfDeclarationState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SELF_DECLARATION_STATE_UNSPECIFIED: _ClassVar[SelfDeclarationState]
    SELF_DECLARATION_STATE_DISCLOSED: _ClassVar[SelfDeclarationState]
    SELF_DECLARATION_STATE_UPDATED: _ClassVar[SelfDeclarationState]
    SELF_DECLARATION_STATE_WITHDRAWN: _ClassVar[SelfDeclarationState]

class ForerunnerState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FORERUNNER_STATE_UNSPECIFIED: _ClassVar[ForerunnerState]
    FORERUNNER_STATE_LISTED: _ClassVar[ForerunnerState]
    FORERUNNER_STATE_REVOKED: _ClassVar[ForerunnerState]
    FORERUNNER_STATE_EXPIRED: _ClassVar[ForerunnerState]
GROUP_STANDARD_STATE_UNSPECIFIED: GroupStandardState
GROUP_STANDARD_STATE_PUBLISHED: GroupStandardState
GROUP_STANDARD_STATE_PROPOSED: GroupStandardState
GROUP_STANDARD_STATE_APPROVED_FOR_DRAFTING: GroupStandardState
GROUP_STANDARD_STATE_DRAFTING: GroupStandardState
GROUP_STANDARD_STATE_PUBLIC_COMMENT: GroupStandardState
GROUP_STANDARD_STATE_TECHNICALLY_REVIEWED: GroupStandardState
GROUP_STANDARD_STATE_APPROVED: GroupStandardState
GROUP_STANDARD_STATE_IN_FORCE: GroupStandardState
GROUP_STANDARD_STATE_UNDER_PERIODIC_REVIEW: GroupStandardState
GROUP_STANDARD_STATE_ABOLISHED: GroupStandardState
CONVERSION_STATE_UNSPECIFIED: ConversionState
CONVERSION_STATE_PENDING: ConversionState
CONVERSION_STATE_ACCEPTED: ConversionState
CONVERSION_STATE_REJECTED: ConversionState
LEADER_STATE_UNSPECIFIED: LeaderState
LEADER_STATE_RECOMMENDED: LeaderState
LEADER_STATE_LISTED: LeaderState
LEADER_STATE_REVOKED: LeaderState
SELF_DECLARATION_STATE_UNSPECIFIED: SelfDeclarationState
SELF_DECLARATION_STATE_DISCLOSED: SelfDeclarationState
SELF_DECLARATION_STATE_UPDATED: SelfDeclarationState
SELF_DECLARATION_STATE_WITHDRAWN: SelfDeclarationState
FORERUNNER_STATE_UNSPECIFIED: ForerunnerState
FORERUNNER_STATE_LISTED: ForerunnerState
FORERUNNER_STATE_REVOKED: ForerunnerState
FORERUNNER_STATE_EXPIRED: ForerunnerState

class Federation(_message.Message):
    __slots__ = ("name", "division_code", "level", "display_name", "parent", "league_code", "registered_on", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    division_code: str
    level: _events_pb2.FederationLevel
    display_name: str
    parent: str
    league_code: str
    registered_on: str
    version: int
    def __init__(self, name: _Optional[str] = ..., division_code: _Optional[str] = ..., level: _Optional[_Union[_events_pb2.FederationLevel, str]] = ..., display_name: _Optional[str] = ..., parent: _Optional[str] = ..., league_code: _Optional[str] = ..., registered_on: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class RegisterFederationRequest(_message.Message):
    __slots__ = ("division_code", "display_name", "registered_on")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    display_name: str
    registered_on: str
    def __init__(self, division_code: _Optional[str] = ..., display_name: _Optional[str] = ..., registered_on: _Optional[str] = ...) -> None: ...

class GetFederationRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class ListFederationsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "level", "league_code")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    level: _events_pb2.FederationLevel
    league_code: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., level: _Optional[_Union[_events_pb2.FederationLevel, str]] = ..., league_code: _Optional[str] = ...) -> None: ...

class ListFederationsResponse(_message.Message):
    __slots__ = ("federations", "next_page_token")
    FEDERATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    federations: _containers.RepeatedCompositeFieldContainer[Federation]
    next_page_token: str
    def __init__(self, federations: _Optional[_Iterable[_Union[Federation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CommitteeMember(_message.Message):
    __slots__ = ("name", "person_name", "organisation", "group", "appointed_on", "removed_on", "removal_reason", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PERSON_NAME_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    APPOINTED_ON_FIELD_NUMBER: _ClassVar[int]
    REMOVED_ON_FIELD_NUMBER: _ClassVar[int]
    REMOVAL_REASON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    person_name: str
    organisation: str
    group: _events_pb2.CommitteeGroup
    appointed_on: str
    removed_on: str
    removal_reason: str
    version: int
    def __init__(self, name: _Optional[str] = ..., person_name: _Optional[str] = ..., organisation: _Optional[str] = ..., group: _Optional[_Union[_events_pb2.CommitteeGroup, str]] = ..., appointed_on: _Optional[str] = ..., removed_on: _Optional[str] = ..., removal_reason: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class AppointCommitteeMemberRequest(_message.Message):
    __slots__ = ("member_id", "person_name", "organisation", "group", "appointed_on")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_NAME_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    APPOINTED_ON_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    person_name: str
    organisation: str
    group: _events_pb2.CommitteeGroup
    appointed_on: str
    def __init__(self, member_id: _Optional[str] = ..., person_name: _Optional[str] = ..., organisation: _Optional[str] = ..., group: _Optional[_Union[_events_pb2.CommitteeGroup, str]] = ..., appointed_on: _Optional[str] = ...) -> None: ...

class RemoveCommitteeMemberRequest(_message.Message):
    __slots__ = ("name", "removed_on", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REMOVED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    removed_on: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., removed_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetCommitteeMemberRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class ListCommitteeMembersRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "group", "include_removed")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_REMOVED_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    group: _events_pb2.CommitteeGroup
    include_removed: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., group: _Optional[_Union[_events_pb2.CommitteeGroup, str]] = ..., include_removed: _Optional[bool] = ...) -> None: ...

class ListCommitteeMembersResponse(_message.Message):
    __slots__ = ("committee_members", "next_page_token")
    COMMITTEE_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    committee_members: _containers.RepeatedCompositeFieldContainer[CommitteeMember]
    next_page_token: str
    def __init__(self, committee_members: _Optional[_Iterable[_Union[CommitteeMember, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Chamber(_message.Message):
    __slots__ = ("name", "org_code", "display_name", "federation", "league_code", "plan_sectors", "registered_on", "pilot_year", "pilot_selected_on", "commitment_declared_on", "commitment_statement", "platform_registered_on", "platform_account", "good_behaviour", "good_behaviour_revoked_on", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    FEDERATION_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    PILOT_YEAR_FIELD_NUMBER: _ClassVar[int]
    PILOT_SELECTED_ON_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_DECLARED_ON_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_STATEMENT_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    GOOD_BEHAVIOUR_FIELD_NUMBER: _ClassVar[int]
    GOOD_BEHAVIOUR_REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    org_code: str
    display_name: str
    federation: str
    league_code: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    registered_on: str
    pilot_year: int
    pilot_selected_on: str
    commitment_declared_on: str
    commitment_statement: str
    platform_registered_on: str
    platform_account: str
    good_behaviour: _events_pb2.ChamberGoodBehaviourRecorded
    good_behaviour_revoked_on: str
    version: int
    def __init__(self, name: _Optional[str] = ..., org_code: _Optional[str] = ..., display_name: _Optional[str] = ..., federation: _Optional[str] = ..., league_code: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., registered_on: _Optional[str] = ..., pilot_year: _Optional[int] = ..., pilot_selected_on: _Optional[str] = ..., commitment_declared_on: _Optional[str] = ..., commitment_statement: _Optional[str] = ..., platform_registered_on: _Optional[str] = ..., platform_account: _Optional[str] = ..., good_behaviour: _Optional[_Union[_events_pb2.ChamberGoodBehaviourRecorded, _Mapping]] = ..., good_behaviour_revoked_on: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class RegisterChamberRequest(_message.Message):
    __slots__ = ("org_code", "display_name", "federation", "plan_sectors", "registered_on")
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    FEDERATION_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    org_code: str
    display_name: str
    federation: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    registered_on: str
    def __init__(self, org_code: _Optional[str] = ..., display_name: _Optional[str] = ..., federation: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., registered_on: _Optional[str] = ...) -> None: ...

class SelectChamberAsPilotRequest(_message.Message):
    __slots__ = ("name", "year", "selected_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    SELECTED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    year: int
    selected_on: str
    def __init__(self, name: _Optional[str] = ..., year: _Optional[int] = ..., selected_on: _Optional[str] = ...) -> None: ...

class DeclareChamberCommitmentRequest(_message.Message):
    __slots__ = ("name", "declared_on", "statement")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DECLARED_ON_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_FIELD_NUMBER: _ClassVar[int]
    name: str
    declared_on: str
    statement: str
    def __init__(self, name: _Optional[str] = ..., declared_on: _Optional[str] = ..., statement: _Optional[str] = ...) -> None: ...

class RegisterChamberOnPlatformRequest(_message.Message):
    __slots__ = ("name", "registered_on", "platform_account")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    name: str
    registered_on: str
    platform_account: str
    def __init__(self, name: _Optional[str] = ..., registered_on: _Optional[str] = ..., platform_account: _Optional[str] = ...) -> None: ...

class GetChamberRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class ListChambersRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "league_code", "plan_sector", "pilot_year", "good_behaviour_conforms")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTOR_FIELD_NUMBER: _ClassVar[int]
    PILOT_YEAR_FIELD_NUMBER: _ClassVar[int]
    GOOD_BEHAVIOUR_CONFORMS_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    league_code: str
    plan_sector: _plan_pb2.PlanSector
    pilot_year: int
    good_behaviour_conforms: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., league_code: _Optional[str] = ..., plan_sector: _Optional[_Union[_plan_pb2.PlanSector, str]] = ..., pilot_year: _Optional[int] = ..., good_behaviour_conforms: _Optional[bool] = ...) -> None: ...

class ListChambersResponse(_message.Message):
    __slots__ = ("chambers", "next_page_token")
    CHAMBERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    chambers: _containers.RepeatedCompositeFieldContainer[Chamber]
    next_page_token: str
    def __init__(self, chambers: _Optional[_Iterable[_Union[Chamber, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ChamberMembership(_message.Message):
    __slots__ = ("chamber", "joined_on")
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    JOINED_ON_FIELD_NUMBER: _ClassVar[int]
    chamber: str
    joined_on: str
    def __init__(self, chamber: _Optional[str] = ..., joined_on: _Optional[str] = ...) -> None: ...

class Enterprise(_message.Message):
    __slots__ = ("name", "uscc", "display_name", "division_code", "league_code", "is_private", "industry_section", "industry_division", "plan_sectors", "size_class", "registered_on", "chambers", "brand_pilot_year", "brand_pilot_enrolled_on", "brand_pilot_withdrawn_on", "brand_pilot_withdrawal_reason", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    USCC_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    IS_PRIVATE_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_SECTION_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_DIVISION_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    SIZE_CLASS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    CHAMBERS_FIELD_NUMBER: _ClassVar[int]
    BRAND_PILOT_YEAR_FIELD_NUMBER: _ClassVar[int]
    BRAND_PILOT_ENROLLED_ON_FIELD_NUMBER: _ClassVar[int]
    BRAND_PILOT_WITHDRAWN_ON_FIELD_NUMBER: _ClassVar[int]
    BRAND_PILOT_WITHDRAWAL_REASON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    uscc: str
    display_name: str
    division_code: str
    league_code: str
    is_private: bool
    industry_section: str
    industry_division: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    size_class: _events_pb2.SizeClass
    registered_on: str
    chambers: _containers.RepeatedCompositeFieldContainer[ChamberMembership]
    brand_pilot_year: int
    brand_pilot_enrolled_on: str
    brand_pilot_withdrawn_on: str
    brand_pilot_withdrawal_reason: str
    version: int
    def __init__(self, name: _Optional[str] = ..., uscc: _Optional[str] = ..., display_name: _Optional[str] = ..., division_code: _Optional[str] = ..., league_code: _Optional[str] = ..., is_private: _Optional[bool] = ..., industry_section: _Optional[str] = ..., industry_division: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., size_class: _Optional[_Union[_events_pb2.SizeClass, str]] = ..., registered_on: _Optional[str] = ..., chambers: _Optional[_Iterable[_Union[ChamberMembership, _Mapping]]] = ..., brand_pilot_year: _Optional[int] = ..., brand_pilot_enrolled_on: _Optional[str] = ..., brand_pilot_withdrawn_on: _Optional[str] = ..., brand_pilot_withdrawal_reason: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class RegisterEnterpriseRequest(_message.Message):
    __slots__ = ("uscc", "display_name", "division_code", "is_private", "industry_section", "industry_division", "plan_sectors", "size_class", "registered_on")
    USCC_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    IS_PRIVATE_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_SECTION_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_DIVISION_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    SIZE_CLASS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    uscc: str
    display_name: str
    division_code: str
    is_private: bool
    industry_section: str
    industry_division: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    size_class: _events_pb2.SizeClass
    registered_on: str
    def __init__(self, uscc: _Optional[str] = ..., display_name: _Optional[str] = ..., division_code: _Optional[str] = ..., is_private: _Optional[bool] = ..., industry_section: _Optional[str] = ..., industry_division: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., size_class: _Optional[_Union[_events_pb2.SizeClass, str]] = ..., registered_on: _Optional[str] = ...) -> None: ...

class ImportEnterprisesRequest(_message.Message):
    __slots__ = ("records",)
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    records: _containers.RepeatedCompositeFieldContainer[EnterpriseImportRecord]
    def __init__(self, records: _Optional[_Iterable[_Union[EnterpriseImportRecord, _Mapping]]] = ...) -> None: ...

class EnterpriseImportRecord(_message.Message):
    __slots__ = ("enterprise", "request_id")
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    enterprise: RegisterEnterpriseRequest
    request_id: str
    def __init__(self, enterprise: _Optional[_Union[RegisterEnterpriseRequest, _Mapping]] = ..., request_id: _Optional[str] = ...) -> None: ...

class ImportEnterprisesResponse(_message.Message):
    __slots__ = ("received_count", "imported_count", "refusals", "refused_count")
    RECEIVED_COUNT_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    REFUSALS_FIELD_NUMBER: _ClassVar[int]
    REFUSED_COUNT_FIELD_NUMBER: _ClassVar[int]
    received_count: int
    imported_count: int
    refusals: _containers.RepeatedCompositeFieldContainer[ImportRefusal]
    refused_count: int
    def __init__(self, received_count: _Optional[int] = ..., imported_count: _Optional[int] = ..., refusals: _Optional[_Iterable[_Union[ImportRefusal, _Mapping]]] = ..., refused_count: _Optional[int] = ...) -> None: ...

class ImportRefusal(_message.Message):
    __slots__ = ("index", "request_id", "uscc", "reason", "message", "field_violations")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    USCC_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    FIELD_VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    index: int
    request_id: str
    uscc: str
    reason: str
    message: str
    field_violations: _containers.RepeatedCompositeFieldContainer[FieldViolation]
    def __init__(self, index: _Optional[int] = ..., request_id: _Optional[str] = ..., uscc: _Optional[str] = ..., reason: _Optional[str] = ..., message: _Optional[str] = ..., field_violations: _Optional[_Iterable[_Union[FieldViolation, _Mapping]]] = ...) -> None: ...

class FieldViolation(_message.Message):
    __slots__ = ("field", "description")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    field: str
    description: str
    def __init__(self, field: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class ChangeEnterpriseDetailsRequest(_message.Message):
    __slots__ = ("name", "display_name", "division_code", "industry_section", "industry_division", "plan_sectors", "size_class", "changed_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_SECTION_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_DIVISION_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    SIZE_CLASS_FIELD_NUMBER: _ClassVar[int]
    CHANGED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    display_name: str
    division_code: str
    industry_section: str
    industry_division: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    size_class: _events_pb2.SizeClass
    changed_on: str
    def __init__(self, name: _Optional[str] = ..., display_name: _Optional[str] = ..., division_code: _Optional[str] = ..., industry_section: _Optional[str] = ..., industry_division: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., size_class: _Optional[_Union[_events_pb2.SizeClass, str]] = ..., changed_on: _Optional[str] = ...) -> None: ...

class JoinChamberRequest(_message.Message):
    __slots__ = ("name", "chamber", "joined_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    JOINED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    chamber: str
    joined_on: str
    def __init__(self, name: _Optional[str] = ..., chamber: _Optional[str] = ..., joined_on: _Optional[str] = ...) -> None: ...

class LeaveChamberRequest(_message.Message):
    __slots__ = ("name", "chamber", "left_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CHAMBER_FIELD_NUMBER: _ClassVar[int]
    LEFT_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    chamber: str
    left_on: str
    def __init__(self, name: _Optional[str] = ..., chamber: _Optional[str] = ..., left_on: _Optional[str] = ...) -> None: ...

class EnrolInBrandPilotRequest(_message.Message):
    __slots__ = ("name", "year", "enrolled_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    ENROLLED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    year: int
    enrolled_on: str
    def __init__(self, name: _Optional[str] = ..., year: _Optional[int] = ..., enrolled_on: _Optional[str] = ...) -> None: ...

class WithdrawFromBrandPilotRequest(_message.Message):
    __slots__ = ("name", "withdrawn_on", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    withdrawn_on: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., withdrawn_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetEnterpriseRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class ListEnterprisesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "league_code", "plan_sector", "industry_section", "size_class", "brand_pilot_year", "private_only")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTOR_FIELD_NUMBER: _ClassVar[int]
    INDUSTRY_SECTION_FIELD_NUMBER: _ClassVar[int]
    SIZE_CLASS_FIELD_NUMBER: _ClassVar[int]
    BRAND_PILOT_YEAR_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_ONLY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    league_code: str
    plan_sector: _plan_pb2.PlanSector
    industry_section: str
    size_class: _events_pb2.SizeClass
    brand_pilot_year: int
    private_only: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., league_code: _Optional[str] = ..., plan_sector: _Optional[_Union[_plan_pb2.PlanSector, str]] = ..., industry_section: _Optional[str] = ..., size_class: _Optional[_Union[_events_pb2.SizeClass, str]] = ..., brand_pilot_year: _Optional[int] = ..., private_only: _Optional[bool] = ...) -> None: ...

class ListEnterprisesResponse(_message.Message):
    __slots__ = ("enterprises", "next_page_token")
    ENTERPRISES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    enterprises: _containers.RepeatedCompositeFieldContainer[Enterprise]
    next_page_token: str
    def __init__(self, enterprises: _Optional[_Iterable[_Union[Enterprise, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ConversionRequest(_message.Message):
    __slots__ = ("request_id", "target_level", "requested_on", "state", "decided_on", "converted_number", "reason")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_LEVEL_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_ON_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    CONVERTED_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    target_level: _events_pb2.StandardLevel
    requested_on: str
    state: ConversionState
    decided_on: str
    converted_number: str
    reason: str
    def __init__(self, request_id: _Optional[str] = ..., target_level: _Optional[_Union[_events_pb2.StandardLevel, str]] = ..., requested_on: _Optional[str] = ..., state: _Optional[_Union[ConversionState, str]] = ..., decided_on: _Optional[str] = ..., converted_number: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Translation(_message.Message):
    __slots__ = ("language", "translator", "published_on")
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TRANSLATOR_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    language: str
    translator: str
    published_on: str
    def __init__(self, language: _Optional[str] = ..., translator: _Optional[str] = ..., published_on: _Optional[str] = ...) -> None: ...

class GroupStandard(_message.Message):
    __slots__ = ("name", "number", "org_code", "title", "league_code", "state", "published_on", "effective_on", "version", "standard_id", "scope", "plan_sectors", "forerunner_year", "forerunner_key_field", "proposed_on", "approved_for_drafting_on", "drafting_started_on", "drafting_units", "comment_opened_on", "comment_closes_on", "reviewed_on", "comments_received", "votes_for", "votes_cast", "review_passed", "approved_on", "sequence", "year", "review_due_on", "periodic_review_started_on", "periodic_review_outcome", "periodic_review_concluded_on", "periodic_review_report", "abolished_on", "abolition_reason", "conversions", "translations")
    NAME_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_ON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    STANDARD_ID_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_YEAR_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_ON_FIELD_NUMBER: _ClassVar[int]
    APPROVED_FOR_DRAFTING_ON_FIELD_NUMBER: _ClassVar[int]
    DRAFTING_STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    DRAFTING_UNITS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_OPENED_ON_FIELD_NUMBER: _ClassVar[int]
    COMMENT_CLOSES_ON_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_ON_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    VOTES_FOR_FIELD_NUMBER: _ClassVar[int]
    VOTES_CAST_FIELD_NUMBER: _ClassVar[int]
    REVIEW_PASSED_FIELD_NUMBER: _ClassVar[int]
    APPROVED_ON_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    REVIEW_DUE_ON_FIELD_NUMBER: _ClassVar[int]
    PERIODIC_REVIEW_STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    PERIODIC_REVIEW_OUTCOME_FIELD_NUMBER: _ClassVar[int]
    PERIODIC_REVIEW_CONCLUDED_ON_FIELD_NUMBER: _ClassVar[int]
    PERIODIC_REVIEW_REPORT_FIELD_NUMBER: _ClassVar[int]
    ABOLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    ABOLITION_REASON_FIELD_NUMBER: _ClassVar[int]
    CONVERSIONS_FIELD_NUMBER: _ClassVar[int]
    TRANSLATIONS_FIELD_NUMBER: _ClassVar[int]
    name: str
    number: str
    org_code: str
    title: str
    league_code: str
    state: GroupStandardState
    published_on: str
    effective_on: str
    version: int
    standard_id: str
    scope: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    forerunner_year: int
    forerunner_key_field: str
    proposed_on: str
    approved_for_drafting_on: str
    drafting_started_on: str
    drafting_units: _containers.RepeatedScalarFieldContainer[str]
    comment_opened_on: str
    comment_closes_on: str
    reviewed_on: str
    comments_received: int
    votes_for: int
    votes_cast: int
    review_passed: bool
    approved_on: str
    sequence: int
    year: int
    review_due_on: str
    periodic_review_started_on: str
    periodic_review_outcome: _events_pb2.PeriodicReviewOutcome
    periodic_review_concluded_on: str
    periodic_review_report: str
    abolished_on: str
    abolition_reason: str
    conversions: _containers.RepeatedCompositeFieldContainer[ConversionRequest]
    translations: _containers.RepeatedCompositeFieldContainer[Translation]
    def __init__(self, name: _Optional[str] = ..., number: _Optional[str] = ..., org_code: _Optional[str] = ..., title: _Optional[str] = ..., league_code: _Optional[str] = ..., state: _Optional[_Union[GroupStandardState, str]] = ..., published_on: _Optional[str] = ..., effective_on: _Optional[str] = ..., version: _Optional[int] = ..., standard_id: _Optional[str] = ..., scope: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., forerunner_year: _Optional[int] = ..., forerunner_key_field: _Optional[str] = ..., proposed_on: _Optional[str] = ..., approved_for_drafting_on: _Optional[str] = ..., drafting_started_on: _Optional[str] = ..., drafting_units: _Optional[_Iterable[str]] = ..., comment_opened_on: _Optional[str] = ..., comment_closes_on: _Optional[str] = ..., reviewed_on: _Optional[str] = ..., comments_received: _Optional[int] = ..., votes_for: _Optional[int] = ..., votes_cast: _Optional[int] = ..., review_passed: _Optional[bool] = ..., approved_on: _Optional[str] = ..., sequence: _Optional[int] = ..., year: _Optional[int] = ..., review_due_on: _Optional[str] = ..., periodic_review_started_on: _Optional[str] = ..., periodic_review_outcome: _Optional[_Union[_events_pb2.PeriodicReviewOutcome, str]] = ..., periodic_review_concluded_on: _Optional[str] = ..., periodic_review_report: _Optional[str] = ..., abolished_on: _Optional[str] = ..., abolition_reason: _Optional[str] = ..., conversions: _Optional[_Iterable[_Union[ConversionRequest, _Mapping]]] = ..., translations: _Optional[_Iterable[_Union[Translation, _Mapping]]] = ...) -> None: ...

class ProposeGroupStandardRequest(_message.Message):
    __slots__ = ("parent", "standard_id", "title", "scope", "plan_sectors", "proposed_on", "forerunner_year", "forerunner_key_field")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    STANDARD_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTORS_FIELD_NUMBER: _ClassVar[int]
    PROPOSED_ON_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_YEAR_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    parent: str
    standard_id: str
    title: str
    scope: str
    plan_sectors: _containers.RepeatedScalarFieldContainer[_plan_pb2.PlanSector]
    proposed_on: str
    forerunner_year: int
    forerunner_key_field: str
    def __init__(self, parent: _Optional[str] = ..., standard_id: _Optional[str] = ..., title: _Optional[str] = ..., scope: _Optional[str] = ..., plan_sectors: _Optional[_Iterable[_Union[_plan_pb2.PlanSector, str]]] = ..., proposed_on: _Optional[str] = ..., forerunner_year: _Optional[int] = ..., forerunner_key_field: _Optional[str] = ...) -> None: ...

class ApproveGroupStandardForDraftingRequest(_message.Message):
    __slots__ = ("name", "approved_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    APPROVED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    approved_on: str
    def __init__(self, name: _Optional[str] = ..., approved_on: _Optional[str] = ...) -> None: ...

class StartGroupStandardDraftingRequest(_message.Message):
    __slots__ = ("name", "started_on", "drafting_units")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    DRAFTING_UNITS_FIELD_NUMBER: _ClassVar[int]
    name: str
    started_on: str
    drafting_units: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., started_on: _Optional[str] = ..., drafting_units: _Optional[_Iterable[str]] = ...) -> None: ...

class OpenGroupStandardCommentRequest(_message.Message):
    __slots__ = ("name", "opened_on", "closes_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    OPENED_ON_FIELD_NUMBER: _ClassVar[int]
    CLOSES_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    opened_on: str
    closes_on: str
    def __init__(self, name: _Optional[str] = ..., opened_on: _Optional[str] = ..., closes_on: _Optional[str] = ...) -> None: ...

class ReviewGroupStandardRequest(_message.Message):
    __slots__ = ("name", "reviewed_on", "comments_received", "votes_for", "votes_cast")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVIEWED_ON_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    VOTES_FOR_FIELD_NUMBER: _ClassVar[int]
    VOTES_CAST_FIELD_NUMBER: _ClassVar[int]
    name: str
    reviewed_on: str
    comments_received: int
    votes_for: int
    votes_cast: int
    def __init__(self, name: _Optional[str] = ..., reviewed_on: _Optional[str] = ..., comments_received: _Optional[int] = ..., votes_for: _Optional[int] = ..., votes_cast: _Optional[int] = ...) -> None: ...

class ApproveGroupStandardRequest(_message.Message):
    __slots__ = ("name", "approved_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    APPROVED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    approved_on: str
    def __init__(self, name: _Optional[str] = ..., approved_on: _Optional[str] = ...) -> None: ...

class PublishGroupStandardRequest(_message.Message):
    __slots__ = ("org_code", "year", "title", "league_code", "name", "sequence", "sequence_digits", "published_on", "effective_on")
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_DIGITS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_ON_FIELD_NUMBER: _ClassVar[int]
    org_code: str
    year: int
    title: str
    league_code: str
    name: str
    sequence: int
    sequence_digits: int
    published_on: str
    effective_on: str
    def __init__(self, org_code: _Optional[str] = ..., year: _Optional[int] = ..., title: _Optional[str] = ..., league_code: _Optional[str] = ..., name: _Optional[str] = ..., sequence: _Optional[int] = ..., sequence_digits: _Optional[int] = ..., published_on: _Optional[str] = ..., effective_on: _Optional[str] = ...) -> None: ...

class StartGroupStandardPeriodicReviewRequest(_message.Message):
    __slots__ = ("name", "started_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    started_on: str
    def __init__(self, name: _Optional[str] = ..., started_on: _Optional[str] = ...) -> None: ...

class ConcludeGroupStandardPeriodicReviewRequest(_message.Message):
    __slots__ = ("name", "outcome", "concluded_on", "report")
    NAME_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    CONCLUDED_ON_FIELD_NUMBER: _ClassVar[int]
    REPORT_FIELD_NUMBER: _ClassVar[int]
    name: str
    outcome: _events_pb2.PeriodicReviewOutcome
    concluded_on: str
    report: str
    def __init__(self, name: _Optional[str] = ..., outcome: _Optional[_Union[_events_pb2.PeriodicReviewOutcome, str]] = ..., concluded_on: _Optional[str] = ..., report: _Optional[str] = ...) -> None: ...

class AbolishGroupStandardRequest(_message.Message):
    __slots__ = ("name", "abolished_on", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ABOLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    abolished_on: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., abolished_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RequestGroupStandardConversionRequest(_message.Message):
    __slots__ = ("name", "request_id", "target_level", "requested_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_LEVEL_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    target_level: _events_pb2.StandardLevel
    requested_on: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ..., target_level: _Optional[_Union[_events_pb2.StandardLevel, str]] = ..., requested_on: _Optional[str] = ...) -> None: ...

class DecideGroupStandardConversionRequest(_message.Message):
    __slots__ = ("name", "request_id", "accepted", "decided_on", "converted_number", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    CONVERTED_NUMBER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    request_id: str
    accepted: bool
    decided_on: str
    converted_number: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., request_id: _Optional[str] = ..., accepted: _Optional[bool] = ..., decided_on: _Optional[str] = ..., converted_number: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RecordGroupStandardTranslationRequest(_message.Message):
    __slots__ = ("name", "language", "translator", "published_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TRANSLATOR_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    language: str
    translator: str
    published_on: str
    def __init__(self, name: _Optional[str] = ..., language: _Optional[str] = ..., translator: _Optional[str] = ..., published_on: _Optional[str] = ...) -> None: ...

class GetGroupStandardRequest(_message.Message):
    __slots__ = ("name", "min_version", "number", "as_of")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    number: str
    as_of: str
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ..., number: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class ListGroupStandardsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "league_code", "org_code", "plan_sector", "state", "year", "forerunner_year", "forerunner_key_field", "review_due_by", "as_of")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    PLAN_SECTOR_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_YEAR_FIELD_NUMBER: _ClassVar[int]
    FORERUNNER_KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    REVIEW_DUE_BY_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    league_code: str
    org_code: str
    plan_sector: _plan_pb2.PlanSector
    state: GroupStandardState
    year: int
    forerunner_year: int
    forerunner_key_field: str
    review_due_by: str
    as_of: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., league_code: _Optional[str] = ..., org_code: _Optional[str] = ..., plan_sector: _Optional[_Union[_plan_pb2.PlanSector, str]] = ..., state: _Optional[_Union[GroupStandardState, str]] = ..., year: _Optional[int] = ..., forerunner_year: _Optional[int] = ..., forerunner_key_field: _Optional[str] = ..., review_due_by: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class ListGroupStandardsResponse(_message.Message):
    __slots__ = ("group_standards", "next_page_token")
    GROUP_STANDARDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    group_standards: _containers.RepeatedCompositeFieldContainer[GroupStandard]
    next_page_token: str
    def __init__(self, group_standards: _Optional[_Iterable[_Union[GroupStandard, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Leader(_message.Message):
    __slots__ = ("name", "group_standard", "year", "number", "org_code", "title", "league_code", "state", "recommended_on", "listed_on", "revoked_on", "revocation_reason", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDED_ON_FIELD_NUMBER: _ClassVar[int]
    LISTED_ON_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    REVOCATION_REASON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    group_standard: str
    year: int
    number: str
    org_code: str
    title: str
    league_code: str
    state: LeaderState
    recommended_on: str
    listed_on: str
    revoked_on: str
    revocation_reason: str
    version: int
    def __init__(self, name: _Optional[str] = ..., group_standard: _Optional[str] = ..., year: _Optional[int] = ..., number: _Optional[str] = ..., org_code: _Optional[str] = ..., title: _Optional[str] = ..., league_code: _Optional[str] = ..., state: _Optional[_Union[LeaderState, str]] = ..., recommended_on: _Optional[str] = ..., listed_on: _Optional[str] = ..., revoked_on: _Optional[str] = ..., revocation_reason: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class RecommendLeaderRequest(_message.Message):
    __slots__ = ("group_standard", "year", "recommended_on")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDED_ON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    year: int
    recommended_on: str
    def __init__(self, group_standard: _Optional[str] = ..., year: _Optional[int] = ..., recommended_on: _Optional[str] = ...) -> None: ...

class RecordLeaderListingRequest(_message.Message):
    __slots__ = ("name", "listed_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LISTED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    listed_on: str
    def __init__(self, name: _Optional[str] = ..., listed_on: _Optional[str] = ...) -> None: ...

class RevokeLeaderRequest(_message.Message):
    __slots__ = ("name", "revoked_on", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    revoked_on: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., revoked_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ListLeadersRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "year", "league_code", "state")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    year: int
    league_code: str
    state: LeaderState
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., year: _Optional[int] = ..., league_code: _Optional[str] = ..., state: _Optional[_Union[LeaderState, str]] = ...) -> None: ...

class ListLeadersResponse(_message.Message):
    __slots__ = ("leaders", "next_page_token")
    LEADERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    leaders: _containers.RepeatedCompositeFieldContainer[Leader]
    next_page_token: str
    def __init__(self, leaders: _Optional[_Iterable[_Union[Leader, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SelfDeclaration(_message.Message):
    __slots__ = ("name", "enterprise", "league_code", "content", "state", "disclosed_on", "updated_on", "withdrawn_on", "withdrawal_reason", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DISCLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    UPDATED_ON_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_ON_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWAL_REASON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    enterprise: str
    league_code: str
    content: _events_pb2.DeclarationContent
    state: SelfDeclarationState
    disclosed_on: str
    updated_on: str
    withdrawn_on: str
    withdrawal_reason: str
    version: int
    def __init__(self, name: _Optional[str] = ..., enterprise: _Optional[str] = ..., league_code: _Optional[str] = ..., content: _Optional[_Union[_events_pb2.DeclarationContent, _Mapping]] = ..., state: _Optional[_Union[SelfDeclarationState, str]] = ..., disclosed_on: _Optional[str] = ..., updated_on: _Optional[str] = ..., withdrawn_on: _Optional[str] = ..., withdrawal_reason: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class DeclareStandardRequest(_message.Message):
    __slots__ = ("parent", "declaration_id", "content", "disclosed_on")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    DECLARATION_ID_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    DISCLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    parent: str
    declaration_id: str
    content: _events_pb2.DeclarationContent
    disclosed_on: str
    def __init__(self, parent: _Optional[str] = ..., declaration_id: _Optional[str] = ..., content: _Optional[_Union[_events_pb2.DeclarationContent, _Mapping]] = ..., disclosed_on: _Optional[str] = ...) -> None: ...

class UpdateSelfDeclarationRequest(_message.Message):
    __slots__ = ("name", "content", "updated_on")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_ON_FIELD_NUMBER: _ClassVar[int]
    name: str
    content: _events_pb2.DeclarationContent
    updated_on: str
    def __init__(self, name: _Optional[str] = ..., content: _Optional[_Union[_events_pb2.DeclarationContent, _Mapping]] = ..., updated_on: _Optional[str] = ...) -> None: ...

class WithdrawSelfDeclarationRequest(_message.Message):
    __slots__ = ("name", "withdrawn_on", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    withdrawn_on: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., withdrawn_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetSelfDeclarationRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class ListSelfDeclarationsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "enterprise", "league_code", "kind", "state", "standard_number", "key_field", "year")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STANDARD_NUMBER_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    enterprise: str
    league_code: str
    kind: _events_pb2.DeclaredStandardKind
    state: SelfDeclarationState
    standard_number: str
    key_field: str
    year: int
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., enterprise: _Optional[str] = ..., league_code: _Optional[str] = ..., kind: _Optional[_Union[_events_pb2.DeclaredStandardKind, str]] = ..., state: _Optional[_Union[SelfDeclarationState, str]] = ..., standard_number: _Optional[str] = ..., key_field: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class ListSelfDeclarationsResponse(_message.Message):
    __slots__ = ("self_declarations", "next_page_token")
    SELF_DECLARATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    self_declarations: _containers.RepeatedCompositeFieldContainer[SelfDeclaration]
    next_page_token: str
    def __init__(self, self_declarations: _Optional[_Iterable[_Union[SelfDeclaration, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Forerunner(_message.Message):
    __slots__ = ("name", "forerunner_list", "year", "key_field", "scheme", "declaration", "enterprise", "league_code", "rank", "listed_on", "valid_until", "assessment", "state", "revoked_on", "revocation_reason", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
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
    STATE_FIELD_NUMBER: _ClassVar[int]
    REVOKED_ON_FIELD_NUMBER: _ClassVar[int]
    REVOCATION_REASON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
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
    state: ForerunnerState
    revoked_on: str
    revocation_reason: str
    version: int
    def __init__(self, name: _Optional[str] = ..., forerunner_list: _Optional[str] = ..., year: _Optional[int] = ..., key_field: _Optional[str] = ..., scheme: _Optional[str] = ..., declaration: _Optional[str] = ..., enterprise: _Optional[str] = ..., league_code: _Optional[str] = ..., rank: _Optional[int] = ..., listed_on: _Optional[str] = ..., valid_until: _Optional[str] = ..., assessment: _Optional[str] = ..., state: _Optional[_Union[ForerunnerState, str]] = ..., revoked_on: _Optional[str] = ..., revocation_reason: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class ListForerunnersRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "year", "key_field", "league_code", "enterprise", "state", "as_of")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    ENTERPRISE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    year: int
    key_field: str
    league_code: str
    enterprise: str
    state: ForerunnerState
    as_of: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., year: _Optional[int] = ..., key_field: _Optional[str] = ..., league_code: _Optional[str] = ..., enterprise: _Optional[str] = ..., state: _Optional[_Union[ForerunnerState, str]] = ..., as_of: _Optional[str] = ...) -> None: ...

class ListForerunnersResponse(_message.Message):
    __slots__ = ("forerunners", "next_page_token")
    FORERUNNERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    forerunners: _containers.RepeatedCompositeFieldContainer[Forerunner]
    next_page_token: str
    def __init__(self, forerunners: _Optional[_Iterable[_Union[Forerunner, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class TrainingBatch(_message.Message):
    __slots__ = ("name", "league_code", "format", "title", "held_on", "organiser", "trainees", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    ORGANISER_FIELD_NUMBER: _ClassVar[int]
    TRAINEES_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    league_code: str
    format: _events_pb2.TrainingFormat
    title: str
    held_on: str
    organiser: str
    trainees: _containers.RepeatedCompositeFieldContainer[_events_pb2.Trainee]
    version: int
    def __init__(self, name: _Optional[str] = ..., league_code: _Optional[str] = ..., format: _Optional[_Union[_events_pb2.TrainingFormat, str]] = ..., title: _Optional[str] = ..., held_on: _Optional[str] = ..., organiser: _Optional[str] = ..., trainees: _Optional[_Iterable[_Union[_events_pb2.Trainee, _Mapping]]] = ..., version: _Optional[int] = ...) -> None: ...

class RecordTrainingBatchRequest(_message.Message):
    __slots__ = ("batch_id", "league_code", "format", "title", "held_on", "organiser", "trainees")
    BATCH_ID_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    ORGANISER_FIELD_NUMBER: _ClassVar[int]
    TRAINEES_FIELD_NUMBER: _ClassVar[int]
    batch_id: str
    league_code: str
    format: _events_pb2.TrainingFormat
    title: str
    held_on: str
    organiser: str
    trainees: _containers.RepeatedCompositeFieldContainer[_events_pb2.Trainee]
    def __init__(self, batch_id: _Optional[str] = ..., league_code: _Optional[str] = ..., format: _Optional[_Union[_events_pb2.TrainingFormat, str]] = ..., title: _Optional[str] = ..., held_on: _Optional[str] = ..., organiser: _Optional[str] = ..., trainees: _Optional[_Iterable[_Union[_events_pb2.Trainee, _Mapping]]] = ...) -> None: ...

class RecordTraineesRequest(_message.Message):
    __slots__ = ("name", "trainees")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TRAINEES_FIELD_NUMBER: _ClassVar[int]
    name: str
    trainees: _containers.RepeatedCompositeFieldContainer[_events_pb2.Trainee]
    def __init__(self, name: _Optional[str] = ..., trainees: _Optional[_Iterable[_Union[_events_pb2.Trainee, _Mapping]]] = ...) -> None: ...

class GetTrainingBatchRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class ListTrainingBatchesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "league_code", "year", "format")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    league_code: str
    year: int
    format: _events_pb2.TrainingFormat
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., league_code: _Optional[str] = ..., year: _Optional[int] = ..., format: _Optional[_Union[_events_pb2.TrainingFormat, str]] = ...) -> None: ...

class ListTrainingBatchesResponse(_message.Message):
    __slots__ = ("training_batches", "next_page_token")
    TRAINING_BATCHES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    training_batches: _containers.RepeatedCompositeFieldContainer[TrainingBatch]
    next_page_token: str
    def __init__(self, training_batches: _Optional[_Iterable[_Union[TrainingBatch, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
