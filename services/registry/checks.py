"""The registry's checks at the edge, on top of `services.common.validation`.

Each check adds one field violation per problem (the field named as in the request, with the
index of a repeated element) and returns the checked value, normalized, for the command.
"""
from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from datetime import date

from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper

from fedstd.registry.v1 import events_pb2 as events
from fedstd.type.v1 import plan_pb2 as plan
from services.common import validation
from services.common.errors import Violations
from services.registry import industry, names, numbers
from services.registry.domain import PLAN_YEARS

ID = re.compile(names.ID)
#: BCP 47: a language subtag and optional script/region/variant subtags.
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_NAME = 200
MAX_ITEMS = 500


def enterprise(violations: Violations, field: str, value: str) -> str:
    """`enterprises/{uscc}` with a valid USCC; returns the name with the USCC compacted."""
    if not value.startswith("enterprises/"):
        violations.add(field, f"must look like enterprises/{{uscc}}: {value[:80]!r}")
        return ""
    uscc = validation.check_uscc(violations, field, value.removeprefix("enterprises/"))
    return names.enterprise_name(uscc) if uscc else ""


def resource_id(violations: Violations, field: str, value: str) -> None:
    violations.check(bool(ID.fullmatch(value)), field,
                     "1 to 63 lower-case letters, digits or '-', not starting or ending with '-'")


@functools.cache
def _defined(enum_type: EnumTypeWrapper) -> frozenset[int]:
    return frozenset(enum_type.values())


def enum(violations: Violations, field: str, value: int, enum_type: EnumTypeWrapper, required: bool = True) -> int:
    """A defined, non-UNSPECIFIED value of the enum (0 allowed when not required); 0 when it is not."""
    if value == 0 and not required:
        return 0
    if value == 0 or value not in _defined(enum_type):
        violations.add(field, f"must be one of {', '.join(n for n in enum_type.keys() if not n.endswith('_UNSPECIFIED'))}")
        return 0
    return value


def plan_sectors(violations: Violations, field: str, values: Sequence[int]) -> tuple[int, ...]:
    chosen = tuple(values)  # read out of the request once
    for index, value in enumerate(chosen):
        enum(violations, f"{field}[{index}]", value, plan.PlanSector)
    violations.check(len(set(chosen)) == len(chosen), field, "each sector at most once")
    return chosen


def year(violations: Violations, field: str, value: int, years: Sequence[int] = ()) -> int:
    """A year of the plan when `years` is given, otherwise 2000 to 2100."""
    if years:
        violations.check(value in years, field, f"must be one of the plan's years {', '.join(map(str, years))}")
    else:
        violations.check(MIN_YEAR <= value <= MAX_YEAR, field, f"must be from {MIN_YEAR} to {MAX_YEAR}")
    return value


def plan_year(violations: Violations, field: str, value: int) -> int:
    return year(violations, field, value, PLAN_YEARS)


def optional_text(violations: Violations, field: str, value: str, max_length: int = validation.MAX_TEXT) -> str:
    violations.check(len(value) <= max_length, field, f"at most {max_length} characters")
    return value.strip()


def text(violations: Violations, field: str, value: str, max_length: int = validation.MAX_TEXT) -> str:
    validation.check_text(violations, field, value, max_length)
    return value.strip()


def not_before(violations: Violations, field: str, later: date | None, earlier: date | None, earlier_field: str) -> None:
    if later and earlier:
        violations.check(later >= earlier, field, f"must not be before {earlier_field}")


def industry_and_sectors(violations: Violations, section: str, division: str, sectors: Sequence[int],
                         prefix: str = "") -> tuple[int, ...]:
    """GB/T 4754-2017 section (and division within it), and plan sectors that fit them."""
    known_section = industry.is_section(section)
    if not known_section:
        violations.add(f"{prefix}industry_section", "must be a GB/T 4754-2017 section letter A to T")
    elif division and not industry.division_in_section(section, division):
        violations.add(f"{prefix}industry_division", f"not a GB/T 4754-2017 division of section {section}: {division[:10]!r}")
    chosen = plan_sectors(violations, f"{prefix}plan_sectors", sectors)
    if known_section:
        defined = _defined(plan.PlanSector)
        for index, sector in enumerate(chosen):
            if sector in defined and not industry.sector_fits(sector, section, division):
                violations.add(f"{prefix}plan_sectors[{index}]",
                               f"{plan.PlanSector.Name(sector)} does not fit GB/T 4754 {section}{division}")
    return chosen


