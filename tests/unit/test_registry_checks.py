"""The registry's edge checks and data: standard numbers, GB/T 4754 sections and the plan's sectors,
resource names, declaration content, and the policy's defaults and overrides."""
from __future__ import annotations

from fractions import Fraction

import pytest

from fedstd.registry.v1 import events_pb2 as events
from fedstd.type.v1 import plan_pb2 as plan
from services.common.errors import Violations
from services.demo import synthetic_uscc
from services.registry import checks, industry, names, numbers
from services.registry.policy import PolicyError, RegistryPolicy

EM = "\u2014"


def fields(violations: Violations) -> list[str]:
    return [v.field for v in violations.items]


@pytest.mark.parametrize(("written", "normal"), [
    ("T/NMB 14-2023", f"T/NMB 14{EM}2023"),
    ("t/nmb  14 \u2013 2023", f"T/NMB 14{EM}2023"),
    (f"T/CHEAA 0001{EM}2017", f"T/CHEAA 0001{EM}2017"),
    ("q/abc/j 0001-21", f"Q/ABC/J 0001{EM}21"),
    ("GB/T 27925-2011", f"GB/T 27925{EM}2011"),
])
def test_numbers_are_normalized_to_an_em_dash_before_the_year(written: str, normal: str) -> None:
    assert numbers.normalize(written) == normal


@pytest.mark.parametrize(("kind", "number", "fits"), [
    (events.DECLARED_STANDARD_KIND_ENTERPRISE, f"Q/XXX 0001{EM}2021", True),
    (events.DECLARED_STANDARD_KIND_ENTERPRISE, f"Q/XXX/G A-12{EM}21", True),
    (events.DECLARED_STANDARD_KIND_ENTERPRISE, f"GB/T 1{EM}2021", False),
    (events.DECLARED_STANDARD_KIND_GROUP, f"T/NMB 14{EM}2023", True),
    (events.DECLARED_STANDARD_KIND_GROUP, f"T/NMB{EM}2023", False),
    (events.DECLARED_STANDARD_KIND_NATIONAL, f"GB 2760{EM}2014", True),
    (events.DECLARED_STANDARD_KIND_NATIONAL, f"GB/Z 43194{EM}2023", True),
    (events.DECLARED_STANDARD_KIND_NATIONAL, f"DB15/T 1508{EM}2024", False),
    (events.DECLARED_STANDARD_KIND_INDUSTRY, f"SB/T 10001{EM}2019", True),
    (events.DECLARED_STANDARD_KIND_INDUSTRY, f"QB/T 1006{EM}2014", True),
    (events.DECLARED_STANDARD_KIND_INDUSTRY, f"GB/T 1{EM}2019", False),
    (events.DECLARED_STANDARD_KIND_INDUSTRY, f"DB/T 1{EM}2019", False),
    (events.DECLARED_STANDARD_KIND_LOCAL, f"DB15/T 1508{EM}2024", True),
    (events.DECLARED_STANDARD_KIND_LOCAL, f"DB11/T 1{EM}2024", True),
])
def test_each_declared_kind_has_its_number_form(kind: int, number: str, fits: bool) -> None:
    assert bool(numbers.DECLARED_FORMS[kind].fullmatch(number)) == fits


def test_converted_numbers_match_their_level_and_a_local_one_is_inner_mongolias() -> None:
    assert numbers.CONVERTED_FORMS[events.STANDARD_LEVEL_LOCAL].fullmatch(f"DB15/T 1508{EM}2024")
    assert not numbers.CONVERTED_FORMS[events.STANDARD_LEVEL_LOCAL].fullmatch(f"DB11/T 1508{EM}2024")
    assert numbers.CONVERTED_FORMS[events.STANDARD_LEVEL_NATIONAL].fullmatch(f"GB/T 27925{EM}2011")
    assert not numbers.CONVERTED_FORMS[events.STANDARD_LEVEL_INDUSTRY].fullmatch(f"T/NMB 14{EM}2023")


