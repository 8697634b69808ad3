"""Checks of codes, numbers and dates at the edge, and page tokens (AIP-158)."""
from __future__ import annotations

import base64
import binascii
import functools
import json
import re
from datetime import date


from services.common import divisions, uscc
from services.common.errors import ValidationError, FieldViolation, Violations

ORG_CODE = re.compile(r"[A-Z][A-Z0-9]{1,15}")
#: Exactly `YYYY-MM-DD` in ASCII digits: `date.fromisoformat` alone also takes ISO week dates
#: such as `2023-W01-1`, which has the same length.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 50
MAX_TEXT = 500


def check_date(violations: Violations, field: str, value: str, required: bool = True) -> date | None:
    """An ISO 8601 civil date `YYYY-MM-DD`."""
    if not value:
        violations.check(not required, field, "required: a date as YYYY-MM-DD")
        return None
    try:
        if not ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        violations.add(field, f"not a date as YYYY-MM-DD: {value[:40]!r}")
        return None


def check_text(violations: Violations, field: str, value: str, max_length: int = MAX_TEXT) -> None:
    if not value.strip():
        violations.add(field, "required")
    elif len(value) > max_length:
        violations.add(field, f"at most {max_length} characters")


def check_league(violations: Violations, field: str, code: str) -> None:
    """One of the 12 league/city codes of GB/T 2260 (by lookup in the shipped table)."""
    if not divisions.is_league(code):
        violations.add(field, f"not one of the 12 league/city codes of Inner Mongolia: {code[:20]!r}")


def league_of_division(violations: Violations, field: str, code: str) -> str:
    """The league of a league or banner/county code; '' (with a violation) when unknown."""
    league = _leagues_of_divisions().get(code)
    if league is None:
        violations.add(field, f"not a GB/T 2260 league/city or banner/county code of Inner Mongolia: {code[:20]!r}")
        return ""
    return league


@functools.cache
def _leagues_of_divisions() -> dict[str, str]:
    """Each league and banner/county code to its league, from the table once: one lookup per registration
    (an import checks thousands a second)."""
    return {division.code: league.code
            for league in divisions.leagues() for division in (league, *divisions.counties(league.code))}


def check_uscc(violations: Violations, field: str, value: str) -> str:
    """An 18-character unified social credit code with a valid check digit; returns it compacted."""
    try:
        return uscc.validate(value)
    except uscc.InvalidUscc as exc:
        violations.add(field, f"not a valid unified social credit code: {exc}")
        return ""


def check_org_code(violations: Violations, field: str, value: str) -> None:
    if not ORG_CODE.fullmatch(value):
        violations.add(field, "2 to 16 upper-case letters or digits, starting with a letter")


def page_size(value: int) -> int:
    if value < 0:
        raise ValidationError([FieldViolation("page_size", "must not be negative")])
    return min(value or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)


def encode_page_token(last_key: str, query: dict) -> str:
    """An opaque token: the last key served and the filters it was served for."""
    return base64.urlsafe_b64encode(json.dumps({"k": last_key, "q": query}).encode()).decode()


def decode_page_token(token: str, query: dict) -> str:
    """The key to continue after; INVALID_ARGUMENT when the token is corrupt or the filters changed."""
    if not token:
        return ""
    try:
        payload = json.loads(base64.urlsafe_b64decode(token.encode()))
        if payload["q"] != query:
            raise ValidationError([FieldViolation("page_token", "the filters differ from the request that made this token")])
        return str(payload["k"])
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ValidationError([FieldViolation("page_token", "not a page token returned by this method")]) from None