def standard_number(violations: Violations, field: str, value: str, form: re.Pattern[str], what: str) -> str:
    """A standard number of the given form, normalized (upper case, an em dash before the year)."""
    normalized = numbers.normalize(value)
    if not form.fullmatch(normalized):
        violations.add(field, f"not {what}: {value[:60]!r}")
    return normalized


def declaration_content(violations: Violations, field: str, content: events.DeclarationContent) -> events.DeclarationContent:
    """The content of a self-declaration, normalized; indicators are required for a `Q/` standard."""
    checked = events.DeclarationContent()
    checked.CopyFrom(content)
    kind = enum(violations, f"{field}.kind", content.kind, events.DeclaredStandardKind)
    form = numbers.DECLARED_FORMS.get(kind)
    if form is not None:
        kind_name = events.DeclaredStandardKind.Name(kind).removeprefix("DECLARED_STANDARD_KIND_").lower()
        checked.standard_number = standard_number(
            violations, f"{field}.standard_number", content.standard_number, form, f"the number of a {kind_name} standard")
    checked.standard_name = text(violations, f"{field}.standard_name", content.standard_name, MAX_NAME)
    violations.check(1 <= len(content.products) <= MAX_ITEMS, f"{field}.products", f"1 to {MAX_ITEMS} products")
    for index, product in enumerate(content.products):
        checked.products[index].name = text(violations, f"{field}.products[{index}].name", product.name, MAX_NAME)
        for part in ("generic_name", "brand", "model", "specification"):
            optional_text(violations, f"{field}.products[{index}].{part}", getattr(product, part), MAX_NAME)
    if kind == events.DECLARED_STANDARD_KIND_ENTERPRISE:
        violations.check(bool(content.indicators), f"{field}.indicators",
                         "required for an enterprise's own standard: its functional and performance indicators")
    violations.check(len(content.indicators) <= MAX_ITEMS, f"{field}.indicators", f"at most {MAX_ITEMS} indicators")
    for index, indicator in enumerate(content.indicators):
        where = f"{field}.indicators[{index}]"
        checked.indicators[index].name = text(violations, f"{where}.name", indicator.name, MAX_NAME)
        checked.indicators[index].unit = text(violations, f"{where}.unit", indicator.unit, 50)
        violations.check(math.isfinite(indicator.value), f"{where}.value", "must be a finite number")
        enum(violations, f"{where}.kind", indicator.kind, events.IndicatorKind)
        optional_text(violations, f"{where}.test_method", indicator.test_method, MAX_NAME)
    plan_sectors(violations, f"{field}.plan_sectors", content.plan_sectors)
    checked.key_field = optional_text(violations, f"{field}.key_field", content.key_field, MAX_NAME)
    return checked


def trainees(violations: Violations, field: str, values: Sequence[events.Trainee], required: bool) -> list[events.Trainee]:
    """Trainees with a name and a valid `enterprises/{uscc}`, none twice."""
    if required:
        violations.check(bool(values), field, "at least one trainee")
    violations.check(len(values) <= MAX_ITEMS, field, f"at most {MAX_ITEMS} trainees")
    checked = [events.Trainee(person_name=text(violations, f"{field}[{i}].person_name", t.person_name, 100),
                              enterprise=enterprise(violations, f"{field}[{i}].enterprise", t.enterprise))
               for i, t in enumerate(values)]
    keys = [(t.person_name, t.enterprise) for t in checked]
    violations.check(len(set(keys)) == len(keys), field, "each trainee (name and enterprise) at most once")
    return checked


def language(violations: Violations, field: str, value: str) -> str:
    """A BCP 47 tag of a foreign language: a foreign-language version is not in Chinese."""
    if not LANGUAGE_TAG.fullmatch(value):
        violations.add(field, f"not a BCP 47 language tag: {value[:20]!r}")
    elif value.split("-")[0] == "zh":
        violations.add(field, "a foreign-language version is not in Chinese")
    return value


def within_year(value: int) -> dict[str, str]:
    """The condition on a `YYYY-MM-DD` field for one calendar year."""
    return {"$gte": f"{value:04d}-01-01", "$lte": f"{value:04d}-12-31"}
