"""Edge checks of services.common.validation: dates, codes, page sizes and page tokens."""
from __future__ import annotations

import base64
import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from services.common import uscc, validation
from services.common.errors import FieldViolation, ValidationError, Violations
from services.demo import synthetic_uscc

LEAGUE_CODES = [
    "150100", "150200", "150300", "150400", "150500", "150600",
    "150700", "150800", "150900", "152200", "152500", "152900",
]


def _fields(violations: Violations) -> list[str]:
    return [v.field for v in violations.items]


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(("value", "expected"), [("2023-07-24", date(2023, 7, 24)), ("2024-02-29", date(2024, 2, 29))])
def test_check_date_accepts_civil_dates(value: str, expected: date) -> None:
    violations = Violations()
    assert validation.check_date(violations, "published_on", value) == expected
    assert violations.items == []


@pytest.mark.parametrize(
    "value",
    [
        "2023-13-01",  # bad month
        "2023-00-10",
        "2023-02-29",  # not a leap year
        "2023-04-31",
        "2023/07/24",  # wrong format
        "24-07-2023",
        "2023-7-24",
        "20230724",
        "2023-07-24T00:00:00",
        "2023-W30-1",  # an ISO week date is ten characters too
        "2023-07-24\n",
        "２０２３-07-24",  # full-width digits
        "yesterday",
    ],
)
def test_check_date_refuses_anything_but_yyyy_mm_dd(value: str) -> None:
    violations = Violations()
    assert validation.check_date(violations, "published_on", value) is None
    assert _fields(violations) == ["published_on"]
    assert "YYYY-MM-DD" in violations.items[0].description


def test_check_date_empty_required_and_optional() -> None:
    violations = Violations()
    assert validation.check_date(violations, "published_on", "") is None
    assert violations.items == [FieldViolation("published_on", "required: a date as YYYY-MM-DD")]

    optional = Violations()
    assert validation.check_date(optional, "effective_on", "", required=False) is None
    assert optional.items == []


# ---------------------------------------------------------------- USCC


def test_synthetic_uscc_is_valid_and_returned_compacted() -> None:
    code = synthetic_uscc("150100", 42)
    assert len(code) == 18 and code.startswith("91150100")
    violations = Violations()
    assert validation.check_uscc(violations, "uscc", code) == code
    assert validation.check_uscc(violations, "uscc", f" {code[:8]} {code[8:]} ") == code
    assert violations.items == []


def test_uscc_with_a_wrong_check_digit_is_refused() -> None:
    code = synthetic_uscc("150100", 42)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    violations = Violations()
    assert validation.check_uscc(violations, "uscc", wrong) == ""
    assert _fields(violations) == ["uscc"]
    assert "check" in violations.items[0].description.lower()


@pytest.mark.parametrize("value", ["", "91150100", "9115010000000004", "9115010000000000420"])
def test_uscc_of_the_wrong_length_is_refused(value: str) -> None:
    violations = Violations()
    assert validation.check_uscc(violations, "uscc", value) == ""
    assert _fields(violations) == ["uscc"]
    assert "length" in violations.items[0].description


def test_lowercase_uscc_is_accepted_and_upper_cased() -> None:
    body = "91150100MA0N1234X"
    code = body + stdnum_uscc.calc_check_digit(body)
    violations = Violations()
    assert validation.check_uscc(violations, "uscc", code.lower()) == code
    assert violations.items == []


# ---------------------------------------------------------------- divisions


@pytest.mark.parametrize("code", LEAGUE_CODES)
def test_the_twelve_league_codes_are_accepted(code: str) -> None:
    violations = Violations()
    validation.check_league(violations, "league_code", code)
    assert violations.items == []
    assert validation.league_of_division(violations, "division_code", code) == code
    assert violations.items == []


@pytest.mark.parametrize("code", ["150102", "150000", "151000", "110100", "", "15010", "1501000"])
def test_check_league_refuses_counties_the_region_and_unknown_codes(code: str) -> None:
    violations = Violations()
    validation.check_league(violations, "league_code", code)
    assert _fields(violations) == ["league_code"]


def test_league_of_division_maps_a_county_to_its_league() -> None:
    violations = Violations()
    assert validation.league_of_division(violations, "division_code", "150102") == "150100"
    assert validation.league_of_division(violations, "division_code", "152921") == "152900"
    assert violations.items == []


@pytest.mark.parametrize("code", ["150000", "110101", "999999", ""])
def test_league_of_division_refuses_the_region_and_unknown_codes(code: str) -> None:
    violations = Violations()
    assert validation.league_of_division(violations, "division_code", code) == ""
    assert _fields(violations) == ["division_code"]


# ---------------------------------------------------------------- org codes and text


@pytest.mark.parametrize("value", ["NMB", "NM", "A1", "NMBPA2023", "A" * 16])
def test_org_codes_accepted(value: str) -> None:
    violations = Violations()
    validation.check_org_code(violations, "org_code", value)
    assert violations.items == []