def test_group_standard_numbers_and_their_claims() -> None:
    assert numbers.group_standard_number("NMB", 14, 2023) == f"T/NMB 14{EM}2023"
    assert numbers.group_standard_number("CHEAA", 1, 2017, digits=4) == f"T/CHEAA 0001{EM}2017"
    # Zero padding does not make another number: both spellings claim the same stream.
    assert names.group_standard_number_claim("NMB", 14, 2023) == "standardNumbers/T-NMB-14-2023"
    claim = names.declared_number_claim("X", f"Q/ABC 1{EM}2021")
    assert claim.startswith("enterprises/X/declaredStandards/Q%2FABC") and claim.count("/") == 3


def test_gbt4754_sections_are_contiguous_runs_of_the_97_divisions() -> None:
    covered = [d for first, last in industry.SECTIONS.values() for d in range(first, last + 1)]
    assert sorted(covered) == list(range(1, 98)) and len(industry.SECTIONS) == 20
    assert industry.division_in_section("C", "13") and industry.division_in_section("C", "43")
    assert not industry.division_in_section("C", "44") and not industry.division_in_section("C", "7")


@pytest.mark.parametrize(("sector", "section", "division", "fits"), [
    (plan.PLAN_SECTOR_MANUFACTURING, "C", "", True),
    (plan.PLAN_SECTOR_MANUFACTURING, "H", "", False),
    (plan.PLAN_SECTOR_CULTURE_TOURISM, "R", "88", True),
    (plan.PLAN_SECTOR_CULTURE_TOURISM, "L", "72", True),
    (plan.PLAN_SECTOR_CULTURE_TOURISM, "L", "71", False),
    (plan.PLAN_SECTOR_CULTURE_TOURISM, "N", "78", True),
    (plan.PLAN_SECTOR_ELDERLY_CARE, "Q", "85", True),
    (plan.PLAN_SECTOR_ELDERLY_CARE, "O", "80", True),
    (plan.PLAN_SECTOR_ELDERLY_CARE, "Q", "84", False),
    (plan.PLAN_SECTOR_HEALTH, "Q", "84", True),
    (plan.PLAN_SECTOR_FARMING_HUSBANDRY, "A", "02", False),
    (plan.PLAN_SECTOR_FARMING_HUSBANDRY, "A", "", True),
    (plan.PLAN_SECTOR_BUSINESS_SERVICES, "L", "72", True),
])
def test_plan_sectors_span_sections_and_divisions_many_to_many(sector: int, section: str, division: str, fits: bool) -> None:
    assert industry.sector_fits(sector, section, division) == fits


def test_every_plan_sector_has_a_scope() -> None:
    assert set(industry.SECTOR_SCOPE) == {v for v in plan.PlanSector.values() if v}


def test_industry_and_sectors_name_each_bad_field() -> None:
    violations = Violations()
    assert checks.industry_and_sectors(violations, "C", "14", [plan.PLAN_SECTOR_MANUFACTURING]) == (plan.PLAN_SECTOR_MANUFACTURING,)
    assert violations.items == []
    checks.industry_and_sectors(violations, "C", "62", [plan.PLAN_SECTOR_MANUFACTURING, plan.PLAN_SECTOR_HEALTH, 99])
    assert fields(violations) == ["industry_division", "plan_sectors[2]", "plan_sectors[1]"]
    violations = Violations()
    checks.industry_and_sectors(violations, "c", "", [plan.PLAN_SECTOR_MANUFACTURING, plan.PLAN_SECTOR_MANUFACTURING])
    assert fields(violations) == ["industry_section", "plan_sectors"]


def test_enums_are_defined_and_not_unspecified() -> None:
    violations = Violations()
    assert checks.enum(violations, "a", events.SIZE_CLASS_SMALL, events.SizeClass) == events.SIZE_CLASS_SMALL
    assert checks.enum(violations, "b", 0, events.SizeClass, required=False) == 0
    assert checks.enum(violations, "c", 0, events.SizeClass) == 0
    assert checks.enum(violations, "d", 42, events.SizeClass, required=False) == 0
    assert fields(violations) == ["c", "d"]
    assert "SIZE_CLASS_MICRO" in violations.items[0].description


