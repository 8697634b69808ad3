"""Resource names of the registry (AIP-122): one stream per resource, the stream id is the name.

Each pattern has a builder and a regex that parses it back; the API checks names with these. The
names other services refer to (chambers, enterprises, group standards, declarations) are parsed
with the shared patterns of `services.common.names`.
"""
from __future__ import annotations

import re
from urllib.parse import quote

from services.common.names import CHAMBER, DECLARATION, ENTERPRISE, GROUP_STANDARD, ID  # noqa: F401 (the registry reads them here)

FEDERATION = re.compile(r"federations/(?P<division_code>\d{6})")
COMMITTEE_MEMBER = re.compile(rf"committee/members/(?P<member_id>{ID})")
LEADER = re.compile(rf"(?P<group_standard>{GROUP_STANDARD.pattern})/leaders/(?P<year>\d{{4}})")
TRAINING_BATCH = re.compile(rf"trainingBatches/(?P<batch_id>{ID})")
FORERUNNER_SCHEME = re.compile(r"forerunnerSchemes/(?P<scheme_id>[a-z0-9][a-z0-9-]{0,63})")


def federation_name(division_code: str) -> str:
    return f"federations/{division_code}"


def committee_member_name(member_id: str) -> str:
    return f"committee/members/{member_id}"


def chamber_name(org_code: str) -> str:
    return f"chambers/{org_code}"


def enterprise_name(uscc: str) -> str:
    return f"enterprises/{uscc}"


def group_standard_name(org_code: str, standard_id: str) -> str:
    return f"chambers/{org_code}/groupStandards/{standard_id}"


def leader_name(group_standard: str, year: int) -> str:
    return f"{group_standard}/leaders/{year}"


def declaration_name(uscc: str, declaration_id: str) -> str:
    return f"enterprises/{uscc}/declarations/{declaration_id}"


def training_batch_name(batch_id: str) -> str:
    return f"trainingBatches/{batch_id}"


def forerunner_list_name(year: int, scheme_id: str) -> str:
    return f"forerunners/{year}/{scheme_id}"


def forerunner_entry_name(forerunner_list: str, declaration: str) -> str:
    """`forerunners/{year}/{scheme_id}/entries/{uscc}-{declaration_id}`."""
    match = DECLARATION.fullmatch(declaration)
    assert match is not None, declaration
    return f"{forerunner_list}/entries/{match['uscc']}-{match['declaration_id']}"


def forerunner_link_name(assessment: str) -> str:
    return f"forerunnerAssessments/{assessment}"


def group_standard_number_claim(org_code: str, sequence: int, year: int) -> str:
    """The claim stream of `T/<org> NNN—YYYY`: zero padding does not make another number."""
    return f"standardNumbers/T-{org_code}-{sequence}-{year}"


def declared_number_claim(uscc: str, number: str) -> str:
    """The claim stream of a standard number one enterprise declares (the number percent-encoded)."""
    return f"enterprises/{uscc}/declaredStandards/{quote(number, safe='')}"