@pytest.mark.parametrize("value", ["", "N", "nmb", "1NMB", "NM-B", "NM B", "A" * 17, "NMB\n", "ＮＭＢ"])
def test_org_codes_refused(value: str) -> None:
    violations = Violations()
    validation.check_org_code(violations, "org_code", value)
    assert _fields(violations) == ["org_code"]


def test_check_text_required_and_max_length() -> None:
    violations = Violations()
    validation.check_text(violations, "title", "呼和浩特老字号评定规范")
    validation.check_text(violations, "title", "x" * validation.MAX_TEXT)
    assert violations.items == []
    validation.check_text(violations, "title", "   ")
    validation.check_text(violations, "evaluator", "x" * 201, max_length=200)
    assert violations.items == [
        FieldViolation("title", "required"),
        FieldViolation("evaluator", "at most 200 characters"),
    ]


# ---------------------------------------------------------------- paging


@pytest.mark.parametrize(
    ("requested", "served"),
    [(0, validation.DEFAULT_PAGE_SIZE), (1, 1), (50, 50), (1000, 1000), (1001, 1000), (10**9, 1000)],
)
def test_page_size_bounds(requested: int, served: int) -> None:
    assert validation.page_size(requested) == served


def test_negative_page_size_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        validation.page_size(-1)
    assert [v.field for v in caught.value.violations] == ["page_size"]


@pytest.mark.parametrize("query", [{}, {"league_code": "150100"}, {"league_code": "152900", "year": 2022}])
def test_page_token_round_trip(query: dict) -> None:
    token = validation.encode_page_token("chambers/NMB/groupStandards/14-2023", query)
    assert isinstance(token, str) and token
    assert validation.decode_page_token(token, dict(query)) == "chambers/NMB/groupStandards/14-2023"


def test_an_empty_page_token_starts_at_the_beginning() -> None:
    assert validation.decode_page_token("", {"league_code": "150100"}) == ""


def _token(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize(
    "token",
    [
        "not a token",
        "%%%%",
        "abc",  # bad padding
        base64.urlsafe_b64encode(b"\xff\xfe\x00garbage").decode(),
        base64.urlsafe_b64encode(b"{not json").decode(),
        _token(["k", "q"]),
        _token("just a string"),
        _token({"k": "x"}),  # no filters
        _token({"q": {}}),  # no key
        validation.encode_page_token("k", {})[:-4],  # truncated
    ],
)
def test_a_corrupt_page_token_is_invalid_argument_on_page_token(token: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validation.decode_page_token(token, {})
    assert [v.field for v in caught.value.violations] == ["page_token"]
    assert "not a page token" in caught.value.violations[0].description


def test_a_page_token_reused_with_other_filters_is_refused() -> None:
    token = validation.encode_page_token("k", {"league_code": "150100"})
    for other in ({"league_code": "150200"}, {}, {"league_code": "150100", "year": 2022}):
        with pytest.raises(ValidationError) as caught:
            validation.decode_page_token(token, other)
        assert [v.field for v in caught.value.violations] == ["page_token"]
        assert "filters differ" in caught.value.violations[0].description


# ---------------------------------------------------------------- Violations


def test_violations_collect_every_problem_before_raising() -> None:
    violations = Violations()
    validation.check_org_code(violations, "org_code", "bad code")
    validation.check_league(violations, "league_code", "150102")
    validation.check_date(violations, "published_on", "2023-02-30")
    validation.check_uscc(violations, "uscc", "123")
    assert violations.check(True, "sequence", "never recorded") is True
    assert violations.check(False, "year", "must be from 2000 to 2100") is False

    with pytest.raises(ValidationError) as caught:
        violations.raise_if_any()
    error = caught.value
    assert [v.field for v in error.violations] == ["org_code", "league_code", "published_on", "uscc", "year"]
    message = str(error)
    for field in ("org_code", "league_code", "published_on", "uscc", "year"):
        assert f"{field}: " in message
    assert "sequence" not in message


def test_no_violations_raise_nothing() -> None:
    violations = Violations()
    validation.check_org_code(violations, "org_code", "NMB")
    violations.raise_if_any()
    assert violations.items == []



@given(st.one_of(
    st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXYZIOSV -abc", max_size=22),
    st.tuples(st.from_regex(r"[0-9]{8}[0-9A-HJ-NP-RTUWXY]{9}", fullmatch=True), st.sampled_from(uscc.ALPHABET))
    .map("".join)))
def test_the_uscc_check_agrees_with_python_stdnum(value: str) -> None:
    """GB 32100-2015 as fedstd checks it, against an independent implementation of the standard."""
    try:
        ours: str | None = uscc.validate(value)
    except uscc.InvalidUscc:
        ours = None
    theirs = stdnum_uscc.validate(value) if stdnum_uscc.is_valid(value) else None
    assert ours == theirs
