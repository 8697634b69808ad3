"""Resource names every service parses (AIP-122): the registry's resources that others refer to, and
the edge check that turns a name into its parts or a field violation.

The registry owns these resources; the assessment (and any later service) names them in its
requests, so both parse them with the same patterns here.
"""
from __future__ import annotations

import re

from services.common.errors import Violations

#: A caller-chosen id: 1 to 63 lower-case letters, digits or `-`, not starting or ending with `-`.
ID = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
ORG = r"[A-Z][A-Z0-9]{1,15}"
USCC = r"[0-9A-Z]{18}"

CHAMBER = re.compile(rf"chambers/(?P<org_code>{ORG})")
ENTERPRISE = re.compile(rf"enterprises/(?P<uscc>{USCC})")
GROUP_STANDARD = re.compile(rf"chambers/(?P<org_code>{ORG})/groupStandards/(?P<standard_id>{ID})")
DECLARATION = re.compile(rf"enterprises/(?P<uscc>{USCC})/declarations/(?P<declaration_id>{ID})")


def check_name(violations: Violations, field: str, value: str, pattern: re.Pattern[str], form: str) -> re.Match[str] | None:
    """The parts of `value` when it is a name of `pattern`; otherwise None, and a violation showing `form`."""
    match = pattern.fullmatch(value)
    if match is None:
        violations.add(field, f"must look like {form}: {value[:80]!r}")
    return match
