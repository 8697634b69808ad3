"""Standard numbers: the printed forms of the levels a standard can have, and their normal form.

The year is printed after an em dash (`T/NMB 14—2023`); a hyphen or en dash is accepted and
normalized to it. Forms (domain brief §2.2, §3.1):

* enterprise  `Q/<code>[/<category>] <sequence>—<yy or yyyy>` (`Q/XXX 0001—2021`)
* group       `T/<org code> <sequence>—<yyyy>` (`T/NMB 14—2023`)
* national    `GB <n>—<yyyy>`, `GB/T …`, `GB/Z …`
* industry    two letters other than GB/DB, then optionally `/T` or `/Z` (`SB/T 10001—2019`)
* local       `DB<province>[/T] …`; Inner Mongolia's province code is 15 (`DB15/T 1508—2024`)
"""
from __future__ import annotations

import re

from fedstd.registry.v1 import events_pb2 as events

EM_DASH = "\u2014"
_YEAR_DASH = re.compile(r"\s*[\u2014\u2013-]\s*(\d{2}|\d{4})$")
_NUMBERED = r"\s*\d{1,6}(?:\.\d{1,3})*" + EM_DASH + r"\d{4}"

ENTERPRISE = re.compile(r"Q/[A-Z0-9]+(?:/[A-Z0-9-]+)?\s*\S+" + EM_DASH + r"(?:\d{2}|\d{4})")
GROUP = re.compile(r"T/(?P<org_code>[A-Z][A-Z0-9]{1,15})\s+\d{1,4}(?:\.\d+)?" + EM_DASH + r"\d{4}")
NATIONAL = re.compile(r"GB(?:/[TZ])?" + _NUMBERED)
INDUSTRY = re.compile(r"(?!GB|DB)[A-Z]{2}(?:/[TZ])?" + _NUMBERED)
LOCAL = re.compile(r"DB\d{2}(?:/T)?" + _NUMBERED)
INNER_MONGOLIA_LOCAL = re.compile(r"DB15(?:/T)?" + _NUMBERED)

#: The form each declared kind of standard must have.
DECLARED_FORMS = {
    events.DECLARED_STANDARD_KIND_ENTERPRISE: ENTERPRISE,
    events.DECLARED_STANDARD_KIND_GROUP: GROUP,
    events.DECLARED_STANDARD_KIND_NATIONAL: NATIONAL,
    events.DECLARED_STANDARD_KIND_INDUSTRY: INDUSTRY,
    events.DECLARED_STANDARD_KIND_LOCAL: LOCAL,
}
#: The form a group standard converted to each level takes (a local one: of Inner Mongolia).
CONVERTED_FORMS = {
    events.STANDARD_LEVEL_NATIONAL: NATIONAL,
    events.STANDARD_LEVEL_INDUSTRY: INDUSTRY,
    events.STANDARD_LEVEL_LOCAL: INNER_MONGOLIA_LOCAL,
}


def normalize(number: str) -> str:
    """Upper case, single spaces, and an em dash before the year."""
    compact = " ".join(number.split()).upper()
    return _YEAR_DASH.sub(lambda m: EM_DASH + m.group(1), compact)


def group_standard_number(org_code: str, sequence: int, year: int, digits: int = 0) -> str:
    """`T/<org> NNN—YYYY`, the sequence zero-padded to `digits`."""
    return f"T/{org_code} {sequence:0{digits}d}{EM_DASH}{year}"