def test_resource_names_and_ids() -> None:
    uscc = synthetic_uscc("150100", 1)
    assert names.GROUP_STANDARD.fullmatch("chambers/NMB/groupStandards/14-2023")["standard_id"] == "14-2023"
    assert names.LEADER.fullmatch("chambers/NMB/groupStandards/x/leaders/2023")["group_standard"] == "chambers/NMB/groupStandards/x"
    assert names.forerunner_entry_name("forerunners/2022/milk", f"enterprises/{uscc}/declarations/d1") == \
        f"forerunners/2022/milk/entries/{uscc}-d1"
    violations = Violations()
    for value in ("ok", "a-1", "14-2023", "x" * 63):
        checks.resource_id(violations, value, value)
    for value in ("", "-a", "a-", "A", "a_b", "x" * 64):
        checks.resource_id(violations, f"bad {value}", value)
    assert all(f.startswith("bad") for f in fields(violations)) and len(violations.items) == 6
    assert checks.enterprise(violations, "e", f"enterprises/{uscc.lower()}") == f"enterprises/{uscc}"


def test_declaration_content_is_normalized_and_checked_per_kind() -> None:
    violations = Violations()
    content = events.DeclarationContent(
        standard_number=" t/nmb 14-2023 ", standard_name=" 老字号 ", kind=events.DECLARED_STANDARD_KIND_GROUP,
        products=[events.DeclaredProduct(name=" 服务 ")], key_field=" 乳制品 ")
    checked = checks.declaration_content(violations, "content", content)
    assert violations.items == []
    assert (checked.standard_number, checked.standard_name, checked.products[0].name, checked.key_field) == (
        f"T/NMB 14{EM}2023", "老字号", "服务", "乳制品")
    own = events.DeclarationContent(standard_number="Q/X 1-2021", standard_name="n", kind=events.DECLARED_STANDARD_KIND_ENTERPRISE,
                                    products=[events.DeclaredProduct(name="p")])
    checks.declaration_content(violations, "content", own)
    assert fields(violations) == ["content.indicators"]  # the law requires them for an own standard


def test_languages_are_foreign_bcp47_tags() -> None:
    violations = Violations()
    for tag in ("en", "mn", "ru", "mn-Mong", "en-GB"):
        checks.language(violations, tag, tag)
    assert violations.items == []
    for tag in ("zh", "zh-Hans", "EN", "english", ""):
        checks.language(violations, tag, tag)
    assert fields(violations) == ["zh", "zh-Hans", "EN", "english", ""]


def test_policy_defaults_and_environment_overrides() -> None:
    default = RegistryPolicy.from_env({})
    assert default == RegistryPolicy(min_comment_days=30, review_pass_share=Fraction(3, 4), min_reviewers=5,
                                     review_cycle_years=5, forerunner_validity_years=1)
    configured = RegistryPolicy.from_env({
        "FEDSTD_GROUP_STANDARD_MIN_COMMENT_DAYS": "40", "FEDSTD_GROUP_STANDARD_REVIEW_PASS_SHARE": "4/5",
        "FEDSTD_GROUP_STANDARD_MIN_REVIEWERS": "3", "FEDSTD_GROUP_STANDARD_REVIEW_CYCLE_YEARS": "2",
        "FEDSTD_FORERUNNER_VALIDITY_YEARS": "2"})
    assert configured == RegistryPolicy(40, Fraction(4, 5), 3, 2, 2)


@pytest.mark.parametrize("env", [
    {"FEDSTD_GROUP_STANDARD_MIN_COMMENT_DAYS": "0"},
    {"FEDSTD_GROUP_STANDARD_MIN_COMMENT_DAYS": "thirty"},
    {"FEDSTD_GROUP_STANDARD_REVIEW_PASS_SHARE": "3/2"},
    {"FEDSTD_GROUP_STANDARD_REVIEW_PASS_SHARE": "1/0"},
    {"FEDSTD_GROUP_STANDARD_MIN_REVIEWERS": "0"},
    {"FEDSTD_GROUP_STANDARD_REVIEW_CYCLE_YEARS": "0"},
])
def test_a_policy_that_cannot_be_right_is_refused(env: dict[str, str]) -> None:
    with pytest.raises(PolicyError):
        RegistryPolicy.from_env(env)
