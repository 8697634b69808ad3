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
GROUP_STANDARD_STATE_UNSPECIFIED: GroupStandardState
GROUP_STANDARD_STATE_PUBLISHED: GroupStandardState

class GroupStandard(_message.Message):
    __slots__ = ("name", "number", "org_code", "title", "league_code", "state", "published_on", "effective_on", "version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_ON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    number: str
    org_code: str
    title: str
    league_code: str
    state: GroupStandardState
    published_on: str
    effective_on: str
    version: int
    def __init__(self, name: _Optional[str] = ..., number: _Optional[str] = ..., org_code: _Optional[str] = ..., title: _Optional[str] = ..., league_code: _Optional[str] = ..., state: _Optional[_Union[GroupStandardState, str]] = ..., published_on: _Optional[str] = ..., effective_on: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class PublishGroupStandardRequest(_message.Message):
    __slots__ = ("org_code", "sequence", "year", "title", "league_code", "published_on", "effective_on")
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_ON_FIELD_NUMBER: _ClassVar[int]
    org_code: str
    sequence: int
    year: int
    title: str
    league_code: str
    published_on: str
    effective_on: str
    def __init__(self, org_code: _Optional[str] = ..., sequence: _Optional[int] = ..., year: _Optional[int] = ..., title: _Optional[str] = ..., league_code: _Optional[str] = ..., published_on: _Optional[str] = ..., effective_on: _Optional[str] = ...) -> None: ...

class GetGroupStandardRequest(_message.Message):
    __slots__ = ("name", "min_version")
    NAME_FIELD_NUMBER: _ClassVar[int]
    MIN_VERSION_FIELD_NUMBER: _ClassVar[int]
    name: str
    min_version: int
    def __init__(self, name: _Optional[str] = ..., min_version: _Optional[int] = ...) -> None: ...

class ListGroupStandardsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "league_code")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    league_code: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., league_code: _Optional[str] = ...) -> None: ...

class ListGroupStandardsResponse(_message.Message):
    __slots__ = ("group_standards", "next_page_token")
    GROUP_STANDARDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    group_standards: _containers.RepeatedCompositeFieldContainer[GroupStandard]
    next_page_token: str
    def __init__(self, group_standards: _Optional[_Iterable[_Union[GroupStandard, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
