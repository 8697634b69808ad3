from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor

class PlanSector(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLAN_SECTOR_UNSPECIFIED: _ClassVar[PlanSector]
    PLAN_SECTOR_ACCOMMODATION_CATERING: _ClassVar[PlanSector]
    PLAN_SECTOR_WHOLESALE_RETAIL: _ClassVar[PlanSector]
    PLAN_SECTOR_FARMING_HUSBANDRY: _ClassVar[PlanSector]
    PLAN_SECTOR_CULTURE_TOURISM: _ClassVar[PlanSector]
    PLAN_SECTOR_RESIDENT_SERVICES: _ClassVar[PlanSector]
    PLAN_SECTOR_ELDERLY_CARE: _ClassVar[PlanSector]
    PLAN_SECTOR_MANUFACTURING: _ClassVar[PlanSector]
    PLAN_SECTOR_REAL_ESTATE: _ClassVar[PlanSector]
    PLAN_SECTOR_EDUCATION: _ClassVar[PlanSector]
    PLAN_SECTOR_HEALTH: _ClassVar[PlanSector]
    PLAN_SECTOR_BUSINESS_SERVICES: _ClassVar[PlanSector]
PLAN_SECTOR_UNSPECIFIED: PlanSector
PLAN_SECTOR_ACCOMMODATION_CATERING: PlanSector
PLAN_SECTOR_WHOLESALE_RETAIL: PlanSector
PLAN_SECTOR_FARMING_HUSBANDRY: PlanSector
PLAN_SECTOR_CULTURE_TOURISM: PlanSector
PLAN_SECTOR_RESIDENT_SERVICES: PlanSector
PLAN_SECTOR_ELDERLY_CARE: PlanSector
PLAN_SECTOR_MANUFACTURING: PlanSector
PLAN_SECTOR_REAL_ESTATE: PlanSector
PLAN_SECTOR_EDUCATION: PlanSector
PLAN_SECTOR_HEALTH: PlanSector
PLAN_SECTOR_BUSINESS_SERVICES: PlanSector
