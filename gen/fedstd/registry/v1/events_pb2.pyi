from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class StandardPublished(_message.Message):
    __slots__ = ("group_standard", "number", "org_code", "title", "league_code", "published_on", "effective_on")
    GROUP_STANDARD_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    ORG_CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LEAGUE_CODE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_ON_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_ON_FIELD_NUMBER: _ClassVar[int]
    group_standard: str
    number: str
    org_code: str
    title: str
    league_code: str
    published_on: str
    effective_on: str
    def __init__(self, group_standard: _Optional[str] = ..., number: _Optional[str] = ..., org_code: _Optional[str] = ..., title: _Optional[str] = ..., league_code: _Optional[str] = ..., published_on: _Optional[str] = ..., effective_on: _Optional[str] = ...) -> None: ...
